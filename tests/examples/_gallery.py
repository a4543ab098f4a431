"""Shared helper for the gallery tests: run an example once per session, headless.

Each ``tests/examples/test_gallery_<chapter>.py`` runs its chapter's ``gallery/<chapter>/plot_*.py``
scripts through :func:`run_example` and checks the module-level variables they leave behind
against independent references, so a broken or silently wrong example fails without a docs
build.
"""

import functools
import pathlib
import runpy

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


@functools.cache
def run_example(name):
    """Run ``gallery/<name>`` once; return (its globals, number of figures it made)."""
    plt.close("all")
    with matplotlib.rc_context():  # scripts call use_style(); keep it local
        namespace = runpy.run_path(str(GALLERY / name), run_name="__main__")
        n_figures = len(plt.get_fignums())
        FIGURE_LABELS[name] = [plt.figure(num).get_label() for num in plt.get_fignums()]
        plt.close("all")
    return namespace, n_figures
