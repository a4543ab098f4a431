"""dlnotes.plotting: the figure style and the figure-description rule."""

import pathlib

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from dlnotes.plotting import describe, figure_description  # noqa: E402


@pytest.fixture
def fig():
    figure = plt.figure()
    yield figure
    plt.close(figure)


def test_describe_sets_the_label_that_the_scraper_reads(fig):
    text = "左图：ReLU 与它的导数，负半轴上的梯度恒为 0。"
    assert describe(fig, text) is fig
    assert fig.get_label() == text
    assert figure_description(fig) == text


def test_a_figure_without_a_description_has_none(fig):
    assert figure_description(fig) is None
    fig.set_label("An English label that is long enough")
    assert figure_description(fig) is None


@pytest.mark.parametrize("text", ["太短的说明", "ReLU and its derivative, in English only", "第一行说明文字很长很长\n第二行说明文字"])
def test_describe_refuses_a_description_that_is_not_one(fig, text):
    with pytest.raises(ValueError, match="text"):
        describe(fig, text)
    assert figure_description(fig) is None


@pytest.mark.parametrize("fig_arg, text", [("not a figure", "一段足够长的中文图片说明文字。"), (None, 42)])
def test_describe_checks_argument_types(fig, fig_arg, text):
    with pytest.raises(TypeError, match="fig" if fig_arg is not None else "text"):
        describe(fig_arg if fig_arg is not None else fig, text)


# -- the design system ---------------------------------------------------------------------

import colorsys  # noqa: E402
import importlib.metadata  # noqa: E402
import warnings  # noqa: E402

import numpy as np  # noqa: E402
from matplotlib import font_manager  # noqa: E402
from matplotlib.colors import to_hex, to_rgb, to_rgba  # noqa: E402

from dlnotes import plotting  # noqa: E402


@pytest.fixture
def styled():
    with matplotlib.rc_context():
        plotting.use_style()
        yield
    plt.close("all")


# WCAG 2 contrast ratios published by WebAIM's contrast checker (white background).
@pytest.mark.parametrize("fg, bg, expected", [
    ("#000000", "#ffffff", 21.0),
    ("#ffffff", "#ffffff", 1.0),
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes AA on white
    ("#777777", "#ffffff", 4.48),
    ("#595959", "#ffffff", 7.0),
    ("#949494", "#ffffff", 3.03),
    ("#ffffff", "#0000ff", 8.59),
    ("#ff0000", "#ffffff", 4.0),
])
def test_contrast_ratio_matches_wcag_reference_values(fg, bg, expected):
    assert plotting.contrast_ratio(fg, bg) == pytest.approx(expected, abs=0.01)
    assert plotting.contrast_ratio(bg, fg) == plotting.contrast_ratio(fg, bg)


def test_relative_luminance_of_reference_colours():
    # sRGB: mid grey #808080 has luminance 0.2158605 (WCAG formula)
    assert plotting.relative_luminance("white") == pytest.approx(1.0)
    assert plotting.relative_luminance("black") == pytest.approx(0.0)
    assert plotting.relative_luminance("#808080") == pytest.approx(0.2158605, abs=1e-6)
    assert plotting.relative_luminance("#00ff00") == pytest.approx(0.7152)
    with pytest.raises(ValueError, match="c must be"):
        plotting.relative_luminance("not a colour")


def test_label_color_always_reaches_wcag_aa():
    rng = np.random.default_rng(0)
    backgrounds = [to_hex(c) for c in rng.random((2000, 3))] + list(plotting.PALETTE.values())
    worst = min(plotting.contrast_ratio(plotting.label_color(bg), bg) for bg in backgrounds)
    assert worst >= 4.5
    assert plotting.label_color("#0072B2") == "#ffffff"  # white on the site's blue
    assert plotting.label_color("#E69F00") == "#000000"  # black on orange (white would be 2.2:1)
    with pytest.raises(ValueError, match="candidates"):
        plotting.label_color("#ffffff", candidates=())


@pytest.mark.parametrize("c, background", [("#CC79A7", "#ffffff"), ("#0072B2", plotting.DARK_BACKGROUND),
                                           ("#009E73", "#ffffff"), ("#A23B72", plotting.DARK_BACKGROUND)])
def test_readable_reaches_the_contrast_and_keeps_the_hue(c, background):
    out = plotting.readable(c, background)
    assert plotting.contrast_ratio(out, background) >= 4.5
    hue_in, hue_out = colorsys.rgb_to_hls(*to_rgb(c))[0], colorsys.rgb_to_hls(*to_rgb(out))[0]
    assert abs(hue_in - hue_out) < 0.02


@pytest.mark.parametrize("x, fmt, math, expected", [
    (0.26, ".1e", False, "2.6×10⁻¹"),
    (1e-4, ".0e", False, "10⁻⁴"),
    (-3.2e-5, ".2e", False, "−3.20×10⁻⁵"),
    (-0.25, ".2f", False, "−0.25"),
    (0.123, ".1%", False, "12.3%"),
    (25088000, ",d", False, "25,088,000"),
    (12345678.0, ".3g", False, "1.23×10⁷"),
    (0.26, ".1e", True, r"$\mathdefault{2.6\times10^{-1}}$"),
    (1e-4, ".0e", True, r"$\mathdefault{10^{-4}}$"),
    (-0.25, ".2f", True, "−0.25"),
])
def test_num_writes_readable_numbers(x, fmt, math, expected):
    out = plotting.num(x, fmt, math=math)
    assert out == expected
    assert "e-" not in out and "e+" not in out


def test_num_list_and_pow10_and_tick_format():
    assert plotting.num_list([[1, 0.8], [0.4, -0.6]]) == "(1, 0.8, 0.4, −0.6)"
    assert plotting.pow10(-4, math=False) == "10⁻⁴"
    assert plotting.pow10(3, math=True) == "$10^{3}$"
    assert plotting.tick_format(".1f")(-0.5, 0) == "−0.5"
    with pytest.raises(TypeError, match="x must"):
        plotting.num("0.5")
    with pytest.raises(TypeError, match="exponent"):
        plotting.pow10(1.5)


def test_palette_reads_on_both_pages():
    for name, c in plotting.PALETTE.items():
        assert plotting.contrast_ratio(c, plotting.PAPER) >= 3.0, name
        assert plotting.contrast_ratio(c, plotting.DARK_BACKGROUND) >= 3.0, name
        assert relative_lum_is_not_black(c), name


def relative_lum_is_not_black(c):
    return plotting.relative_luminance(c) > 0.1


def _delta_e(c1, c2):
    return float(np.linalg.norm(plotting._to_lab(np.array(to_rgb(c1))) - plotting._to_lab(np.array(to_rgb(c2)))))


def test_roles_of_one_family_have_distinct_colours():
    in_families = {role for roles in plotting.ROLE_FAMILIES.values() for role in roles}
    assert in_families <= set(plotting.ROLES)
    for family, roles in plotting.ROLE_FAMILIES.items():
        colours = [plotting.color(r) for r in roles]
        for i in range(len(colours)):
            for j in range(i + 1, len(colours)):
                assert _delta_e(colours[i], colours[j]) > 20, (family, roles[i], roles[j])
    # synonyms share their colour: one meaning, one colour
    for a, b in [("test", "validation"), ("mse", "l2"), ("l2", "squared"), ("logistic", "cross_entropy"),
                 ("exact", "reference"), ("mae", "median"), ("mse", "mean")]:
        assert plotting.color(a) == plotting.color(b)
    with pytest.raises(ValueError, match="role must be one of"):
        plotting.color("no such role")
    with pytest.raises(TypeError, match="role must be a str"):
        plotting.color(3)


@pytest.mark.parametrize("n", [1, 2, 5, 9])
def test_sequential_is_ordered_in_lightness_and_reads_on_both_pages(n):
    colours = plotting.sequential(n)
    assert len(colours) == n == len(set(colours))
    lightness = [plotting.lightness(c) for c in colours]
    assert all(a < b for a, b in zip(lightness, lightness[1:]))
    assert plotting.sequential(n, reverse=True) == colours[::-1]
    for c in colours:
        assert plotting.contrast_ratio(c, plotting.PAPER) >= 3.0
        assert plotting.contrast_ratio(c, plotting.DARK_BACKGROUND) >= 3.0
    if n > 1:
        assert lightness[-1] - lightness[0] > 15


def test_sequential_checks_its_argument():
    with pytest.raises(ValueError, match="n must be an int >= 1"):
        plotting.sequential(0)
    with pytest.raises(TypeError, match="n must be an int"):
        plotting.sequential(2.5)


def test_figsize_gives_the_allowed_widths():
    assert plotting.figsize() == (plotting.FULL, round(plotting.FULL * 0.62, 2))
    assert plotting.figsize(2, aspect=1.0) == (plotting.FULL, round(plotting.FULL / 2, 2))
    assert plotting.figsize(1, width=plotting.SMALL, aspect=1.0, extra=0.3) == (4.2, 4.5)
    assert plotting.FULL * plotting.DPI == 672  # the content column at 1280 px, shown 1:1
    assert plotting.MIN_FONT_PT * plotting.DPI / 72 >= plotting.MIN_FONT_PX
    with pytest.raises(ValueError, match="ncols"):
        plotting.figsize(4)
    with pytest.raises(ValueError, match="width"):
        plotting.figsize(width=8.0)
    with pytest.raises(ValueError, match="tall"):
        plotting.figsize(1, nrows=3)


def test_the_font_is_the_packaged_noto_sans_cjk_sc(styled):
    path = plotting.cjk_font_path()
    dist = importlib.metadata.distribution("noto-cjk-sans-otc")
    assert path.is_relative_to(pathlib.Path(str(dist.locate_file("noto_cjk_sans_otc"))))
    licence = next(f for f in dist.files if f.name == "LICENSE")
    assert "SIL Open Font License" in licence.read_text()
    found = font_manager.findfont(font_manager.FontProperties(family=matplotlib.rcParams["font.family"]))
    assert pathlib.Path(found) == path
    assert found.face_index == 2  # the SC face of the collection (0 is JP)
    from matplotlib.ft2font import FT2Font
    assert FT2Font(str(path), face_index=found.face_index).family_name == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.family"][0] == plotting.CJK_FAMILY
    assert matplotlib.rcParams["axes.unicode_minus"]


def test_chinese_and_mathtext_render_without_missing_glyphs(styled):
    fig, ax = plt.subplots(figsize=plotting.figsize())
    ax.set_title(r"学习率 $\eta = 10^{-3}$ 时的损失 $\partial L/\partial x$ ≥ 0 × → −1")
    ax.set_xlabel("步数（" + plotting.num(2.6e-1, ".1e") + "）")
    ax.legend(handles=ax.plot([0, 1], [0, -1], label="训练集 10⁻⁴")[:1])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would raise
        fig.canvas.draw()
    ink = np.asarray(fig.canvas.buffer_rgba())[..., :3].min(axis=2)
    assert (ink < 128).sum() > 1000  # something was drawn


def test_image_and_contour_axes(styled):
    fig, (a, b, c) = plt.subplots(1, 3, figsize=plotting.figsize(3))
    a.imshow(np.eye(3))
    plotting.image_axes(a)
    assert all(s.get_visible() for s in a.spines.values())
    assert not a.get_xticks().size and not a.get_yticks().size
    plotting.image_axes(b, frame=False)
    assert not any(s.get_visible() for s in b.spines.values())
    plotting.contour_axes(c)
    assert c.get_aspect() == 1.0


def _light_and_dark(fig, artists):
    fig.canvas.draw()
    light = {k: to_rgba(v()) for k, v in artists.items()}
    with plotting.dark_render(fig):
        fig.canvas.draw()
        dark = {k: to_rgba(v()) for k, v in artists.items()}
    fig.canvas.draw()
    again = {k: to_rgba(v()) for k, v in artists.items()}
    return light, dark, again


def test_dark_variant_switches_page_and_text_but_not_data(styled):
    fig, (ax, ax_img) = plt.subplots(1, 2, figsize=plotting.figsize(2))
    (line,) = ax.plot([0, 1], [0, 1], color=plotting.color("train"))
    (ref,) = ax.plot([0, 1], [1, 0], color=plotting.GREY)
    (ticks,) = ax.plot([0.2, 0.4], [0.5, 0.5], "|", color=plotting.INK)  # marker colours follow the line
    title = ax.set_title("训练集")
    bar = ax.bar([0.5], [0.5], width=0.2, color=plotting.color("validation"))[0]
    kept = plotting.label_on(ax, 0.5, 0.25, "0.5", bar.get_facecolor())
    coloured = ax.text(0.1, 0.9, "直接标注", color=plotting.readable(plotting.color("train")))
    span = ax.axvspan(0.0, 0.1, color="0.9")  # a grey outside the named neutrals
    note = ax.text(0.6, 0.1, "注", color="0.3")
    image = ax_img.imshow(np.arange(12.0).reshape(3, 4))
    ax.legend(handles=[line], labels=["训练集"], frameon=True)
    pixels = np.array(image.get_array())
    artists = {
        "figure": fig.get_facecolor, "axes": ax.get_facecolor, "title": title.get_color,
        "tick label": lambda: ax.get_xticklabels()[0].get_color(), "spine": ax.spines["left"].get_edgecolor,
        "grid": lambda: ax.xaxis.get_gridlines()[0].get_color(), "line": line.get_color,
        "reference": ref.get_color, "bar": bar.get_facecolor, "label on bar": kept.get_color,
        "legend frame": ax.get_legend().get_frame().get_facecolor,
        "legend text": lambda: ax.get_legend().get_texts()[0].get_color(),
        "direct label": coloured.get_color, "span": span.get_facecolor, "note": note.get_color,
        "marker": ticks.get_markeredgecolor,
    }
    light, dark, again = _light_and_dark(fig, artists)
    assert again == light  # the light figure is restored exactly
    assert to_hex(dark["figure"]) == to_hex(dark["axes"]) == plotting.DARK_BACKGROUND
    assert to_hex(dark["title"]) == to_hex(dark["tick label"]) == to_hex(dark["legend text"]) == plotting.DARK_INK
    assert to_hex(dark["legend frame"]) == plotting.DARK_BACKGROUND
    assert to_hex(dark["marker"]) == plotting.DARK_INK  # mapped once, not twice
    for name in ("spine", "grid", "reference"):
        assert dark[name] != light[name], name
    assert plotting.contrast_ratio(dark["spine"], plotting.DARK_BACKGROUND) >= 3.0
    for name in ("line", "bar", "label on bar"):  # data colours and labels on data keep their colour
        assert dark[name] == light[name], name
    hue = lambda c: colorsys.rgb_to_hls(*c[:3])[0]  # noqa: E731
    assert abs(hue(dark["direct label"]) - hue(light["direct label"])) < 0.02  # same hue, lighter
    assert plotting.contrast_ratio(dark["direct label"], plotting.DARK_BACKGROUND) >= 4.5
    assert plotting.lightness(dark["span"][:3]) < 25  # a light shade becomes a dark one
    assert plotting.contrast_ratio(dark["note"], plotting.DARK_BACKGROUND) >= 4.5  # dark grey text becomes light
    np.testing.assert_array_equal(image.get_array(), pixels)
    plotting.dark_variant(fig)  # the permanent version
    assert to_hex(fig.get_facecolor()) == plotting.DARK_BACKGROUND
    assert line.get_color() == plotting.color("train")


def test_dark_variant_checks_its_argument():
    with pytest.raises(TypeError, match="fig must be"):
        plotting.dark_variant("not a figure")
    with pytest.raises(TypeError, match="fig must be"):
        with plotting.dark_render(None):
            pass


def test_sequential_cmap_follows_the_same_ramp():
    cmap = plotting.sequential_cmap()
    assert cmap.N == 256
    assert to_hex(cmap(0.0)) == plotting.sequential(2)[0]
    assert to_hex(cmap(1.0)) == plotting.sequential(2)[1]
    lightness = [plotting.lightness(cmap(t)[:3]) for t in np.linspace(0, 1, 16)]
    assert all(a < b for a, b in zip(lightness, lightness[1:]))
