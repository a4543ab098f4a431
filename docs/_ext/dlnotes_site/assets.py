"""Assets in place before the first page is written: offline MathJax, extensions' stylesheets.

Sphinx (7.1+, https://github.com/sphinx-doc/sphinx/pull/11415) appends ``?v=<checksum>``
to a stylesheet or script link when the file is in ``_static`` at the moment the page is
written.  An asset copied at ``build-finished`` is missing while a clean build writes its
pages but present during the next incremental build, so the same page gets different
bytes depending on the route (``genindex.html`` and ``search.html``, rewritten by every
build, differed after a no-change rebuild).  The assets below are therefore copied at
``builder-inited``:

- MathJax 3, served by the site itself (the built site loads nothing from another host),
  only when the formulas are typeset in the browser (``mathsvg``'s fallback without
  Node; otherwise they are SVG in the pages and no MathJax is copied).  Sphinx's ``mathjax_path`` defaults to a CDN; the ``sphinx-mathjax-offline`` package
  ships MathJax but its own extension copies all 24 MB at ``build-finished``.  The subset
  the pages load (``MATHJAX_FILES``, about 3 MB) is copied from its package data.  Keep
  while Sphinx has no offline MathJax.
- myst-nb's ``mystnb.<hash>.css``, which myst-nb copies at ``build-finished``
  (``myst_nb.sphinx_ext.add_global_html_resources``).  The same function is called
  earlier; it is not public, so :func:`_copy_mystnb_css` is version-guarded.  No myst-nb
  issue found; delete when myst-nb serves its CSS through ``html_static_path`` (as
  sphinx-design did in https://github.com/executablebooks/sphinx-design/pull/276).
- sphinx-exercise's ``exercise.css``, which it copies at ``build-finished`` too
  (``sphinx_exercise.copy_asset_files``, not public: :func:`_copy_exercise_css` is
  version-guarded).  Delete when sphinx-exercise uses ``html_static_path``.
"""

import shutil
from importlib import metadata
from pathlib import Path

from sphinx.errors import ExtensionError

from ._guard import private_api, verify

# Files of the MathJax 3 distribution the site serves, relative to its root: the
# combined TeX-to-CommonHTML component, its web fonts, the TeX extensions it autoloads
# (\boldsymbol, \cancel, ...), and what the right-click menu loads on demand.
MATHJAX_FILES = (
    "tex-chtml.js",
    "output/chtml/fonts/woff-v2",
    "input/tex/extensions",
    "a11y",
    "ui",
    "sre/mathmaps/en.json",
)
MATHJAX_DIST = "sphinx-mathjax-offline"


def mathjax_source():
    """The MathJax folder shipped by the sphinx-mathjax-offline distribution."""
    try:
        root = metadata.distribution(MATHJAX_DIST).locate_file("sphinx-mathjax-offline")
    except metadata.PackageNotFoundError:
        raise ExtensionError(f"dlnotes_site.assets: the {MATHJAX_DIST} package is required "
                             "(requirements.txt)") from None
    source = Path(root) / "static" / "mathjax"
    if not (source / MATHJAX_FILES[0]).is_file():
        raise ExtensionError(f"dlnotes_site.assets: no {MATHJAX_FILES[0]} in {source}")
    return source


def copy_mathjax(source, target):
    """Copy the ``MATHJAX_FILES`` of ``source`` into ``target``; skip files already there."""
    for rel in MATHJAX_FILES:
        path = source / rel
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if not file.is_file():
                continue
            dest = target / file.relative_to(source)
            if dest.is_file() and dest.stat().st_size == file.stat().st_size:
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, dest)


@private_api(
    "myst-nb stylesheet before pages are written",
    {"myst-nb": "1.4.0"},
    "that myst_nb.sphinx_ext.add_global_html_resources(app, exception) still copies "
    "mystnb.<hash>.css into _static (or that myst-nb now uses html_static_path).",
)
def _copy_mystnb_css(app):
    from myst_nb.sphinx_ext import add_global_html_resources

    add_global_html_resources(app, None)


@private_api(
    "sphinx-exercise stylesheet before pages are written",
    {"sphinx-exercise": "1.2.1"},
    "that sphinx_exercise.copy_asset_files(app, exc) still copies exercise.css into _static "
    "(or that sphinx-exercise now uses html_static_path).",
)
def _copy_exercise_css(app):
    from sphinx_exercise import copy_asset_files

    copy_asset_files(app, None)


def put_assets(app):
    """builder-inited: copy MathJax and the extensions' stylesheets into the output's _static."""
    if app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)  # the extensions' copies below expect it
    # only when formulas are typeset in the browser (mathsvg's fallback)
    if getattr(app.builder, "math_renderer_name", None) == "mathjax":
        copy_mathjax(mathjax_source(), static / "mathjax")
    if "myst_nb" in app.extensions:
        _copy_mystnb_css(app)
    if "sphinx_exercise" in app.extensions:
        _copy_exercise_css(app)


def setup(app):
    verify(_copy_mystnb_css, _copy_exercise_css)
    app.connect("builder-inited", put_assets)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
