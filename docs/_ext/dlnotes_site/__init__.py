"""dlnotes_site: the build logic of the dlnotes site that no upstream package provides.

One job (or a small group of related ones) per module, each a Sphinx extension of its
own whose docstring names the upstream gap it fills and when it can be deleted:

- ``search``     Chinese search: the stemmer's class name (sphinx#14229), jieba's
                 dictionaries loaded lazily, index entries kept after incremental builds
                 (sphinx#12599), one-character terms; with ``searchquery``, the query side:
                 questions cut into the index's words, glossary aliases, ranking by page
                 kind, one entry per page, snippets from the article
- ``mathsvg``    formulas typeset at build time as SVG by MathJax in Node (``mathsvg.js``),
                 no MathJax in the browser; without Node, Sphinx's MathJax renderer
- ``assets``     MathJax served offline (the fallback), myst-nb's and sphinx-exercise's stylesheets, in place before
                 pages are written (same bytes whatever the build route)
- ``freshness``  a change in the package re-runs exactly the examples and notebook pages
                 that import it (``imports``: the import graph, read with ``ast``)
- ``apistubs``   autosummary skipped when the API pages' inputs are unchanged
- ``gallery``    the image scraper: each figure's Chinese description as its alt text, its
                 files (``figfiles``: light and dark renders at 1x and 2x, palette PNG or
                 WebP), thumbnails redrawn with dark twins
- ``figures``    every gallery image on every page gets its 2x file (srcset) and dark twin
- ``downloads``  reproducible zip archives of the examples
- ``cjk``        Chinese text: no spaces from line breaks, no 。 starting a line after
                 inline math, minigallery headings
- ``a11y``       accessible names for the sidebar toggles and bibliography entries
- ``wheel``      the package as a reproducible wheel, offered for download
- ``runline``    each example page says how to run it (the wheel plus the pinned packages)
- ``backlinks``  generated pages link back to the notes section that teaches them
- ``apilead``    API pages open with a Chinese summary and that link
- ``book``       the PDF (LaTeX builder only): online-only documents left out, appendices,
                 admonition labels; with ``booksolutions`` (solutions collected in an
                 appendix, exercise numbers), ``booktype`` (print typography) and
                 ``_booktree`` (shared tree helpers); ``bookindex`` sorts the index in pinyin
                 (run by latexmk, not an extension)
- ``bookimages`` the PDF's images: dark twins left out, 2× renders, WebP photographs as JPEG
- ``pdflink``    the PDF in the HTML site (home page link, download menu) when it was built
- ``names``      line-break opportunities in long dotted names (API titles); it and
                 ``a11y`` edit the sidebar through ``_sidebar`` (one guarded wrapper)
- ``i18n``       the theme's, sphinx-gallery's and numpydoc's strings in Chinese through
                 gettext catalogues (``locale/``)
- ``perf``       a faster first view: images after the first load lazily, extension
                 scripts deferred, stylesheets only where they style something, the
                 theme's light/dark resolved before layout
- ``icons``      the theme's icon font cut down to the icons the site shows
- ``seo``        a meta description for every page, from its first paragraph

A function that must use a private API is version-guarded (``_guard``): on another
version of the package the build stops and says what to check.
"""

MODULES = ("search", "mathsvg", "assets", "freshness", "apistubs", "figfiles", "gallery", "figures", "downloads", "cjk",
           "a11y", "names", "i18n", "perf", "icons", "seo", "wheel", "runline", "backlinks", "apilead", "book",
           "bookimages", "pdflink")


def setup(app):
    for name in MODULES:
        app.setup_extension(f"{__name__}.{name}")
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
