"""dlnotes_site.figures: every gallery image gets its 2x file and its dark twin, on every page.

A tiny project is built once: one figure saved by the site's scraper (its reST is an
example page), a notes page that embeds it with ``figure`` (as the site's pages do), its
thumbnail as sphinx-gallery's gallery index shows it, and a page that names the figure in
a format it was not saved in.  The HTML is read back.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from dlnotes_site import figures

CONF = """
extensions = ["sphinx_gallery.load_style", "dlnotes_site.figures"]
exclude_patterns = ["_build"]
language = "zh_CN"
numfig = True
"""
INDEX = """
首页
====

.. toctree::

   notes
   example
   thumbs
   wrong
"""
NOTES = """
笔记
====

.. figure:: /generated/gallery/images/sphx_glr_plot_a_001.png
   :alt: 一条上升的直线，说明输出随输入线性增长
   :width: 100%
   :name: fig-line

   图注：输出随输入线性增长。

见 :numref:`fig-line`。
"""
THUMBS = """
示例
====

.. image:: /generated/gallery/images/thumb/sphx_glr_plot_a_thumb.png
   :alt:
"""
WRONG = """
格式不对
========

.. image:: /generated/gallery/images/sphx_glr_plot_a_001.webp
   :alt: 同一张图，文件名写错了格式
"""
DESCRIPTION = "一条上升的直线：输出随输入线性增长，斜率为一。"


def _example_rst(root):
    """What the scraper writes for one figure (and its files), as in a gallery build."""
    import matplotlib
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import ImagePathIterator

    from dlnotes import plotting
    from dlnotes_site import figfiles, gallery

    images = root / "generated" / "gallery" / "images"
    (images / "thumb").mkdir(parents=True)
    with matplotlib.rc_context():
        plotting.use_style()
        plt.close("all")
        fig, ax = plt.subplots(figsize=plotting.figsize(aspect=0.5))
        ax.plot([0, 1], [0, 1], color=plotting.color("train"))
        plotting.describe(fig, DESCRIPTION)
        block_vars = {"image_path_iterator": ImagePathIterator(str(images / "sphx_glr_plot_a_{0:03}.png")),
                      "src_file": str(root / "plot_a.py")}
        rst = gallery.scraper(None, block_vars, {"image_srcset": [2.0], "src_dir": str(root)})
    for dark in ("", "_dark"):
        figfiles.thumbnail(images / f"sphx_glr_plot_a_001{dark}_2_00x.png",
                           images / "thumb" / f"sphx_glr_plot_a_thumb{dark}.png", (400, 280))
    return "示例甲\n======\n" + rst


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("figures")
    (root / "conf.py").write_text(CONF)
    pages = {"index": INDEX, "notes": NOTES, "thumbs": THUMBS, "wrong": WRONG, "example": _example_rst(root)}
    for name, text in pages.items():
        (root / f"{name}.rst").write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(figures.__file__).parents[1]), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", ".", "_build"],
                          cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return root / "_build", proc.stderr


def _imgs(html):
    return re.findall(r"<img [^>]*>", html)


def _attr(tag, name):
    m = re.search(rf'\b{name}="([^"]*)"', tag)
    return m and m.group(1)


def test_a_notes_page_figure_gets_srcset_and_a_dark_twin(site):
    out, _ = site
    html = (out / "notes.html").read_text(encoding="utf-8")
    figure = html[html.index("<figure"):html.index("</figure>")]
    light, dark = _imgs(figure)
    assert "only-light" in _attr(light, "class") and "only-dark" in _attr(dark, "class")
    assert _attr(light, "src") == "_images/sphx_glr_plot_a_001.png"
    # width descriptors and the slot (the column, at most the file's width): the browser
    # takes the smallest file that covers the slot on its screen
    assert _attr(light, "srcset") == ("_images/sphx_glr_plot_a_001.png 672w, "
                                      "_images/sphx_glr_plot_a_001_2_00x.png 1344w")
    assert _attr(dark, "srcset") == ("_images/sphx_glr_plot_a_001_dark.png 672w, "
                                     "_images/sphx_glr_plot_a_001_dark_2_00x.png 1344w")
    assert _attr(light, "sizes") == _attr(dark, "sizes") == "min(100vw - 32px, 672px)"
    assert _attr(light, "alt") == _attr(dark, "alt") == "一条上升的直线，说明输出随输入线性增长"
    for img in (light, dark):
        assert (_attr(img, "width"), _attr(img, "height")) == ("672", "336")  # room kept while loading
        assert _attr(img, "loading") == "lazy" and _attr(img, "style") == "width: 100%;"
    # the pair sits in a div, so that the theme's ".only-dark ~ figcaption" rule cannot
    # hide the caption; no link around either image (one would be empty in each mode)
    assert re.search(r'<div class="dlnotes-figure-pair docutils container">\s*<img', figure)
    assert "image-reference" not in figure
    assert figure.index("</div>") < figure.index("<figcaption>")
    assert 'id="fig-line"' in figure and html.count('id="fig-line"') == 1  # the label is not doubled
    assert "图 1" in html  # :numref: still finds the figure


def test_the_example_page_shows_both_renders(site):
    out, _ = site
    html = (out / "example.html").read_text(encoding="utf-8")
    light, dark = (t for t in _imgs(html) if "sphx_glr_plot_a_001" in t)
    assert _attr(light, "class") == "sphx-glr-single-img dlnotes-figure only-light no-scaled-link"
    assert _attr(dark, "class") == "sphx-glr-single-img dlnotes-figure only-dark no-scaled-link"
    assert _attr(dark, "srcset").endswith("sphx_glr_plot_a_001_dark_2_00x.png 1344w")
    assert _attr(light, "alt") == _attr(dark, "alt") == DESCRIPTION


def test_the_thumbnail_has_a_dark_twin(site):
    out, _ = site
    html = (out / "thumbs.html").read_text(encoding="utf-8")
    thumbs = [t for t in _imgs(html) if "_thumb" in t]
    assert [_attr(t, "src").rsplit("/", 1)[1] for t in thumbs] == ["sphx_glr_plot_a_thumb.png",
                                                                    "sphx_glr_plot_a_thumb_dark.png"]
    assert ["only-light" in _attr(thumbs[0], "class"), "only-dark" in _attr(thumbs[1], "class")] == [True, True]


def test_every_file_is_copied(site):
    out, _ = site
    names = {p.name for p in (out / "_images").iterdir()}
    assert {"sphx_glr_plot_a_001.png", "sphx_glr_plot_a_001_2_00x.png", "sphx_glr_plot_a_001_dark.png",
            "sphx_glr_plot_a_001_dark_2_00x.png", "sphx_glr_plot_a_thumb.png",
            "sphx_glr_plot_a_thumb_dark.png"} <= names


def test_a_figure_named_in_the_wrong_format_is_reported(site):
    _, stderr = site
    assert re.search(r"wrong\.rst:\d+: WARNING: image /generated/gallery/images/sphx_glr_plot_a_001\.webp "
                     r"does not exist; this figure is saved as sphx_glr_plot_a_001\.png", stderr), stderr
    # and it is the only problem of the build besides Sphinx's own "not readable"
    problems = [line for line in stderr.splitlines() if "WARNING" in line and "not readable" not in line]
    assert len(problems) == 1, stderr
