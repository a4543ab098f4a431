"""dlnotes_site.assets: MathJax and the myst-nb and sphinx-exercise stylesheets are in
place before pages are written, so a clean build and a no-change rebuild write the same
bytes."""

import filecmp
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from dlnotes_site import assets

CONF = """
extensions = ["myst_nb", "sphinx_exercise", "dlnotes_site.assets"]
mathjax_path = "mathjax/tex-chtml.js"
myst_enable_extensions = ["dollarmath"]
"""
PAGE = "# Home\n\nThe sigmoid $\\sigma(x) = 1 / (1 + e^{-x})$.\n"


def test_the_mathjax_subset_is_copied_once(tmp_path):
    source = assets.mathjax_source()
    assets.copy_mathjax(source, tmp_path)
    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    names = {p.relative_to(tmp_path).as_posix() for p in files}
    assert {"tex-chtml.js", "sre/mathmaps/en.json", "input/tex/extensions/cancel.js"} <= names
    assert any(n.startswith("output/chtml/fonts/woff-v2/") and n.endswith(".woff") for n in names)
    size = sum(p.stat().st_size for p in files)
    assert 1e6 < size < 6e6  # the subset, not the 24 MB of the package
    for path in files:
        assert path.read_bytes() == (source / path.relative_to(tmp_path)).read_bytes()
    stamps = {p: p.stat().st_mtime_ns for p in files}
    assets.copy_mathjax(source, tmp_path)
    assert {p: p.stat().st_mtime_ns for p in files} == stamps


def _build(root):
    env = dict(os.environ, PYTHONPATH=str(Path(assets.__file__).parents[1]))
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(root), str(root / "_build")],
                   env=env, check=True)
    return root / "_build"


def test_a_no_change_rebuild_writes_the_bytes_of_a_clean_build(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(PAGE)
    first = tmp_path / "first"
    shutil.copytree(_build(tmp_path), first)
    html = (first / "index.html").read_text(encoding="utf-8")
    # the checksum query is there from the first build on (it used to appear only later)
    assert re.search(r'_static/mystnb\.[0-9a-f]{64}\.css\?v=[0-9a-f]{8}"', html)
    assert re.search(r'_static/mathjax/tex-chtml\.js\?v=[0-9a-f]{8}"', html)
    assert re.search(r'_static/exercise\.css\?v=[0-9a-f]{8}"', html)
    second = _build(tmp_path)
    files = {p.relative_to(first) for p in first.rglob("*") if p.is_file()}
    assert files == {p.relative_to(second) for p in second.rglob("*") if p.is_file()}
    differ = sorted(str(f) for f in files if not filecmp.cmp(first / f, second / f, shallow=False))
    assert not differ, differ
