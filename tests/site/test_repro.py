"""Two clean builds in a row give byte-identical sites (``make repro``; CI runs it).

The repository's files (tracked and not ignored) are copied to a temporary folder and
the site is built there from clean, twice, in the same place; every file of the two
``_build/html`` trees must exist in both and have the same bytes.  About two clean
builds' time, so it runs only when asked for (``DLNOTES_REPRO=1``, as ``make repro`` does).
"""

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.repro,
    pytest.mark.skipif(os.environ.get("DLNOTES_REPRO") != "1",
                       reason="two clean builds (about 4 min): run with `make repro` (CI does)"),
]


def _project_files():
    out = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                         cwd=ROOT, capture_output=True, check=True).stdout
    return [name for name in out.decode().split("\0") if name and (ROOT / name).is_file()]


def _clean_build(tree):
    """A fresh copy of the project in ``tree``, built with the options of ``make html``."""
    shutil.rmtree(tree, ignore_errors=True)
    for name in _project_files():
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)
    # dlnotes is installed in editable mode from ROOT: import the copy's sources instead
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONPATH=str(tree / "src"))
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", ".",
           "-W", "--keep-going", "-n", "-q"]
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return tree / "_build" / "html"


def _files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_two_clean_builds_are_byte_identical(tmp_path):
    tree = tmp_path / "site"
    first = tmp_path / "first"
    shutil.copytree(_clean_build(tree), first)
    second = _clean_build(tree)
    a, b = _files(first), _files(second)
    assert a == b, f"files in one build only: {sorted(a ^ b)[:20]}"
    differ = sorted(f for f in a if not filecmp.cmp(first / f, second / f, shallow=False))
    assert not differ, f"{len(differ)} of {len(a)} files differ: {differ[:20]}"
    assert len(a) > 500  # the whole site was compared (pages, images, downloads, search index)
