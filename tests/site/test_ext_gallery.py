"""dlnotes_site.gallery: the scraper saves the figures and uses their descriptions as alt."""

import re

import matplotlib.pyplot as plt
import pytest
from PIL import Image
from sphinx_gallery.scrapers import ImagePathIterator

from dlnotes.plotting import describe
from dlnotes_site.gallery import scraper

FIRST = "左图：ReLU 与它的导数；负半轴上的梯度恒为 0。"
SECOND = "右图：sigmoid 在两端饱和，导数趋近于 0，梯度难以回传。"


def _scrape(tmp_path, labels, srcset=()):
    plt.close("all")
    for label in labels:
        fig, ax = plt.subplots(figsize=(4, 3), dpi=100)
        ax.set_title("an English title")
        if label is not None:
            fig.set_label(label)
    images = tmp_path / "images"
    images.mkdir(exist_ok=True)
    block_vars = {"image_path_iterator": ImagePathIterator(str(images / "sphx_glr_plot_x_{0:03}.png")),
                  "src_file": str(tmp_path / "plot_x.py")}
    conf = {"image_srcset": list(srcset), "src_dir": str(tmp_path)}
    try:
        return scraper(None, block_vars, conf)
    finally:
        plt.close("all")


def _alts(rst):
    return [m.strip() for m in re.findall(r":alt: (.*)", rst)]


def test_each_figure_gets_its_own_description_as_alt_text(tmp_path):
    rst = _scrape(tmp_path, [FIRST, SECOND])
    assert _alts(rst) == [FIRST, SECOND]
    assert re.findall(r"image-sg:: (\S+)", rst) == ["/images/sphx_glr_plot_x_001.png",
                                                    "/images/sphx_glr_plot_x_002.png"]
    # full width, one below the other: no side-by-side thumbnails
    assert rst.count(":class: sphx-glr-single-img") == 2 and "sphx-glr-horizontal" not in rst
    with Image.open(tmp_path / "images" / "sphx_glr_plot_x_001.png") as img:
        assert img.size == (400, 300)


def test_the_description_set_by_describe_is_used(tmp_path):
    plt.close("all")
    fig = plt.figure()
    describe(fig, FIRST)
    assert _alts(_scrape_open(tmp_path)) == [FIRST]


def _scrape_open(tmp_path):
    images = tmp_path / "images"
    images.mkdir(exist_ok=True)
    block_vars = {"image_path_iterator": ImagePathIterator(str(images / "sphx_glr_plot_y_{0:03}.png")),
                  "src_file": str(tmp_path / "plot_y.py")}
    return scraper(None, block_vars, {"image_srcset": [], "src_dir": str(tmp_path)})


def test_srcset_images_are_saved_at_their_multiple(tmp_path):
    rst = _scrape(tmp_path, [FIRST], srcset=[2.0])
    assert ":srcset: /images/sphx_glr_plot_x_001.png, /images/sphx_glr_plot_x_001_2_00x.png 2.00x" in rst
    with Image.open(tmp_path / "images" / "sphx_glr_plot_x_001_2_00x.png") as img:
        assert img.size == (800, 600)


@pytest.mark.parametrize("label", [None, "ReLU and its derivative, in English only", "太短的说明"])
def test_a_figure_without_a_chinese_description_is_refused(tmp_path, label):
    with pytest.raises(ValueError, match=r"plot_x\.py: figure 2 has no Chinese description"):
        _scrape(tmp_path, [FIRST, label])
    assert not (tmp_path / "images" / "sphx_glr_plot_x_001.png").exists()  # nothing half-written
    assert plt.get_fignums() == []
