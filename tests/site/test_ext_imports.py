"""dlnotes_site.imports: which package modules a piece of code imports (read with ast).

The expected sets are what Python itself loads: each case is also executed against a
real package on disk and compared with the ``sys.modules`` entries it adds.
"""

import subprocess
import sys
import textwrap

import pytest

from dlnotes_site.imports import affected_modules, code_imports, package_files

PACKAGE = {
    "__init__.py": "",
    "base.py": "X = 1\n",
    "other.py": "from .base import X\n",
    "metrics/__init__.py": "from ._ranking import rank\nfrom . import curves\n",
    "metrics/_ranking.py": "from ..base import X\n\ndef rank():\n    return X\n",
    "metrics/curves.py": "from .. import other\n",
    "metrics/deep/__init__.py": "",
    "metrics/deep/leaf.py": "from ...base import X\nfrom ..curves import other\n",
    "report.py": "import pkg.metrics\n",
}
ALL = {"pkg", "pkg.base", "pkg.other", "pkg.metrics", "pkg.metrics._ranking", "pkg.metrics.curves",
       "pkg.metrics.deep", "pkg.metrics.deep.leaf", "pkg.report"}
METRICS = {"pkg", "pkg.metrics", "pkg.metrics._ranking", "pkg.metrics.curves", "pkg.base", "pkg.other"}


@pytest.fixture
def pkg(tmp_path):
    for rel, text in PACKAGE.items():
        path = tmp_path / "pkg" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def loaded_by(root, code):
    """The pkg modules Python loads when it runs ``code`` (the reference)."""
    probe = textwrap.dedent(f"""
        import sys
        {code}
        print(" ".join(sorted(m for m in sys.modules if m == "pkg" or m.startswith("pkg."))))
    """)
    out = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def closure(files, direct):
    """The modules ``direct`` pulls in, following the package's own imports."""
    return {m for m in files if affected_modules(files, {m}) & direct}


@pytest.mark.parametrize("code", [
    "import pkg.metrics",
    "from pkg.metrics import rank",
    "from pkg import metrics",
    "from pkg.metrics import curves",
    "import pkg.metrics.deep.leaf",
    "from pkg.metrics.deep import leaf",
    "from pkg import base, other",
    "import pkg.other as o",
    "import pkg.report",
])
def test_direct_imports_and_their_closure_are_what_python_loads(pkg, monkeypatch, code):
    monkeypatch.syspath_prepend(str(pkg))
    files = package_files("pkg")
    assert set(files) == ALL
    direct = code_imports([code], files)
    assert closure(files, direct) == loaded_by(pkg, code)


@pytest.mark.parametrize("code, expected", [
    ("import pkg\n", ALL),  # import pkg = everything, by the site's rule
    ("from pkg import *\n", ALL),
    ("from pkg.metrics import rank\n", {"pkg", "pkg.metrics"}),  # rank is a name, not a module
    ("from pkg.metrics import curves\n", {"pkg", "pkg.metrics", "pkg.metrics.curves"}),
    ("from pkg import (\n    base,\n    other as o,\n)\n", {"pkg", "pkg.base", "pkg.other"}),
    ("def f():\n    import pkg.base\n", {"pkg", "pkg.base"}),
    ("import numpy as np\n# import pkg.base is a comment\n", set()),
    ("from . import base\n", set()),  # relative, outside the package: not ours
    ("%matplotlib inline\nimport pkg.other\n", {"pkg", "pkg.other"}),  # a notebook magic
    ("this is not python(\n", ALL),  # unreadable: assume the worst
])
def test_code_imports(pkg, monkeypatch, code, expected):
    monkeypatch.syspath_prepend(str(pkg))
    assert code_imports([code], package_files("pkg")) == expected


def test_affected_modules_follow_relative_imports_at_any_depth(pkg, monkeypatch):
    monkeypatch.syspath_prepend(str(pkg))
    files = package_files("pkg")
    # _ranking is imported by metrics/__init__, which report and every module under
    # pkg.metrics (through their parent package) import
    assert affected_modules(files, {"pkg.metrics._ranking"}) == {
        "pkg.metrics._ranking", "pkg.metrics", "pkg.metrics.curves", "pkg.metrics.deep",
        "pkg.metrics.deep.leaf", "pkg.report"}
    # base is imported relatively from one (other), two (_ranking) and three levels (leaf)
    assert affected_modules(files, {"pkg.base"}) == ALL - {"pkg"}
    assert affected_modules(files, {"pkg.report"}) == {"pkg.report"}
    assert affected_modules(files, {"pkg"}) == ALL  # every module runs pkg/__init__.py


def test_a_removed_module_still_affects_its_importers(pkg, monkeypatch):
    monkeypatch.syspath_prepend(str(pkg))
    (pkg / "pkg" / "report.py").write_text("import pkg.gone\n")
    files = package_files("pkg")
    assert affected_modules(files, {"pkg.gone"}, known={"pkg.gone"}) == {"pkg.gone", "pkg.report"}
    assert code_imports(["from pkg import gone"], files, known={"pkg.gone"}) == {"pkg", "pkg.gone"}
