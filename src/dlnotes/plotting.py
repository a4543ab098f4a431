"""One figure style for every gallery example.

sphinx-gallery resets matplotlib's rcParams before each example, so every script
calls :func:`use_style` once at the top, and gives each figure its Chinese description
with :func:`describe` (the image's ``alt`` text on the site).
"""

import re

import matplotlib as mpl

__all__ = ["COLORS", "describe", "figure_description", "use_style"]

#: The shortest description :func:`describe` accepts (in characters).
MIN_DESCRIPTION_CHARS = 15
_CJK = re.compile(r"[\u3400-\u9fff]")

#: Colour cycle shared by all figures (colour-blind-safe Okabe-Ito palette).
COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

_STYLE = {
    "figure.figsize": (8.0, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "figure.constrained_layout.use": True,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.labelsize": 11,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=COLORS),
    "lines.linewidth": 2.0,
    "image.cmap": "viridis",
    # Reproducible files: no date or software version stamped into SVG/PDF output.
    "svg.hashsalt": "dlnotes",
}


def use_style():
    """Apply the site's matplotlib style to the current process."""
    mpl.rcParams.update(_STYLE)


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
    """
    from matplotlib.figure import Figure

    if not isinstance(fig, Figure):
        raise TypeError(f"fig must be a matplotlib Figure, got {type(fig).__name__}")
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
        The description, or ``None`` when the figure's label is not one.
    """
    label = " ".join(str(fig.get_label()).split())
    return label if len(label) >= MIN_DESCRIPTION_CHARS and _CJK.search(label) else None
