"""Site search, the browser side: what the query needs besides ``searchindex.js``.

Sphinx 9 indexes Chinese pages with jieba at build time but splits the reader's query
only at spaces and punctuation in the browser, requires every word of it, matches parts
of words only from three characters on, lists one page once per kind of match, and
ranks an API page named after a term above the chapter that teaches it.  The design note
(``/work/shared/DESIGN.md``, "Known pitfalls") records the measurements.  The pieces:

- The query splitter.  ``SearchLanguage.js_splitter_code`` (Sphinx's public way for a
  language to ship its own query splitter) becomes ``search_query.js`` plus the data
  below; it segments the query against the index's own vocabulary, so the browser cuts
  a question the way jieba and ``docs/search_terms.txt`` cut the pages.
- The aliases.  Each glossary entry lists a term's Chinese name, English name and
  abbreviation, and links ("见…") the section that teaches it: any of the names finds
  that section.  Read from the glossary's doctree(s) at every build.
- The page kinds (chapter, example, practice, site page, API page) that the scorer
  (``html_search_scorer = search_scorer.js``, the public hook) ranks by.
- ``_static/dlnotes_search.js`` replaces two functions of ``searchtools.js`` where no
  hook exists (ranking by the share of words matched, one entry per page, snippets from
  the article); :func:`add_search_script` loads it on the search page only, guarded by
  the Sphinx version it was written against.
- The theme loads ``searchtools.js``, ``language_data.js`` and ``searchindex.js`` in the
  head of every page (pydata-sphinx-theme's search-as-you-type, issue 1977), even with
  ``search_as_you_type`` off: ``docs/_templates/layout.html`` keeps them on the search
  page only; ``THEME_PIN`` pins the theme whose block that template restates.
"""

import json
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from ._guard import private_api

HERE = Path(__file__).resolve().parent
SPLITTER_JS = HERE / "search_query.js"
DATA_MARK = "/* DLNOTES_QUERY_DATA */"
OVERRIDE_JS = "dlnotes_search.js"  # in the site's html_static_path (_static/)

# Question words, particles and "what is the X of" nouns: dropped from the query (never
# from the index), so "过拟合怎么办" searches 过拟合.  A query of nothing else keeps them.
QUESTION_WORDS = frozenset("""
的 地 得 了 着 过 吗 呢 吧 啊 呀 么 嘛 哦 和 与 及 以及 跟 同 或 或者 还是 而 并 并且
为 为了 是 是不是 有 有没有 在 对 对于 把 被 给 让 用 从 到 会 能 能否 可以 要 需要 应该 该
怎么 怎么办 怎么样 怎样 怎么做 怎么算 如何 为什么 为何 为啥 什么 什么是 是什么 啥 哪 哪些 哪个
哪里 多少 几 是否 请问 一下 到底 究竟 呢 这个 那个 这些 那些 这 那 一个 之间
区别 差别 差异 不同 异同 联系 关系 作用 用途 用处 意义 含义 意思 好处 优点 缺点 优缺点
介绍 解释 理解 讲解 简述 举例
""".split())

PAGE_KINDS = ("chapter", "example", "practice", "site", "api")


def glossary_entries(env):
    """``[[names, docname, anchor], ...]`` for every glossary entry of the site.

    ``names`` are the entry's term lines (Chinese name, English name, abbreviation);
    ``docname``/``anchor`` the section its definition links first (``{ref}``), or
    ``None`` when it links none.  Entries come in page order, then glossary order.
    """
    std = env.domains.standard_domain
    labels, term_docs = {}, set()
    for name, _disp, objtype, docname, anchor, _prio in std.get_objects():
        if objtype == "label":
            labels[name] = (docname, anchor)
        elif objtype == "term":
            term_docs.add(docname)
    entries = []
    for docname in sorted(term_docs):
        for glossary in env.get_doctree(docname).findall(addnodes.glossary):
            for item in glossary.findall(nodes.definition_list_item):
                names = [term.astext() for term in item.children if isinstance(term, nodes.term)]
                definition = item.next_node(nodes.definition)
                refs = [] if definition is None else [
                    xref["reftarget"] for xref in definition.findall(addnodes.pending_xref)
                    if xref.get("reftype") == "ref"]
                target = next((labels[ref] for ref in refs if ref in labels), (None, None))
                entries.append([names, *target])
    return entries


def page_kind(docname, gallery_dirs, chapters, api_docs):
    """The kind of a page: ``api``, ``example``, ``practice``, ``chapter`` or ``site``.

    Examples live under a gallery folder, API pages describe a Python object, practice
    pages are named ``*exercises``, chapter pages live under (or are named after) a
    chapter, a folder of the gallery; the rest (home, glossary, about...) are site pages.
    """
    if docname in api_docs:
        return "api"
    if any(docname == g or docname.startswith(g + "/") for g in gallery_dirs):
        return "example"
    parts = docname.split("/")
    if parts[-1].endswith("exercises"):
        return "practice"
    if parts[0] in chapters:
        return "chapter"
    return "site"


def page_kinds(env, config):
    """``{kind: [docname, ...]}`` for every page of the site (see :func:`page_kind`)."""
    conf = getattr(config, "sphinx_gallery_conf", None) or {}
    gallery_dirs = conf.get("gallery_dirs", [])
    gallery_dirs = [gallery_dirs] if isinstance(gallery_dirs, str) else list(gallery_dirs)
    gallery_dirs = [g.strip("/") for g in gallery_dirs]
    chapters = set()
    for docname in env.all_docs:
        for g in gallery_dirs:
            rest = docname[len(g) + 1:].split("/") if docname.startswith(g + "/") else []
            if len(rest) > 1:
                chapters.add(rest[0])
    api_docs = {docname for *_names, docname, _anchor, _prio in env.domains.python_domain.get_objects()}
    kinds = {kind: [] for kind in PAGE_KINDS}
    for docname in sorted(env.all_docs):
        kinds[page_kind(docname, gallery_dirs, chapters, api_docs)].append(docname)
    return kinds


def query_data(env, config):
    """The data ``search_query.js`` reads: glossary aliases and page kinds."""
    return {"glossary": glossary_entries(env), "kinds": page_kinds(env, config)}


def splitter_code(data):
    """``search_query.js`` with ``data`` filled in (deterministic JSON)."""
    text = json.dumps(data or {"glossary": [], "kinds": {}}, ensure_ascii=False,
                      sort_keys=True, separators=(",", ":"))
    return SPLITTER_JS.read_text(encoding="utf-8").replace(DATA_MARK, text)


@private_api(
    "search ranking and snippets (dlnotes_search.js)",
    {"sphinx": "9.0.4"},
    "that searchtools.js still calls Search._performSearch(query, searchTerms, excludedTerms, "
    "highlightTerms, objectTerms) from Search.query and expects its results ordered worst "
    "first, and that Search.makeSearchSummary still calls Search.htmlToText(html, anchor).",
)
def add_search_script(app, pagename, templatename, context, doctree):
    """html-page-context: the search page loads ``dlnotes_search.js`` after searchtools.js."""
    if pagename == "search" and app.builder.format == "html":
        app.add_js_file(OVERRIDE_JS, loading_method="defer")


# docs/_templates/layout.html restates the theme's block "extrahead" without the scripts.
THEME_PIN = (
    "search scripts on the search page only (docs/_templates/layout.html)",
    {"pydata-sphinx-theme": "0.20.0"},
    "that docs/_templates/layout.html restates the theme's layout.html block 'extrahead' "
    "(its meta tags) and that the theme still needs searchtools.js only for search_as_you_type.",
)
