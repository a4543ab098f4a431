"""docs/_templates/: each override of a theme template, against the theme it was made for.

The overrides copy a theme template to change one thing (a string passed through the
translation function, an entry point left out on the search page, Font Awesome's script
left out).  When the theme changes, the copy may go stale: these checks fail on another
version of the theme, and say when upstream has fixed what the override is for (then the
override can go).
"""

from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "docs" / "_templates"
PST = Path(metadata.distribution("pydata-sphinx-theme").locate_file(
    "pydata_sphinx_theme/theme/pydata_sphinx_theme"))
SBT = Path(metadata.distribution("sphinx-book-theme").locate_file(
    "sphinx_book_theme/theme/sphinx_book_theme"))

# override -> (theme file it copies, the upstream text it exists for)
OVERRIDES = {
    "toggle-primary-sidebar.html": (SBT / "components" / "toggle-primary-sidebar.html",
                                    'title="Toggle primary sidebar"'),
    "toggle-secondary-sidebar.html": (SBT / "components" / "toggle-secondary-sidebar.html",
                                      'title="Toggle secondary sidebar"'),
    "sbt-sidebar-nav.html": (SBT / "components" / "sbt-sidebar-nav.html", 'aria-label="Main"'),
    "search-button.html": (PST / "components" / "search-button.html", "search-button__button"),
    "static/webpack-macros.html": (PST / "static" / "webpack-macros.html", "fontawesome.js"),
}


def test_the_themes_are_the_versions_the_overrides_copy():
    assert metadata.version("pydata-sphinx-theme") == "0.20.0"
    assert metadata.version("sphinx-book-theme") == "1.4.0"


@pytest.mark.parametrize("name", list(OVERRIDES))
def test_each_override_still_has_a_reason(name):
    upstream, reason = OVERRIDES[name]
    assert (TEMPLATES / name).is_file()
    assert reason in upstream.read_text(encoding="utf-8"), (
        f"{upstream} no longer has {reason!r}: upstream may have fixed it; "
        f"check whether docs/_templates/{name} can go")


def test_the_webpack_macros_are_the_themes_without_the_font_awesome_script_nor_preloads():
    upstream = (PST / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    ours = (TEMPLATES / "static" / "webpack-macros.html").read_text(encoding="utf-8")
    ours = ours[ours.index("-#}\n") + 4:]  # our comment on top
    dropped = [line for line in upstream.splitlines(keepends=True)
               if "fontawesome.js" in line or "So that users can add custom icons" in line
               or 'rel="preload"' in line or "Pre-loaded scripts" in line]
    assert len(dropped) == 5
    for line in dropped:
        upstream = upstream.replace(line, "")
    # basic.css directly: the theme's styles/theme.css only imports it
    theme_css = (PST / "static" / "styles" / "theme.css").read_text(encoding="utf-8")
    assert [line for line in theme_css.splitlines() if line.strip() and not line.startswith("/*")] \
        == ['@import "../basic.css";']
    upstream = upstream.replace("'_static/styles/theme.css'", "'_static/basic.css'")
    assert ours == upstream
