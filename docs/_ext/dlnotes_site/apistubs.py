"""Skip autosummary's stub generation when its inputs are unchanged.

``autosummary_generate`` makes Sphinx import every documented module at the start of
every build, torch included (about 2 s of a 4 s no-change build), although the API
stub pages only change when the package, a source with an ``autosummary`` directive,
a template or an autosummary/autodoc option does.  ``autosummary_generate_overwrite =
False`` does not help: the modules are imported before it is consulted.  No upstream
issue; delete when autosummary caches its stubs (or the budget allows the imports).

Before autosummary runs (``builder-inited``, priority 400; autosummary's handler has
the default 500) the inputs are hashed; when the hash equals the one recorded after the
previous generation, ``autosummary_generate`` is switched off for this build and put back
at priority 600, so the pickled configuration never changes.  That ordering is an
implementation detail of Sphinx, so :func:`_switch` is version-guarded.
"""

import hashlib
import json
import os
from pathlib import Path

from ._guard import private_api, verify
from .imports import package_files

RECORD = "dlnotes-autosummary.json"  # in the doctree folder


def inputs_key(app):
    """sha256 over everything the stub pages are generated from (names and bytes)."""
    files = {}
    for package in app.config.sphinx_gallery_conf.get("doc_module") or ():
        files.update({f"package:{name}": path for name, path in package_files(package).items()})
    srcdir, confdir = Path(app.srcdir), Path(app.confdir)
    suffixes = tuple(app.config.source_suffix)
    for folder, dirs, names in os.walk(srcdir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            path = Path(folder, name)
            if name.endswith(suffixes) and "autosummary" in path.read_text(encoding="utf-8"):
                files[f"source:{path.relative_to(srcdir).as_posix()}"] = path
    for entry in app.config.templates_path:
        for base in (srcdir, confdir):
            templates = base / entry / "autosummary"
            if templates.is_dir():
                files.update({f"template:{p}": p for p in templates.rglob("*") if p.is_file()})
    digest = hashlib.sha256()
    for key in sorted(files):
        digest.update(key.encode() + b"\0" + files[key].read_bytes() + b"\0")
    options = {opt.name: repr(sorted(opt.value) if isinstance(opt.value, (set, frozenset)) else opt.value)
               for opt in app.config if opt.name.startswith(("autosummary_", "autodoc_"))}
    digest.update(json.dumps(options, sort_keys=True).encode())
    return digest.hexdigest()


@private_api(
    "skip unchanged autosummary",
    {"sphinx": "9.0.4"},
    "that sphinx.ext.autosummary still generates the stubs in a builder-inited handler of "
    "default priority (500) that reads app.config.autosummary_generate.",
)
def _switch(app, value):
    app.config.autosummary_generate = value


def skip_if_unchanged(app):
    record = Path(app.doctreedir) / RECORD
    app.dlnotes_autosummary = app.config.autosummary_generate, inputs_key(app)
    try:
        recorded = json.loads(record.read_text(encoding="utf-8"))["key"]
    except (OSError, ValueError, KeyError):
        recorded = None
    if recorded == app.dlnotes_autosummary[1]:
        _switch(app, False)


def restore(app):
    generate, key = app.dlnotes_autosummary
    if app.config.autosummary_generate == generate:  # it ran: record its inputs as it left them
        record = Path(app.doctreedir) / RECORD
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(json.dumps({"key": inputs_key(app)}) + "\n", encoding="utf-8")
    _switch(app, generate)


def setup(app):
    app.setup_extension("sphinx.ext.autosummary")
    app.setup_extension("sphinx_gallery.gen_gallery")
    verify(_switch)
    app.connect("builder-inited", skip_if_unchanged, priority=400)
    app.connect("builder-inited", restore, priority=600)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
