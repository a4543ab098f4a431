"""dlnotes_site.apistubs: autosummary runs only when the API pages' inputs changed.

Uses the tiny project of conftest.py (``tiny_site``): a first build, a build without
change, then two builds after changes to the package.
"""

GENERATING = "[autosummary] generating autosummary for:"


def test_autosummary_is_skipped_when_nothing_changed(tiny_site):
    _root, builds = tiny_site
    assert GENERATING in builds["clean"][1]
    assert GENERATING not in builds["no change"][1]


def test_autosummary_runs_again_when_the_package_changes(tiny_site):
    _root, builds = tiny_site
    assert GENERATING in builds["subpackage"][1]
    assert GENERATING in builds["edit"][1]


def test_switching_it_off_leaves_the_pickled_configuration_alone(tiny_site):
    # had the switched-off value been pickled, the next build would re-read every page
    _root, builds = tiny_site
    for step in ("no change", "subpackage", "edit"):
        assert "autosummary_generate" not in builds[step][1], step

