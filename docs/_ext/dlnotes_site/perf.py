"""A faster first view on a phone (issue 16.7, measured by ``benchmarks/lighthouse.py``).

Two gaps in what Sphinx and the themes write into every page:

1. Every image loads at once: a chapter page's ten figures (about 450 KB) compete on a
   slow connection with the stylesheets the first paint waits for.  docutils writes
   ``loading="lazy"`` for an image node whose ``loading`` is ``"lazy"`` (the ``:loading:``
   option of ``image``/``figure``, docutils 0.21); at ``doctree-resolved`` every image of
   a page but the first gets it, so the browser fetches a figure when it nears the
   screen.  The first stays eager: it may be on the first screen (Lighthouse's
   lcp-lazy-loaded).  Delete if docutils or Sphinx gain a per-build default that spares
   the first image.
2. Scripts that extensions register (``app.add_js_file``: sphinx-copybutton, sphinx-design,
   sphinx-gallery, the book theme, Sphinx's translations) are written as ordinary
   ``<script src>`` tags in ``<head>``, each blocking the first paint; none needs to run
   before the page is parsed.  In ``html-page-context`` (after the extensions) they get
   ``defer``, which keeps their order.  Kept synchronous: scripts with an ``async`` or
   ``defer`` of their own (MathJax), ``documentation_options.js`` (inline scripts of the
   page use it), ``doctools.js`` (the theme's synchronous search scripts call its
   ``_ready``) and ``translations.js`` (2 KB: a deferred script's ``_ready`` callback runs
   at once, since the document is no longer loading, so ``sphinx_highlight.js`` would
   label its link before the Chinese strings arrive: "Hide Search Matches").  The search page keeps Sphinx's order.  The list holds Sphinx's asset
   objects, rebuilt here with the arguments of ``add_js_file``, so :func:`_deferred` is
   version-guarded.  Delete when Sphinx defers extension scripts by default.
3. Every stylesheet an extension registers is linked from every page, and each one is a
   request the first paint waits for: sphinx-gallery's four (binder badges, DataFrames,
   rendered HTML outputs, the gallery itself), sphinx-design's 55 KB, myst-nb's 43 KB,
   sphinx-exercise's, the copy button's and Pygments'.  In ``html-page-context`` a
   stylesheet of ``STYLED`` is kept only on a page whose body has what it styles (a class
   of its own); any other stylesheet is kept everywhere.  :func:`_needed` reads the page
   context's asset objects (``.filename``), so it is version-guarded.  Delete when the
   extensions add their stylesheets only to the pages that use them.
4. The theme's first script sets ``<html data-theme>`` to the stored choice or ``"auto"``,
   and only its deferred script resolves ``"auto"`` to light or dark, after the page has
   been laid out.  Until then neither ``only-light`` nor ``only-dark`` images are hidden,
   so the browser fetches both renders of every figure near the screen (half of them for
   nothing), and a reader in dark mode sees the light page first.  ``THEME_SCRIPT`` (in
   the head, before the body is parsed) resolves it the way the theme's script does
   (pydata-sphinx-theme 0.20: the stored mode if it is light or dark, else
   ``prefers-color-scheme``; the stored theme is only the last resolution).  Delete
   when the theme resolves the mode in its head script.
"""

import os
import re

from docutils import nodes

from ._guard import private_api, verify

# scripts that stay synchronous (see above), by file name
KEEP_SYNC = ("documentation_options.js", "doctools.js", "translations.js")


# stylesheet file name: what in a page's body it styles (a class only its markup has)
STYLED = {
    "sg_gallery.css": r"sphx-glr",
    "sg_gallery-binder.css": r"binder-badge|lite-badge",
    "sg_gallery-dataframe.css": r'class="[^"]*\bdataframe\b',
    "sg_gallery-rendered-html.css": r'class="[^"]*\brendered_html\b',
    "sphinx-design.min.css": r'class="[^"]*\bsd-',
    "mystnb.css": r'class="[^"]*\b(cell|output)\b',
    "exercise.css": r'class="[^"]*\b(exercise|solution)\b',
    "copybutton.css": r'class="[^"]*\bhighlight\b',
    "pygments.css": r'class="[^"]*\bhighlight\b',
}


def _styled_name(filename):
    """The ``STYLED`` key of a stylesheet path (myst-nb's file name carries a hash)."""
    name = os.path.basename(os.fspath(filename)).split("?")[0]
    return re.sub(r"^mystnb\.[0-9a-f]+\.css$", "mystnb.css", name)


# resolve the theme's "auto" before the body is laid out (see 4 above)
THEME_SCRIPT = (
    "(function(){var d=document.documentElement,m=d.dataset.mode;"
    "d.dataset.theme=(m==='light'||m==='dark')?m:"
    "(matchMedia('(prefers-color-scheme: dark)').matches?'dark':'light');})();"
)


def lazy_images(app, doctree, docname):
    """Every image of the page but the first loads lazily."""
    for index, image in enumerate(doctree.findall(nodes.image)):
        if index > 0 and "loading" not in image:
            image["loading"] = "lazy"


def _should_defer(filename, attributes):
    if not filename or "://" in os.fspath(filename):
        return False
    if "async" in attributes or "defer" in attributes or attributes.get("type") == "module":
        return False
    return os.path.basename(os.fspath(filename)) not in KEEP_SYNC


@private_api(
    "deferred extension scripts",
    {"sphinx": "9.0.4"},
    "that the page context's script_files still lists Sphinx's asset objects with "
    ".filename, .priority and .attributes, built as (filename, priority=..., **attributes) "
    "(sphinx/builders/html/_assets.py, _JavaScript).",
)
def _deferred(script_files):
    out = []
    for js in script_files:
        attributes = getattr(js, "attributes", None)
        if attributes is not None and _should_defer(js.filename, attributes):
            js = type(js)(js.filename, priority=js.priority, **{**attributes, "defer": "defer"})
        out.append(js)
    return out


def defer_scripts(app, pagename, templatename, context, doctree):
    if pagename != "search" and context.get("script_files"):
        context["script_files"] = _deferred(context["script_files"])


@private_api(
    "stylesheets only where they style something",
    {"sphinx": "9.0.4"},
    "that the page context's css_files still lists Sphinx's asset objects with .filename "
    "(sphinx/builders/html/_assets.py, _CascadingStyleSheet).",
)
def _needed(css_files, body):
    return [css for css in css_files
            if (pattern := STYLED.get(_styled_name(getattr(css, "filename", css)))) is None
            or re.search(pattern, body)]


def drop_stylesheets(app, pagename, templatename, context, doctree):
    if context.get("css_files") and "body" in context:
        context["css_files"] = _needed(context["css_files"], context["body"])


def setup(app):
    verify(_deferred, _needed)
    app.add_js_file(None, body=THEME_SCRIPT, priority=1)
    app.connect("doctree-resolved", lazy_images)
    # after the theme and the extensions that add scripts to the page context
    app.connect("html-page-context", defer_scripts, priority=900)
    app.connect("html-page-context", drop_stylesheets, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
