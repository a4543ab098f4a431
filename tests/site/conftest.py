"""Site tests: the build layer's modules importable as plain imports, the tiny project
built once per session, and a plain report of whether the browser and repro suites ran."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import _browser
import _project

# docs/_ext holds the dlnotes_site extension package (conf.py puts it on sys.path too)
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "docs" / "_ext"))


@pytest.fixture(scope="session")
def built_site():
    """``_build/html`` brought up to date for the browser suites: an incremental build with
    the options of ``make html`` (seconds when the site is built; the session fails if it
    does not build).  ``DLNOTES_BROWSER_NO_BUILD=1`` uses ``_build/html`` as it is."""
    if os.environ.get("DLNOTES_BROWSER_NO_BUILD") != "1":
        cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", ".",
               "-W", "--keep-going", "-n", "-q"]
        env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0")
        proc = subprocess.run(cmd, cwd=_browser.ROOT, env=env, capture_output=True, text=True)
        if proc.returncode != 0:
            pytest.fail(f"the site does not build:\n{proc.stdout[-2000:]}\n{proc.stderr[-4000:]}")
    return _browser.HTML


@pytest.fixture(scope="session")
def server(built_site):
    """``_build/html`` (brought up to date by ``built_site``) served on 127.0.0.1."""
    srv = _browser.Server()
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory):
    """The tiny project (``_project.py``) built four times in a row; ``{step: (ran, log)}``.

    1. ``clean``: a first build;  2. ``no change``: again, nothing edited;
    3. ``subpackage``: ``tinypkg/metrics.py`` becomes the subpackage ``tinypkg/metrics/``
       (``__init__`` + ``_ranking``), and the script ``plot_d_base.py`` is edited;
    4. ``edit``: only ``tinypkg/metrics/_ranking.py`` is edited.
    """
    root = tmp_path_factory.mktemp("tiny")
    _project.write(root)
    pkg = root / "src" / "tinypkg"
    # step 1 starts from a flat module that holds what the subpackage will hold
    ranking = (pkg / "metrics" / "_ranking.py").read_text().replace("from ..base", "from .base")
    for rel in ("metrics/__init__.py", "metrics/_ranking.py"):
        (pkg / rel).unlink()
    (pkg / "metrics").rmdir()
    (pkg / "metrics.py").write_text(ranking)
    builds = {"clean": _project.build(root), "no change": _project.build(root)}
    (pkg / "metrics.py").unlink()
    for rel, text in _project.PACKAGE.items():
        if rel.startswith("metrics/"):
            (pkg / rel).parent.mkdir(exist_ok=True)
            (pkg / rel).write_text(text)
    script = root / "gallery" / "plot_d_base.py"
    script.write_text(script.read_text() + "# edited\n")
    builds["subpackage"] = _project.build(root)
    ranking = pkg / "metrics" / "_ranking.py"
    ranking.write_text(ranking.read_text() + "\n\ndef top(x):\n    return max(x)\n")
    builds["edit"] = _project.build(root)
    return root, builds


def pytest_terminal_summary(terminalreporter):
    ran = [r for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
           if "browser" in r.keywords]  # every test marked browser, in any file
    reason = _browser.missing()
    if reason:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {reason}. The site was not checked in a browser.",
            yellow=True, bold=True)
    elif ran:
        terminalreporter.write_line(f"browser tests: {len(ran)} ran in headless Chromium "
                                    f"({_browser.chromium_path()}).")
    else:
        terminalreporter.write_line("browser tests not run (deselected or not collected).")
    if not any("test_repro.py" in r.nodeid for key in ("passed", "failed")
               for r in terminalreporter.stats.get(key, [])):
        terminalreporter.write_line("reproducibility test (clean, no-change and other-folder builds, "
                                    "byte for byte) not run: `make repro` runs it, and CI does.")
