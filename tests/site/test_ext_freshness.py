"""dlnotes_site.freshness: a change in the package re-runs exactly what imports it.

The tiny project (``_project.py``, built by the ``tiny_site`` fixture of conftest.py) has
four gallery scripts and two notebook pages; each records its name when it runs.  The
expected sets below are read off the project's import lines by hand.
"""

import json
import types

from dlnotes_site import freshness

EVERYTHING = {"plot_a_metrics", "plot_b_report", "plot_c_other", "plot_d_base", "nb_report", "nb_other"}
# import tinypkg.metrics, directly (plot_a) or through tinypkg.report (plot_b, nb_report)
USERS_OF_METRICS = {"plot_a_metrics", "plot_b_report", "nb_report"}


def test_a_clean_build_runs_everything(tiny_site):
    _root, builds = tiny_site
    assert sorted(builds["clean"][0]) == sorted(EVERYTHING)


def test_nothing_runs_again_without_a_change(tiny_site):
    _root, builds = tiny_site
    assert builds["no change"][0] == []


def test_a_module_turned_subpackage_reruns_its_users_and_the_edited_script(tiny_site):
    # metrics.py -> metrics/__init__.py + metrics/_ranking.py; plot_d_base.py was edited
    # too, and sphinx-gallery must still run it although the run is narrowed to a pattern
    _root, builds = tiny_site
    ran = builds["subpackage"][0]
    assert sorted(ran) == sorted(USERS_OF_METRICS | {"plot_d_base"})
    assert len(ran) == len(set(ran))


def test_editing_a_private_module_of_a_subpackage_reruns_exactly_its_importers(tiny_site):
    # _ranking.py is imported by metrics/__init__.py, which report.py imports:
    # plot_c (tinypkg.other), plot_d (tinypkg.base) and nb_other must not run
    _root, builds = tiny_site
    ran, log = builds["edit"]
    assert sorted(ran) == sorted(USERS_OF_METRICS)
    assert "re-running 2 examples that import it: plot_a_metrics.py, plot_b_report.py" in log
    assert "re-executing 1 notebook pages that import it: nb_report" in log


def test_the_records_name_modules_not_paths(tiny_site):
    root, _builds = tiny_site
    gallery = json.loads((root / "docs" / "generated" / "gallery" / ".dlnotes-freshness.json").read_text())
    assert set(gallery["modules"]) == {"tinypkg", "tinypkg.base", "tinypkg.metrics",
                                       "tinypkg.metrics._ranking", "tinypkg.report", "tinypkg.other"}
    assert set(gallery["scripts"]) == {f"{name}.py" for name in EVERYTHING if name.startswith("plot_")}
    notebooks = json.loads((root / "_build" / ".jupyter_cache" / "dlnotes-freshness.json").read_text())
    assert notebooks["modules"] == gallery["modules"]
    assert str(root) not in json.dumps(gallery)


def test_module_hashes_track_each_module_of_the_package(tmp_path, monkeypatch):
    for rel in ("__init__.py", "a.py", "sub/__init__.py", "sub/b.py"):
        (tmp_path / "hpkg" / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "hpkg" / rel).write_text(f"# {rel}\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    app = types.SimpleNamespace(config=types.SimpleNamespace(sphinx_gallery_conf={"doc_module": ("hpkg",)}))
    before, files = freshness.module_hashes(app)
    assert set(before) == {"hpkg", "hpkg.a", "hpkg.sub", "hpkg.sub.b"} and before == freshness.module_hashes(app)[0]
    (tmp_path / "hpkg" / "sub" / "b.py").write_text("x = 2\n")
    (tmp_path / "hpkg" / "c.py").write_text("y = 1\n")
    after, _files = freshness.module_hashes(app)
    assert freshness.changed_modules(before, after) == {"hpkg.sub.b", "hpkg.c"}
