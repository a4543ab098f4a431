"""Every gallery chapter has its own test file that runs and checks its scripts."""

import pathlib

import pytest
from _gallery import GALLERY, scripts

TESTS = pathlib.Path(__file__).resolve().parent
CHAPTERS = sorted({name.split("/")[0] for name in scripts()})


def test_gallery_has_scripts():
    assert "activations" in CHAPTERS


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_is_tested(chapter):
    assert (GALLERY / chapter / "GALLERY_HEADER.rst").is_file()
    assert (TESTS / f"test_gallery_{chapter}.py").is_file(), (
        f"gallery/{chapter}/ has no tests/test_gallery_{chapter}.py to run and check its scripts"
    )
