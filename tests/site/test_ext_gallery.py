"""dlnotes_site.gallery: the scraper saves the figures with their descriptions as alt; thumbnails."""

import os
import re
import types

import matplotlib.pyplot as plt
import pytest
from PIL import Image
from sphinx_gallery.scrapers import ImagePathIterator

from dlnotes.plotting import describe
from dlnotes_site import gallery
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


def test_the_files_of_a_figure_are_light_and_dark_at_each_multiple(tmp_path):
    _scrape(tmp_path, [FIRST], srcset=[2.0])
    names = sorted(p.name for p in (tmp_path / "images").iterdir())
    assert names == ["sphx_glr_plot_x_001.png", "sphx_glr_plot_x_001_2_00x.png",
                     "sphx_glr_plot_x_001_dark.png", "sphx_glr_plot_x_001_dark_2_00x.png"]


# -- thumbnails ----------------------------------------------------------------------------

def _gallery(tmp_path, thumbnail_number=None):
    """A generated sub-gallery as sphinx-gallery leaves it: a script, two figures (light and
    dark, 1x and 2x: the first red, the second blue) and its nearest-neighbour thumbnail."""
    sub = tmp_path / "generated" / "gallery" / "sub"
    images = sub / "images"
    (images / "thumb").mkdir(parents=True)
    conf = "" if thumbnail_number is None else f"# sphinx_gallery_thumbnail_number = {thumbnail_number}\n"
    (sub / "plot_x.py").write_text(f'"""\n示例\n====\n"""\n{conf}print(1)\n', encoding="utf-8")
    for k, colour in ((1, (200, 30, 30)), (2, (30, 30, 200))):
        for dark, page in ((False, "white"), (True, (18, 18, 18))):
            for mult in (1, 2):
                img = Image.new("RGB", (400 * mult, 200 * mult), page)
                img.paste(colour, (40 * mult, 40 * mult, 360 * mult, 160 * mult))
                name = f"sphx_glr_plot_x_{k:03}{'_dark' if dark else ''}{'_2_00x' if mult == 2 else ''}.png"
                img.quantize(16).save(images / name)
    thumb = images / "thumb" / "sphx_glr_plot_x_thumb.png"
    Image.new("RGB", (400, 280), "green").save(thumb)  # whatever sphinx-gallery made
    app = types.SimpleNamespace(srcdir=str(tmp_path), config=types.SimpleNamespace(sphinx_gallery_conf={
        "gallery_dirs": "generated/gallery", "thumbnail_size": (400, 280), "image_srcset": [2.0]}))
    return app, thumb


def _centre(path):
    with Image.open(path) as img:
        return img.size, img.convert("RGBA").getpixel((200, 140))[:3]


@pytest.mark.parametrize(("number", "colour"), [(None, (200, 30, 30)), (2, (30, 30, 200)), (-1, (30, 30, 200))])
def test_thumbnails_are_redrawn_from_their_figure_with_a_dark_twin(tmp_path, number, colour):
    app, thumb = _gallery(tmp_path, number)
    dark = thumb.with_name("sphx_glr_plot_x_thumb_dark.png")
    gallery.thumbnails(app)
    assert _centre(thumb) == ((400, 280), colour)  # the figure sphinx_gallery_thumbnail_number names
    assert _centre(dark) == ((400, 280), colour)
    with Image.open(thumb) as light_img, Image.open(dark) as dark_img:
        light_page, dark_page = (img.convert("RGBA").getpixel((200, 60)) for img in (light_img, dark_img))
    assert light_page[:3] == (255, 255, 255) and sum(dark_page[:3]) < 3 * 30  # light, dark pages
    # nothing changed: nothing is rewritten
    os.utime(thumb, (2_000_000, 2_000_000))
    os.utime(dark, (3_000_000, 3_000_000))
    for p in thumb.parents[1].glob("sphx_glr_plot_x_0*"):
        os.utime(p, (1_000_000, 1_000_000))
    gallery.thumbnails(app)
    assert os.path.getmtime(dark) == 3_000_000
    # sphinx-gallery rewrote the thumbnail (the example ran again): redrawn
    Image.new("RGB", (400, 280), "green").save(thumb)
    gallery.thumbnails(app)
    assert _centre(thumb)[1] == colour and os.path.getmtime(dark) > 3_000_000


def test_a_thumbnail_without_a_dark_figure_is_left_alone(tmp_path):
    app, thumb = _gallery(tmp_path)
    for p in thumb.parents[1].glob("*_dark*.png"):
        p.unlink()
    gallery.thumbnails(app)
    assert _centre(thumb)[1] == (0, 128, 0)
    assert not thumb.with_name("sphx_glr_plot_x_thumb_dark.png").exists()


def test_numpy_print_options_are_reset_before_each_example():
    import json
    import subprocess
    import sys

    import numpy as np

    # the reference: the options of a fresh interpreter
    fresh = json.loads(subprocess.run(
        [sys.executable, "-c", "import json, numpy; print(json.dumps({k: v for k, v in "
         "numpy.get_printoptions().items() if k != 'formatter'}))"],
        capture_output=True, text=True, check=True).stdout)
    saved = np.get_printoptions()
    try:
        np.set_printoptions(precision=3, suppress=True, linewidth=40)
        gallery.reset_numpy({}, "plot_x.py")
        now = np.get_printoptions()
        assert {k: v for k, v in now.items() if k != "formatter"} == fresh
        assert np.array2string(np.array([0.2578125])) == "[0.2578125]"
    finally:
        np.set_printoptions(**saved)
