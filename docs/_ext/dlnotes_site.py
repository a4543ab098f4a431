"""Build logic of the dlnotes site that no upstream extension provides.

- Chinese search: work around sphinx-doc/sphinx#14229 (Sphinx 9.0 emits
  ``window.Stemmer = ChineseStemmer`` but ships no such class, so search never runs).
- Offline math: copy the part of MathJax 3 that the site uses from the
  ``sphinx-mathjax-offline`` package into ``_static/mathjax`` (about 3 MB instead of 24).
- No stale output: sphinx-gallery and myst-nb only hash their own files, so when a
  module under ``src/dlnotes`` changes, re-run every example and notebook page that
  imports it (directly or through another dlnotes module), and only those.
- Reproducible downloads: rewrite sphinx-gallery's zip archives with sorted entries
  and a fixed timestamp.
- ``make html-noplot``: pages embed figures that only a plotting build makes; point
  missing ones at a placeholder so the prose-only build stays warning-free.
- Chinese paragraphs: a line break inside a paragraph becomes a visible space in
  the browser; drop the breaks that stand between two Chinese characters.
- ``minigallery``'s ``:add-heading:`` underlines by character count, which is too
  short for Chinese headings (wide characters): render the heading as a rubric,
  and only when there are examples to list.
- Accessible images and controls: each example figure's ``alt`` text is the Chinese
  description the script gives it (``dlnotes.plotting.describe``); gallery thumbnails get their
  example's title as ``alt``; the sidebar's expand/collapse toggles get a name;
  bibliography entries are list items.
- Search: keep the ``index`` entries of every page in ``searchindex.js`` after an
  incremental build (sphinx-doc/sphinx#12599).
- A favicon drawn at build time (a sigmoid curve), so browsers find no 404.
"""

import hashlib
import json
import os
import re
import importlib.util
import shutil
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx.search import zh
from sphinx_gallery.directives import MiniGallery
from sphinx.util import logging

logger = logging.getLogger(__name__)

GENERATED = "generated"
GALLERY = f"{GENERATED}/gallery"
STAMP = ".dlnotes-source-hash"
PLACEHOLDER = f"{GENERATED}/figure-not-built.png"
ZIP_DATE = (1980, 1, 1, 0, 0, 0)

# Files of the MathJax 3 distribution the site serves, relative to its root:
# the combined TeX→CommonHTML component, its web fonts, the TeX extensions it
# autoloads (\boldsymbol, \cancel, ...), and what the right-click menu loads on demand.
MATHJAX_FILES = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
    "ui",
    "sre/mathmaps/en.json",
)


class ChineseSearch(zh.SearchChinese):
    """Chinese search whose stemmer JavaScript defines the class it names.

    Sphinx 9.0 appends ``window.Stemmer = ChineseStemmer;`` after the English
    stemmer, which defines only ``EnglishStemmer``; the fix upstream (#14416) names
    the class after the stemmer file.  Emit that corrected code directly.

    jieba's dictionaries (about a second to load) are loaded on the first page to
    index, not when the builder starts: a build with nothing to re-read skips them.
    """

    js_stemmer_rawcode = ""
    js_stemmer_code = "\n".join(
        (
            (Path(zh.__file__).parent / "minified-js" / "base-stemmer.js").read_text("utf-8"),
            (Path(zh.__file__).parent / "minified-js" / "english-stemmer.js").read_text("utf-8"),
            "window.Stemmer = EnglishStemmer;",
        )
    )

    def __init__(self, options):
        self._user_dict = options.get("dict")
        super().__init__({**options, "dict": ""})  # the parent loads no dictionary yet

    def split(self, input):
        if self._user_dict is not None:
            if Path(self._user_dict).is_file():
                zh.jieba_load_userdict(self._user_dict)
            self._user_dict = None
        return super().split(input)


def _module_hashes(src_pkg):
    """{module name: sha256 of its file} for every module of the dlnotes package."""
    return {path.stem: hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(src_pkg.glob("*.py"))}


# "from dlnotes.x import ...", "from dlnotes import x, y", "import dlnotes.x", "import dlnotes";
# inside the package: "from .x import ...", "from . import x".
_IMPORT = re.compile(
    r"^[ \t]*(?:from[ \t]+(?:dlnotes|(?=\.))(?:\.(\w*))?[ \t]+import[ \t]+\(?([\w, \t]*)"
    r"|import[ \t]+dlnotes(?:\.(\w+))?)",
    re.M,
)


def dlnotes_imports(text, modules):
    """The dlnotes modules that Python source (or a page's code cells) imports.

    ``"*"`` stands for all of them (``import dlnotes`` gives access to every module).
    Importing any submodule also runs the package's ``__init__``.
    """
    deps = set()
    for match in _IMPORT.finditer(text):
        sub_from, names, sub_import = match.groups()
        if sub_from:  # from dlnotes.x import ...  /  from .x import ...
            deps.add(sub_from)
        elif sub_import:  # import dlnotes.x
            deps.add(sub_import)
        elif names and names.strip():  # from dlnotes import a, b  /  from . import a
            deps.update(n for n in re.split(r"[\s,]+", names) if n in modules)
        else:  # import dlnotes, or "from dlnotes import (" with the names on later lines
            deps.add("*")
    return deps | {"__init__"} if deps else deps


def affected_modules(src_pkg, changed):
    """The changed modules and every module that imports one of them, transitively."""
    modules = {p.stem: p.read_text(encoding="utf-8") for p in src_pkg.glob("*.py")}
    if "__init__" in changed:
        return set(modules)
    users = {name: dlnotes_imports(text, modules) for name, text in modules.items()}
    affected = set(changed)
    while True:
        more = {name for name, deps in users.items() if deps & affected} - affected
        if not more:
            return affected
        affected |= more


def _depends(text, modules, affected):
    deps = dlnotes_imports(text, modules)
    return "*" in deps or bool(deps & affected)


AUTOSUMMARY_STAMP = f"{GENERATED}/api/.dlnotes-autosummary"


def _autosummary_key(app):
    """Hash of everything the API stub pages are generated from."""
    digest = hashlib.sha256()
    root = Path(app.confdir)
    files = sorted((root / "src" / "dlnotes").glob("*.py")) + [Path(app.srcdir) / "api.rst"]
    files += sorted((Path(app.srcdir) / "_templates" / "autosummary").glob("*"))
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    digest.update(repr(sorted((k, repr(v)) for k, v in app.config.autodoc_default_options.items())).encode())
    return digest.hexdigest()


def skip_unchanged_autosummary(app):
    """Before autosummary (builder-inited, 500): skip it when its inputs are unchanged.

    Generating the API stubs imports every dlnotes module, torch included (about 4 s of a
    no-change build); the stubs only change when a module, api.rst or a template does.
    """
    stamp = Path(app.srcdir) / AUTOSUMMARY_STAMP
    app.dlnotes_autosummary = (app.config.autosummary_generate, _autosummary_key(app))
    try:
        recorded = json.loads(stamp.read_text())
    except (OSError, ValueError):
        return
    files_there = all((Path(app.srcdir) / f).is_file() for f in recorded.get("files", [None]))
    if recorded.get("key") == app.dlnotes_autosummary[1] and files_there:
        app.config.autosummary_generate = []


def restore_autosummary(app):
    """After autosummary: restore the setting (the pickled config must not change) and
    record what the stubs were generated from."""
    generate, key = app.dlnotes_autosummary
    app.config.autosummary_generate = generate
    api = Path(app.srcdir) / GENERATED / "api"
    if api.is_dir():
        files = sorted(p.relative_to(app.srcdir).as_posix() for p in api.glob("*.rst"))
        stamp = Path(app.srcdir) / AUTOSUMMARY_STAMP
        text = json.dumps({"key": key, "files": files}, indent=0) + "\n"
        if not stamp.exists() or stamp.read_text() != text:
            stamp.write_text(text)


def _is_notebook(path):
    head = path.read_text(encoding="utf-8", errors="replace")[:500]
    return path.suffix == ".ipynb" or "file_format: mystnb" in head


def invalidate_on_source_change(app):
    """Before sphinx-gallery runs: re-run what a change under src/dlnotes affects.

    The stamp keeps a hash per module.  A changed module affects itself and every module
    importing it; each example script and notebook page that imports an affected module
    (read from its import lines) loses its execution cache, so it runs again.
    """
    srcdir = Path(app.srcdir)
    src_pkg = Path(app.confdir) / "src" / "dlnotes"
    stamp = srcdir / GENERATED / STAMP
    current = _module_hashes(src_pkg)
    try:
        previous = json.loads(stamp.read_text()) if stamp.exists() else None
    except ValueError:  # an older stamp format: treat everything as changed
        previous = {}
    app.dlnotes_rerun_notebooks = set()
    if previous is None or previous == current:
        if previous is None:
            stamp.parent.mkdir(parents=True, exist_ok=True)
            stamp.write_text(json.dumps(current, indent=0, sort_keys=True) + "\n")
        return
    changed = {m for m in current.keys() | previous.keys() if current.get(m) != previous.get(m)}
    affected = affected_modules(src_pkg, changed)
    modules = set(current)
    examples = [p for p in sorted((Path(app.confdir) / "gallery").rglob("plot_*.py"))
                if _depends(p.read_text(encoding="utf-8"), modules, affected)]
    for script in examples:
        for md5 in (srcdir / GALLERY).rglob(script.name + ".md5"):
            md5.unlink()
    pages = [p for p in sorted(srcdir.rglob("*.md"))
             if GENERATED not in p.relative_to(srcdir).parts and _is_notebook(p)
             and _depends(p.read_text(encoding="utf-8"), modules, affected)]
    cache_path = Path(app.config.nb_execution_cache_path)
    if pages and cache_path.exists():
        from jupyter_cache import get_cache

        cache = get_cache(cache_path)
        for record in cache.list_cache_records():
            if Path(record.uri) in pages:
                cache.remove_cache(record.pk)
    app.dlnotes_rerun_notebooks = {str(p.relative_to(srcdir).with_suffix("").as_posix()) for p in pages}
    logger.info(f"dlnotes: src/dlnotes changed ({', '.join(sorted(changed))}); re-running "
                f"{len(examples)} examples and {len(pages)} notebook pages that import it")
    stamp.write_text(json.dumps(current, indent=0, sort_keys=True) + "\n")


def outdated_notebooks(app, env, added, changed, removed):
    """Re-read (and so re-execute) the notebook pages that the src change affects."""
    rerun = getattr(app, "dlnotes_rerun_notebooks", set())
    return [docname for docname in sorted(rerun) if docname in env.found_docs and docname not in added]


def remember_zips(app):
    """Before sphinx-gallery rewrites its archives: note each one's bytes and mtime."""
    app.dlnotes_zips = {
        archive: (archive.read_bytes(), archive.stat().st_mtime_ns)
        for archive in sorted((Path(app.srcdir) / GALLERY).rglob("*.zip"))
    }


def normalise_zips(app):
    """After sphinx-gallery: make its download archives byte-reproducible.

    An archive whose normalised bytes did not change gets its old mtime back, so that
    the pages offering it for download are not rebuilt (a no-change build stays fast).
    """
    before = getattr(app, "dlnotes_zips", {})
    for archive in sorted((Path(app.srcdir) / GALLERY).rglob("*.zip")):
        with zipfile.ZipFile(archive) as zf:
            members = sorted((info.filename, zf.read(info)) for info in zf.infolist())
        tmp = archive.with_suffix(".zip.tmp")
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for name, data in members:
                info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, data)
        data = tmp.read_bytes()
        if data == archive.read_bytes():
            tmp.unlink()
        else:
            tmp.replace(archive)
        if archive in before and before[archive][0] == data:
            os.utime(archive, ns=(before[archive][1], before[archive][1]))


def _plotting(app):
    from sphinx_gallery.gen_gallery import _bool_eval

    return _bool_eval(app.config.plot_gallery)


def write_placeholder(app):
    """In a no-plot build, provide the image shown in place of unbuilt figures."""
    if _plotting(app):
        return
    target = Path(app.srcdir) / PLACEHOLDER
    if target.exists():
        return
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(6, 1.2), dpi=100)
    fig.text(0.5, 0.5, "figure not built (html-noplot): run `make html`",
             ha="center", va="center", fontsize=12, color="#555555")
    target.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(target, metadata={"Software": None})
    plt.close(fig)


def use_placeholder_for_missing_figures(app, doctree):
    """Runs before Sphinx collects images: swap in the placeholder where needed."""
    if _plotting(app):
        return
    srcdir = Path(app.srcdir)
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        figure = srcdir / uri.lstrip("/")
        if uri.startswith(f"/{GENERATED}/") and not figure.exists():
            image["uri"] = f"/{PLACEHOLDER}"
            # A missing dependency marks the page outdated, so the next plotting
            # build re-reads it and shows the real figure.
            app.env.note_dependency(str(figure))


def copy_mathjax(app, exception):
    """Serve MathJax from the site: copy the subset the pages load into _static."""
    if exception is not None or app.builder.format != "html":
        return
    spec = importlib.util.find_spec("sphinx-mathjax-offline")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the sphinx-mathjax-offline package is required (requirements.txt)")
    source = Path(spec.submodule_search_locations[0]) / "static" / "mathjax"
    target = Path(app.outdir) / "_static" / "mathjax"
    for rel in MATHJAX_FILES:
        src = source / rel
        files = sorted(src.rglob("*")) if src.is_dir() else [src]
        for path in files:
            if path.is_dir():
                continue
            dest = target / path.relative_to(source)
            if dest.exists() and dest.stat().st_size == path.stat().st_size:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, dest)


# CJK ideographs, CJK and full-width punctuation.
_CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")
_NO_REFLOW = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block,
              nodes.raw, nodes.comment, nodes.doctest_block)


def join_cjk_lines(app, doctree, docname=None):
    """Remove line breaks between two Chinese characters in running text."""
    for para in list(doctree.findall(nodes.TextElement)):
        if isinstance(para, _NO_REFLOW) or not isinstance(para, (nodes.paragraph, nodes.caption, nodes.title, nodes.term)):
            continue
        # Text inside math or code is a neighbour, never rewritten.
        texts = list(para.findall(nodes.Text))
        for i, text in enumerate(texts):
            value = str(text)
            if "\n" not in value or any(isinstance(a, _NO_REFLOW) for a in _ancestors(text, para)):
                continue
            before = str(texts[i - 1])[-1:] if i > 0 and str(texts[i - 1]) else ""
            after = str(texts[i + 1])[:1] if i + 1 < len(texts) and str(texts[i + 1]) else ""
            padded = before + value + after
            joined = re.sub(r"(?<=%s)\n(?=%s)" % (_CJK.pattern, _CJK.pattern), "", padded)
            joined = re.sub(r"(?<=[\u3000-\u303f\uff00-\uffef])\n", "", joined)
            joined = joined[len(before): len(joined) - len(after)]
            if joined != value:
                text.parent.replace(text, nodes.Text(joined))


def _ancestors(node, stop):
    node = node.parent
    while node is not None and node is not stop:
        yield node
        node = node.parent


_ALT_LINE = re.compile(r"^(\s*):alt: .*$", re.M)


def gallery_scraper(block, block_vars, gallery_conf, **kwargs):
    """sphinx-gallery's matplotlib scraper, with each figure's label as its ``alt`` text.

    The default scraper uses the figure's (English) titles; every figure of the site
    carries a Chinese description instead, given in its script with ``dlnotes.plotting.describe``.
    """
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import matplotlib_scraper

    from dlnotes.plotting import MIN_DESCRIPTION_CHARS, figure_description

    script = Path(block_vars.get("src_file", "?")).name
    alts = []
    for k, num in enumerate(plt.get_fignums(), 1):
        alt = figure_description(plt.figure(num))
        if alt is None:
            raise ValueError(
                f"{script}: figure {k} has no Chinese description; give it one with "
                f"dlnotes.plotting.describe(fig, '…') (at least {MIN_DESCRIPTION_CHARS} characters, the image's alt text)"
            )
        alts.append(alt.replace("`", "'"))
    rst = matplotlib_scraper(block, block_vars, gallery_conf, **kwargs)
    found = _ALT_LINE.findall(rst)
    if len(found) != len(alts):
        raise RuntimeError(f"{script}: {len(alts)} figures but {len(found)} images in the scraped reST")
    replacements = iter(alts)
    return _ALT_LINE.sub(lambda m: f"{m.group(1)}:alt: {next(replacements)}", rst)


def describe_thumbnails(app, doctree, docname=None):
    """Gallery thumbnails: ``alt`` = the title of the example they link to.

    sphinx-gallery leaves a thumbnail's ``alt`` empty; its title sits in the link that
    follows the image in the same container.
    """
    for image in list(doctree.findall(nodes.image)):
        if "_thumb." not in image.get("uri", "") or image.get("alt"):
            continue
        siblings = image.parent.children[image.parent.index(image) + 1:]
        title = next((s.astext().strip() for s in siblings if isinstance(s, nodes.paragraph)), "")
        if title:
            image["alt"] = f"示例缩略图：{title}"


def name_sidebar_toggles(app, pagename, templatename, context, doctree):
    """The theme's sidebar expand/collapse ``<summary>`` has only an icon: give it a name."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def named(*args, **kwargs):
        out = generate(*args, **kwargs)  # a BeautifulSoup tree (cached by the theme) or a str
        if hasattr(out, "find_all"):
            for summary in out.find_all("summary"):
                if not summary.get_text(strip=True):
                    summary["aria-label"] = "展开或折叠本节"
        return out

    context["generate_toctree_html"] = named


def fix_citation_roles(app, pagename, templatename, context, doctree):
    """docutils marks bibliography entries ``role="doc-biblioentry"`` inside a
    ``role="list"`` container; that role is deprecated (DPUB-ARIA 1.1) and is not a list
    item for assistive technology, so the list has no items (axe: aria-required-children)."""
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def keep_search_index_entries(app, env):
    """Work around sphinx-doc/sphinx#12599: after an incremental build the search index
    keeps the ``index`` directive entries of the re-written pages only.

    Sphinx fills these entries while writing pages, after the environment is pickled,
    and does not read them back from the old ``searchindex.js``.  Recompute them here for
    every document from the index domain (as ``IndexBuilder.feed`` does), before writing.
    """
    from sphinx.util.index_entries import split_index_msg

    collected = {}
    for docname, entries in env.domains.index_domain.entries.items():
        if not env.titles.get(docname) or not env.titles[docname].astext():
            continue
        found = set()
        for entry_type, value, target_id, main, _category in entries:
            try:
                result = split_index_msg(entry_type, value)
            except ValueError:
                continue
            target_id = target_id or ""
            if entry_type in {"see", "seealso"}:
                found.add((result[0], target_id, main))
            found |= {(x, target_id, main) for x in result}
        if found:
            collected[docname] = sorted(found)
    env._search_index_index_entries.clear()
    env._search_index_index_entries.update(collected)
    return []


def write_favicon(app, exception):
    """Draw the site icon (a sigmoid on a blue tile) as SVG into ``_static``."""
    if exception is not None or app.builder.format != "html":
        return
    import numpy as np

    x = np.linspace(-6, 6, 25)
    y = 1 / (1 + np.exp(-x))
    points = " ".join(f"{4 + (v + 6) * 2:.1f},{28 - 24 * w:.1f}" for v, w in zip(x, y))
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
        '<rect width="32" height="32" rx="6" fill="#0072B2"/>'
        f'<polyline points="{points}" fill="none" stroke="#ffffff" stroke-width="3" '
        'stroke-linecap="round" stroke-linejoin="round"/></svg>\n'
    )
    target = Path(app.outdir) / "_static" / "favicon.svg"
    if not target.exists() or target.read_text(encoding="utf-8") != svg:
        target.write_text(svg, encoding="utf-8")


def add_favicon(app, pagename, templatename, context, doctree):
    context["favicon_url"] = context["pathto"]("_static/favicon.svg", 1)


class ChineseMiniGallery(MiniGallery):
    """``minigallery`` whose ``:add-heading:`` becomes a rubric above a non-empty list."""

    def run(self):
        heading = self.options.pop("add-heading", None)
        before = len(self.state_machine.input_lines)
        result = super().run()  # inserts the thumbnails' reST after this directive
        if heading and len(self.state_machine.input_lines) > before:
            # inserted right after the directive too, so it lands above the thumbnails
            self.state_machine.insert_input([f".. rubric:: {heading}", ""], "minigallery")
        return result


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.add_search_language(ChineseSearch)
    app.add_directive("minigallery", ChineseMiniGallery, override=True)
    # sphinx-gallery generates the example pages at builder-inited, priority 500.
    app.connect("builder-inited", invalidate_on_source_change, priority=400)
    app.connect("builder-inited", remember_zips, priority=400)
    app.connect("builder-inited", normalise_zips, priority=600)
    # autosummary generates the API stubs at builder-inited, priority 500.
    app.connect("builder-inited", skip_unchanged_autosummary, priority=400)
    app.connect("builder-inited", restore_autosummary, priority=600)
    app.connect("builder-inited", write_placeholder, priority=600)
    app.connect("env-get-outdated", outdated_notebooks)
    # Sphinx's image collector reads images at doctree-read, priority 500.
    app.connect("doctree-read", use_placeholder_for_missing_figures, priority=400)
    app.connect("env-updated", keep_search_index_entries)
    app.connect("doctree-resolved", join_cjk_lines)
    app.connect("doctree-resolved", describe_thumbnails)
    # after the theme (priority 500) has put its toctree function into the context
    app.connect("html-page-context", name_sidebar_toggles, priority=900)
    app.connect("html-page-context", add_favicon)
    app.connect("html-page-context", fix_citation_roles)
    app.connect("build-finished", copy_mathjax)
    app.connect("build-finished", write_favicon)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
