"""The figure design system of the site: one style, sizes, colours and helpers.

sphinx-gallery resets matplotlib's rcParams before each example, so every script calls
:func:`use_style` once at the top and gives each figure its Chinese description with
:func:`describe` (the image's ``alt`` text on the site).

Importing this module imports matplotlib (and NumPy).

Sizes
    The content column of the site (sphinx-book-theme) is 688 px wide on an example page
    and 672 px for a figure on a notes page at a 1280-px desktop viewport (790 px from
    1440 px up; 358 px on a 390-px phone). Figures are saved at :data:`DPI` = 100 px per
    inch, so :data:`FULL` = 6.72 in is shown 1:1 (never shrunk) on desktop, and 1 pt is
    100/72 px: the smallest text allowed, ``MIN_FONT_PT`` = 8 pt, is 11.1 px on
    screen. Widths are :data:`FULL`, :data:`MEDIUM` and :data:`SMALL` (:data:`WIDTHS`);
    :func:`figsize` gives a height for a grid of at most three panels per row.

Fonts
    Text, Chinese and Latin alike, is set in Noto Sans CJK SC from the pinned Python
    package ``noto-cjk-sans-otc`` (SIL Open Font License 1.1, the ``LICENSE`` file of its
    distribution; font Copyright 2014-2021 Adobe), never in a system font;
    :func:`use_style` registers the SC face of its OpenType collection with matplotlib.
    Glyphs it lacks fall back to DejaVu Sans (shipped with matplotlib); mathtext
    (``$...$``) stays in DejaVu Sans, and a label may mix Chinese and mathtext. In a label
    with mathtext, write powers of ten with :func:`num` (mathtext), not with Unicode
    superscripts.

Colours
    Every colour has one meaning: :data:`ROLES` maps each thing a figure shows (train vs
    validation, each optimizer, positive vs negative class, each activation, each loss
    or metric, reference values) to one of six hues of :data:`PALETTE`, chosen with a
    relative luminance between 0.12 and 0.30 so that each reaches a contrast of at least
    3:1 on the white page and on the dark page (:data:`DARK_BACKGROUND`). A role keeps
    its colour on every page; two roles share a hue only when they belong to different
    families that never meet in one figure. Ordered parameters (gamma, depth, year,
    temperature, learning rate, ...) take :func:`sequential` colours, ordered in
    lightness. Neutral greys (:data:`INK`, :data:`INK_SOFT`, :data:`GREY`, :data:`GRID`,
    :data:`SHADE`, :data:`PAPER`) carry no data meaning and switch in the dark render.

Dark mode
    :func:`dark_variant` turns a finished figure into its render for the theme's dark
    mode: dark page colour, light text, ticks, spines, grid and legend frames; data
    colours keep their hue; images and colour-mapped artists stay as they are. Text on a
    coloured box keeps its colour when it is drawn with :func:`label_on` (or marked with
    :func:`keep_colors`).
"""

import colorsys
import contextlib
import math
import pathlib
import re
import weakref

import matplotlib as mpl
import numpy as np

from ._validation import as_float_array, check_bool, check_int, check_real

__all__ = [
    "COLORS",
    "DARK_BACKGROUND",
    "DARK_INK",
    "DPI",
    "FULL",
    "GREY",
    "GRID",
    "INK",
    "INK_SOFT",
    "MEDIUM",
    "PALETTE",
    "PAPER",
    "ROLES",
    "ROLE_FAMILIES",
    "SHADE",
    "SMALL",
    "WIDTHS",
    "cjk_font_path",
    "color",
    "contour_axes",
    "contrast_ratio",
    "dark_render",
    "dark_variant",
    "describe",
    "figsize",
    "figure_description",
    "image_axes",
    "keep_colors",
    "label_color",
    "label_on",
    "lightness",
    "num",
    "num_list",
    "pow10",
    "readable",
    "relative_luminance",
    "sequential",
    "sequential_cmap",
    "tick_format",
    "use_style",
]

# -- sizes ------------------------------------------------------------------------------

#: Pixels per inch of the 1x image (CSS px); 2x images for dense screens are saved at twice this.
DPI = 100
#: Width in CSS px of the narrowest desktop column a figure is shown in (notes page, 1280-px viewport).
COLUMN_PX = 672
#: Full column width in inches (672 px at 1x).
FULL = COLUMN_PX / DPI
#: A single plot that needs less than the full column (540 px).
MEDIUM = 5.4
#: A single small or square panel (420 px).
SMALL = 4.2
#: The figure widths the site allows, in inches.
WIDTHS = (FULL, MEDIUM, SMALL)
#: Most panels side by side in one row.
MAX_COLUMNS = 3
#: Smallest text allowed, in CSS px as displayed on desktop.
MIN_FONT_PX = 11
#: Smallest font size allowed, in points: 8 pt is 11.1 px at :data:`DPI`.
MIN_FONT_PT = 8.0
#: Tallest figure allowed, in inches (it must fit a laptop screen with the page header).
MAX_HEIGHT = 7.6

# -- neutral colours (no data meaning; they switch in the dark render) --------------------

#: The page (light theme).
PAPER = "#ffffff"
#: Text, ticks and spines: the theme's own text colour.
INK = "#222832"
#: Secondary text, arrows, thin reference lines (6.1:1 on white).
INK_SOFT = "#5c636b"
#: A data colour without a role of its own: "reference", "exact", "other".
GREY = "#808080"
#: Grid lines and frames of legends.
GRID = "#dfe2e6"
#: Shaded regions of an axis (a range of x, a "dead zone", ...).
SHADE = "#e6e9ed"
#: The dark theme's page colour (pydata-sphinx-theme ``--pst-color-background``, dark).
DARK_BACKGROUND = "#121212"
#: The dark theme's text colour (``--pst-color-text-base``, dark).
DARK_INK = "#ced6dd"

#: Light neutral -> its dark twin, used by :func:`dark_variant`.
DARK_NEUTRALS = {
    PAPER: DARK_BACKGROUND,
    INK: DARK_INK,
    INK_SOFT: "#9ba3ab",
    GREY: "#8c8c8c",
    GRID: "#2e3238",
    SHADE: "#23272c",
}

# -- data colours --------------------------------------------------------------------------

#: The six hues of the site. Each has a relative luminance in [0.12, 0.30]: contrast
#: >= 3:1 on white and on :data:`DARK_BACKGROUND`. Four are Okabe & Ito's colour-blind-safe
#: colours; olive and wine complete the set.
PALETTE = {
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "green": "#009E73",
    "pink": "#CC79A7",
    "olive": "#8F8F2A",
    "wine": "#A23B72",
}

_B, _V, _G, _P, _O, _W = (PALETTE[k] for k in ("blue", "vermillion", "green", "pink", "olive", "wine"))

#: What each colour means, by family. A role keeps its colour on every page.
ROLES = {
    # data splits
    "train": _B,
    "validation": _V,
    "test": _V,  # held-out data, like validation
    # classes of a binary problem
    "negative": _B,
    "positive": _V,
    # exact values vs what is measured or estimated
    "reference": GREY,
    "exact": GREY,
    "data": INK,
    "estimate": _V,
    # activations
    "sigmoid": _B,
    "tanh": _V,
    "relu": _G,
    "leaky_relu": _P,
    "elu": _O,
    "softplus": _W,
    # optimizers
    "SGD": _B,
    "Momentum": _V,
    "Nesterov": _G,
    "Adagrad": _P,
    "RMSprop": _O,
    "Adam": _W,
    # losses (the logistic loss is the cross-entropy of the margin; squared = MSE = L2)
    "squared": _B,
    "mse": _B,
    "l2": _B,
    "cross_entropy": _V,
    "focal": _P,
    "logistic": _V,
    "hinge": _G,
    "l1": _G,
    "exponential": _W,
    "huber": _P,
    "smooth_l1": _O,
    "zero_one": INK,
    # metrics (MAE and the median it is minimised by share green; MSE and the mean blue)
    "precision": _B,
    "recall": _V,
    "f1": _G,
    "rmse": _V,
    "mae": _G,
    "mean": _B,
    "median": _G,
    "roc": _B,
    "pr": _V,
    # two things compared side by side: the first (usually the baseline) and the second
    "first": _B,
    "second": _V,
    "third": _G,
}

#: The families of :data:`ROLES`: roles of one family can meet in a figure, so their
#: colours differ. Roles outside any family's list are synonyms of one inside it
#: (``test`` = ``validation``, ``mse`` = ``l2`` = ``squared``, ``logistic`` =
#: ``cross_entropy``, ``data``, ``exact`` = ``reference``).
ROLE_FAMILIES = {
    "splits": ("train", "validation"),
    "classes": ("negative", "positive"),
    "reference": ("reference", "estimate"),
    "activations": ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus"),
    "optimizers": ("SGD", "Momentum", "Nesterov", "Adagrad", "RMSprop", "Adam"),
    "margin losses": ("zero_one", "hinge", "logistic", "exponential", "squared"),
    "regression losses": ("l1", "l2", "huber", "smooth_l1"),
    "classification losses": ("mse", "cross_entropy", "focal"),
    "classification metrics": ("precision", "recall", "f1"),
    "regression metrics": ("mse", "rmse", "mae"),
    "centres": ("mean", "median"),
    "curves": ("roc", "pr"),
    "order": ("first", "second", "third"),
}

#: Colour cycle of all axes: the six hues, then :data:`INK`.
COLORS = (*PALETTE.values(), INK)


def _check_color(c, name):
    """RGBA of the matplotlib colour ``c``, or TypeError/ValueError naming ``name``."""
    if not isinstance(c, (str, tuple, list, np.ndarray)):
        raise TypeError(f"{name} must be a matplotlib colour (a name, a hex string or an RGB(A) "
                        f"sequence), got {type(c).__name__}")
    try:
        return mpl.colors.to_rgba(c)
    except (ValueError, TypeError) as err:
        raise ValueError(f"{name} must be a matplotlib colour, got {c!r}") from err


def _check_axes(ax, name):
    from matplotlib.axes import Axes

    if not isinstance(ax, Axes):
        raise TypeError(f"{name} must be a matplotlib Axes, got {type(ax).__name__}")
    return ax


def _check_figure(fig, name):
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"{name} must be a matplotlib Figure, got {type(fig).__name__}")
    return fig


def color(role):
    """The colour of a role of ``ROLES`` (``"train"``, ``"Adam"``, ``"relu"``, ...).

    Parameters
    ----------
    role : str
        A key of ``ROLES``: what the colour stands for.

    Returns
    -------
    str
        A hex colour, the same on every page of the site.

    Raises
    ------
    TypeError
        If ``role`` is not a string.
    ValueError
        If ``role`` is not a known role.

    See Also
    --------
    sequential : Colours for an ordered parameter instead of named roles.
    readable : The role's colour darkened until text in it reads at 4.5:1.

    Examples
    --------
    >>> from dlnotes.plotting import color
    >>> color("train"), color("validation")
    ('#0072B2', '#D55E00')
    >>> color("Adam") == color("softplus")  # two families that never meet in one figure
    True
    """
    if not isinstance(role, str):
        raise TypeError(f"role must be a str, got {type(role).__name__}")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(sorted(ROLES))}; got {role!r}")
    return ROLES[role]


#: The ramp of :func:`sequential` in CIE LCh: lightness L* from 42 to 61.5 (every colour
#: reaches 3:1 on white and on the dark page), hue from 290 deg (blue) through purple,
#: magenta and red to 70 deg (amber), chroma 60 (less where sRGB cannot reach it).
SEQUENTIAL_LCH = dict(lightness=(42.0, 61.5), hue=(290.0, 430.0), chroma=60.0)


def _lab_to_rgb(lab):
    """sRGB of a CIELAB colour, or None when it lies outside the sRGB gamut."""
    fy = (lab[0] + 16) / 116
    f = np.array([fy + lab[1] / 500, fy, fy - lab[2] / 200])
    xyz = np.where(f > 6 / 29, f**3, 3 * (6 / 29) ** 2 * (f - 4 / 29)) * np.array([0.95047, 1.0, 1.08883])
    m = np.array([[3.2406, -1.5372, -0.4986], [-0.9689, 1.8758, 0.0415], [0.0557, -0.2040, 1.0570]])
    linear = m @ xyz
    if np.any(linear < -1e-4) or np.any(linear > 1 + 1e-4):
        return None
    linear = np.clip(linear, 0.0, 1.0)
    return np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)


def _ramp(t):
    """The sequential ramp at ``t`` in [0, 1], as an sRGB triple."""
    (l0, l1), (h0, h1), chroma = SEQUENTIAL_LCH["lightness"], SEQUENTIAL_LCH["hue"], SEQUENTIAL_LCH["chroma"]
    lightness_, hue = l0 + (l1 - l0) * t, math.radians(h0 + (h1 - h0) * t)
    while chroma >= 0:
        rgb = _lab_to_rgb(np.array([lightness_, chroma * math.cos(hue), chroma * math.sin(hue)]))
        if rgb is not None:
            return rgb
        chroma -= 0.5
    raise AssertionError("a grey is always inside the sRGB gamut")


def sequential(n, *, reverse=False):
    """``n`` colours for an ordered parameter (gamma, depth, year, temperature, ...), dark to light.

    The colours are evenly spaced on a perceptually uniform ramp (``SEQUENTIAL_LCH``):
    CIELAB lightness rises linearly while the hue turns from blue through purple, magenta
    and red to amber, so neighbours differ clearly and the order reads from the
    lightness.  Every colour keeps a contrast of 3:1 on the light and on the dark page.

    Parameters
    ----------
    n : int
        How many colours; must be >= 1.
    reverse : bool, default False
        From light to dark instead.

    Returns
    -------
    list of str
        ``n`` hex colours; a single colour is the middle of the ramp.

    Raises
    ------
    TypeError
        If ``n`` is not an integer or ``reverse`` not a bool.
    ValueError
        If ``n`` is smaller than 1.

    See Also
    --------
    sequential_cmap : The same ramp as a colormap.
    color : Colours of named roles.

    Examples
    --------
    >>> from dlnotes.plotting import lightness, sequential
    >>> ramp = sequential(4)
    >>> len(ramp), ramp[0]
    (4, '#355dc1')
    >>> [round(lightness(c)) for c in ramp]  # lightness rises evenly
    [42, 49, 55, 62]
    >>> sequential(4, reverse=True) == ramp[::-1]
    True
    """
    n = check_int(n, "n", minimum=1)
    reverse = check_bool(reverse, "reverse")
    points = np.linspace(0.0, 1.0, n) if n > 1 else np.array([0.5])
    colours = [mpl.colors.to_hex(_ramp(t)) for t in points]
    return colours[::-1] if reverse else colours


def sequential_cmap(name="dlnotes_sequential"):
    """The ramp of :func:`sequential` as a colormap of 256 colours, for colour bars and images.

    Parameters
    ----------
    name : str, default "dlnotes_sequential"
        The colormap's name.

    Returns
    -------
    matplotlib.colors.ListedColormap
        The ramp from its darkest (0) to its lightest colour (1).

    Raises
    ------
    TypeError
        If ``name`` is not a string.

    See Also
    --------
    sequential : A few colours of the same ramp.

    Examples
    --------
    >>> from matplotlib.colors import to_hex
    >>> from dlnotes.plotting import sequential, sequential_cmap
    >>> cmap = sequential_cmap()
    >>> cmap.N
    256
    >>> [to_hex(cmap(0.0)), to_hex(cmap(1.0))] == sequential(2)
    True
    """
    from matplotlib.colors import ListedColormap

    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    return ListedColormap([_ramp(t) for t in np.linspace(0.0, 1.0, 256)], name=name)


# -- contrast (WCAG 2) ---------------------------------------------------------------------


def relative_luminance(c):
    """WCAG 2 relative luminance of a colour: 0 for black, 1 for white.

    :math:`L = 0.2126 R + 0.7152 G + 0.0722 B` on the linearised sRGB channels
    (:math:`c/12.92` up to 0.04045, else :math:`((c + 0.055)/1.055)^{2.4}`) [WCAG21]_.

    Parameters
    ----------
    c : color
        A matplotlib colour: a name, a hex string, a grey level string such as ``"0.5"``,
        or an RGB(A) sequence of numbers in [0, 1].

    Returns
    -------
    float
        The relative luminance, in [0, 1].

    Raises
    ------
    TypeError
        If ``c`` is neither a string nor a sequence of numbers.
    ValueError
        If ``c`` is a string or sequence that names no colour.

    See Also
    --------
    contrast_ratio : The WCAG contrast of two colours, from their luminances.
    lightness : CIELAB lightness, the perceptual counterpart.

    References
    ----------
    .. [WCAG21] W3C, "Web Content Accessibility Guidelines (WCAG) 2.1", definition of
       relative luminance, 2018.

    Examples
    --------
    >>> from dlnotes.plotting import relative_luminance
    >>> relative_luminance("white"), relative_luminance("#000000")
    (1.0, 0.0)
    >>> round(relative_luminance("#767676"), 4)  # the grey that reads at 4.5:1 on white
    0.1812
    """
    rgb = np.array(_check_color(c, "c")[:3])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    return float(linear @ np.array([0.2126, 0.7152, 0.0722]))


def contrast_ratio(c1, c2):
    """WCAG 2 contrast ratio of two colours, from 1 (the same) to 21 (black on white).

    Parameters
    ----------
    c1, c2 : color
        Two matplotlib colours (see :func:`relative_luminance`); their order does not matter.

    Returns
    -------
    float
        :math:`(L_1 + 0.05) / (L_2 + 0.05)` where :math:`L_1 \\ge L_2` are their relative
        luminances.

    Raises
    ------
    TypeError
        If a colour is neither a string nor a sequence of numbers.
    ValueError
        If a colour names no colour.

    See Also
    --------
    relative_luminance : The luminance of one colour.
    label_color : The candidate text colour with the highest contrast.
    readable : A colour adjusted until it reaches a contrast.

    Examples
    --------
    >>> from dlnotes.plotting import contrast_ratio
    >>> contrast_ratio("black", "white")
    21.0
    >>> round(contrast_ratio("#767676", "white"), 2)  # WCAG AA for text: 4.5
    4.54
    """
    _check_color(c1, "c1")
    _check_color(c2, "c2")
    hi, lo = sorted((relative_luminance(c1), relative_luminance(c2)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def label_color(background, candidates=("#000000", "#ffffff")):
    """The candidate text colour with the highest contrast on ``background``.

    With the default black and white the result always reaches at least 4.58:1 (the
    worst case is a background of relative luminance 0.179), above WCAG's 4.5:1 for text.

    Parameters
    ----------
    background : color
        The colour of the box, bar or cell the label sits on.
    candidates : sequence of color, default ("#000000", "#ffffff")
        The colours to choose from (at least one).

    Returns
    -------
    color
        The element of ``candidates`` with the highest contrast ratio (the first one on a tie).

    Raises
    ------
    TypeError
        If ``candidates`` is a string or not a sequence, or a colour is not one.
    ValueError
        If ``candidates`` is empty or a colour names no colour.

    See Also
    --------
    label_on : Writes a label in this colour, kept in the dark render.
    contrast_ratio : The measure it maximises.

    Examples
    --------
    >>> from dlnotes.plotting import color, label_color
    >>> label_color("#ffd700"), label_color(color("train"))  # gold, then blue
    ('#000000', '#ffffff')
    """
    _check_color(background, "background")
    if isinstance(candidates, str) or not hasattr(candidates, "__len__"):
        raise TypeError(f"candidates must be a sequence of colours, got {type(candidates).__name__}")
    if len(candidates) == 0:
        raise ValueError("candidates must hold at least one colour")
    for k, c in enumerate(candidates):
        _check_color(c, f"candidates[{k}]")
    return max(candidates, key=lambda c: contrast_ratio(c, background))


def _to_lab(rgb):
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ linear / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def lightness(c):
    """CIELAB lightness :math:`L^*` of a colour, from 0 (black) to 100 (white).

    Parameters
    ----------
    c : color
        A matplotlib colour (see :func:`relative_luminance`).

    Returns
    -------
    float
        :math:`L^* = 116 f(Y) - 16` of the colour's CIE XYZ luminance :math:`Y` (D65).

    Raises
    ------
    TypeError
        If ``c`` is neither a string nor a sequence of numbers.
    ValueError
        If ``c`` names no colour.

    See Also
    --------
    sequential : Colours evenly spaced in this lightness.
    relative_luminance : The luminance WCAG's contrast uses.

    Examples
    --------
    >>> from dlnotes.plotting import lightness
    >>> round(lightness("white"), 1), round(lightness("black"), 1)
    (100.0, 0.0)
    >>> round(lightness("#777777"), 1)  # a middle grey
    50.0
    """
    return float(_to_lab(np.array(_check_color(c, "c")[:3]))[0])


def readable(c, background=PAPER, min_contrast=4.5):
    """``c`` darkened or lightened, hue kept, until text in it reaches ``min_contrast`` on ``background``.

    Use it for direct labels written in a data colour: the six hues reach 3:1, enough
    for lines, not always 4.5:1 for text.  The colour moves in HLS lightness towards
    black (on a light background) or white (on a dark one) in steps of 1 %.

    Parameters
    ----------
    c : color
        The data colour.
    background : color, default PAPER
        The colour behind the text.
    min_contrast : float, default 4.5
        The contrast ratio to reach, in [1, 21] (WCAG AA for normal text: 4.5).

    Returns
    -------
    str
        A hex colour of the same hue; ``c`` itself (as hex) when it already reaches it.

    Raises
    ------
    TypeError
        If a colour is not one, or ``min_contrast`` is not a real number.
    ValueError
        If a colour names no colour, or ``min_contrast`` is outside [1, 21].

    See Also
    --------
    contrast_ratio : The measure it reaches.
    color : The data colours it adjusts.

    Examples
    --------
    >>> from dlnotes.plotting import DARK_BACKGROUND, color, contrast_ratio, readable
    >>> pink = color("leaky_relu")
    >>> round(contrast_ratio(pink, "white"), 2)  # enough for a line, not for text
    3.06
    >>> text = readable(pink)
    >>> round(contrast_ratio(text, "white"), 2) >= 4.5
    True
    >>> readable(color("train"), DARK_BACKGROUND) != color("train")  # lighter on the dark page
    True
    """
    _check_color(c, "c")
    _check_color(background, "background")
    min_contrast = check_real(min_contrast, "min_contrast", low=1.0, high=21.0)
    hexed = mpl.colors.to_hex(c)
    if contrast_ratio(hexed, background) >= min_contrast:
        return hexed
    h, lum, s = colorsys.rgb_to_hls(*mpl.colors.to_rgb(c))
    target = 0.0 if relative_luminance(background) > 0.18 else 1.0
    for k in range(1, 101):
        candidate = mpl.colors.to_hex(colorsys.hls_to_rgb(h, lum + (target - lum) * k / 100, s))
        if contrast_ratio(candidate, background) >= min_contrast:
            return candidate
    return mpl.colors.to_hex(colorsys.hls_to_rgb(h, target, s))


# -- numbers in figure text ----------------------------------------------------------------

_SUPERSCRIPT = str.maketrans("0123456789-+", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺")
_EXPONENT = re.compile(r"(?P<mant>[-+]?\d+(?:\.\d*)?)e(?P<exp>[-+]\d+)")


def pow10(exponent, *, math=False):
    """``10⁻⁴``: a power of ten with a real superscript.

    Parameters
    ----------
    exponent : int
        The exponent (negative allowed).
    math : bool, default False
        Return matplotlib mathtext (``$10^{-4}$``) instead of Unicode superscripts.

    Returns
    -------
    str
        ``"10"`` followed by the exponent in superscript digits, or the mathtext.

    Raises
    ------
    TypeError
        If ``exponent`` is not an integer or ``math`` not a bool.

    See Also
    --------
    num : Any number for figure text, powers of ten included.

    Examples
    --------
    >>> from dlnotes.plotting import pow10
    >>> pow10(-4), pow10(3), pow10(-4, math=True)
    ('10⁻⁴', '10³', '$10^{-4}$')
    """
    exponent = check_int(exponent, "exponent")
    math = check_bool(math, "math")
    if math:
        return f"$10^{{{exponent}}}$"
    return "10" + str(exponent).translate(_SUPERSCRIPT)


def num(x, fmt=".3g", *, math=True):
    """A number for figure text: ``2.6×10⁻¹``, ``10⁻⁴``, ``−0.25``, never ``2.6e-01`` or ``-0.25``.

    Formats ``x`` with the format spec ``fmt`` (as ``format(x, fmt)``), then writes an
    exponent as a power of ten (dropping a mantissa of exactly 1) and a minus sign as
    U+2212.

    Parameters
    ----------
    x : float or int
        The number; must be finite.
    fmt : str, default ".3g"
        A format spec: ``".2e"``, ``".3f"``, ``".1%"``, ``",d"``, ...
    math : bool, default True
        Write a power of ten as matplotlib mathtext (``$\\mathdefault{2.6\\times10^{-1}}$``,
        set in the text's font) instead of Unicode superscripts (``2.6×10⁻¹``); a number
        without an exponent is plain text either way.

    Returns
    -------
    str
        The number as figure text.

    Raises
    ------
    TypeError
        If ``x`` is not a real number, ``fmt`` not a string or ``math`` not a bool.
    ValueError
        If ``x`` is NaN or infinite, or ``fmt`` is not a format spec for it.

    See Also
    --------
    num_list : Several numbers as a tuple.
    tick_format : The same format for tick labels.
    pow10 : A bare power of ten.

    Examples
    --------
    >>> from dlnotes.plotting import num
    >>> num(-0.25), num(0.26, ".1e", math=False), num(1e-4, ".0e", math=False)
    ('−0.25', '2.6×10⁻¹', '10⁻⁴')
    >>> num(2.6e-5, ".1e")
    '$\\\\mathdefault{2.6\\\\times10^{-5}}$'
    >>> num(12345, ",d"), num(0.125, ".1%")
    ('12,345', '12.5%')
    """
    check_real(x, "x")
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a str, got {type(fmt).__name__}")
    math = check_bool(math, "math")
    try:
        text = format(x, fmt)
    except ValueError as err:
        raise ValueError(f"fmt must be a format spec for {type(x).__name__} values, got {fmt!r}") from err
    if math and _EXPONENT.search(text):
        text = _EXPONENT.sub(lambda m: _math_power(m.group("mant"), int(m.group("exp"))), text)
        return r"$\mathdefault{" + text.replace("%", r"\%") + "}$"
    return _EXPONENT.sub(lambda m: _unicode_power(m.group("mant"), int(m.group("exp"))), text).replace("-", "−")


def _unicode_power(mant, exp):
    sign = "-" if mant.startswith("-") else ""
    mant = mant.lstrip("+-")
    return sign + (pow10(exp) if float(mant) == 1.0 else f"{mant}×{pow10(exp)}")


def _math_power(mant, exp):
    sign = "-" if mant.startswith("-") else ""
    mant = mant.lstrip("+-")
    return sign + (f"10^{{{exp}}}" if float(mant) == 1.0 else f"{mant}\\times10^{{{exp}}}")


def num_list(values, fmt=".3g"):
    """A sequence of numbers as a tuple in figure text: ``(1, 0.8, −0.4)``, never a Python list.

    Parameters
    ----------
    values : array_like of float
        The numbers, finite (any shape: they are read in order).
    fmt : str, default ".3g"
        Format spec of each number (see :func:`num`).

    Returns
    -------
    str
        The numbers written with :func:`num` in Unicode, in parentheses.

    Raises
    ------
    TypeError
        If ``values`` is not a real numeric array or ``fmt`` not a string.
    ValueError
        If ``values`` holds NaN or an infinity, or ``fmt`` is not a format spec.

    See Also
    --------
    num : One number.

    Examples
    --------
    >>> from dlnotes.plotting import num_list
    >>> num_list([1.0, 0.8, -0.4])
    '(1, 0.8, −0.4)'
    >>> num_list(np.array([[2e-5, 0.5]]), ".2g")
    '(2×10⁻⁵, 0.5)'
    """
    values = as_float_array(values, "values", allow_inf=False)
    if not isinstance(fmt, str):
        raise TypeError(f"fmt must be a str, got {type(fmt).__name__}")
    return "(" + ", ".join(num(float(v), fmt, math=False) for v in values.ravel()) + ")"


def tick_format(fmt=".3g"):
    """A matplotlib tick formatter that writes each tick with :func:`num`.

    Parameters
    ----------
    fmt : str, default ".3g"
        Format spec of each tick value.

    Returns
    -------
    matplotlib.ticker.FuncFormatter
        For ``ax.xaxis.set_major_formatter`` and the like.

    Raises
    ------
    TypeError
        If ``fmt`` is not a string.
    ValueError
        If ``fmt`` is not a format spec for a float.

    See Also
    --------
    num : The format applied to each tick.

    Examples
    --------
    >>> from dlnotes.plotting import tick_format
    >>> formatter = tick_format(".0e")
    >>> formatter(0.001, 0)
    '$\\\\mathdefault{10^{-3}}$'
    >>> tick_format(".2f")(-0.5, 0)
    '−0.50'
    """
    from matplotlib.ticker import FuncFormatter

    num(1.0, fmt)  # checks fmt
    return FuncFormatter(lambda value, pos: num(float(value), fmt))


# -- fonts ---------------------------------------------------------------------------------

#: The CJK family name inside the packaged OpenType collection (its simplified-Chinese face).
CJK_FAMILY = "Noto Sans CJK SC"
#: The fallback for glyphs the CJK font lacks (superscripts ⁵⁶⁷⁸⁹⁰⁻, some symbols):
#: matplotlib's own DejaVu Sans, the font of its mathtext too.
LATIN_FAMILY = "DejaVu Sans"


def cjk_font_path():
    """Path of the packaged Noto Sans CJK collection (``noto-cjk-sans-otc``, OFL-1.1).

    The font comes with the pinned Python dependency, never from the system, so every
    build sets the same glyphs.

    Returns
    -------
    pathlib.Path
        The OpenType collection file; its simplified-Chinese face is ``CJK_FAMILY``.

    Raises
    ------
    FileNotFoundError
        If the package is installed without its font file.

    See Also
    --------
    use_style : Registers this font with matplotlib.

    Examples
    --------
    >>> from dlnotes.plotting import cjk_font_path
    >>> cjk_font_path().name
    'NotoSansCJK-Regular.ttc'
    """
    from noto_cjk_sans_otc import FONT_PATH

    path = pathlib.Path(str(FONT_PATH))
    if not path.is_file():
        raise FileNotFoundError(f"the CJK font of noto-cjk-sans-otc is missing: {path}")
    return path


def _register_cjk_font():
    from matplotlib import font_manager

    path = str(cjk_font_path())
    if not any(entry.name == CJK_FAMILY and str(entry.fname) == path for entry in font_manager.fontManager.ttflist):
        font_manager.fontManager.addfont(path)


# -- the style -----------------------------------------------------------------------------

_STYLE = {
    "figure.figsize": (FULL, round(FULL * 0.62, 2)),
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.facecolor": PAPER,
    "savefig.facecolor": "auto",
    "figure.constrained_layout.use": True,
    "font.family": [CJK_FAMILY, LATIN_FAMILY],  # a list: glyph fallback from one to the next
    "font.sans-serif": [CJK_FAMILY, LATIN_FAMILY],
    "mathtext.fontset": "dejavusans",
    "axes.unicode_minus": True,
    "axes.formatter.use_mathtext": True,
    "font.size": 10,
    "figure.titlesize": 11.5,
    "axes.titlesize": 10.5,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "legend.frameon": False,
    "legend.facecolor": PAPER,
    "legend.edgecolor": GRID,
    "legend.framealpha": 0.92,
    "legend.handlelength": 1.8,
    "text.color": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "axes.edgecolor": INK_SOFT,
    "axes.facecolor": PAPER,
    "axes.linewidth": 0.8,
    "xtick.color": INK_SOFT,
    "ytick.color": INK_SOFT,
    "xtick.labelcolor": INK,
    "ytick.labelcolor": INK,
    "axes.grid": True,
    "axes.axisbelow": True,  # grid lines behind bars and patches, not across them
    "grid.color": GRID,
    "grid.linewidth": 0.7,
    "grid.alpha": 1.0,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "lines.linewidth": 1.8,
    "lines.markersize": 5,
    "patch.edgecolor": INK_SOFT,
    "image.cmap": "viridis",
    "hatch.color": INK_SOFT,
    # Reproducible files: no date or software version stamped into SVG/PDF output.
    "svg.hashsalt": "dlnotes",
}


def use_style():
    """Apply the site's matplotlib style and register its CJK font (idempotent).

    Sets the sizes (``DPI``, default figure size ``FULL``), fonts (Noto Sans CJK SC, then
    DejaVu Sans; mathtext in DejaVu Sans), text sizes (nothing below ``MIN_FONT_PT``),
    neutral colours and the colour cycle ``COLORS``, constrained layout, and no frame
    around legends.  sphinx-gallery resets rcParams before each example, so each
    script calls it once at its top.

    See Also
    --------
    figsize : Figure sizes for the content column.
    color : The colour of each role.

    Examples
    --------
    >>> import matplotlib
    >>> from dlnotes.plotting import CJK_FAMILY, DPI, use_style
    >>> with matplotlib.rc_context():
    ...     use_style()
    ...     matplotlib.rcParams["savefig.dpi"] == DPI, matplotlib.rcParams["font.family"][0] == CJK_FAMILY
    (True, True)
    """
    _register_cjk_font()
    mpl.rcParams.update(_STYLE)


def figsize(ncols=1, nrows=1, *, aspect=0.62, width=FULL, extra=0.0):
    """Size in inches of a figure of ``nrows`` x ``ncols`` panels.

    Parameters
    ----------
    ncols : int, default 1
        Panels per row, in [1, 3] (``MAX_COLUMNS``).
    nrows : int, default 1
        Rows of panels; must be >= 1.
    aspect : float, default 0.62
        Height of one panel over its width; must be positive.
    width : float, default FULL
        The figure's width: one of ``WIDTHS`` (``FULL``, ``MEDIUM``, ``SMALL``).
    extra : float, default 0.0
        Inches added to the height (a legend row, a suptitle); non-negative.

    Returns
    -------
    tuple of float
        ``(width, height)``, the height rounded to 0.01 in.

    Raises
    ------
    TypeError
        If an argument is not a number of its kind.
    ValueError
        If ``ncols`` or ``nrows`` is out of range, ``width`` is not an allowed width,
        ``aspect`` or ``extra`` out of range, or the height exceeds ``MAX_HEIGHT``.

    See Also
    --------
    use_style : Sets ``DPI``, at which these sizes are saved.

    Examples
    --------
    >>> from dlnotes.plotting import FULL, SMALL, figsize
    >>> figsize(2, aspect=0.7)  # two panels side by side, full column
    (6.72, 2.35)
    >>> figsize(width=SMALL, aspect=1.0) == (SMALL, SMALL)
    True
    """
    ncols = check_int(ncols, "ncols", minimum=1, maximum=MAX_COLUMNS)
    nrows = check_int(nrows, "nrows", minimum=1)
    aspect = check_real(aspect, "aspect", low=0.0, low_open=True)
    width = check_real(width, "width")
    extra = check_real(extra, "extra", low=0.0)
    if not any(math.isclose(width, w) for w in WIDTHS):
        raise ValueError(f"width must be one of {WIDTHS} (FULL, MEDIUM, SMALL), got {width}")
    height = round(nrows * width / ncols * aspect + extra, 2)
    if height > MAX_HEIGHT:
        raise ValueError(f"the figure would be {height} in tall; at most {MAX_HEIGHT} in fit a screen "
                         f"(fewer nrows, a smaller aspect or extra)")
    return (width, height)


def image_axes(ax, frame=True):
    """Set up an axes that shows an image or a matrix: no ticks, no grid, a full frame or none.

    The site's style hides the top and right spines; an image keeps either all four
    (``frame=True``, a thin frame in ``INK_SOFT``) or none, never an L-shaped frame.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to set up.
    frame : bool, default True
        Draw all four spines (True) or none (False).

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib axes or ``frame`` not a bool.

    See Also
    --------
    contour_axes : The set-up of a contour plot.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import image_axes
    >>> ax = image_axes(Figure().subplots())
    >>> len(ax.get_xticks()), all(s.get_visible() for s in ax.spines.values())
    (0, True)
    """
    ax = _check_axes(ax, "ax")
    frame = check_bool(frame, "frame")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(frame)
        spine.set_edgecolor(INK_SOFT)
        spine.set_linewidth(0.8)
    return ax


def contour_axes(ax):
    """Set up an axes for a contour or level-set plot: equal aspect, full frame, no grid.

    Steps of an optimizer look perpendicular to the level sets only when one unit is as
    long on both axes.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to set up.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Raises
    ------
    TypeError
        If ``ax`` is not a matplotlib axes.

    See Also
    --------
    image_axes : The set-up of an image panel.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import contour_axes
    >>> ax = contour_axes(Figure().subplots())
    >>> ax.get_aspect(), all(s.get_visible() for s in ax.spines.values())
    (1.0, True)
    """
    ax = _check_axes(ax, "ax")
    ax.set_aspect("equal", adjustable="box")
    ax.grid(False)
    for spine in ax.spines.values():
        spine.set_visible(True)
    return ax


# -- colours kept in the dark render ------------------------------------------------------

_KEPT = weakref.WeakSet()


def keep_colors(*artists):
    """Mark artists whose colours :func:`dark_variant` must not change (text on a coloured box).

    Parameters
    ----------
    *artists : matplotlib.artist.Artist
        The artists to leave as they are in the dark render.

    Returns
    -------
    matplotlib.artist.Artist or tuple of matplotlib.artist.Artist
        The artist when one is given, else the tuple of them.

    Raises
    ------
    TypeError
        If an argument is not a matplotlib artist.

    See Also
    --------
    label_on : Writes a label and marks it.
    dark_render : The render that respects the mark.

    Examples
    --------
    >>> from matplotlib.colors import to_hex
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import dark_render, keep_colors
    >>> fig = Figure()
    >>> kept = keep_colors(fig.text(0.5, 0.5, "0.5", color="#222832"))
    >>> with dark_render(fig):
    ...     to_hex(kept.get_color())
    '#222832'
    """
    from matplotlib.artist import Artist

    for k, artist in enumerate(artists):
        if not isinstance(artist, Artist):
            raise TypeError(f"artists[{k}] must be a matplotlib artist, got {type(artist).__name__}")
    for artist in artists:
        _KEPT.add(artist)
    return artists[0] if len(artists) == 1 else artists


def label_on(ax, x, y, text, background, **kwargs):
    """Write ``text`` on a box, bar or cell of colour ``background`` in black or white, whichever contrasts more.

    The label keeps its colour in the dark render (the box keeps its colour too), so it
    reads at 4.5:1 or more on both pages.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        The axes to write in.
    x, y : float
        Position in data coordinates (or as given by ``transform``); finite.
    text : str
        The label.
    background : color
        The colour behind the text (blend a transparent box onto the page colour first).
    **kwargs
        Passed to ``Axes.text`` (``ha``, ``va``, ``fontsize``, ...); centred by default.

    Returns
    -------
    matplotlib.text.Text
        The label.

    Raises
    ------
    TypeError
        If an argument is not of its type.
    ValueError
        If ``x`` or ``y`` is NaN or infinite, or ``background`` names no colour.

    See Also
    --------
    label_color : How the colour is chosen.
    keep_colors : How it stays in the dark render.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import color, label_on
    >>> ax = Figure().subplots()
    >>> bar = ax.bar([0], [1.0], color=color("train"))[0]
    >>> label_on(ax, 0, 0.5, "1.0", bar.get_facecolor()).get_color()
    '#ffffff'
    """
    ax = _check_axes(ax, "ax")
    check_real(x, "x")
    check_real(y, "y")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    kwargs.setdefault("ha", "center")
    kwargs.setdefault("va", "center")
    return keep_colors(ax.text(x, y, text, color=label_color(background), **kwargs))


# -- the dark render -----------------------------------------------------------------------

_DARK_TABLE = {mpl.colors.to_hex(k): v for k, v in DARK_NEUTRALS.items()}
_L_BG, _L_FG = lightness(DARK_BACKGROUND), lightness(DARK_INK)


def _lab_grey(l_star):
    """The sRGB grey of CIELAB lightness ``l_star``."""
    y = ((l_star + 16) / 116) ** 3 if l_star > 8 else l_star / 903.3
    v = 12.92 * y if y <= 0.0031308 else 1.055 * y ** (1 / 2.4) - 0.055
    return float(np.clip(v, 0.0, 1.0))


def _dark_rgba(rgba):
    """Dark-render colour of one RGBA colour: neutrals switch, hues stay."""
    r, g, b, a = (float(v) for v in rgba)
    if a == 0:
        return (r, g, b, a)
    hexed = mpl.colors.to_hex((r, g, b))
    if hexed in _DARK_TABLE:
        return (*mpl.colors.to_rgb(_DARK_TABLE[hexed]), a)
    lab = _to_lab(np.array([r, g, b]))
    if math.hypot(lab[1], lab[2]) > 8.0:  # a hue: data colour, unchanged
        return (r, g, b, a)
    # a grey: mirror its lightness between the dark page and the dark text colour
    v = _lab_grey(_L_BG + (100.0 - lab[0]) / 100.0 * (_L_FG - _L_BG))
    return (v, v, v, a)


def _dark_colors(colors):
    arr = mpl.colors.to_rgba_array(colors)
    return np.array([_dark_rgba(c) for c in arr]) if len(arr) else arr


def _dark_text_color(c):
    rgba = mpl.colors.to_rgba(c)
    new = _dark_rgba(rgba)
    if new == tuple(float(v) for v in rgba):  # a hue: keep it, but readable on the dark page
        return (*mpl.colors.to_rgb(readable(rgba, DARK_BACKGROUND)), rgba[3])
    return new


class _Recorder:
    """Apply colour changes and remember how to undo them."""

    def __init__(self):
        self.undo = []
        self.seen = set()  # ids of artists already recoloured: each is mapped once

    def set(self, getter, setter, new):
        old = getter()
        try:
            if np.array_equal(mpl.colors.to_rgba_array(old), mpl.colors.to_rgba_array(new)):
                return  # unchanged: leave the artist alone
        except (ValueError, TypeError):
            pass
        setter(new)
        self.undo.append((setter, old))

    def restore(self):
        for setter, old in reversed(self.undo):
            setter(old)
        self.undo.clear()


def _is_colormapped(artist):
    from matplotlib.cm import ScalarMappable

    return isinstance(artist, ScalarMappable) and artist.get_array() is not None


def _darken(fig, rec):
    from matplotlib.collections import Collection
    from matplotlib.image import AxesImage, BboxImage, FigureImage
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Annotation, Text

    fig.draw_without_rendering()  # create every tick before recolouring
    for ax in fig.axes:
        for axis_name, axis in (("x", ax.xaxis), ("y", ax.yaxis)):
            for which, ticks in (("major", axis.get_major_ticks()), ("minor", axis.get_minor_ticks())):
                if not ticks:
                    continue
                t = ticks[0]
                for tick in ticks:  # recoloured here, through tick_params
                    rec.seen.update(id(a) for a in (tick.tick1line, tick.tick2line, tick.gridline,
                                                    tick.label1, tick.label2))
                old = dict(color=t.tick1line.get_color(), labelcolor=t.label1.get_color(),
                           grid_color=t.gridline.get_color())
                new = dict(color=_dark_rgba(mpl.colors.to_rgba(old["color"])),
                           labelcolor=_dark_text_color(old["labelcolor"]),
                           grid_color=_dark_rgba(mpl.colors.to_rgba(old["grid_color"])))
                rec.undo.append((lambda kw, a=ax, n=axis_name, w=which: a.tick_params(axis=n, which=w, **kw), old))
                ax.tick_params(axis=axis_name, which=which, **new)
    for artist in fig.findobj(include_self=False):
        if id(artist) in rec.seen or artist in _KEPT:
            continue
        if isinstance(artist, (AxesImage, FigureImage, BboxImage)):
            continue
        if _is_colormapped(artist):
            _darken_grey_cmap(artist, rec)
            continue
        if not isinstance(artist, Patch):
            rec.seen.add(id(artist))
        if isinstance(artist, Text):
            rec.set(artist.get_color, artist.set_color, _dark_text_color(artist.get_color()))
            box = artist.get_bbox_patch()
            if box is not None:
                _darken_patch(box, rec)
            if isinstance(artist, Annotation) and artist.arrow_patch is not None:
                _darken_patch(artist.arrow_patch, rec)
        elif isinstance(artist, Line2D):
            props = ("color", "markerfacecolor", "markeredgecolor", "markerfacecoloralt")
            values = {prop: getattr(artist, f"get_{prop}")() for prop in props}  # before any change:
            for prop in props:  # marker colours may follow the line colour ("auto")
                value = values[prop]
                if isinstance(value, str) and value in ("none", "auto"):
                    continue
                rec.set(lambda v=value: v, getattr(artist, f"set_{prop}"), _dark_rgba(mpl.colors.to_rgba(value)))
        elif isinstance(artist, Patch):
            _darken_patch(artist, rec)
        elif isinstance(artist, Collection):
            rec.set(artist.get_facecolor, artist.set_facecolor, _dark_colors(artist.get_facecolor()))
            rec.set(artist.get_edgecolor, artist.set_edgecolor, _dark_colors(artist.get_edgecolor()))


def _darken_grey_cmap(artist, rec):
    """Contours drawn in given greys (``colors="0.7"``): their greys switch like any neutral."""
    from matplotlib.colors import ListedColormap

    cmap = artist.get_cmap()
    if not isinstance(cmap, ListedColormap) or cmap.N > 64:
        return
    colours = mpl.colors.to_rgba_array(cmap.colors)
    if any(math.hypot(*_to_lab(c[:3])[1:]) > 8.0 for c in colours):
        return  # a map of hues: data, unchanged
    dark = ListedColormap(_dark_colors(colours), name=f"{cmap.name}_dark")
    dark.set_extremes(under=_dark_rgba(cmap.get_under()), over=_dark_rgba(cmap.get_over()),
                      bad=_dark_rgba(cmap.get_bad()))
    rec.set(artist.get_cmap, artist.set_cmap, dark)


def _darken_patch(patch, rec):
    if id(patch) in rec.seen or patch in _KEPT:
        return
    rec.seen.add(id(patch))
    alpha = patch.get_alpha()
    for colour, setter in ((patch.get_facecolor(), patch.set_facecolor), (patch.get_edgecolor(), patch.set_edgecolor)):
        if colour[3] == 0:  # "none": nothing drawn
            continue
        if alpha is not None:  # get_* applied the patch alpha; set_* applies it again
            colour = (*colour[:3], 1.0)
        rec.set(lambda c=colour: c, setter, _dark_rgba(colour))


def dark_variant(fig):
    """Turn ``fig`` into its render for the site's dark mode, in place.

    The page colour becomes ``DARK_BACKGROUND``; text, ticks, spines, grid lines,
    legend frames and every other neutral grey switch to their dark twins
    (``DARK_NEUTRALS``, other greys mirrored in lightness); data colours keep their
    hue (text written in a hue is lightened until it reads at 4.5:1); images,
    colour-mapped artists and artists marked with :func:`keep_colors` stay as they are.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A finished figure.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``, now dark.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib figure.

    See Also
    --------
    dark_render : The same for the length of a ``with`` block.
    keep_colors : Leaves chosen artists as they are.

    Examples
    --------
    >>> from matplotlib.colors import to_hex
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import DARK_BACKGROUND, color, dark_variant
    >>> fig = Figure(facecolor="white")
    >>> (line,) = fig.subplots().plot([0, 1], color=color("train"))
    >>> to_hex(dark_variant(fig).get_facecolor()) == DARK_BACKGROUND
    True
    >>> line.get_color() == color("train")  # data colours keep their meaning
    True
    """
    fig = _check_figure(fig, "fig")
    _darken(fig, _Recorder())
    return fig


def dark_render(fig):
    """``fig`` in its dark render inside a ``with`` block, exactly as it was after it.

    The site's image scraper saves every figure a second time in this render, for
    readers whose theme is dark (see :func:`dark_variant` for what changes).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A finished figure.

    Returns
    -------
    contextlib.AbstractContextManager
        A context manager whose ``with`` block sees ``fig`` dark (``as`` gives ``fig``);
        the figure is light again when the block ends, also when it raises.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib figure.

    See Also
    --------
    dark_variant : The same, for good.

    Examples
    --------
    >>> from matplotlib.colors import to_hex
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import dark_render
    >>> fig = Figure(facecolor="white")
    >>> with dark_render(fig):
    ...     to_hex(fig.get_facecolor())
    '#121212'
    >>> to_hex(fig.get_facecolor())
    '#ffffff'
    """
    return _dark_block(_check_figure(fig, "fig"))


@contextlib.contextmanager
def _dark_block(fig):
    rec = _Recorder()
    try:
        _darken(fig, rec)
        yield fig
    finally:
        rec.restore()


# -- figure descriptions -------------------------------------------------------------------

#: The shortest description :func:`describe` accepts (in characters).
MIN_DESCRIPTION_CHARS = 15
_CJK = re.compile(r"[\u3400-\u9fff]")


def describe(fig, text):
    """Give ``fig`` its Chinese description: the ``alt`` text of its image on the site.

    The description says what the figure shows, for a reader who cannot see it; it is
    kept as the figure's label, where the site's image scraper reads it.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure described.
    text : str
        One line of Chinese, at least ``MIN_DESCRIPTION_CHARS`` characters long.

    Returns
    -------
    matplotlib.figure.Figure
        ``fig``, so that the call can wrap the figure's creation.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib figure or ``text`` is not a string.
    ValueError
        If ``text`` is shorter than ``MIN_DESCRIPTION_CHARS``, holds no Chinese or
        spans several lines.

    See Also
    --------
    figure_description : Reads the description back.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import describe, figure_description
    >>> fig = describe(Figure(), "两条曲线：训练损失持续下降，验证损失先降后升。")
    >>> figure_description(fig)
    '两条曲线：训练损失持续下降，验证损失先降后升。'
    """
    fig = _check_figure(fig, "fig")
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    if "\n" in text.strip():
        raise ValueError("text must be one line (it becomes the image's alt text)")
    text = " ".join(text.split())
    if len(text) < MIN_DESCRIPTION_CHARS or not _CJK.search(text):
        raise ValueError(
            f"text must describe the figure in Chinese in at least {MIN_DESCRIPTION_CHARS} "
            f"characters, got {text!r}"
        )
    fig.set_label(text)
    return fig


def figure_description(fig):
    """The description :func:`describe` gave ``fig``, or ``None`` if it has none.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        A figure.

    Returns
    -------
    str or None
        The description (whitespace runs made single spaces), or ``None`` when the
        figure's label is not one: shorter than ``MIN_DESCRIPTION_CHARS`` or without
        Chinese.

    Raises
    ------
    TypeError
        If ``fig`` is not a matplotlib figure.

    See Also
    --------
    describe : Gives a figure its description.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> from dlnotes.plotting import figure_description
    >>> fig = Figure()
    >>> fig.set_label("loss curves")
    >>> figure_description(fig) is None  # English, and too short
    True
    """
    fig = _check_figure(fig, "fig")
    label = " ".join(str(fig.get_label()).split())
    return label if len(label) >= MIN_DESCRIPTION_CHARS and _CJK.search(label) else None
