"""dlnotes_site.figfiles: four files per figure, each in the format that suits it, under 150 KB.

References are independent of the code under test: matplotlib's own PNG writer (the image
a figure is), the design system's page colours, and Pillow reading the files back.
"""

import io
import os
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from PIL import Image

from dlnotes import plotting
from dlnotes_site import figfiles


@pytest.fixture(scope="module")
def styled():
    with matplotlib.rc_context():
        plotting.use_style()
        yield
    plt.close("all")


def _line_art():
    fig, ax = plt.subplots(figsize=plotting.figsize(2, aspect=0.7))
    x = np.linspace(-3, 3, 200)
    ax.plot(x, np.tanh(x), color=plotting.color("train"), label="训练集")
    ax.plot(x, np.tanh(x) ** 2, color=plotting.color("validation"), label="验证集")
    ax.set_title("一张线图：$\\tanh(x)$ 与它的平方")
    ax.legend()
    return fig


def _small():
    fig, ax = plt.subplots(figsize=(2.0, 1.2))
    ax.plot([0, 1, 2], [0, 1, 0], color=plotting.color("relu"))
    return fig


def _photo():
    # a smooth, colourful image: thousands of colours, as in a photograph
    rng = np.random.default_rng(0)
    noise = rng.random((96, 96, 3))
    kernel = np.ones(9) / 9
    for axis in (0, 1):
        noise = np.apply_along_axis(lambda v: np.convolve(v, kernel, mode="same"), axis, noise)
    fig, ax = plt.subplots(figsize=plotting.figsize(width=plotting.SMALL, aspect=1.0))
    ax.imshow(noise / noise.max(), interpolation="bicubic")
    plotting.image_axes(ax)
    ax.set_title("一张照片")
    return fig


def _matplotlib_png(fig, dpi):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi)
    return np.asarray(Image.open(buf).convert("RGB")).astype(int)


def _pixels(path):
    with Image.open(path) as img:
        return img.mode, img.size, dict(img.info), np.asarray(img.convert("RGB")).astype(int)


@pytest.fixture(scope="module")
def line_art(styled, tmp_path_factory):
    """A line-art figure, matplotlib's own PNG of it, and its saved files; its layout engine."""
    fig = _line_art()
    engine = fig.get_layout_engine()
    reference = _matplotlib_png(fig, plotting.DPI)
    paths = figfiles.save(fig, tmp_path_factory.mktemp("line") / "sphx_glr_plot_x_001.png", [2.0])
    yield fig, reference, paths, engine
    plt.close(fig)


@pytest.fixture(scope="module")
def photo(styled, tmp_path_factory):
    fig = _photo()
    out = tmp_path_factory.mktemp("photo")
    paths = figfiles.save(fig, out / "sphx_glr_plot_y_001.png", [2.0])
    yield fig, out, paths
    plt.close(fig)


def test_line_art_is_four_faithful_opaque_palette_pngs(line_art):
    fig, reference, paths, _ = line_art
    names = {key: p.name for key, p in paths.items()}
    assert names == {(False, 0): "sphx_glr_plot_x_001.png", (False, 2.0): "sphx_glr_plot_x_001_2_00x.png",
                     (True, 0): "sphx_glr_plot_x_001_dark.png", (True, 2.0): "sphx_glr_plot_x_001_dark_2_00x.png"}
    width, height = round(fig.get_figwidth() * plotting.DPI), round(fig.get_figheight() * plotting.DPI)
    for (dark, mult), path in paths.items():
        mode, size, info, rgb = _pixels(path)
        assert mode == "P" and "transparency" not in info, (path.name, mode, info)  # palette, opaque
        assert size == ((width, height) if mult == 0 else (2 * width, 2 * height)), path.name
        assert os.path.getsize(path) <= figfiles.MAX_BYTES
        page = plotting.DARK_BACKGROUND if dark else plotting.PAPER
        assert tuple(rgb[0, 0]) == tuple(int(255 * v) for v in matplotlib.colors.to_rgb(page))  # exact
    # the 1x file is the figure matplotlib draws, within a fraction of a level on average
    light = _pixels(paths[False, 0])[3]
    assert light.shape == reference.shape
    assert np.abs(light - reference).max(axis=2).mean() < 0.5
    # the dark file differs from the light one (it is a dark render, not a copy)
    assert _pixels(paths[True, 0])[3].mean() < light.mean() - 100


def test_the_layout_engine_is_given_back(line_art):
    fig, _, _, engine = line_art
    assert fig.get_layout_engine() is engine


def test_a_photograph_is_webp_and_stays_as_it_is_in_the_dark(photo):
    fig, out, paths = photo
    assert {p.suffix for p in paths.values()} == {".webp"}
    assert not list(out.glob("*.png"))
    for path in paths.values():
        with Image.open(path) as img:
            assert img.format == "WEBP" and img.mode == "RGB"
        assert os.path.getsize(path) <= figfiles.MAX_BYTES
    # the picture itself is the same in both renders (only the page around it changes)
    ax = fig.axes[0]
    box = ax.get_window_extent()
    rows = slice(int(fig.bbox.height - box.y1) + 3, int(fig.bbox.height - box.y0) - 3)
    cols = slice(int(box.x0) + 3, int(box.x1) - 3)
    light, dark = (_pixels(paths[d, 0])[3][rows, cols] for d in (False, True))
    assert np.abs(light - dark).mean() < 2.0
    assert _pixels(paths[True, 0])[3][0, 0].sum() < 3 * 40  # the page around it is dark


def test_same_figure_same_bytes_and_an_unchanged_file_keeps_its_date(styled, tmp_path):
    # two builds draw the same script's figure afresh (constrained layout moves a figure a
    # little on every draw, so the same figure object drawn twice is not the reference)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = {k: Path(p).read_bytes() for k, p in figfiles.save(_small(), tmp_path / "a" / "f_001.png").items()}
    second = figfiles.save(_small(), tmp_path / "b" / "f_001.png")
    assert {k: Path(p).read_bytes() for k, p in second.items()} == first
    os.utime(second[False, 0], (1_000_000, 1_000_000))
    figfiles.save(_small(), tmp_path / "b" / "f_001.png")
    assert os.path.getmtime(second[False, 0]) == 1_000_000


def test_files_of_the_other_format_left_by_an_earlier_build_are_removed(styled, tmp_path):
    stale = [tmp_path / n for n in ("f_001.webp", "f_001_2_00x.webp", "f_001_dark.webp", "f_001_dark_2_00x.webp")]
    for path in stale:
        path.write_bytes(b"old")
    figfiles.save(_small(), tmp_path / "f_001.png", [2.0])
    assert not any(p.exists() for p in stale)
    assert len(list(tmp_path.glob("f_001*.png"))) == 4


def test_a_figure_over_the_budget_stops_the_build(styled, tmp_path, monkeypatch):
    monkeypatch.setattr(figfiles, "MAX_BYTES", 1_024)
    with pytest.raises(ValueError, match=r"f_001\.png: figure files over 1 KB even as WebP"):
        figfiles.save(_line_art(), tmp_path / "f_001.png")


def test_thumbnail_is_shrunk_smoothly_into_its_box(tmp_path):
    # a 1-px black line on white: a nearest-neighbour shrink keeps only black and white
    img = Image.new("RGB", (800, 400), "white")
    img.paste((0, 0, 0), (0, 200, 800, 201))
    img.save(tmp_path / "src.png")
    figfiles.thumbnail(tmp_path / "src.png", tmp_path / "thumb.png", (400, 280))
    with Image.open(tmp_path / "thumb.png") as thumb:
        assert thumb.size == (400, 280)
        rgba = np.asarray(thumb.convert("RGBA")).astype(int)
    assert rgba[0, 0, 3] == 0 and rgba[140, 200, 3] == 255  # transparent margin, opaque picture
    column = rgba[40:240, 200, 0]
    assert column.min() < 230 and any(0 < v < 230 for v in column)  # the line, anti-aliased
