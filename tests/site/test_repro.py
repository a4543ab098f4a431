"""Same bytes, whatever the route (``make repro``; CI runs it).

The repository's files (tracked and not ignored) are copied to a temporary folder X and
the site is built there from clean (A).  Then two other routes must give A's bytes,
file for file:

- a no-change rebuild of A, in place (an incremental build with nothing to do);
- a clean build B of another copy, in another folder Y (nothing may depend on the path).

About two clean builds' time, so it runs only when asked for (``DLNOTES_REPRO=1``, as
``make repro`` does).
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


def _copy_project(tree):
    for name in _project_files():
        target = tree / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, target)


def _build(tree):
    """Build ``tree`` with the options of ``make html``; its ``_build/html``."""
    # dlnotes is installed in editable mode from ROOT: import the copy's sources instead
    env = dict(os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", PYTHONPATH=str(tree / "src"))
    cmd = [sys.executable, "-m", "sphinx", "-M", "html", "docs", "_build", "-c", ".",
           "-W", "--keep-going", "-n", "-q"]
    proc = subprocess.run(cmd, cwd=tree, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-4000:]
    return tree / "_build" / "html"


def _files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _assert_same(reference, other, route):
    a, b = _files(reference), _files(other)
    assert a == b, f"{route}: files in one build only: {sorted(a ^ b)[:20]}"
    differ = sorted(f for f in a if not filecmp.cmp(reference / f, other / f, shallow=False))
    assert not differ, f"{route}: {len(differ)} of {len(a)} files differ: {differ[:20]}"


def test_clean_incremental_and_other_folder_builds_are_byte_identical(tmp_path):
    x, y, a = tmp_path / "x" / "site", tmp_path / "y" / "elsewhere", tmp_path / "a"
    _copy_project(x)
    shutil.copytree(_build(x), a)
    assert len(_files(a)) > 500  # the whole site is compared (pages, images, downloads, index)
    _assert_same(a, _build(x), "no-change rebuild")
    _copy_project(y)
    _assert_same(a, _build(y), "clean build in another folder")
