"""dlnotes_site._guard: every private-API use is pinned, and another version stops the build."""

import importlib
import re

import pytest
from sphinx.errors import ExtensionError

import dlnotes_site
from dlnotes_site import _guard


def _guarded():
    """Every version-guarded function of the package's modules."""
    found = []
    for name in dlnotes_site.MODULES:
        module = importlib.import_module(f"dlnotes_site.{name}")
        found += [obj for obj in vars(module).values()
                  if callable(obj) and hasattr(obj, "guard") and obj not in found]  # shared ones once
    return found


GUARDED = _guarded()


def test_the_private_uses_are_the_known_few():
    assert sorted(f.__module__.rsplit(".", 1)[1] + "." + f.__name__ for f in GUARDED) == [
        "_sidebar.edit_sidebar", "apistubs._switch", "assets._copy_exercise_css", "assets._copy_mystnb_css",
        "cjk._run_minigallery", "figures._from_imgsg", "freshness._narrow_gallery_run",
        "perf._deferred", "perf._needed", "search._set_index_entries", "searchquery.add_search_script"]


@pytest.mark.parametrize("func", GUARDED, ids=lambda f: f.__name__)
def test_the_pins_are_the_installed_versions(func):
    _guard.verify(func)  # raises on a mismatch: update the pin after checking the job


@pytest.mark.parametrize("func", GUARDED, ids=lambda f: f.__name__)
def test_another_version_stops_the_build_naming_the_job(func, monkeypatch):
    job, pins, check = func.guard
    dist = next(iter(pins))
    monkeypatch.setattr(_guard, "installed", lambda name: "99.0" if name == dist else _guard.installed(name))
    with pytest.raises(ExtensionError, match=re.escape(f"job '{job}'") + f".*{dist} 99.0 is installed. Check: "):
        _guard.verify(func)
    with pytest.raises(ExtensionError, match="job"):
        func()  # the call itself refuses too, before touching anything
