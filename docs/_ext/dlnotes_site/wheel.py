"""The documented package as a wheel, built during the build and offered on the site.

Gap: sphinx-gallery offers each example's script and notebook, but they import the
documented package, which a reader who has only the website cannot get (no upstream
option: sphinx-gallery assumes the package is published elsewhere).  At
``builder-inited`` the package is built into a wheel with a standard tool, ``pip wheel
--no-deps --no-build-isolation --no-index`` (the build backend already installed, so
nothing is downloaded), from a copy of the project's packaging inputs, with a fixed
``SOURCE_DATE_EPOCH``, fixed permissions and umask: two builds give the same bytes.  The wheel lands in
``dlnotes_wheel_dir`` (default ``generated/dist``, relative to the source folder) and
is rebuilt only when its inputs change; an unchanged wheel keeps its bytes and its
modification time, so no page is rewritten.

Pages offer it with the role ``{dlnotes-wheel}`text``` (a ``:download:`` link, so
Sphinx copies it into ``_downloads/``); :func:`download_node` gives other jobs the
same link (the wheel's path is kept on the environment, ``env.dlnotes_wheel``).  Delete when the package is published on an index the pages can point to.
"""

import email.parser
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxRole

RECORD = "dlnotes-wheel.json"  # in the doctree folder: the inputs the wheel was built from
SOURCE_DATE_EPOCH = "315532800"  # 1980-01-01, the earliest date a zip archive can hold
# what setuptools reads besides the packages (it picks up license files by these names)
_TOP_FILES = ("pyproject.toml", "setup.cfg", "setup.py", "MANIFEST.in")
_LICENSE_GLOBS = ("LICEN[CS]E*", "COPYING*", "NOTICE*", "AUTHORS*")


def project_of(package):
    """``(project root, package folder)``: the folder with ``pyproject.toml`` above ``package``."""
    from .imports import package_files

    init = Path(package_files(package)[package])
    folder = init.parent
    for root in folder.parents:
        if (root / "pyproject.toml").is_file():
            return root, folder
    raise ExtensionError(f"dlnotes_site.wheel: no pyproject.toml above the package {package!r} ({folder})")


def inputs(root, folder):
    """``{relative path: file}`` of everything the wheel is built from."""
    files = {name: root / name for name in _TOP_FILES if (root / name).is_file()}
    readme = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8")).get("project", {}).get("readme")
    if isinstance(readme, dict):
        readme = readme.get("file")
    if readme:
        files[readme] = root / readme
    for pattern in _LICENSE_GLOBS:
        files.update({p.name: p for p in root.glob(pattern) if p.is_file()})
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and "__pycache__" not in rel.parts and path.suffix not in (".pyc", ".pyo"):
            files[rel.as_posix()] = path
    return dict(sorted(files.items()))


def inputs_key(files):
    """sha256 over the inputs (names and bytes) and the build backend's version."""
    from importlib.metadata import version

    digest = hashlib.sha256(f"setuptools {version('setuptools')}\0".encode())
    for rel, path in files.items():
        digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_wheel(files, outdir):
    """Build the wheel of the project ``files`` into ``outdir``; the wheel's path.

    The inputs are copied into a temporary folder first (with fixed permissions, which
    the archive records), so the checkout gets no ``build/`` folder and the bytes do
    not depend on where the project lives.
    """
    outdir = Path(outdir)
    with tempfile.TemporaryDirectory(prefix="dlnotes-wheel-") as tmp:
        project, dist = Path(tmp, "project"), Path(tmp, "dist")
        for rel, path in files.items():
            target = project / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            target.chmod(0o644)
        cmd = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
               "--disable-pip-version-check", "--quiet", "--wheel-dir", str(dist), str(project)]
        env = dict(os.environ, SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH, PIP_NO_INPUT="1")
        # the archive records each file's mode: the files the build writes get the same ones
        # whatever the caller's umask
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, umask=0o022)
        wheels = sorted(dist.glob("*.whl"))
        if proc.returncode != 0 or len(wheels) != 1:
            raise ExtensionError(f"dlnotes_site.wheel: `{' '.join(cmd)}` failed:\n{proc.stdout[-2000:]}"
                                 f"{proc.stderr[-3000:]}")
        outdir.mkdir(parents=True, exist_ok=True)
        target = outdir / wheels[0].name
        if not target.is_file() or target.read_bytes() != wheels[0].read_bytes():
            shutil.copyfile(wheels[0], target)
        for stale in outdir.glob("*.whl"):
            if stale != target:
                stale.unlink()
        return target


def wheel_dir(app):
    return Path(app.srcdir, app.config.dlnotes_wheel_dir)


def ensure_wheel(app):
    """builder-inited: build the wheel unless the recorded inputs are unchanged."""
    packages = app.config.sphinx_gallery_conf.get("doc_module") or ()
    if not packages:
        raise ExtensionError("dlnotes_site.wheel: sphinx_gallery_conf['doc_module'] names no package")
    files = inputs(*project_of(packages[0]))
    key = inputs_key(files)
    record = Path(app.doctreedir, RECORD)
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        recorded = {}
    wheel = wheel_dir(app) / recorded.get("wheel", "-")
    if recorded.get("key") != key or not wheel.is_file():
        wheel = build_wheel(files, wheel_dir(app))
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"key": key, "wheel": wheel.name}) + "\n", encoding="utf-8")
    app.env.dlnotes_wheel = wheel  # where transforms and roles find it (they get the env)


def wheel_path(env):
    """The wheel built for this build (a file inside the source folder)."""
    return env.dlnotes_wheel


def requires_python(env):
    """The wheel's ``Requires-Python`` (e.g. ``>=3.11``), or ``""``."""
    with zipfile.ZipFile(wheel_path(env)) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        metadata = email.parser.HeaderParser().parsestr(zf.read(name).decode("utf-8"))
    spec = metadata.get("Requires-Python", "")
    return spec.replace(">=", "≥ ") if spec.startswith(">=") and "," not in spec else spec


def download_node(env, text=None):
    """A ``:download:`` link to the wheel from any document: ``text``, or the file name as code."""
    wheel = wheel_path(env)
    target = "/" + wheel.relative_to(Path(env.srcdir)).as_posix()
    node = addnodes.download_reference("", "", reftarget=target, refdomain="", reftype="download",
                                       refexplicit=True, refwarn=False)
    if text:
        node += nodes.inline(text, text)
    else:
        node += nodes.literal(wheel.name, wheel.name, classes=["xref", "download"])
    return node


class WheelRole(SphinxRole):
    """``{dlnotes-wheel}`text```: a download link to the wheel, reading ``text``."""

    def run(self):
        return [download_node(self.env, self.text or None)], []


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.add_config_value("dlnotes_wheel_dir", "generated/dist", "env", str)
    # before sphinx-gallery (500): examples may be run against the same package
    app.connect("builder-inited", ensure_wheel, priority=450)
    app.add_role("dlnotes-wheel", WheelRole())
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
