"""Every gallery script runs headless and draws; each chapter's test file checks its values.

The scripts run once per session through :func:`_gallery.run_example` (cached), so the
chapter files ``tests/test_gallery_<chapter>.py`` reuse these runs to check the numbers
each script leaves behind.
"""

import pathlib

import pytest
from _gallery import GALLERY, run_example, scripts

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


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_is_tested(chapter):
    assert (GALLERY / chapter / "GALLERY_HEADER.rst").is_file()
    assert (TESTS / f"test_gallery_{chapter}.py").is_file(), (
        f"gallery/{chapter}/ has no tests/test_gallery_{chapter}.py to check its scripts"
    )

