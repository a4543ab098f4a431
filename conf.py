"""Sphinx configuration of the dlnotes site.

Build with ``make html`` (``sphinx-build -M html docs _build -c . -W --keep-going -n``).
This file lives at the top of the repository while the sources live in ``docs/``:
paths of static files, templates and the bibliography are relative to this file,
while ``exclude_patterns``, gallery folders and ``/``-rooted image paths are relative
to ``docs/``.  No option that Sphinx hashes into the output (``.buildinfo``) holds an
absolute path of this checkout, so a build in another folder gives the same bytes.

Site-specific build logic is the package ``docs/_ext/dlnotes_site/``, one extension
module per job (each says which upstream gap it fills and when it can go):

- ``search``     Chinese search: stemmer fix, lazy jieba dictionary, index entries kept;
                 queries cut into words, glossary aliases, ranking (``searchquery``)
- ``mathsvg``    formulas typeset at build time (MathJax in Node, SVG in the page)
- ``assets``     offline MathJax (the fallback) and myst-nb's stylesheet, before pages are written
- ``freshness``  a change in ``dlnotes`` re-runs the examples and notebook pages importing it
- ``apistubs``   autosummary skipped when the API pages' inputs are unchanged
- ``gallery``    image scraper: alt text from each figure's Chinese description; its files
                 (``figfiles``: light and dark, 1x and 2x, palette PNG or WebP); thumbnails
                 and their dark twins
- ``figures``    every gallery image on every page: srcset (2x) and its dark twin
- ``downloads``  reproducible zip archives of the examples
- ``cjk``        no spaces from line breaks in Chinese text; no line starting with 。
                 after inline math; minigallery headings
- ``a11y``       accessible names for sidebar toggles and bibliography entries
- ``names``      line-break opportunities in long dotted names (API titles)
- ``i18n``       theme, sphinx-gallery and numpydoc strings in Chinese (gettext catalogues)
- ``perf``       lazy images after the first, deferred extension scripts, stylesheets only
                 where they style something, the theme's light/dark resolved before layout
- ``icons``      the theme's icon font cut down to the icons the site shows
- ``seo``        a meta description for every page
- ``wheel``      the package as a reproducible wheel (``_downloads/``), for readers to install
- ``runline``    each example page says how to run it: the wheel plus the pinned packages
- ``backlinks``  example and API pages link back to the section that teaches them ("正文：")
- ``apilead``    API pages open with a Chinese summary (``docs/api_summaries.toml``)
- ``book``       the PDF: online-only pages left out, appendices, solutions appendix (LaTeX only;
                 ``booksolutions``, ``booktype``, ``bookindex``: pinyin index)
- ``bookimages`` the PDF's images: no dark twins, 2× renders, WebP photographs as JPEG
- ``pdflink``    the PDF in the site, linked from the home page and the download menu
"""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
sys.path.insert(0, str(ROOT / "docs" / "_practice"))  # the exercise-overview directive

# -- Project -------------------------------------------------------------------------
project = "深度学习基础笔记"
author = "dlnotes 贡献者"
copyright = "2026, dlnotes 贡献者"
release = version = "0.1"
language = "zh_CN"
# Interface strings in Chinese through gettext catalogues (relative to docs/):
# ../locale/ holds the project's catalogues (the theme's untranslated strings) and the
# template of the generated pages' catalogue, which dlnotes_site.i18n fills into
# generated/locale/.  Sphinx compiles the .po files to .mo itself (gettext_auto_build);
# the .mo files are not committed.
locale_dirs = ["../locale", "generated/locale"]

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "myst_nb",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinx_gallery.gen_gallery",
    "sphinxcontrib.bibtex",
    "dlnotes_site",
    # -- practice (issue 19): exercises and solutions, numbered per chapter -----------
    "sphinx_exercise",
    "dlnotes_practice",
]

root_doc = "index"
# Sub-galleries, in reading order (the folder names under gallery/).
CHAPTERS = ["activations", "layers", "losses", "regularization", "optimization", "metrics", "architectures"]
# The HTML builder resolves templates against this folder, autosummary against docs/:
# the same folder named once for each (an absolute path would tie the build to this checkout).
templates_path = ["docs/_templates", "_templates"]
exclude_patterns = [
    "_templates",
    "_ext",
    "_practice",
    # sphinx-gallery writes a notebook next to each generated page; myst-nb must
    # not read and execute those as sources of their own.
    "generated/**.ipynb",
    "generated/**.py",
    "**.ipynb_checkpoints",
]
# Nitpicky builds (-n) must stay silent: no intersphinx (the build is offline), so
# types named in numpydoc sections are rendered as plain text, not cross-references.
nitpicky = True

# -- Practice pages ---------------------------------------------------------------------
# sphinx-exercise numbers exercises with numfig (it switches numfig on): with the root
# toctree ``:numbered: 1`` (docs/index.md) and the default numfig_secnum_depth = 1 they
# read "练习 3.4" per chapter; figures and tables are numbered per chapter the same way.
# Labels come from sphinx-exercise's zh_CN catalogue ("练习", "解答"); solutions are
# hidden in sphinx-design dropdowns (native <details>, keyboard-usable without JS).
numfig_secnum_depth = 1

# -- HTML ----------------------------------------------------------------------------
html_theme = "sphinx_book_theme"
html_title = "深度学习基础笔记"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"  # the one committed image (tests/site/test_site.py)
html_css_files = ["dlnotes.css"]
html_last_updated_fmt = None  # no build dates: two builds give the same bytes
html_copy_source = False
html_show_sourcelink = False
# No Python module index page: the API page lists the modules (and the index page's
# expand/collapse images have no meaningful alt text).
html_domain_indices = False
html_theme_options = {
    # No top navbar: pydata-sphinx-theme 0.20 renders its own header (sections/header.html)
    # whenever one of these lists is non-empty, and navbar_persistent defaults to its search
    # button unless set.  That header holds a second .primary-toggle/.secondary-toggle, which
    # the theme's scripts bind instead of the book theme's visible ones (pydata-sphinx-theme
    # issue 2451), so the phone menu did nothing; it also left a stray band and a second
    # search box.  The book theme's article header keeps the toggles and search button.
    "navbar_start": [],
    "navbar_center": [],
    "navbar_end": [],
    "navbar_persistent": [],
    "show_toc_level": 2,
    "navigation_with_keys": False,
    # The download menu offered the page source (.md/.rst/.ipynb from _sources/, not
    # published: html_copy_source = False) and the browser's own print dialog.  The
    # downloads a reader needs are the examples' scripts and notebooks (sphinx-gallery).
    "use_download_button": False,
    "home_page_in_toc": True,
    # Expand only the current branch of the sidebar: rendering the full tree (~200 API and
    # example pages) into every page doubled the write time and the size of the site.
    "collapse_navbar": True,
    "extra_footer": (
        "代码以 MIT 许可发布；文字与图片以 "
        '<a href="https://creativecommons.org/licenses/by/4.0/deed.zh-hans">CC BY 4.0</a>'
        " 许可发布。"
    ),
}
# An explicit light/dark mode: with none set, the theme's script logs a console error
# on a reader's first visit ("Got invalid theme mode").
html_context = {"default_mode": "auto"}
html_search_language = "zh"
# jieba's default dictionary lacks many technical terms (过拟合, 批归一化, ...);
# this user dictionary adds them (relative to this folder: dlnotes_site.search resolves it).
html_search_options = {"dict": "docs/search_terms.txt"}
# Ranking of search results (chapters, then examples, then API pages; see the file).
# Sphinx opens this path as given (relative to the working directory), so it is absolute;
# html_search_scorer is not among the options hashed into .buildinfo.
html_search_scorer = str(ROOT / "docs" / "_ext" / "dlnotes_site" / "search_scorer.js")

# -- Copy buttons (sphinx-copybutton) ---------------------------------------------------
# A button on every code block; none on output blocks (sphinx-gallery's printed output,
# myst-nb's cell outputs).  In a session block, what a reader would type is copied,
# without prompts and outputs: lines starting with a prompt (">>> ", "... ", "$ ") are
# copied without it, every other line is left out, and output that Pygments marks as
# such (.go, doctest and console blocks) never counts, even if it looks like a prompt.
# A block without prompts (a script) is copied whole, blank lines included.  The
# button's tooltips follow the page language (lang="zh-CN": sphinx-copybutton's own
# Chinese strings).
copybutton_selector = "div:not(.sphx-glr-script-out, .output) > div.highlight > pre"
copybutton_exclude = ".linenos, .go"
copybutton_prompt_text = r">>> |\.\.\. |\$ "
copybutton_prompt_is_regexp = True
copybutton_only_copy_prompt_lines = True
copybutton_copy_empty_lines = False

# -- Math: typeset at build time by MathJax in Node, written into the pages as SVG
#    (dlnotes_site.mathsvg; npm ci installs mathjax-full).  Without Node the build falls
#    back to sphinx.ext.mathjax: MathJax served from the site itself (dlnotes_site.assets
#    copies a subset of the files shipped by the sphinx-mathjax-offline package into
#    _static/mathjax/) typesets them in the browser.
html_math_renderer = "mathsvg"
mathjax_path = "mathjax/tex-chtml.js"
# async, not Sphinx's default defer: a deferred MathJax typesets every formula before
# DOMContentLoaded (0.9 s on the activations page); async lets the page load first.
mathjax_options = {"async": "async"}

# -- API reference: autosummary + numpydoc ------------------------------------------
autosummary_generate = True
autosummary_imported_members = False
# A module's __all__ says what it documents: dlnotes.metrics documents the functions its
# private submodules (_classification, _ranking, _regression) define.
autosummary_ignore_module_all = False
autodoc_typehints = "none"
autodoc_default_options = {"members": True}
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False
# numpydoc's validator runs on every object autodoc documents (functions, classes and
# their methods); with -W each violation fails the build.  tests/package/test_docstrings.py
# reads these two settings and applies the same checks without a docs build.  Every
# check is on ("all") except:
#   GL01, GL02  where the summary and the closing quotes sit: layout, not content;
#   ES01        an extended summary: welcome, but a one-line summary with typed
#               parameters, returns, See Also and an example is enough for a small helper;
#   SS05        "start with an infinitive verb": a heuristic (first word ending in "s")
#               that misreads this package's noun-phrase summaries ("Gradients of ...").
# So every public function, class and method has a summary, typed and described
# Parameters matching its signature (PR01-PR10), Returns with types and descriptions
# (RT01-RT05), See Also with descriptions (SA01-SA04) and Examples (EX01).
numpydoc_validation_checks = {"all", "GL01", "GL02", "ES01", "SS05"}
# Left out: only the constants of dlnotes.plotting (DPI, PALETTE, ROLES, ...), which the API
# page documents with autodata from their "#:" comments (no numpydoc sections there).
# Every function of dlnotes.plotting is validated (it got its sections and examples with
# issue 17); all its public callables have lower-case names.
numpydoc_validation_exclude = {r"^dlnotes\.plotting\.[A-Z][A-Z0-9_]*$"}

# -- MyST / myst-nb -------------------------------------------------------------------
myst_enable_extensions = ["dollarmath", "amsmath", "colon_fence"]
myst_heading_anchors = 3
nb_execution_mode = "cache"
nb_execution_cache_path = str(ROOT / "_build" / ".jupyter_cache")
nb_execution_raise_on_error = True  # a failing cell fails the build
nb_execution_show_tb = True
nb_execution_timeout = 120
nb_merge_streams = True

# -- Bibliography --------------------------------------------------------------------
bibtex_bibfiles = ["docs/references.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"

# -- sphinx-gallery ------------------------------------------------------------------
sphinx_gallery_conf = {
    "examples_dirs": "../gallery",
    "gallery_dirs": "generated/gallery",
    # Chapters in reading order; "*" keeps any other sub-gallery (alphabetically last).
    "subsection_order": [f"../gallery/{c}" for c in CHAPTERS] + ["*"],
    "within_subsection_order": "FileNameSortKey",
    "filename_pattern": r"/plot_",
    "ignore_pattern": r"__init__\.py",
    # the documented package; dlnotes_site re-runs what imports a changed module of it
    "doc_module": ("dlnotes",),
    "backreferences_dir": "generated/backreferences",
    # Backreferences name an object by its defining module, except for dlnotes.metrics,
    # whose functions are defined in private submodules and documented in the package.
    "prefer_full_module": {r"^dlnotes\.(?!metrics\.)"},
    "abort_on_example_error": False,  # report every failing example, then fail
    "only_warn_on_example_error": False,
    "download_all_examples": True,
    "remove_config_comments": True,
    "show_memory": False,
    "show_signature": False,  # "Gallery generated by Sphinx-Gallery" link: off
    # Reproducible output: no running-time lines, no timing pages (they load CDN scripts).
    "min_reported_time": float("inf"),
    "write_computation_times": False,
    "thumbnail_size": (400, 280),
    # matplotlib, and NumPy's print options (an example's set_printoptions must not reach
    # the examples run after it in the same worker)
    "reset_modules": ("matplotlib", "dlnotes_site.gallery.reset_numpy"),
    "matplotlib_animations": False,
    # each figure's Chinese description (dlnotes.plotting.describe) is its alt text; each
    # figure is saved light and dark, at 1x and 2x (dlnotes_site.gallery, dlnotes_site.figures)
    "image_scrapers": ("dlnotes_site.gallery.scraper",),
    "image_srcset": ["2x"],
    "parallel": 2,
}


# -- PDF: the whole book through Sphinx's LaTeX builder and xelatex (`make pdf`) --------
# dlnotes_site.book arranges it: the numbered toctree's chapters, then the appendices
# (solutions collected from the exercise pages, then the other toctrees' pages), the
# bibliography and the index.  The gallery's example pages and the API reference stay
# online only: they would almost triple the book (186 and 191 pages against 139 for the
# seven chapters, measured with this layout), the gallery repeating every figure the
# chapters already show, the API being reference text read by search, not in print.  References to
# them print as plain text (an example's with the path of its script).  `references` is
# left out as a page: Sphinx's LaTeX writer gathers its citations into the bibliography at
# the end of the book (before the index), which would leave the page an empty chapter.
dlnotes_book_leave_out = ["generated/**", "api", "references"]
latex_engine = "xelatex"  # what Sphinx picks for Chinese anyway: xeCJK + fontspec
latex_documents = [(root_doc, "dlnotes.tex", project, author, "manual", True)]  # toctree_only
latex_domain_indices = False  # no Python module index: the API pages are online only
latex_use_xindy = False  # makeindex (xindy is not in Debian's TeX Live); see the .sty for Chinese order
latex_show_urls = "footnote"  # external links keep their address on paper
latex_table_style = ["booktabs", "colorrows"]
latex_additional_files = ["docs/_templates/latex/dlnotesbook.sty"]
# 勘误 boxes (class "erratum") print in Sphinx's caution style, not as notes
dlnotes_book_admonition_styles = {"erratum": "caution"}
latex_elements = {
    "papersize": "a4paper",
    "pointsize": "10pt",
    # chapters open on the next page, not the next odd one (no blank pages on screen)
    "extraclassoptions": "openany",
    # Fonts, all from Debian (fonts-noto-cjk, fonts-freefont-otf, texlive-lang-chinese),
    # found by name through fontconfig (which picks the SC member of the Noto collections;
    # xdvipdfmx draws nothing for a collection member chosen by FontIndex):
    # Chinese body text in Noto Serif CJK SC; headings, captions and tables' heads in Noto
    # Sans CJK SC, the figures' typeface (the pinned noto-cjk-sans-otc ships its Regular,
    # the same file as Debian's; headings need the Bold too), for their Latin letters as
    # well; code in Noto Sans Mono CJK SC (a Chinese character is exactly two columns);
    # emphasised Chinese in FandolKai (楷体, the customary emphasis face); Latin text in
    # FreeSerif (Sphinx's default for xelatex: Times-like, with italics, Greek, symbols).
    "fontpkg": r"""
\setmainfont{FreeSerif}[Extension=.otf, UprightFont=*, ItalicFont=*Italic,
  BoldFont=*Bold, BoldItalicFont=*BoldItalic]
\setsansfont{Noto Sans CJK SC}[ItalicFont={Noto Sans CJK SC}, ItalicFeatures={FakeSlant=0.2},
  BoldItalicFont={Noto Sans CJK SC Bold}, BoldItalicFeatures={FakeSlant=0.2}]
\setmonofont{Noto Sans Mono CJK SC}[Scale=0.88, ItalicFont={Noto Sans Mono CJK SC},
  BoldItalicFont={Noto Sans Mono CJK SC Bold}]
\setCJKmainfont{Noto Serif CJK SC}[ItalicFont=FandolKai-Regular, ItalicFeatures={Extension=.otf},
  BoldItalicFont={Noto Serif CJK SC Bold}]
\setCJKsansfont{Noto Sans CJK SC}
\setCJKmonofont{Noto Sans Mono CJK SC}[Scale=0.88]
""",
    "fncychap": "",  # chapter heads: dlnotesbook.sty ("第 1 章", "附录 A")
    "sphinxsetup": ",".join([
        "verbatimwrapslines=true",
        "verbatimforcewraps=true",  # break a long token rather than run off the page
        "verbatimmaxunderfull=2",
        "TitleColor={RGB}{33,37,41}",
        "InnerLinkColor={RGB}{13,94,175}",
        "OuterLinkColor={RGB}{13,94,175}",
    ]),
    "preamble": r"\usepackage{dlnotesbook}",
    # the table of contents in black: every line of it is a link anyway
    "tableofcontents": r"\begingroup\hypersetup{linkcolor=black}\sphinxtableofcontents\endgroup",
}


if os.environ.get("READTHEDOCS"):
    html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
