"""dlnotes_site: the build logic of the dlnotes site that no upstream package provides.

One job (or a small group of related ones) per module, each a Sphinx extension of its
own whose docstring names the upstream gap it fills and when it can be deleted:

- ``search``     Chinese search: the stemmer's class name (sphinx#14229), jieba's
                 dictionaries loaded lazily, index entries kept after incremental builds
                 (sphinx#12599)
- ``assets``     MathJax served offline and myst-nb's stylesheet, both in place before
                 pages are written (same bytes whatever the build route)
- ``freshness``  a change in the package re-runs exactly the examples and notebook pages
                 that import it (``imports``: the import graph, read with ``ast``)
- ``apistubs``   autosummary skipped when the API pages' inputs are unchanged
- ``gallery``    the image scraper: each figure's Chinese description as its alt text
- ``downloads``  reproducible zip archives of the examples
- ``cjk``        Chinese text: no spaces from line breaks, no 。 starting a line after
                 inline math, minigallery headings
- ``a11y``       accessible names for the sidebar toggles and bibliography entries
- ``names``      line-break opportunities in long dotted names (API titles)
- ``i18n``       the theme's, sphinx-gallery's and numpydoc's strings in Chinese through
                 gettext catalogues (``locale/``)
- ``perf``       a faster first view: images after the first load lazily, extension
                 scripts deferred
- ``seo``        a meta description for every page, from its first paragraph

A function that must use a private API is version-guarded (``_guard``): on another
version of the package the build stops and says what to check.
"""

MODULES = ("search", "assets", "freshness", "apistubs", "gallery", "downloads", "cjk", "a11y", "names", "i18n", "perf", "seo")


def setup(app):
    for name in MODULES:
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
