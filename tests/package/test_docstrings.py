"""The public face of dlnotes: numpydoc docstrings, their examples, and ``import *``.

Every public function, class and method of every public module (the names in the
module's ``__all__`` and the methods their classes define) is checked three ways,
so that a docstring problem fails ``make test`` without a docs build:

- numpydoc's validator, with the checks and exclusions that ``conf.py`` gives the
  docs build (read from ``conf.py``, so the two cannot drift apart);
- its See Also section names dlnotes objects that exist (the build runs nitpicky, and
  has no intersphinx: a torch or scikit-learn name there would be a broken link);
- its Examples run as doctests, each docstring on its own with only ``np`` imported
  (the convention the package docstring states) and NumPy's print options fixed.
"""

import ast
import doctest
import importlib
import importlib.util
import inspect
import io
import json
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from numpydoc.docscrape import NumpyDocString
from numpydoc.validate import get_validation_checks, validate

import dlnotes

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ("torch", "matplotlib")


def _conf_setting(name, *default):
    """A literal setting of conf.py, read without executing the file (``default`` if unset)."""
    tree = ast.parse((ROOT / "conf.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return ast.literal_eval(node.value)
    if default:
        return default[0]
    raise LookupError(f"conf.py does not set {name}")


#: The numpydoc checks the docs build enforces (conf.py's numpydoc_validation_checks).
CHECKS = get_validation_checks(_conf_setting("numpydoc_validation_checks"))
#: Objects left out of validation and doctests: conf.py's numpydoc_validation_exclude
#: (the constants of dlnotes.plotting; unset would mean none, numpydoc's default).
_EXCLUDE = _conf_setting("numpydoc_validation_exclude", ())
EXCLUDED = re.compile("|".join(_EXCLUDE)) if _EXCLUDE else None

#: Doctest options: whitespace and "..." are free; the values are not.
OPTIONFLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS
#: NumPy's default print options, set in full (a gallery script run in-process by the
#: example tests changes them globally), except that scalars print as 0.5, not as
#: np.float64(0.5) (NumPy 2's repr).
PRINTOPTIONS = dict(precision=8, threshold=1000, edgeitems=3, linewidth=75, suppress=False,
                    nanstr="nan", infstr="inf", sign="-", floatmode="maxprec", formatter=None,
                    legacy="1.25")


def _public_modules():
    """Every public module of the package, from the source tree (no name is typed in)."""
    names = ["dlnotes"]
    for info in pkgutil.walk_packages(dlnotes.__path__, "dlnotes."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            names.append(info.name)
    return sorted(names)


MODULES = _public_modules()


def _documented_objects():
    """(full name, object) of every public function, class and method, as autodoc sees them."""
    found = []
    for modname in MODULES:
        module = importlib.import_module(modname)
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name, None)
            if not callable(obj):  # submodules (dlnotes.__all__), constants (documented with #:)
                continue
            full = f"{modname}.{name}"
            found.append((full, obj))
            if inspect.isclass(obj):
                for member, value in vars(obj).items():
                    if not member.startswith("_") and (
                        inspect.isfunction(value) or isinstance(value, (property, classmethod, staticmethod))
                    ):
                        found.append((f"{full}.{member}", getattr(obj, member)))
    return [(name, obj) for name, obj in found if EXCLUDED is None or not EXCLUDED.search(name)]


OBJECTS = dict(_documented_objects())
NAMES = sorted(OBJECTS)


def test_the_checked_objects_are_the_public_api():
    # guards the discovery above: a broken walk would make every test below vacuous
    assert {"dlnotes.activations.relu", "dlnotes.metrics.roc_auc_score",
            "dlnotes.optim.Optimizer.step", "dlnotes.architectures.Inception.forward"} <= set(OBJECTS)
    assert {"dlnotes.plotting.color", "dlnotes.plotting.dark_render"} <= set(OBJECTS)


@pytest.mark.parametrize("name", NAMES)
def test_numpydoc(name):
    report = validate(name)
    errors = [f"{code}: {message}" for code, message in report["errors"] if code in CHECKS]
    assert not errors, f"{name}:\n  " + "\n  ".join(errors)


def _lookup(dotted):
    """The object at a dotted path (module prefix imported, the rest as attributes), or None."""
    pieces = dotted.split(".")
    for split in range(len(pieces), 0, -1):
        try:
            obj = importlib.import_module(".".join(pieces[:split]))
        except ImportError:
            continue
        for attr in pieces[split:]:
            obj = getattr(obj, attr, None)
        return obj
    return None


@pytest.mark.parametrize("name", NAMES)
def test_see_also_names_dlnotes_objects(name):
    # Resolved as Sphinx's Python domain resolves them: relative to the enclosing class,
    # then the module (where the object is documented), then as a full name.
    parts = name.split(".")[:-1]
    doc = NumpyDocString(inspect.getdoc(OBJECTS[name]) or "")
    for entries, _ in doc["See Also"]:
        for target, _ in entries:
            candidates = [".".join(parts[:i] + [target]) for i in range(len(parts), 0, -1)] + [target]
            found = [c for c in candidates if c.startswith("dlnotes.") and _lookup(c) is not None]
            assert found, (
                f"{name}: See Also entry {target!r} is not a dlnotes object; name references "
                "outside dlnotes (torch, scikit-learn) in the Notes instead"
            )


@pytest.mark.parametrize("name", NAMES)
def test_examples(name):
    obj = OBJECTS[name]
    finder = doctest.DocTestFinder(recurse=False)
    tests = [t for t in finder.find(obj, name, globs={"np": np}) if t.examples]
    assert tests, f"{name} has no Examples"
    runner = doctest.DocTestRunner(optionflags=OPTIONFLAGS)
    out = io.StringIO()
    with np.printoptions(**PRINTOPTIONS):
        for test in tests:
            runner.run(test, out=out.write)
    assert runner.failures == 0, out.getvalue()


# ---------------------------------------------------------------------------- import *


def _import_time_nodes(tree):
    """The statements run when a module is imported: everything outside function bodies."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(child for child in ast.iter_child_nodes(node)
                     if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)))


def _imports_heavy(modname, seen=None):
    """Whether importing a dlnotes module imports torch or matplotlib, directly or through
    another dlnotes module (read from the source with ast, nothing is imported)."""
    seen = set() if seen is None else seen
    if modname in seen:
        return False
    seen.add(modname)
    spec = importlib.util.find_spec(modname)
    tree = ast.parse(Path(spec.origin).read_text(encoding="utf-8"))
    package = modname if spec.submodule_search_locations else modname.rsplit(".", 1)[0]
    for node in _import_time_nodes(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = importlib.util.resolve_name("." * node.level + (node.module or ""), package) \
                if node.level else node.module
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            if target.split(".")[0] in HEAVY:
                return True
            if target.startswith("dlnotes.") and _is_module(target) and _imports_heavy(target, seen):
                return True
    return False


def _is_module(name):
    try:
        return importlib.util.find_spec(name) is not None
    except ImportError:  # "package.attribute": its parent is a plain module
        return False


def test_all_lists_exactly_the_numpy_only_submodules():
    submodules = {name.split(".")[1] for name in MODULES if name.count(".") == 1}
    numpy_only = {name for name in submodules if not _imports_heavy(f"dlnotes.{name}")}
    assert {"architectures", "profiler", "plotting"} <= submodules - numpy_only
    assert set(dlnotes.__all__) == numpy_only
    for name in submodules - numpy_only:  # the others stay importable by name
        assert importlib.import_module(f"dlnotes.{name}").__name__ == f"dlnotes.{name}"


def test_star_import_pulls_in_neither_torch_nor_matplotlib():
    code = (
        "import json, sys\n"
        "from dlnotes import *\n"
        "import dlnotes\n"
        "print(json.dumps({'heavy': sorted(m for m in sys.modules if m.split('.')[0] in "
        f"{HEAVY!r}), 'unbound': [n for n in dlnotes.__all__ if n not in globals()]}}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert found == {"heavy": [], "unbound": []}
