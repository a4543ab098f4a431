"""Readers' tasks in Chromium: from a generated page back to the notes, and the downloads.

- An API page opens in Chinese (its summary is the first thing under the title) and its
  "正文" link lands on a notes section that names or links the object.
- An example page's "正文" link, at the top, lands on the chapter section that shows the
  example's figure or links the example.
- The downloads of an example page (the script, the notebook, the wheel of the run line,
  the zip at the bottom) answer 200 with the right content.

Each check is a function returning the problems it sees; a broken variant (pages made
for the purpose, served from a temporary folder) proves it reports them.  The whole set
of API and example pages is also checked without a browser, on the built HTML.
"""

import json
import re
import zipfile
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest

import _browser

pytestmark = pytest.mark.browser

REASON = _browser.missing()
if REASON:
    pytest.skip(f"browser tests skipped: {REASON}", allow_module_level=True)

ROOT = _browser.ROOT
HTML = _browser.HTML
CJK = re.compile(r"[\u4e00-\u9fff]")

# API pages opened in the browser: one or two per module, derived sections and one override
API_SAMPLE = ["dlnotes.activations.relu", "dlnotes.layers.conv2d", "dlnotes.losses.cross_entropy",
              "dlnotes.information.kl_divergence", "dlnotes.whitening.zca_whiten",
              "dlnotes.normalization.batch_norm_backward", "dlnotes.regularization.dropout",
              "dlnotes.optim.Adam", "dlnotes.init.kaiming_normal_", "dlnotes.backprop.gradcheck",
              "dlnotes.metrics.roc_curve", "dlnotes.architectures.HighwayLayer", "dlnotes.architectures.alexnet"]
# example pages opened in the browser: one per chapter
EXAMPLE_SAMPLE = ["activations/plot_02_dying_relu", "layers/plot_02_receptive_field_ecg",
                  "losses/plot_06_focal_loss", "regularization/plot_03_dropout",
                  "optimization/plot_04_lr_schedules", "metrics/plot_04_roc_pr",
                  "architectures/plot_01_conv1x1"]


@pytest.fixture(scope="module")
def tab():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_browser.chromium_path(), args=_browser.CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(30_000)
        yield page
        browser.close()


# -- the checks --------------------------------------------------------------------------
_LEAD = """() => {
  const article = document.querySelector('article') || document.body;
  const h1 = article.querySelector('h1');
  let first = h1 && h1.nextElementSibling;
  while (first && !first.innerText.trim()) first = first.nextElementSibling;
  const link = Array.from(article.querySelectorAll('p')).find(p => p.innerText.startsWith('正文：'));
  const a = link && link.querySelector('a');
  return {first: first ? first.innerText.trim().split('\\n')[0] : '',
          linkTop: a ? a.getBoundingClientRect().top : null,
          h1Bottom: h1 ? h1.getBoundingClientRect().bottom : null};
}"""

# The section the browser landed on: the element the URL's fragment names, up to its section.
_LANDED = """() => {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : document.querySelector('article section');
  if (!target) return null;
  const section = target.closest('section') || target;
  const r = target.getBoundingClientRect();
  return {text: section.innerText,
          hrefs: Array.from(section.querySelectorAll('a[href]')).map(a => a.href),
          imgs: Array.from(section.querySelectorAll('img')).map(i => i.src),
          inView: r.top >= -2 && r.top < window.innerHeight};
}"""


def _follow_lead(tab):
    """Click the page's "正文" link; return what the landed section holds (or a problem)."""
    link = tab.locator("article p", has_text="正文：").first.locator("a").first
    if link.count() == 0:
        return None, "no 正文 link"
    with tab.expect_navigation():
        link.click()
    tab.wait_for_load_state("load")
    landed = tab.evaluate(_LANDED)
    if landed is None:
        return None, f"the 正文 link lands on {tab.url}, where its fragment names no element"
    return landed, ""


def check_api_page(tab, url, fullname):
    """Problems of an API page: Chinese first, a 正文 link to a section naming or linking it."""
    tab.goto(url, wait_until="load")
    lead = tab.evaluate(_LEAD)
    problems = []
    if not CJK.search(lead["first"]):
        problems.append(f"the first line under the title is not Chinese: {lead['first'][:60]!r}")
    if lead["linkTop"] is None or lead["linkTop"] > lead["h1Bottom"] + 300:
        problems.append("no 正文 link right under the title")
    landed, why = _follow_lead(tab)
    if why:
        return problems + [why]
    short = fullname.rsplit(".", 1)[-1]
    page = f"{fullname}.html"
    if not (short.lower() in landed["text"].lower() or any(h.split("#")[0].endswith(page) for h in landed["hrefs"])):
        problems.append(f"the 正文 link lands on {tab.url}, a section that neither names nor links {short}")
    if not landed["inView"]:
        problems.append("the landed section is not scrolled into view")
    return problems


def check_example_page(tab, url, stem):
    """Problems of an example page: a 正文 link at the top to a notes section showing it."""
    tab.goto(url, wait_until="load")
    lead = tab.evaluate(_LEAD)
    problems = []
    if lead["linkTop"] is None or lead["linkTop"] > lead["h1Bottom"] + 200:
        problems.append("no 正文 link right under the title")
    landed, why = _follow_lead(tab)
    if why:
        return problems + [why]
    if "/generated/" in urlsplit(tab.url).path:
        problems.append(f"the 正文 link lands on a generated page, not the notes: {tab.url}")
    figure = any(f"sphx_glr_{stem}_" in src for src in landed["imgs"])
    linked = any(h.split("#")[0].endswith(f"/{stem}.html") for h in landed["hrefs"])
    if not (figure or linked):
        problems.append(f"the 正文 link lands on {tab.url}, a section that neither shows nor links {stem}")
    return problems


_DOWNLOADS = """() => Array.from(document.querySelectorAll('a.reference.download'))
    .map(a => ({href: a.href, where: a.closest('.dlnotes-run') ? 'run line' :
                (a.closest('.sphx-glr-footer') ? 'footer' : 'page')}))"""


def check_downloads(tab, url, script=None):
    """Problems of an example page's downloads: each answers 200 with the expected content."""
    tab.goto(url, wait_until="load")
    links = tab.evaluate(_DOWNLOADS)
    problems = []
    kinds = {Path(urlsplit(link["href"]).path).suffix for link in links if link["where"] == "run line"}
    if not {".py", ".whl"} <= kinds:
        problems.append(f"the run line offers {sorted(kinds)}, not the script and the wheel")
    for link in links:
        response = tab.request.get(link["href"])
        name = Path(urlsplit(link["href"]).path).name
        if response.status != 200:
            problems.append(f"{link['where']}: {name} answers HTTP {response.status}")
            continue
        body = response.body()
        if name.endswith(".py") and script is not None and body != script.read_bytes():
            problems.append(f"{name} is not the example's script")
        elif name.endswith(".whl") and "dlnotes/__init__.py" not in zipfile.ZipFile(BytesIO(body)).namelist():
            problems.append(f"{name} holds no dlnotes package")
        elif name.endswith(".ipynb") and "cells" not in json.loads(body):
            problems.append(f"{name} is not a notebook")
    return problems


# -- the site ------------------------------------------------------------------------------
@pytest.mark.parametrize("fullname", API_SAMPLE)
def test_an_api_page_opens_in_chinese_and_leads_to_its_section(server, tab, fullname):
    problems = check_api_page(tab, f"{server.base}generated/api/{fullname}.html", fullname)
    assert not problems, problems


@pytest.mark.parametrize("example", EXAMPLE_SAMPLE)
def test_an_example_page_leads_to_its_chapter_section(server, tab, example):
    stem = example.split("/")[1]
    problems = check_example_page(tab, f"{server.base}generated/gallery/{example}.html", stem)
    assert not problems, problems


@pytest.mark.parametrize("example", ["metrics/plot_01_confusion_matrix", "activations/plot_02_dying_relu"])
def test_the_downloads_of_an_example_page_work(server, tab, example):
    problems = check_downloads(tab, f"{server.base}generated/gallery/{example}.html",
                               ROOT / "gallery" / f"{example}.py")
    assert not problems, problems


def _lead_href(page):
    match = re.search(r'<strong>正文</strong>：<a class="reference internal" href="([^"]+)"', page.read_text())
    return match and match[1]


@pytest.mark.parametrize("kind", ["api", "gallery"])
def test_every_generated_page_has_a_lead_link_that_resolves(server, kind):
    # every API and example page, without a browser: the link's page and fragment exist
    pages = sorted(p for p in (HTML / "generated" / kind).rglob("*.html")
                   if kind == "api" or p.name.startswith("plot_"))
    assert len(pages) >= (150 if kind == "api" else 50)
    problems = []
    for page in pages:
        href = _lead_href(page)
        if not href:
            problems.append(f"{page.relative_to(HTML)}: no 正文 link")
            continue
        target, _, fragment = href.partition("#")
        path = (page.parent / target).resolve()
        if not path.is_file() or "generated" in path.relative_to(HTML.resolve()).parts:
            problems.append(f"{page.relative_to(HTML)}: 正文 link to {href}, not a notes page")
        elif fragment and f'id="{fragment}"' not in path.read_text():
            problems.append(f"{page.relative_to(HTML)}: 正文 link to {href}, no such section")
        if kind == "api":
            text = re.sub(r"<[^>]+>", "", re.search(r'class="dlnotes-api-summary">(.*?)</p>',
                                                    page.read_text(), re.S)[1])
            if not CJK.search(text):
                problems.append(f"{page.relative_to(HTML)}: summary not Chinese: {text!r}")
    assert not problems, f"{len(problems)} page(s):\n" + "\n".join(problems[:30])


# -- broken variants ---------------------------------------------------------------------------
BAD = {
    "api.html": """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>x</title></head><body>
<article><section id="x"><h1>dlnotes.demo.relu</h1>
<p>Rectified linear unit, element-wise.</p>
<p><strong>正文</strong>：<a href="notes.html#other">笔记 › 别处</a></p></section></article></body></html>""",
    "example.html": """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>x</title></head><body>
<article><section id="x"><h1>示例</h1>
<p><strong>正文</strong>：<a href="notes.html#other">笔记 › 别处</a></p>
<p class="dlnotes-run"><strong>运行本例</strong>：下载 <a class="reference download" href="gone/plot_x.py">plot_x.py</a>
与 <a class="reference download" href="gone/dlnotes-0.1-py3-none-any.whl">wheel</a></p>
</section></article></body></html>""",
    "notes.html": """<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>x</title></head><body>
<article><section id="notes"><h1>笔记</h1>
<section id="relu"><h2>ReLU</h2><p>relu 与 <img src="sphx_glr_plot_x_001.png" alt="图"></p></section>
<section id="other"><h2>别处</h2><p>与它无关的一节。</p></section></section></article></body></html>""",
}


def test_the_checks_catch_broken_pages(tab, tmp_path):
    for name, text in BAD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    server = _browser.Server(tmp_path)
    try:
        api = check_api_page(tab, server.base + "api.html", "dlnotes.demo.relu")
        example = check_example_page(tab, server.base + "example.html", "plot_x")
        downloads = check_downloads(tab, server.base + "example.html")
    finally:
        server.close()
    assert any("not Chinese" in p for p in api), api
    assert any("neither names nor links relu" in p for p in api), api
    assert any("neither shows nor links plot_x" in p for p in example), example
    assert any("plot_x.py answers HTTP 404" in p for p in downloads), downloads
    assert any(".whl answers HTTP 404" in p for p in downloads), downloads


def test_a_link_to_the_right_section_passes_the_check(tab, tmp_path):
    # the same broken pages, their links pointed at the section that does teach it
    for name, text in BAD.items():
        (tmp_path / name).write_text(text.replace("notes.html#other", "notes.html#relu")
                                     .replace("Rectified linear unit, element-wise.", "ReLU：max(0, x)，逐元素。"),
                                     encoding="utf-8")
    server = _browser.Server(tmp_path)
    try:
        assert check_api_page(tab, server.base + "api.html", "dlnotes.demo.relu") == []
        assert check_example_page(tab, server.base + "example.html", "plot_x") == []
    finally:
        server.close()
