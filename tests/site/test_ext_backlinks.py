"""dlnotes_site.backlinks, .apilead and .runline end to end, on a tiny project.

The project has a package ``tinylead`` (three functions), two notes pages, one gallery
script and an API page per function; it is built (without ``-W``, its warnings kept),
then a notes page is edited and it is built again:

- ``f`` is first referenced in section Alpha of page A, then in section Beta of page B;
- ``g`` is referenced in B's section Beta, but the data file points it at B's Gamma;
- ``h`` has neither a summary nor a reference: two warnings (``-W`` fails the build);
- the example is referenced from Alpha.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import numpy
import pytest

EXT = Path(__file__).resolve().parents[2] / "docs" / "_ext"

FILES = {
    "pyproject.toml": ('[build-system]\nrequires = ["setuptools>=69"]\nbuild-backend = "setuptools.build_meta"\n'
                       '[project]\nname = "tinylead"\nversion = "0.1"\nrequires-python = ">=3.11"\n'
                       '[tool.setuptools.packages.find]\nwhere = ["src"]\n'),
    "src/tinylead/__init__.py": '"""tinylead."""\n',
    "src/tinylead/core.py": ('import math\n\n\ndef f():\n    """F."""\n    return 1\n\n\n'
                             'def g():\n    """G."""\n    return 2\n\n\ndef h():\n    """H."""\n    return 3\n'),
    "gallery/GALLERY_HEADER.rst": "Examples\n========\n",
    "gallery/plot_a.py": ('"""\nExample A\n=========\n\nAn example.\n"""\n\nimport numpy as np\n\n'
                          'from tinylead.core import f\n\nprint(np.int64(f()) + 41)\n'),
    "docs/conf.py": (f"import sys\nsys.path.insert(0, {str(EXT)!r})\nproject = 'tiny'\n"
                     "extensions = ['sphinx.ext.autodoc', 'sphinx_gallery.gen_gallery', 'dlnotes_site.wheel',\n"
                     "              'dlnotes_site.runline', 'dlnotes_site.backlinks', 'dlnotes_site.apilead']\n"
                     "exclude_patterns = ['generated/**.ipynb', 'generated/**.py']\n"
                     "dlnotes_requirements = 'requirements.in'\n"
                     "dlnotes_notes_exclude = ['generated/*', 'api/*']\n"
                     "sphinx_gallery_conf = {'examples_dirs': '../gallery', 'gallery_dirs': 'generated/gallery',\n"
                     "    'doc_module': ('tinylead',), 'filename_pattern': '/plot_', 'image_scrapers': (),\n"
                     "    'min_reported_time': float('inf'), 'download_all_examples': False}\n"),
    "docs/requirements.in": f"numpy=={numpy.__version__}\n",
    "docs/api_summaries.toml": ('[summary]\n"tinylead.core.f" = "函数 f：返回 1。"\n'
                                '"tinylead.core.g" = "函数 g：返回 ``2``。"\n\n'
                                '[section]\n"tinylead.core.g" = "b#b-gamma"\n'),
    "docs/index.rst": ("Tiny\n====\n\n.. toctree::\n\n   a\n   b\n   generated/gallery/index\n"
                       "   api/f\n   api/g\n   api/h\n"),
    "docs/a.rst": ("Page A\n======\n\nIntro.\n\nAlpha\n-----\n\nUses :func:`tinylead.core.f`, see "
                   ":ref:`sphx_glr_generated_gallery_plot_a.py`.\n"),
    "docs/b.rst": ("Page B\n======\n\nBeta\n----\n\n:func:`tinylead.core.f` and :func:`tinylead.core.g`.\n\n"
                   ".. _b-gamma:\n\nGamma\n-----\n\nWhere g is taught.\n"),
}
for _name in "fgh":
    FILES[f"docs/api/{_name}.rst"] = (f"tinylead.core.{_name}\n{'=' * 16}\n\n.. api-lead:: tinylead.core.{_name}\n\n"
                                      f".. autofunction:: tinylead.core.{_name}\n")


def _build(root):
    env = dict(os.environ, PYTHONPATH=str(root / "src"), MPLBACKEND="Agg",
               PYTHONWARNINGS="default::DeprecationWarning,default::PendingDeprecationWarning")
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "--keep-going", "-q"]
    proc = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return proc.stderr


def _main(html):
    text = html.read_text(encoding="utf-8")
    return text[text.index("<h1"):text.index("</article>")] if "<article" in text else text[text.index("<h1"):]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    root = tmp_path_factory.mktemp("lead")
    for rel, text in FILES.items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(text, encoding="utf-8")
    first = _build(root)
    pages = {p: _main(root / "_build" / "html" / p) for p in ("api/f.html", "api/g.html", "api/h.html",
                                                               "generated/gallery/plot_a.html")}
    # page A no longer references f: f's page must now lead to B, although its source is unchanged
    a = root / "docs" / "a.rst"
    a.write_text(a.read_text().replace(":func:`tinylead.core.f`", "``f``"))
    second = _build(root)
    return root, first, pages, second


def test_api_pages_open_with_the_summary_and_the_first_section(tiny):
    _, _, pages, _ = tiny
    f = pages["api/f.html"]
    assert re.search(r'<h1>.*?</h1>\s*<div class="dlnotes-lead[^"]*">\s*<p class="dlnotes-api-summary">'
                     r'函数 f：返回 1。</p>', f, re.S)
    assert '<strong>正文</strong>：<a class="reference internal" href="../a.html#alpha">Page A › Alpha</a>' in f


def test_an_override_wins_and_inline_markup_renders(tiny):
    g = tiny[2]["api/g.html"]
    assert 'href="../b.html#b-gamma">Page B › Gamma</a>' in g
    assert "函数 g：返回 <code" in g


def test_a_missing_summary_and_section_are_warnings(tiny):
    _, first, pages, _ = tiny
    assert re.search(r"api/h\.rst:\d+: WARNING: dlnotes_site\.apilead: the Chinese summary of tinylead\.core\.h "
                     r"in api_summaries\.toml has none", first)
    assert "no notes section references the API object tinylead.core.h" in first
    assert "dlnotes-api-summary" not in pages["api/h.html"] and "正文" not in pages["api/h.html"]
    # f and g are fine: no warning names them
    assert "tinylead.core.f" not in first and "tinylead.core.g" not in first
    # and the build layer uses no deprecated Sphinx API (env.app, SphinxTransform.app, ...)
    assert "Deprecat" not in first and "RemovedIn" not in first, first


def test_the_example_page_leads_to_its_section_and_says_how_to_run_it(tiny):
    root, _, pages, _ = tiny
    page = pages["generated/gallery/plot_a.html"]
    lead = page.index("正文")
    run = page.index("运行本例")
    assert lead < run < page.index("An example.")  # both under the title, above the intro
    assert 'href="../../a.html#alpha">Page A › Alpha</a>' in page
    wheel = "tinylead-0.1-py3-none-any.whl"
    codes = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<code[^>]*>(.*?)</code>", page, re.S)]
    assert f"pip install {wheel} numpy=={numpy.__version__}" in codes
    assert "python plot_a.py" in codes
    for name in ("plot_a.py", "plot_a.ipynb", wheel):
        href = re.search(rf'href="([^"]*/{re.escape(name)})"', page)[1]
        assert (root / "_build" / "html" / "generated" / "gallery" / href).resolve().is_file(), name
    assert "Python ≥ 3.11" in page


def test_an_edit_of_a_notes_page_rewrites_the_pages_leading_to_it(tiny):
    root, _, _, second = tiny
    html = root / "_build" / "html"
    assert 'href="../b.html#beta">Page B › Beta</a>' in _main(html / "api" / "f.html")
    assert 'href="../b.html#b-gamma">' in _main(html / "api" / "g.html")
    # the example is still referenced from Alpha
    assert 'href="../../a.html#alpha"' in _main(html / "generated" / "gallery" / "plot_a.html")
