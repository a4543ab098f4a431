"""What a reader does on the site, done in headless Chromium (issue 16, items 1, 3, 8, 9, 10).

Each task is a function that performs it on a served site and returns what went wrong
(an empty list when the reader succeeds).  Every task runs on the built site and once
more on a deliberately broken copy of a page, script or stylesheet (served in place of
the real one by ``_browser.Server(overrides=...)``, the build is not touched), where it
must fail: that proves the task test can fail.  The broken copies bring back the defects
of issue 16: the theme's second header, English interface strings, copy buttons that
copy prompts and output, tables squeezed to two characters per column, display math
clipped, a closing mark starting a line after math, API names clipped or split
mid-word.

Shares the ``server`` fixture (an up-to-date build) with ``test_browser.py``.
"""

import doctest
import re

import pytest

import _browser

pytestmark = pytest.mark.browser

REASON = _browser.missing()
if REASON:
    pytest.skip(f"browser tests skipped: {REASON}", allow_module_level=True)

from playwright.sync_api import sync_playwright  # noqa: E402

HTML = _browser.HTML
PHONES = (375, 414)
DESKTOP = 1280
CHAPTER = "activations.html"
EXAMPLE = "generated/gallery/activations/plot_01_activation_functions.html"
API = "generated/api/dlnotes.activations.sigmoid.html"
LONG_API = "generated/api/dlnotes.losses.binary_cross_entropy_with_logits_backward.html"
DOCTEST_API = "generated/api/dlnotes.activations.leaky_relu_grad.html"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=_browser.chromium_path(), args=_browser.CHROMIUM_ARGS)
        yield b
        b.close()


def _page(browser, width, height=800, **context_options):
    context = browser.new_context(viewport={"width": width, "height": height}, **context_options)
    context.set_default_timeout(15_000)
    page = context.new_page()
    # the theme's scripts are deferred: they have run when DOMContentLoaded fires
    goto = page.goto
    page.goto = lambda url, **kw: goto(url, **{"wait_until": "domcontentloaded", **kw})
    return page


def _broken_server(overrides):
    return _browser.Server(overrides={k: v.encode("utf-8") if isinstance(v, str) else v
                                      for k, v in overrides.items()})


def _read(rel):
    return (HTML / rel).read_text(encoding="utf-8")


# -- 1. Navigation on a phone and on a desktop -------------------------------------------

# pydata-sphinx-theme 0.20's own header as it rendered before the fix (navbar_persistent
# defaulting to the search button): a second, hidden .primary-toggle/.secondary-toggle,
# which the theme's scripts bound instead of the visible ones, and a second search button.
OLD_HEADER = """<header id="pst-header" class="bd-header navbar navbar-expand-lg bd-navbar d-print-none">
<div class="bd-header__inner bd-page-width">
  <button class="pst-navbar-icon sidebar-toggle primary-toggle" aria-label="网页导航">
    <span class="fa-solid fa-bars"></span></button>
  <div class="col-lg-9 navbar-header-items"><div class="navbar-header-items__end">
    <div class="navbar-item navbar-persistent--container">
      <button class="btn search-button-field search-button__button pst-js-only" title="搜索">
        <i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>
        <span class="search-button__default-text">搜索</span></button></div></div></div>
  <div class="navbar-persistent--mobile">
    <button class="btn search-button-field search-button__button pst-js-only" title="搜索">
      <i class="fa-solid fa-magnifying-glass" aria-hidden="true"></i>
      <span class="search-button__default-text">搜索</span></button></div>
  <button class="pst-navbar-icon sidebar-toggle secondary-toggle" aria-label="当前页面">
    <span class="fa-solid fa-outdent"></span></button>
</div>
</header>"""
_EMPTY_HEADER = re.compile(r'<header id="pst-header"[^>]*>\s*</header>')


def with_old_header(html):
    assert _EMPTY_HEADER.search(html), "the page has no empty pst-header to replace"
    return _EMPTY_HEADER.sub(OLD_HEADER, html, count=1)


def _visible(page, selector):
    return page.evaluate("""sel => [...document.querySelectorAll(sel)].filter(
        el => el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})).length""", selector)


def phone_menu_task(browser, base, width, page_name=CHAPTER):
    """Tap ☰, see the chapters, tap chapter 2, land on it; tap 目录, see this page's contents."""
    problems = []
    page = _page(browser, width)
    try:
        page.goto(base + page_name)
        page.locator(".bd-header-article .primary-toggle").click()
        link = page.locator("#pst-primary-sidebar-modal a", has_text="网络层、卷积与池化")
        try:
            link.wait_for(state="visible", timeout=2_000)
        except Exception:
            problems.append(f"{width} px: ☰ does not open the chapter list")
        else:
            link.click()
            page.wait_for_url("**/layers.html", wait_until="domcontentloaded")
            heading = page.locator("article h1").first.inner_text()
            if "网络层" not in heading:
                problems.append(f"{width} px: the chapter link led to a page titled {heading!r}")
        page.goto(base + page_name)
        page.locator(".bd-header-article .secondary-toggle").click()
        toc = page.locator("#pst-secondary-sidebar-modal nav.page-toc a", has_text="Softmax").first
        try:
            toc.wait_for(state="visible", timeout=2_000)
        except Exception:
            problems.append(f"{width} px: 目录 does not open the page's contents")
        else:
            toc.click()
            page.wait_for_timeout(400)
            top = page.evaluate("() => document.getElementById('softmax').getBoundingClientRect().top")
            if not 0 <= top < 200:
                problems.append(f"{width} px: the contents link did not scroll to its section (top {top})")
    finally:
        page.context.close()
    return problems


def desktop_menu_task(browser, base, page_name=CHAPTER):
    """At 1280 px, ☰ hides the chapter sidebar and shows it again."""
    page = _page(browser, DESKTOP, 900)
    state = """() => { const s = document.getElementById('pst-primary-sidebar');
                      const r = s.getBoundingClientRect();
                      return s.checkVisibility({checkVisibilityCSS: true}) && r.right > 0; }"""
    try:
        page.goto(base + page_name)
        toggle = page.locator(".bd-header-article .primary-toggle")
        seen = [page.evaluate(state)]
        for _ in range(2):
            toggle.click()
            page.wait_for_timeout(500)
            seen.append(page.evaluate(state))
    finally:
        page.context.close()
    return [] if seen == [True, False, True] else [f"sidebar shown before/after each click: {seen}"]


SEARCH_ENTRIES = ("button.search-button__button, form.bd-search input[type=search], "
                  "#searchbox input[type=text]")
SAMPLED = ["index.html", CHAPTER, EXAMPLE, API, "search.html?q=%E8%BF%87%E6%8B%9F%E5%90%88",
           "genindex.html"]


def _search_entry_problems(page, name, width):
    problems = []
    n = _visible(page, SEARCH_ENTRIES)
    if n != 1:
        problems.append(f"{name} at {width} px: {n} visible search entry points")
    band = page.evaluate("""() => { const h = document.getElementById('pst-header');
                                    return h ? h.getBoundingClientRect().height : 0; }""")
    if band > 0:
        problems.append(f"{name} at {width} px: a {band:.0f}-px header band")
    return problems


def sample_pages(browser, base, pages=SAMPLED, widths=(PHONES[0], DESKTOP)):
    """Each sampled page at each width, loaded once: the search-entry problems and the
    English interface strings (``_english``, defined with the language rule below)."""
    search, english = [], set()
    for width in widths:
        page = _page(browser, width)
        try:
            for name in pages:
                page.goto(base + name)
                page.wait_for_timeout(150)  # the theme's scripts set tooltips and labels
                search += _search_entry_problems(page, name, width)
                english |= _english(page, name)
        finally:
            page.context.close()
    return search, sorted(english)


def search_entry_task(browser, base, pages=SAMPLED, widths=(PHONES[0], DESKTOP)):
    """One visible way to search on every page, and no header band above the page."""
    return sample_pages(browser, base, pages, widths)[0]


@pytest.fixture(scope="module")
def sampled(browser, server):
    return sample_pages(browser, server.base)


@pytest.mark.parametrize("width", PHONES)
def test_phone_menu_and_contents_work(browser, server, width):
    assert phone_menu_task(browser, server.base, width) == []


def test_desktop_menu_button_hides_and_shows_the_sidebar(browser, server):
    assert desktop_menu_task(browser, server.base) == []


def test_one_search_entry_point_and_no_header_band(sampled):
    assert sampled[0] == []


def test_navigation_tasks_fail_with_the_themes_second_header(browser):
    broken = _broken_server({CHAPTER: with_old_header(_read(CHAPTER))})
    try:
        phone = phone_menu_task(browser, broken.base, PHONES[0])
        desktop = desktop_menu_task(browser, broken.base)
        search = search_entry_task(browser, broken.base, pages=[CHAPTER])
    finally:
        broken.close()
    assert any("☰ does not open" in p for p in phone), phone
    assert any("目录 does not open" in p for p in phone), phone
    assert desktop, "the desktop task passed with the broken header"
    assert any("search entry points" in p for p in search), search


# -- 3. Everything a reader sees is Chinese -----------------------------------------------

# The rule.  Interface strings are what the site's machinery writes, not what authors
# wrote: every text node and every title, aria-label, placeholder, alt and tooltip
# (data-tooltip, Bootstrap's data-bs-original-title) on the page, except
#  - the article's own text, where only the strings that generators put there count:
#    sphinx-gallery's download note and buttons, the headings and labels of numpydoc and
#    Sphinx (field names, rubrics, admonition titles) and the copy buttons;
#  - the authors' titles shown as navigation (sidebar and contents links, previous/next
#    titles, the site title), the search results (page titles and text), print-only
#    content, code (code, kbd, pre) and math.
# A string is English when, after removing identifiers and file names (a token with a
# digit or one of . _ / \), English in parentheses right after Chinese, and the names in
# NAMES, either it has no Chinese character and still has a Latin word of two letters
# or more, or it has a run of three or more such words (an English phrase).
NAMES = {"Ctrl", "CC", "BY", "MIT", "Python", "Jupyter", "PyTorch", "NumPy", "ReLU", "Adam",
         "API", "PDF", "zip"}
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")
_PAREN_AFTER_CJK = re.compile(r"(?<=[\u3400-\u9fff])[（(][^（()）]*[)）]")
_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*[A-Za-z]$")

_INTERFACE_STRINGS = r"""
() => {
  const CONTENT = 'article.bd-article';
  const GENERATED = '.sphx-glr-download-link-note, .sphx-glr-footer, dl.field-list > dt, ' +
                    'p.rubric, p.admonition-title, .copybtn';
  const AUTHORED = 'nav.bd-links a, nav.page-toc a, .prev-next-title, .navbar-brand, ' +
                   '#search-results ul.search, #jb-print-docs-body, .onlyprint';
  const SKIP = 'script, style, noscript, template, mjx-container, mjx-assistive-mml';
  const CODE = 'code, kbd, pre, samp';
  const inScope = el => !el.closest(SKIP) && !el.closest(AUTHORED)
                        && (!el.closest(CONTENT) || el.closest(GENERATED));
  const where = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                      + (typeof el.className === 'string' && el.className
                         ? '.' + el.className.trim().split(/\s+/).slice(0, 2).join('.') : '');
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode()); ) {
    const el = n.parentElement, text = n.textContent.replace(/\s+/g, ' ').trim();
    if (!text || !el || !inScope(el) || el.closest('.sphx-glr-download')) continue;
    if (el.closest(CODE)) continue;
    out.push([where(el), 'text', text]);
  }
  // a download button's text is code-styled: take each button's whole text
  for (const el of document.querySelectorAll('.sphx-glr-download')) {
    out.push([where(el), 'text', el.textContent.replace(/\s+/g, ' ').trim()]);
  }
  const ATTRS = ['title', 'aria-label', 'placeholder', 'alt', 'data-tooltip', 'data-bs-original-title'];
  for (const el of document.querySelectorAll(ATTRS.map(a => '[' + a + ']').join(','))) {
    if (!inScope(el)) continue;
    for (const a of ATTRS) {
      const v = el.getAttribute(a);
      if (v && v.trim()) out.push([where(el), '@' + a, v.trim()]);
    }
  }
  return out;
}
"""


def english_words(text):
    """The words of ``text`` that count as English under the rule above, in order."""
    text = _PAREN_AFTER_CJK.sub(" ", text)
    tokens = [t.rstrip(".…!?'\"”’") for t in re.split(r"[\s:：,，;；、()（）\[\]]+", text)]
    tokens = [t for t in tokens if t and not re.search(r"[\d._/\\@#=]", t)]
    return [t for t in tokens if _WORD.match(t.strip("'\"“”‘’!?.…")) and t not in NAMES]


def is_english(text):
    words = english_words(text)
    if not words:
        return False
    if not _CJK.search(text):
        return True
    run, longest = 0, 0
    for token in re.split(r"(\s+)", _PAREN_AFTER_CJK.sub(" ", text)):
        if token.isspace() or not token:
            continue
        if token in words:
            run += 1
            longest = max(longest, run)
        else:
            run = 0
    return longest >= 3


def _english(page, name):
    return {(name, where, kind, text) for where, kind, text in page.evaluate(_INTERFACE_STRINGS)
            if is_english(text)}


def english_strings(browser, base, pages=SAMPLED, widths=(PHONES[0], DESKTOP)):
    """Every interface string of ``pages`` that is English: ``[(page, where, kind, text)]``."""
    return sample_pages(browser, base, pages, widths)[1]


def test_the_english_rule():
    # English interface text, whatever the Chinese around it
    for text in ["System Settings", "Toggle primary sidebar", "Search...", "Main", "Color mode",
                 "Download Jupyter notebook: plot_01_a.ipynb", "Go to the end 下载",
                 "to download the full example code."]:
        assert is_english(text), text
    # Chinese, with names, identifiers, file names, keys and terms in parentheses
    for text in ["下载 Jupyter 笔记本：plot_01_a.ipynb", "Ctrl+K", "CC BY 4.0", "复制",
                 "dlnotes.activations.sigmoid", "批归一化（Batch Normalization Layer）",
                 "用 PyTorch 的 Adam 训练", "gallery_python.zip", "跟随系统"]:
        assert not is_english(text), text


def test_no_english_interface_string_on_sampled_pages(sampled):
    found = sampled[1]
    assert not found, "English interface strings:\n" + "\n".join(map(str, found))


def test_the_language_check_finds_english_strings(browser):
    html = _read(EXAMPLE)
    replacements = {
        'title="打开或收起章节导航"': 'title="Toggle primary sidebar"',
        "跟随系统": "System Settings",
        "下载</span> <span class=\"pre\">Jupyter</span> <span class=\"pre\">笔记本：":
            "Download</span> <span class=\"pre\">Jupyter</span> <span class=\"pre\">notebook:",
        'aria-label="章节导航"': 'aria-label="Main"',
    }
    for chinese, english in replacements.items():
        assert chinese in html, chinese
        html = html.replace(chinese, english)
    broken = _broken_server({EXAMPLE: html})
    try:
        found = english_strings(browser, broken.base, pages=[EXAMPLE], widths=(DESKTOP,))
    finally:
        broken.close()
    texts = " | ".join(text for *_, text in found)
    for english in ["Toggle primary sidebar", "System Settings", "Download Jupyter notebook", "Main"]:
        assert english in texts, (english, found)


# -- 9. Copy buttons ----------------------------------------------------------------------


def copy_task(browser, base, page_name, index=0):
    """Click the ``index``-th copy button; the clipboard's text and the tooltips seen."""
    page = _page(browser, DESKTOP, 900, permissions=["clipboard-read", "clipboard-write"])
    try:
        page.goto(base + page_name)
        button = page.locator("button.copybtn").nth(index)
        button.wait_for(state="attached")
        before = button.get_attribute("data-tooltip")
        button.scroll_into_view_if_needed()
        button.hover()
        button.click()
        page.wait_for_timeout(200)
        after = button.get_attribute("data-tooltip")
        text = page.evaluate("navigator.clipboard.readText()")
        outputs = page.evaluate("""() => document.querySelectorAll(
            '.sphx-glr-script-out .copybtn, .cell_output .copybtn, .output .copybtn').length""")
    finally:
        page.context.close()
    return text, (before, after), outputs


def _doctest_source(obj):
    """What a reader types in the docstring's examples: each example's source, no prompts."""
    examples = doctest.DocTestParser().get_examples(obj.__doc__)
    return "\n".join(e.source.rstrip("\n") for e in examples)


def test_copy_button_copies_code_without_prompts_or_output(browser, server):
    from dlnotes.activations import leaky_relu_grad

    text, tooltips, _ = copy_task(browser, server.base, DOCTEST_API)
    assert text == _doctest_source(leaky_relu_grad)
    assert ">>>" not in text and "0.1, 0.1, 1." not in text  # no prompt, no output line
    assert tooltips == ("复制", "复制成功!")


def test_copy_button_copies_a_whole_script_block_and_outputs_have_none(browser, server):
    text, _, outputs = copy_task(browser, server.base, EXAMPLE)
    # the example's first code block is the script's imports, as written in the script
    # (less its sphinx-gallery ignore blocks: build plumbing the page does not show)
    script = (_browser.ROOT / "gallery" / "activations" / "plot_01_activation_functions.py").read_text()
    shown = re.sub(r"\n# sphinx_gallery_start_ignore\n.*?# sphinx_gallery_end_ignore\n", "\n", script, flags=re.S)
    assert shown != script  # the block has plumbing left out
    assert text.startswith("import ") and "from dlnotes.activations" in text and text in shown
    assert outputs == 0


def test_the_copy_check_fails_when_prompts_and_output_are_copied(browser, server):
    script = _read("_static/copybutton.js")
    prompt_call = re.search(r"formatCopyText\(text, '[^']*', true, true, true, false", script)
    assert prompt_call, "copybutton.js no longer calls formatCopyText as expected"
    broken_js = script.replace(prompt_call.group(0), "formatCopyText(text, '', false, false, true, true")
    broken_js = broken_js.replace("let exclude = '.linenos, .go';", "let exclude = '.linenos';")
    broken = _broken_server({"_static/copybutton.js": broken_js})
    try:
        text, _, _ = copy_task(browser, broken.base, DOCTEST_API)
    finally:
        broken.close()
    from dlnotes.activations import leaky_relu_grad

    assert text != _doctest_source(leaky_relu_grad) and ">>>" in text


# -- 8. Layout on a phone: wide content scrolls in its own box ---------------------------

_WIDE_CONTENT = r"""
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const vw = document.documentElement.clientWidth, out = [];
  const scrolls = el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
  const de = document.documentElement;
  if (Math.max(de.scrollWidth, document.body.scrollWidth) > vw + 1) out.push('the page scrolls sideways');
  for (const m of document.querySelectorAll('article mjx-container[display="true"]')) {
    const r = m.getBoundingClientRect();
    if (r.right > vw + 1) out.push('display math sticks out of the screen');
    else if (m.scrollWidth > m.clientWidth + 1 && !scrolls(m))
      out.push('display math is clipped: ' + m.textContent.slice(0, 30));
  }
  for (const t of document.querySelectorAll('article table')) {
    const box = t.closest('.pst-scrollable-table-container') || t.parentElement;
    if (box.getBoundingClientRect().right > vw + 1) out.push('a table sticks out of the screen');
    if (t.scrollWidth > box.clientWidth + 1 && !scrolls(box)) out.push('a table is clipped');
    for (const c of t.querySelectorAll('th, td')) {
      const em = parseFloat(getComputedStyle(c).fontSize);
      if (c.getBoundingClientRect().width < 4 * em) {
        out.push('a table column narrower than four characters: ' + c.textContent.trim().slice(0, 12));
        break;
      }
    }
  }
  for (const p of document.querySelectorAll('article pre')) {
    if (p.scrollWidth > p.clientWidth + 1 && !scrolls(p)) out.push('a code block is clipped');
  }
  return out;
}
"""
LAYOUT_PAGES = [CHAPTER, "metrics.html", "losses/entropy.html", EXAMPLE, LONG_API]


def _problems_at_widths(browser, base, script, pages, widths):
    """``script``'s problems on each of ``pages`` at each of ``widths``, labelled."""
    problems = []
    for width in widths:
        page = _page(browser, width)
        try:
            for name in pages:
                page.goto(base + name)
                problems += [f"{name} at {width} px: {p}" for p in page.evaluate(script)]
        finally:
            page.context.close()
    return problems


def wide_content_task(browser, base, pages=LAYOUT_PAGES, widths=(PHONES[0], DESKTOP)):
    return _problems_at_widths(browser, base, _WIDE_CONTENT, pages, widths)


def test_wide_equations_tables_and_code_scroll_in_their_own_box(browser, server):
    assert wide_content_task(browser, server.base) == []


def test_the_layout_check_fails_on_squeezed_tables_and_clipped_math(browser):
    css = _read("_static/dlnotes.css")
    rule = re.search(r"article \.pst-scrollable-table-container th,[^}]*\}", css)
    assert rule, "dlnotes.css has no minimum column width for tables"
    broken_css = css.replace(rule.group(0), "") + (
        '\narticle mjx-container[display="true"] { overflow: visible !important; }\n')
    broken = _broken_server({"_static/dlnotes.css": broken_css})
    try:
        problems = wide_content_task(browser, broken.base, pages=[CHAPTER], widths=(375,))
    finally:
        broken.close()
    assert any("narrower than four characters" in p for p in problems), problems
    assert any("display math is clipped" in p for p in problems), problems


# -- 8. No line starts with a closing mark after inline math ------------------------------

_CLOSING_AFTER_MATH = r"""
async (strip) => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) await MathJax.startup.promise;
  const closing = /^[。．，、；：？！）」』】〉》”’…,.;:!?)]/;
  const pairs = [];
  for (const m of document.querySelectorAll('article span.math')) {
    const t = m.nextSibling;
    if (t && t.nodeType === 3 && closing.test(t.data)) {
      if (strip) m.parentElement.classList.remove('dlnotes-nobreak');
      pairs.push([m, t]);
    }
  }
  const article = document.querySelector('article.bd-article');
  let starts = 0;
  for (let w = 260; w <= 720; w += 4) {
    article.style.width = w + 'px';
    for (const [m, t] of pairs) {
      const r = document.createRange();
      r.setStart(t, 0); r.setEnd(t, 1);
      const mark = r.getClientRects()[0], math = [...m.getClientRects()].pop();
      if (mark && math && mark.top >= math.bottom - 2) starts++;
    }
  }
  return [pairs.length, starts];
}
"""
PUNCTUATION_PAGES = [CHAPTER, "losses/entropy.html", "metrics.html"]


def closing_mark_task(browser, base, strip=False, pages=PUNCTUATION_PAGES):
    """Lines starting with a closing mark right after inline math, over article widths.

    ``strip`` takes the build's fix away in the page (the ``dlnotes-nobreak`` class around
    the math and its mark) before measuring: the broken variant."""
    page = _page(browser, PHONES[0])
    results = {}
    try:
        for name in pages:
            page.goto(base + name)
            results[name] = page.evaluate(_CLOSING_AFTER_MATH, strip)
    finally:
        page.context.close()
    return results


def test_no_line_starts_with_a_closing_mark_after_inline_math(browser, server):
    results = closing_mark_task(browser, server.base)
    assert sum(pairs for pairs, _ in results.values()) >= 20, results  # the check sees math
    assert all(starts == 0 for _, starts in results.values()), results


def test_the_closing_mark_check_fails_without_the_nobreak_wrapper(browser, server):
    results = closing_mark_task(browser, server.base, strip=True)
    assert sum(starts for _, starts in results.values()) > 0, results


# -- 5/8. API titles: never clipped, never split inside a word ----------------------------

_TITLE_BREAKS = r"""
() => {
  const out = [];
  const word = /[A-Za-z0-9]/;
  const els = [...document.querySelectorAll('article h1, .prev-next-title, nav.bd-links a')]
              .filter(el => el.checkVisibility());
  for (const el of els) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    let prev = null;  // [char, top]
    for (let n; (n = walker.nextNode()); ) {
      for (let i = 0; i < n.data.length; i++) {
        const r = document.createRange(); r.setStart(n, i); r.setEnd(n, i + 1);
        const rect = r.getClientRects()[0];
        if (!rect) continue;
        const c = n.data[i];
        if (prev && rect.top > prev[1] + 2 && word.test(prev[0]) && word.test(c)) {
          out.push('split inside a word: ' + el.textContent.trim().slice(0, 60));
        }
        prev = [c, rect.top];
      }
    }
  }
  for (const t of document.querySelectorAll('.prev-next-area a .prev-next-title')) {
    const box = t.closest('a').getBoundingClientRect(), r = document.createRange();
    r.selectNodeContents(t);
    const text = r.getBoundingClientRect();
    if (text.right > box.right + 1 || text.left < box.left - 1)
      out.push('clipped: ' + t.textContent.trim().slice(0, 60));
  }
  return [...new Set(out)];
}
"""


def title_task(browser, base, pages=(API, LONG_API), widths=(PHONES[0], DESKTOP)):
    return _problems_at_widths(browser, base, _TITLE_BREAKS, pages, widths)


def test_api_titles_are_never_clipped_or_split_inside_a_word(browser, server):
    assert title_task(browser, server.base) == []


def test_the_title_check_fails_without_break_opportunities(browser):
    overrides = {name: _read(name).replace("<wbr>", "") for name in (API, LONG_API)}
    broken = _broken_server(overrides)
    try:
        problems = title_task(browser, broken.base)
    finally:
        broken.close()
    assert any("split inside a word" in p or "clipped" in p for p in problems), problems


# -- 8. Chinese quotation marks in a Chinese face -----------------------------------------

# Width of every “ ” ‘ ’ in the article's prose (code and math left out), in ems of its text.
_QUOTE_WIDTHS = r"""
() => {
  const out = [];
  const walker = document.createTreeWalker(document.querySelector('article'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (node.parentElement.closest('pre, code, mjx-container, .MathJax')) continue;
    for (const m of node.textContent.matchAll(/[\u2018\u2019\u201c\u201d]/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + 1);
      // a mark next to another full-width mark is set half-width on purpose (Chromium's
      // text-spacing-trim, as in Chinese print: ”。 “（): those are not counted
      const text = node.textContent, closing = '\u2019\u201d'.includes(m[0]);
      const neighbour = closing ? text[m.index + 1] : text[m.index - 1];
      if (neighbour && /[\u3000-\u303f\uff00-\uffef\u2018-\u201d]/.test(neighbour)) continue;
      const width = range.getBoundingClientRect().width;
      const size = parseFloat(getComputedStyle(node.parentElement).fontSize);
      if (width > 0) out.push({mark: m[0], em: Math.round(width / size * 100) / 100,
                               context: node.textContent.slice(Math.max(0, m.index - 6), m.index + 7)});
    }
  }
  return out;
}
"""
QUOTE_PAGES = ["index.html", "regularization/whitening.html", "losses/index.html"]


def quote_task(browser, base, pages=QUOTE_PAGES):
    """Every Chinese quotation mark on ``pages``: ``(page, mark, width in em, context)``."""
    page = _page(browser, DESKTOP)
    marks = []
    try:
        for name in pages:
            page.goto(base + name, wait_until="load")
            marks += [(name, q["mark"], q["em"], q["context"]) for q in page.evaluate(_QUOTE_WIDTHS)]
    finally:
        page.context.close()
    return marks


def test_chinese_quotation_marks_are_full_width(browser, server):
    marks = quote_task(browser, server.base)
    assert len(marks) >= 10, marks  # the check sees quotation marks
    narrow = [m for m in marks if m[2] < 0.9]
    assert not narrow, f"{len(narrow)} of {len(marks)} quotation marks in a Latin face: {narrow[:6]}"


def test_the_quote_check_fails_without_the_quote_face(browser):
    css = _read("_static/dlnotes.css")
    start = css.index("/* Chinese quotation marks")
    broken = _broken_server({"_static/dlnotes.css": css[:start]})
    try:
        marks = quote_task(browser, broken.base)
    finally:
        broken.close()
    assert marks and all(em < 0.9 for _, _, em, _ in marks), marks


# -- 7. Only the figures of the reader's theme are downloaded -----------------------------

FIGURE_PAGE = "losses/entropy.html"


def _load_recording_figures(page, url):
    """Load ``url`` until the network is idle (lazy images included); the gallery image
    files it requested."""
    files = []

    def record(request):
        if "/_images/sphx_glr_" in request.url:
            files.append(request.url.rsplit("/", 1)[-1].split("?")[0])

    page.on("request", record)
    try:
        page.goto(url, wait_until="networkidle")
    finally:
        page.remove_listener("request", record)
    return files


# Runs before the page's own scripts: the theme in force when the parser inserts the first
# figure, i.e. when the browser first decides which of the pair it will fetch (mutation
# callbacks run before the deferred scripts that would resolve the theme later).
_THEME_AT_FIRST_FIGURE = """
window.__themeAtFirstFigure = null;
new MutationObserver((records, observer) => {
  if (document.querySelector('img.dlnotes-figure')) {
    window.__themeAtFirstFigure = document.documentElement.dataset.theme;
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""


def other_theme_task(browser, base, pages=(FIGURE_PAGE, CHAPTER), minimum=4):
    """Figure files of the other theme that a phone downloads (light and dark mode), and
    pages whose theme is still unresolved when the first figure is parsed."""
    problems, seen = [], 0
    for scheme in ("light", "dark"):
        page = _page(browser, PHONES[1], height=900, color_scheme=scheme)
        page.add_init_script(_THEME_AT_FIRST_FIGURE)
        try:
            for name in pages:
                files = _load_recording_figures(page, base + name)
                seen += len(files)
                theme = page.evaluate("window.__themeAtFirstFigure")
                if theme != scheme:
                    problems.append(f"{name} in {scheme} mode: the theme is {theme!r} when the "
                                    "first figure is parsed")
                wrong = [f for f in files if ("_dark" in f) != (scheme == "dark")]
                problems += [f"{name} in {scheme} mode downloads {f}" for f in sorted(set(wrong))]
        finally:
            page.context.close()
    assert seen >= minimum, f"the check saw {seen} figure downloads"
    return problems


def test_only_the_figures_of_the_readers_theme_are_downloaded(browser, server):
    assert other_theme_task(browser, server.base) == []


def test_the_theme_check_fails_when_auto_is_resolved_after_layout(browser):
    # the pages as the theme alone writes them: data-theme="auto" until its deferred script
    # (which of the pair is then fetched depends on timing; the theme at the first figure
    # does not)
    html = _read(FIGURE_PAGE)
    script = re.search(r"<script>\(function\(\)\{var d=document\.documentElement,m=.*?</script>", html)
    assert script, "the page has no early theme script"
    broken = _broken_server({FIGURE_PAGE: html.replace(script.group(0), "")})
    try:
        problems = other_theme_task(browser, broken.base, pages=(FIGURE_PAGE,), minimum=2)
    finally:
        broken.close()
    for scheme in ("light", "dark"):
        assert f"{FIGURE_PAGE} in {scheme} mode: the theme is 'auto' when the first figure is parsed" \
            in problems, problems


def _figure_files(browser, base, name, width, scale):
    page = _page(browser, width, height=900, device_scale_factor=scale)
    try:
        return [f for f in _load_recording_figures(page, base + name) if "_thumb" not in f]
    finally:
        page.context.close()


def test_a_phone_downloads_the_figure_file_its_screen_needs(browser, server):
    # a 364 px column at 1.75 device px per CSS px needs 637 px: the 672 px file
    files = _figure_files(browser, server.base, FIGURE_PAGE, 412, 1.75)
    assert files and not any("_2_00x" in f for f in files), files
    # at 3 device px per CSS px it needs the 1344 px file, as a desktop at 2 does
    for width, scale in ((375, 3), (DESKTOP, 2)):
        files = _figure_files(browser, server.base, FIGURE_PAGE, width, scale)
        assert files and all("_2_00x" in f for f in files), (width, scale, files)


def test_the_figure_file_check_fails_with_density_descriptors(browser):
    # the markup before: "a.png 1x, a_2_00x.png 2x", which a 1.75 screen reads as "take 2x"
    html = re.sub(r' sizes="[^"]*"', "", _read(FIGURE_PAGE))
    html = re.sub(r'srcset="(\S+\.png) \d+w, (\S+_2_00x\.png) \d+w"', r'srcset="\1 1x, \2 2x"', html)
    assert " 2x" in html
    broken = _broken_server({FIGURE_PAGE: html})
    try:
        files = _figure_files(browser, broken.base, FIGURE_PAGE, 412, 1.75)
    finally:
        broken.close()
    assert any("_2_00x" in f for f in files), files
