"""Every gallery script runs headless and draws; each chapter's test file checks its values.

The scripts run once per session through :func:`_gallery.run_example` (cached), so the
chapter files ``tests/examples/test_gallery_<chapter>.py`` reuse these runs to check the numbers
each script leaves behind.
"""

import pathlib

import pytest

from _gallery import FIGURE_LABELS, GALLERY, run_example, scripts

from matplotlib.figure import Figure

from dlnotes.plotting import figure_description  # the build's alt-text rule

TESTS = pathlib.Path(__file__).resolve().parent
SCRIPTS = scripts()
CHAPTERS = sorted({name.split("/")[0] for name in SCRIPTS})


def test_gallery_has_scripts():
    assert "activations" in CHAPTERS
    assert len(SCRIPTS) >= 4 * len(CHAPTERS)


@pytest.mark.parametrize("name", SCRIPTS)
def test_example_runs_and_draws(name):
    namespace, n_figures = run_example(name)
    assert namespace["__name__"] == "__main__"
    assert n_figures >= 1, f"{name} drew no figure"


@pytest.mark.parametrize("name", SCRIPTS)
def test_every_figure_has_a_chinese_description(name):
    # The build uses it as the image's alt text, and fails without one.
    run_example(name)
    labels = FIGURE_LABELS[name]
    missing = [k for k, label in enumerate(labels, 1) if figure_description(_labelled(label)) is None]
    assert not missing, f"{name}: figure(s) {missing} lack a Chinese description (dlnotes.plotting.describe)"
    assert len(set(labels)) == len(labels), f"{name}: two figures share one description"


def _labelled(label):
    fig = Figure()
    fig.set_label(label)
    return fig


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_is_tested(chapter):
    assert (GALLERY / chapter / "GALLERY_HEADER.rst").is_file()
    assert (TESTS / f"test_gallery_{chapter}.py").is_file(), (
        f"gallery/{chapter}/ has no tests/examples/test_gallery_{chapter}.py to check its scripts"
    )

