"""Check that two clean builds give byte-identical sites (run with ``make repro``).

Builds from clean twice, keeping a copy of the first ``_build/html``, and lists
every file that is missing from one build or whose bytes differ.  Exit status 1
when anything differs.
"""

import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def clean_build():
    env = dict(os.environ, MPLBACKEND="Agg")
    for cmd in (["make", "clean"], ["make", "html"]):
        subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)


def files(root):
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def main():
    html = ROOT / "_build" / "html"
    with tempfile.TemporaryDirectory() as tmp:
        first = Path(tmp) / "html"
        clean_build()
        shutil.copytree(html, first)
        clean_build()
        a, b = files(first), files(html)
        only = sorted(a ^ b)
        differ = sorted(f for f in a & b if not filecmp.cmp(first / f, html / f, shallow=False))
    for f in only:
        print(f"only in one build: {f}")
    for f in differ:
        print(f"differs: {f}")
    print(f"{len(a & b)} files compared, {len(differ)} differ, {len(only)} in one build only")
    return 1 if differ or only else 0


if __name__ == "__main__":
    sys.exit(main())
