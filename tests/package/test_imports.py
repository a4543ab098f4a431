"""The NumPy-only modules of dlnotes import none of torch, matplotlib, scikit-learn or SciPy.

Written once for the whole package.  The modules are found by walking the package
(private submodules such as ``dlnotes.metrics._ranking`` and ``dlnotes._validation``
included), without importing them; a module may import a library only if its
docstring says so ("Importing this module imports torch", as ``dlnotes.architectures``
and ``dlnotes.profiler`` do).  One fresh interpreter imports the modules one after
another (those that declare nothing first, so that a library found loaded is blamed on
the first module that brought it in) and records what each import added.
"""

import ast
import json
import pathlib
import pkgutil
import re
import subprocess
import sys

import pytest

import dlnotes

#: The libraries a NumPy-only module must not load: the references of the tests and the
#: plotting and training stacks (importing torch alone costs about 1.5 s).
HEAVY = ("torch", "matplotlib", "sklearn", "scipy")

#: Modules outside this change whose docstring does not declare an import it makes yet.
PENDING = {}


def _modules():
    """{module name: its source file} for dlnotes and every module under it."""
    root = pathlib.Path(dlnotes.__file__).parent
    found = {"dlnotes": root / "__init__.py"}
    for info in pkgutil.walk_packages([str(root)], "dlnotes."):
        rel = info.name.split(".")[1:]
        path = root.joinpath(*rel)
        found[info.name] = path / "__init__.py" if info.ispkg else path.with_suffix(".py")
    return found


MODULES = _modules()


def _declared(path):
    """The libraries the module's docstring says that importing it imports."""
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
    return set(re.findall(r"Importing this module imports (\w+)", doc))


DECLARED = {name: _declared(path) for name, path in MODULES.items()}
#: Import order: the modules that may import nothing heavy, then the others.
ORDER = sorted(MODULES, key=lambda m: (m in PENDING, bool(DECLARED[m]), m))


@pytest.fixture(scope="module")
def loaded():
    """{module: the heavy libraries present in sys.modules right after importing it}."""
    code = (
        "import importlib, json, sys\n"
        f"heavy = {HEAVY!r}\n"
        "out = {}\n"
        f"for name in {ORDER!r}:\n"
        "    importlib.import_module(name)\n"
        "    out[name] = sorted({m.split('.')[0] for m in sys.modules} & set(heavy))\n"
        "print(json.dumps(out))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_walk_finds_the_package():
    # every public module of dlnotes.__all__ is among the modules checked, and most of
    # them are NumPy-only
    assert {f"dlnotes.{name}" for name in dlnotes.__all__} <= set(MODULES)
    assert sum(not d for d in DECLARED.values()) > len(MODULES) / 2


@pytest.mark.parametrize(
    "name",
    [pytest.param(m, marks=pytest.mark.xfail(reason=PENDING[m], strict=True)) if m in PENDING else m
     for m in sorted(MODULES)],
)
def test_module_imports_no_undeclared_heavy_library(name, loaded):
    # what this import added to what the modules imported before it had loaded
    i = ORDER.index(name)
    before = set(loaded[ORDER[i - 1]]) if i else set()
    brought = set(loaded[name]) - before
    allowed = DECLARED[name]
    assert brought <= allowed, f"importing {name} imports {sorted(brought - allowed)}"
