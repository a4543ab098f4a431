"""One figure style for every gallery example.

sphinx-gallery resets matplotlib's rcParams before each example, so every script
calls :func:`use_style` once at the top.  Text inside figures is English or math, so
no CJK font is needed at build time.
"""

import matplotlib as mpl

__all__ = ["COLORS", "use_style"]

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
