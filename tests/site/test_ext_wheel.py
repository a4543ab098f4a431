"""dlnotes_site.wheel: the package's wheel is built offline and byte-reproducibly."""

import json
import os
import types
import zipfile
from pathlib import Path

import pytest

from dlnotes_site import wheel

PYPROJECT = """\
[build-system]
requires = ["setuptools>=69"]
build-backend = "setuptools.build_meta"

[project]
name = "tinywheel"
version = "0.3.0"
readme = "README.md"
requires-python = ">=3.11"
dependencies = ["numpy>=1.26"]

[tool.setuptools.packages.find]
where = ["src"]
"""


def _project(root, mtime):
    files = {"pyproject.toml": PYPROJECT, "README.md": "tinywheel\n", "LICENSE": "MIT\n",
             "src/tinywheel/__init__.py": '"""tinywheel."""\n',
             "src/tinywheel/core.py": "def f():\n    return 1\n",
             "notes.txt": "not part of the package\n"}
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        os.utime(path, (mtime, mtime))
    cache = root / "src" / "tinywheel" / "__pycache__"
    cache.mkdir()
    (cache / "core.cpython-311.pyc").write_bytes(b"\0" * 16)
    return root, root / "src" / "tinywheel"


def test_inputs_are_the_packaging_files_and_the_package(tmp_path):
    root, folder = _project(tmp_path, 1e9)
    assert list(wheel.inputs(root, folder)) == [
        "LICENSE", "README.md", "pyproject.toml", "src/tinywheel/__init__.py", "src/tinywheel/core.py"]


def test_two_builds_in_different_folders_give_the_same_bytes(tmp_path):
    # other folder, other modification times, other umask: the same wheel
    a = wheel.build_wheel(wheel.inputs(*_project(tmp_path / "a" / "x", 1e9)), tmp_path / "out-a")
    old = os.umask(0o077)
    try:
        b = wheel.build_wheel(wheel.inputs(*_project(tmp_path / "b", 1.5e9)), tmp_path / "out-b")
    finally:
        os.umask(old)
    assert a.name == b.name == "tinywheel-0.3.0-py3-none-any.whl"
    assert a.read_bytes() == b.read_bytes()
    with zipfile.ZipFile(a) as zf:
        names = zf.namelist()
        metadata = zf.read("tinywheel-0.3.0.dist-info/METADATA").decode()
        assert {info.date_time for info in zf.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert {"tinywheel/__init__.py", "tinywheel/core.py"} <= set(names)
    assert not any("__pycache__" in n or n.endswith(".pyc") or "notes.txt" in n for n in names)
    assert "Requires-Dist: numpy>=1.26" in metadata and "Requires-Python: >=3.11" in metadata
    assert not (tmp_path / "b" / "build").exists()  # nothing written into the project


def _fake_build(built):
    """Stands in for pip: records the call, writes a minimal wheel named by the inputs' key."""

    def build(files, outdir):
        built.append(wheel.inputs_key(files))
        outdir.mkdir(parents=True, exist_ok=True)
        target = outdir / f"tinywheel-0.{len(built)}-py3-none-any.whl"
        with zipfile.ZipFile(target, "w") as zf:
            zf.writestr("tinywheel-0.1.dist-info/METADATA", "Name: tinywheel\nRequires-Python: >=3.11\n")
        return target

    return build


def test_an_unchanged_project_is_not_built_again(tmp_path, monkeypatch):
    root, folder = _project(tmp_path / "p", 1e9)
    monkeypatch.setattr(wheel, "project_of", lambda package: (root, folder))
    built = []
    monkeypatch.setattr(wheel, "build_wheel", _fake_build(built))
    app = types.SimpleNamespace(srcdir=str(tmp_path / "docs"), doctreedir=str(tmp_path / "doctrees"),
                                env=types.SimpleNamespace(srcdir=str(tmp_path / "docs")),
                                config=types.SimpleNamespace(dlnotes_wheel_dir="generated/dist",
                                                             sphinx_gallery_conf={"doc_module": ("tinywheel",)}))
    wheel.ensure_wheel(app)
    first = app.env.dlnotes_wheel
    wheel.ensure_wheel(app)  # nothing changed: no build
    assert len(built) == 1 and app.env.dlnotes_wheel == first
    assert json.loads((tmp_path / "doctrees" / wheel.RECORD).read_text())["wheel"] == first.name
    assert wheel.requires_python(app.env) == "≥ 3.11"
    os.utime(folder / "core.py", (2e9, 2e9))  # a new time alone changes nothing
    wheel.ensure_wheel(app)
    assert len(built) == 1
    (folder / "core.py").write_text("def f():\n    return 2\n")  # new bytes: built again
    wheel.ensure_wheel(app)
    assert len(built) == 2 and built[0] != built[1]
    app.env.dlnotes_wheel.unlink()  # the wheel is gone (the source folder was cleaned): built again
    wheel.ensure_wheel(app)
    assert len(built) == 3


def test_a_project_without_pyproject_is_an_error(tmp_path, monkeypatch):
    package = tmp_path / "lonely"
    package.mkdir()
    (package / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(Exception, match="no pyproject.toml"):
        wheel.project_of("lonely")


def test_the_site_offers_the_dlnotes_wheel():
    # the real project: its packaging inputs are found from the installed package
    root, folder = wheel.project_of("dlnotes")
    assert (root / "pyproject.toml").is_file() and folder == root / "src" / "dlnotes"
    files = wheel.inputs(root, folder)
    assert "README.md" in files and "LICENSE" in files and "src/dlnotes/layers.py" in files
    assert Path(files["pyproject.toml"]) == root / "pyproject.toml"
