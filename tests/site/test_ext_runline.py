"""dlnotes_site.runline: what an example needs to run, read from its imports."""

import ast
import textwrap
from pathlib import Path

import pytest

from dlnotes_site import runline

ROOT = Path(__file__).resolve().parents[2]
PINS = runline.read_pins(ROOT / "requirements.in")


def _needs(script):
    code = (ROOT / "gallery" / script).read_text(encoding="utf-8")
    names = runline.script_imports(code, ("dlnotes",))
    return runline.requirements(names, ("dlnotes",), PINS)


def test_pins_are_read_in_order_with_normalised_names(tmp_path):
    req = tmp_path / "requirements.in"
    req.write_text("# a comment\nNumPy==2.0.1  # pinned\n\nscikit_learn==1.5.0\nloose>=1\n-r other.txt\n")
    assert runline.read_pins(req) == {"numpy": "NumPy==2.0.1", "scikit-learn": "scikit_learn==1.5.0"}


def test_a_numpy_example_needs_numpy_matplotlib_and_the_font_but_not_torch():
    # metrics/plot_01 imports numpy, matplotlib and dlnotes.metrics/plotting; dlnotes.plotting
    # imports matplotlib and (inside a function) the font package
    pinned, unknown = _needs("metrics/plot_01_confusion_matrix.py")
    assert unknown == []
    assert pinned == [PINS["numpy"], PINS["matplotlib"], PINS["noto-cjk-sans-otc"]]


def test_an_example_that_imports_torch_needs_torch():
    pinned, unknown = _needs("activations/plot_02_dying_relu.py")
    assert unknown == [] and PINS["torch"] in pinned


def test_torch_through_the_package_counts_too(tmp_path):
    # dlnotes.architectures imports torch at module level: a script importing it needs torch
    code = "from dlnotes.architectures import conv1x1\n"
    pinned, _ = runline.requirements(runline.script_imports(code, ("dlnotes",)), ("dlnotes",), PINS)
    assert pinned == [PINS["numpy"], PINS["torch"]]
    # while dlnotes.layers needs numpy only
    code = "import math\nfrom dlnotes.layers import conv2d\n"
    pinned, _ = runline.requirements(runline.script_imports(code, ("dlnotes",)), ("dlnotes",), PINS)
    assert pinned == [PINS["numpy"]]


def test_an_unpinned_import_is_reported():
    # the standard library and relative imports need nothing; a module no pinned
    # distribution provides is reported (the build turns it into a warning)
    code = "import numpy\nimport json\nimport not_a_real_module_xyz\nfrom . import sibling\n"
    pinned, unknown = runline.requirements(runline.script_imports(code, ("dlnotes",)), ("dlnotes",), PINS)
    assert pinned == [PINS["numpy"]]
    assert unknown == ["not_a_real_module_xyz"]
    # a distribution that is installed but not pinned is reported too
    pinned, unknown = runline.requirements({"numpy", "sklearn"}, ("dlnotes",), {"numpy": "numpy==1"})
    assert pinned == ["numpy==1"] and unknown == ["sklearn"]


@pytest.mark.parametrize("script", sorted(p.relative_to(ROOT / "gallery").as_posix()
                                          for p in (ROOT / "gallery").glob("*/plot_*.py")))
def test_every_example_needs_only_pinned_distributions(script):
    pinned, unknown = _needs(script)
    assert unknown == [], f"{script} imports {unknown}, which requirements.in does not pin"
    tree = ast.parse((ROOT / "gallery" / script).read_text(encoding="utf-8"))
    imports_torch = any(isinstance(n, (ast.Import, ast.ImportFrom)) and "torch" in ast.dump(n)
                        for n in ast.walk(tree)) or "dlnotes.architectures" in ast.dump(tree) \
        or "dlnotes.profiler" in ast.dump(tree)
    assert (PINS["torch"] in pinned) == imports_torch, script


def test_top_level_imports_skip_relative_ones():
    tree = ast.parse(textwrap.dedent("""
        import os.path, numpy as np
        from matplotlib.pyplot import show
        from .sibling import x
        def f():
            import scipy.linalg
    """))
    assert runline.top_level_imports(tree) == {"os", "numpy", "matplotlib", "scipy"}
