"""Shared helper for the gallery tests: run an example once per session, headless.

Each ``tests/examples/test_gallery_<chapter>.py`` runs its chapter's ``gallery/<chapter>/plot_*.py``
scripts through :func:`run_example` and checks the module-level variables they leave behind
against independent references, so a broken or silently wrong example fails without a docs
build. :func:`run_example` also draws every figure once and keeps what
``test_figure_design.py`` checks against the design system (:func:`record_figure`).
"""

import functools
import pathlib
import runpy
import sys
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GALLERY = ROOT / "gallery"
sys.path.insert(0, str(ROOT / "docs" / "_ext"))  # dlnotes_site: how the site saves figures

from dlnotes_site import figfiles  # noqa: E402

#: A raster image (imshow, pcolormesh excluded) with at least this many distinct values is
#: continuous-tone, as a photograph is; a matrix of cells or a small heat map has fewer.
CONTINUOUS_TONE_VALUES = 1000


def scripts(chapter=None):
    """Paths of the example scripts, relative to ``gallery/``, optionally for one chapter."""
    pattern = f"{chapter}/plot_*.py" if chapter else "**/plot_*.py"
    return sorted(p.relative_to(GALLERY).as_posix() for p in GALLERY.glob(pattern))


#: The label (the site's alt text) of each figure an example drew, filled by run_example.
FIGURE_LABELS = {}
#: What each figure of an example looks like once drawn (see record_figure), filled by run_example.
FIGURE_RECORDS = {}


def record_figure(fig):
    """Draw ``fig`` once (Agg) and record what the design test checks.

    Returns a dict: ``size`` (inches), ``dpi`` (figure) and ``savefig_dpi`` (the style's),
    ``canvas`` (width, height in px), ``texts`` (every text actually drawn: its string, font
    size in pt, font families, whether it lies inside the canvas), ``warnings`` (messages
    warned while drawing, e.g. a glyph missing from the fonts), ``continuous_tone`` (whether
    it shows a raster image with many distinct values, as a photograph) and
    ``palette_error`` (mean error, in 8-bit levels, of the drawn 1x image reduced to the
    site's palette: ``dlnotes_site.figfiles.palette``).
    """
    from matplotlib.image import AxesImage, FigureImage

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    canvas = FigureCanvasAgg(fig) if not isinstance(fig.canvas, FigureCanvasAgg) else fig.canvas
    renderer = canvas.get_renderer()
    drawn = []
    draw_text = renderer.draw_text

    def spy(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        drawn.append((s, prop.copy(), mtext))
        return draw_text(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    renderer.draw_text = spy  # this renderer instance only
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.draw(renderer)
    finally:
        del renderer.draw_text
    width, height = renderer.width, renderer.height
    texts = []
    for s, prop, mtext in drawn:
        if not s.strip():
            continue
        inside = True
        if mtext is not None:
            box = mtext.get_window_extent(renderer)
            inside = box.x0 >= -1 and box.y0 >= -1 and box.x1 <= width + 1 and box.y1 <= height + 1
        texts.append(dict(text=s, size=prop.get_size_in_points(), family=tuple(prop.get_family()), inside=inside))
    rgb = np.asarray(renderer.buffer_rgba())[..., :3].copy()
    tones = [len(np.unique(np.asarray(im.get_array()))) for im in fig.findobj(lambda a: isinstance(
        a, (AxesImage, FigureImage))) if im.get_array() is not None]
    return dict(
        continuous_tone=any(n >= CONTINUOUS_TONE_VALUES for n in tones),
        palette_error=figfiles.palette(rgb)[1],
        size=tuple(float(v) for v in fig.get_size_inches()),
        dpi=float(fig.dpi),
        savefig_dpi=matplotlib.rcParams["savefig.dpi"],
        canvas=(width, height),
        texts=texts,
        warnings=[str(w.message) for w in caught],
        label=fig.get_label(),
    )


@functools.cache
def run_example(name):
    """Run ``gallery/<name>`` once; return (its globals, number of figures it made)."""
    plt.close("all")
    with matplotlib.rc_context():  # scripts call use_style(); keep it local
        namespace = runpy.run_path(str(GALLERY / name), run_name="__main__")
        n_figures = len(plt.get_fignums())
        FIGURE_LABELS[name] = [plt.figure(num).get_label() for num in plt.get_fignums()]
        FIGURE_RECORDS[name] = [record_figure(plt.figure(num)) for num in plt.get_fignums()]
        plt.close("all")
    return namespace, n_figures
