"""Practice wired into the chapters: each practised section links its exercises, each chapter
ends with 要点 for review, pages link terms to the 术语表.

The "本节练习" lines are added at build time by ``docs/_practice/dlnotes_practice.py`` from the
exercises' section tags; a small Sphinx project checks where they go and that an edited
exercise page re-reads the chapter that holds its section.  The 要点 and glossary links are
sources, checked here as text (``make html`` runs with ``-n``, so every link also resolves).
"""

import re
import sys
from html import unescape
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(DOCS / "_practice"))
import dlnotes_practice as P  # noqa: E402

# chapter page (where 要点 go) -> the pages of that chapter (its section labels)
CHAPTERS = {
    "activations": ["activations"],
    "layers": ["layers"],
    "losses/index": ["losses/index", "losses/concepts", "losses/pytorch", "losses/entropy", "losses/focal"],
    "regularization/index": ["regularization/index", "regularization/whitening", "regularization/dropout",
                             "regularization/batch_norm", "regularization/overfitting"],
    "optimization/index": ["optimization/index", "optimization/optimizers", "optimization/initialization",
                           "optimization/backprop", "optimization/gradients"],
    "metrics": ["metrics"],
    "architectures/index": ["architectures/index", "architectures/conv1x1", "architectures/inception",
                            "architectures/highway", "architectures/classic"],
}
EXERCISE_PAGES = ["activations_exercises", "layers_exercises", "losses/exercises", "regularization/exercises",
                  "optimization/exercises", "metrics_exercises", "architectures/exercises"]
LABEL = re.compile(r"^\(([\w-]+)\)=\s*$", re.M)
REF = re.compile(r"\{ref\}`(?:[^`<]*<)?([\w-]+)>?`")
TERM = re.compile(r"\{term\}`([^`<]*?)(?:\s*<([^`>]+)>)?`")


def source(page):
    return (DOCS / f"{page}.md").read_text(encoding="utf-8")


# -- 要点 --------------------------------------------------------------------------------

def key_points(text):
    """The list items of the page's ``## 要点`` section and what follows the section."""
    match = re.search(r"^## 要点\n(.*?)(?=^#{1,2} |\Z)", text, re.M | re.S)
    assert match, "no ## 要点 section"
    body = match.group(1)
    items = re.findall(r"^- (.+)$", body, re.M)
    rest = text[match.end():]
    return items, body, rest


@pytest.mark.parametrize("chapter", list(CHAPTERS))
def test_each_chapter_ends_with_key_points_linked_to_its_sections(chapter):
    text = source(chapter)
    items, body, rest = key_points(text)
    assert 5 <= len(items) <= 10, f"{chapter}: {len(items)} key points"
    assert not re.search(r"^#", rest, re.M), f"{chapter}: 要点 must be the last section"
    assert re.fullmatch(r"\s*(```\{toctree\}\n:hidden:\n\n[\w/]+\n```\s*)?", rest), \
        f"{chapter}: only the hidden toctree may follow 要点"
    own = {label for page in CHAPTERS[chapter] for label in LABEL.findall(source(page))}
    for item in items:
        refs = REF.findall(item)
        assert refs, f"{chapter}: a key point without a link to its section: {item[:40]}"
        assert set(refs) <= own, f"{chapter}: key point links outside the chapter: {set(refs) - own}"
        assert item.endswith("。"), f"{chapter}: one sentence per point: {item[-20:]}"


def test_the_key_point_check_can_fail():
    bad = "# t\n\n## 要点\n\n- 一点（见{ref}`x`）。\n\n## 后面还有\n"
    items, body, rest = key_points(bad)
    assert len(items) == 1 and re.search(r"^#", rest, re.M)


# -- exercises linked from their sections (build-time) ----------------------------------

def all_exercises():
    return [e for page in EXERCISE_PAGES for e in P.parse_exercises(source(page))]


def test_every_practised_section_exists_in_a_chapter_page():
    labels = {label for pages in CHAPTERS.values() for page in pages for label in LABEL.findall(source(page))}
    missing = sorted({e["section"] for e in all_exercises()} - labels)
    assert not missing, f"exercises tag sections that no chapter page defines: {missing}"


def _practice_lines(html):
    return [unescape(line) for line in re.findall(r'<p class="dlnotes-practice">(.*?)</p>', html, re.S)]


@pytest.mark.skipif(not (HTML / "activations.html").is_file(), reason="the site is not built (make html)")
def test_the_built_site_links_every_exercise_from_its_section():
    """Each exercise appears in the 本节练习 line of the page that holds its section, right after it."""
    exercises = all_exercises()
    pages = {label: page for pages in CHAPTERS.values() for page in pages for label in LABEL.findall(source(page))}
    found = 0
    for e in exercises:
        html = (HTML / f"{pages[e['section']]}.html").read_text(encoding="utf-8")
        start = html.index(f'id="{e["section"]}"')
        line = _practice_lines(html[start:])[0]  # the first practice line after the section's start
        assert f'#{e["label"]}"' in line, f"{e['label']} is not linked from {e['section']}"
        assert re.search(r"练习 \d+\.\d+</span></a>（" + re.escape(e["title"]) + "）", line), line
        found += 1
    assert found == len(exercises) >= 70


SPHINX_CONF = """
import sys
sys.path.insert(0, {practice!r})
extensions = ["myst_parser", "sphinx_design", "sphinx_exercise", "dlnotes_practice"]
myst_enable_extensions = ["colon_fence"]
language = "zh_CN"
numfig_secnum_depth = 1
html_search_language = "en"  # no jieba for this tiny project
"""
INDEX = "# 书\n\n```{toctree}\n:numbered: 1\n\nchapter\nchapter_exercises\n```\n"
CHAPTER = """# 第一章

(sec-a)=
## A 节

A 的正文。

(sec-b)=
## B 节

B 的正文。

### 未标注的小节

仍属于 B。

(sec-b-sub)=
### 标注的小节

B 的小节。

(sec-c)=
## C 节

C 的正文。
"""


def exercise(label, section, title):
    return (f":::{{exercise}} {title}\n:label: {label}\n\n{{bdg-primary}}`计算` {{ref}}`{section}`\n\n题。\n:::\n\n"
            f"::::{{solution}} {label}\n:label: sol-{label[3:]}\n\n答。\n::::\n\n")


# sphinx-exercise 1.2 reads the deprecated BuildEnvironment.app (a Python warning, not a Sphinx one)
MINI_BUILD = pytest.mark.filterwarnings("ignore:.*\\.app. is deprecated:sphinx.deprecation.RemovedInSphinx11Warning")


def build(src, out, builder="html"):
    """Build the project (HTML unless ``builder`` says otherwise) and return its warnings."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=src, builddir=out)
    try:
        app.build()
        return app.warning.getvalue()
    finally:
        app.cleanup()  # unregisters the nodes and roles the extensions added, for the next build


@pytest.fixture
def project(tmp_path):
    pytest.importorskip("sphinx_exercise")
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(SPHINX_CONF.format(practice=str(DOCS / "_practice")), encoding="utf-8")
    (src / "index.md").write_text(INDEX, encoding="utf-8")
    (src / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    (src / "chapter_exercises.md").write_text(
        "# 练习\n\n" + exercise("ex-one", "sec-a", "第一题") + exercise("ex-two", "sec-b", "第二题")
        + exercise("ex-three", "sec-b", "第三题"), encoding="utf-8")
    return src, tmp_path / "out"


def _section_text(html, label, next_label):
    return html[html.index(f'id="{label}"'):html.index(f'id="{next_label}"')]


@MINI_BUILD
def test_the_practice_line_closes_the_section_own_text(project):
    src, out = project
    assert build(src, out) == ""
    html = (out / "html" / "chapter.html").read_text(encoding="utf-8")
    a = _section_text(html, "sec-a", "sec-b")
    assert len(_practice_lines(a)) == 1
    assert re.search(r"本节练习：<a [^>]*href=\"chapter_exercises.html#ex-one\"><span[^>]*>练习 2\.1</span></a>（第一题）",
                     a), a
    # B: after its unlabelled subsection, before its labelled one; both exercises, in order
    b = _section_text(html, "sec-b", "sec-b-sub")
    (line,) = _practice_lines(b)
    assert b.index("仍属于 B") < b.index("dlnotes-practice")
    assert re.search(r"练习 2\.2</span></a>（第二题）；<a [^>]*>.*练习 2\.3</span></a>（第三题）", line), line
    assert not _practice_lines(_section_text(html, "sec-b-sub", "sec-c"))
    assert not _practice_lines(html[html.index('id="sec-c"'):])


@MINI_BUILD
def test_exercise_and_solution_titles_use_chinese_parentheses(project):
    src, out = project
    assert build(src, out) == ""
    page = (out / "html" / "chapter_exercises.html").read_text(encoding="utf-8")
    titles = [unescape(re.sub(r"<[^>]+>", "", t)) for t in re.findall(r'<p class="admonition-title">(.*?)</p>', page, re.S)]
    assert len(titles) == 6, titles
    # the HTML writer ends the number's span with a space of its own ("练习 2.1 ")
    assert titles[0].strip() == "练习 2.1 （第一题）", titles
    assert any("练习 2.1（第一题）" in t and t != titles[0] for t in titles), titles  # its solution
    assert not [t for t in titles if "(" in t or ")" in t], titles


@MINI_BUILD
def test_the_book_labels_each_practised_section_once(project):
    # The line goes before the label of the next section, not between the label and its
    # heading: there the LaTeX writer labels the target and the heading (multiply defined).
    src, out = project
    assert build(src, out, "latex") == ""
    (tex,) = (out / "latex").glob("*.tex")
    text = tex.read_text(encoding="utf-8")
    assert text.count("本节练习") == 2
    for label in ("sec-a", "sec-b", "sec-b-sub", "sec-c"):
        assert text.count(r"\label{\detokenize{chapter:%s}}" % label) == 1, label


@MINI_BUILD
def test_an_edited_exercise_page_relinks_the_chapter_in_an_incremental_build(project):
    src, out = project
    assert build(src, out) == ""
    page = src / "chapter_exercises.md"
    page.write_text(page.read_text(encoding="utf-8").replace("{ref}`sec-a`", "{ref}`sec-c`"), encoding="utf-8")
    assert build(src, out) == ""  # only the exercise page changed on disk
    html = (out / "html" / "chapter.html").read_text(encoding="utf-8")
    assert not _practice_lines(_section_text(html, "sec-a", "sec-b"))
    assert "ex-one" in _practice_lines(html[html.index('id="sec-c"'):])[0]


@MINI_BUILD
def test_an_exercise_for_a_missing_section_warns(project):
    """A warning, so the site's -W build fails (the exercise's own {ref} warns too)."""
    src, out = project
    page = src / "chapter_exercises.md"
    page.write_text(page.read_text(encoding="utf-8") + exercise("ex-four", "sec-nowhere", "第四题"),
                    encoding="utf-8")
    warnings = build(src, out)
    assert "exercises ex-four practise the section 'sec-nowhere', but no page has a section" in warnings


# -- glossary links ---------------------------------------------------------------------

def glossary_names():
    """Each glossary entry's names (the Chinese term first, then the English name, abbreviation)."""
    text = source("glossary")
    entries = []
    for block in re.findall(r"```\{glossary\}\n(.*?)```", text, re.S):
        names = []
        for line in block.split("\n"):
            if line and not line.startswith(" "):
                names.append(line.strip())
            elif line.startswith("   ") and names:
                entries.append(names)
                names = []
    return entries


def term_links(page):
    return [(m.group(2) or m.group(1)).strip() for m in TERM.finditer(source(page))]


LINKED_PAGES = [page for pages in CHAPTERS.values() for page in pages]


def test_every_glossary_term_is_linked_from_some_page():
    entries = glossary_names()
    assert len(entries) >= 150
    targets = {t.lower() for page in LINKED_PAGES for t in term_links(page)}
    unlinked = [names[0] for names in entries if not {n.lower() for n in names} & targets]
    assert not unlinked, f"glossary terms no page links to: {unlinked}"


def term_link_problems(text, canonical):
    """Terms linked twice on one page, and term links outside running text."""
    problems = []
    targets = [canonical.get(t.lower(), t) for t in
               ((m.group(2) or m.group(1)).strip() for m in TERM.finditer(text))]
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        problems.append(f"linked twice: {twice}")
    for line in text.splitlines():
        if "{term}" in line and (line.startswith("#") or re.match(r"^(`{3,}|:{3,})", line)):
            problems.append(f"in a heading or directive line: {line}")
    for block in re.finditer(r"^(`{3,})\{(?:figure|code-cell|math|list-table)\}.*?^\1$", text, re.M | re.S):
        if "{term}" in block.group(0):
            problems.append("inside a figure, table or code block")
    return problems


@pytest.mark.parametrize("page", LINKED_PAGES)
def test_a_page_links_each_term_once_and_only_from_running_text(page):
    canonical = {n.lower(): names[0] for names in glossary_names() for n in names}
    assert not term_link_problems(source(page), canonical), page


def test_the_glossary_link_checks_can_fail():
    canonical = {n.lower(): names[0] for names in glossary_names() for n in names}
    bad = ("# {term}`ReLU`\n\n{term}`ReLU` 与 {term}`线性整流函数`。\n\n"
           "```{figure} x.png\n:alt: 图\n\n{term}`池化`\n```\n")
    problems = term_link_problems(bad, canonical)
    assert len(problems) == 3 and "线性整流函数" in problems[0], problems
