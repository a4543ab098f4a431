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
import warnings

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[2]
GALLERY = ROOT / "gallery"


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
    size in pt, font families, whether it lies inside the canvas) and ``warnings`` (messages
    warned while drawing, e.g. a glyph missing from the fonts).
    """
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
    return dict(
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
