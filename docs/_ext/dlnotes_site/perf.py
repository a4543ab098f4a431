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
"""

import os

from docutils import nodes

from ._guard import private_api, verify

# scripts that stay synchronous (see above), by file name
KEEP_SYNC = ("documentation_options.js", "doctools.js", "translations.js")


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


def setup(app):
    verify(_deferred)
    app.connect("doctree-resolved", lazy_images)
    # after the theme and the extensions that add scripts to the page context
    app.connect("html-page-context", defer_scripts, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
