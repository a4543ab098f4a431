"""No stale output: re-run what a change in the documented package affects, and only that.

sphinx-gallery re-runs an example when the script's own MD5 changes, myst-nb re-executes
a notebook page when its code cells change (jupyter-cache); neither looks at the package
the code imports, and neither has an option for it (no upstream issue found).  What
sphinx-gallery does offer is re-running a chosen subset with ``run_stale_examples`` +
``filename_pattern`` (https://sphinx-gallery.github.io/stable/configuration.html#rerunning-stale-examples),
which this module sets.  Delete when both tools re-run code whose imported modules changed.

Everything is read from the configuration: the package is ``sphinx_gallery_conf
["doc_module"]``, found with ``importlib.util.find_spec`` (any layout, subpackages
included); the scripts come from ``examples_dirs``/``gallery_dirs``; the notebook pages
are the sources Sphinx found that myst-nb reads as notebooks; the cache is
``nb_execution_cache_path``.  Imports are read with ``ast`` (see :mod:`.imports`).

Each kind of output keeps a record of the package it was made with, next to it: a
``.dlnotes-freshness.json`` in each gallery folder, a ``dlnotes-freshness.json`` in
the jupyter cache.  A record is written only after a build that succeeded and ran code
(not ``html-noplot``), so a failed build leaves the change pending.  When the package
differs from a record, the modules that changed, and every module importing one of them
(transitively), are *affected*:

- examples importing an affected module run again: before sphinx-gallery runs
  (``builder-inited``, priority 400), ``run_stale_examples`` is switched on and
  ``filename_pattern`` set to exactly those scripts plus the scripts sphinx-gallery
  would run anyway (edited since the record, or never built).  That relies on when
  sphinx-gallery reads its configuration, so :func:`_narrow_gallery_run` is
  version-guarded;
- notebook pages importing an affected module lose their jupyter-cache entry (public
  ``jupyter_cache`` API) and are returned by ``env-get-outdated``, so they execute again.
"""

import hashlib
import json
import os
import re
from pathlib import Path

from sphinx.util import logging

from ._guard import private_api, verify
from .imports import affected_modules, code_imports, package_files

logger = logging.getLogger(__name__)
RECORD = ".dlnotes-freshness.json"  # in each gallery folder
NB_RECORD = "dlnotes-freshness.json"  # in the jupyter cache folder


def _sha(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _read(record):
    try:
        return json.loads(Path(record).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _write(record, data):
    text = json.dumps(data, indent=0, sort_keys=True) + "\n"
    record = Path(record)
    if not record.is_file() or record.read_text(encoding="utf-8") != text:
        record.parent.mkdir(parents=True, exist_ok=True)
        record.write_text(text, encoding="utf-8")


def module_hashes(app):
    """``{module: sha256}`` of every module of the documented package(s)."""
    files = {}
    for package in app.config.sphinx_gallery_conf.get("doc_module") or ():
        files.update(package_files(package))
    return {name: _sha(path) for name, path in sorted(files.items())}, files


def changed_modules(recorded, current):
    return {m for m in recorded.keys() | current.keys() if recorded.get(m) != current.get(m)}


# -- gallery ----------------------------------------------------------------------------

def galleries(app):
    """``[(examples folder, gallery folder, {script path: relative name})]`` from the config."""
    conf = app.config.sphinx_gallery_conf
    srcdir = Path(app.srcdir)
    pairs = []
    examples, targets = conf["examples_dirs"], conf["gallery_dirs"]
    for ex, gal in zip([examples] if isinstance(examples, str) else examples,
                       [targets] if isinstance(targets, str) else targets):
        ex_dir = Path(os.path.normpath(srcdir / ex))
        scripts = {str(p): p.relative_to(ex_dir).as_posix() for p in sorted(ex_dir.rglob("*.py"))
                   if re.search(conf["filename_pattern"], str(p))
                   and not re.search(conf["ignore_pattern"], str(p))}
        pairs.append((ex_dir, srcdir / gal, scripts))
    return pairs


@private_api(
    "re-run the examples a package change affects",
    {"sphinx-gallery": "0.22.1"},
    "that sphinx-gallery still sets plot_gallery at builder-inited priority 10 and runs the "
    "examples in a builder-inited handler of default priority (500) that reads "
    "sphinx_gallery_conf['run_stale_examples'] and ['filename_pattern'] (gen_gallery.py).",
)
def _narrow_gallery_run(conf, pattern):
    conf["run_stale_examples"] = True
    conf["filename_pattern"] = pattern


def rerun_examples(app):
    """builder-inited, before sphinx-gallery: make it re-run the examples a change affects."""
    conf = app.config.sphinx_gallery_conf
    current, files = module_hashes(app)
    # the scripts as configured (filename_pattern is narrowed below for this build)
    app.dlnotes_freshness = current, files, galleries(app)
    if not conf["plot_gallery"] or not current:
        return
    rerun, affected_names = set(), set()
    for _ex_dir, gal_dir, scripts in app.dlnotes_freshness[2]:
        record = _read(gal_dir / RECORD)
        if record is None or record.get("modules") == current:
            continue  # first build here, or nothing changed: sphinx-gallery's MD5s suffice
        changed = changed_modules(record["modules"], current)
        affected = affected_modules(files, changed, known=record["modules"].keys())
        for path, rel in scripts.items():
            text = Path(path).read_text(encoding="utf-8")
            output = (gal_dir / rel).with_suffix(".rst")
            if code_imports([text], files, known=record["modules"].keys()) & affected:
                affected_names.add(rel)
                rerun.add(path)
            elif record["scripts"].get(rel) != _sha(path) or not output.is_file():
                rerun.add(path)  # sphinx-gallery runs it anyway: it must match the pattern
    if affected_names:
        _narrow_gallery_run(conf, "|".join(re.escape(p) + "$" for p in sorted(rerun)))
        logger.info(f"dlnotes_site.freshness: the package changed; re-running "
                    f"{len(affected_names)} examples that import it: {', '.join(sorted(affected_names))}")


def record_examples(app, exception):
    """build-finished, after sphinx-gallery reported its failures: record the package."""
    if exception is not None or not app.config.sphinx_gallery_conf["plot_gallery"]:
        return
    current, _files, pairs = app.dlnotes_freshness
    for _ex_dir, gal_dir, scripts in pairs:
        if gal_dir.is_dir():
            _write(gal_dir / RECORD, {"modules": current,
                                      "scripts": {rel: _sha(p) for p, rel in scripts.items()}})


# -- notebook pages -----------------------------------------------------------------------

def _executes(app):
    return "myst_nb" in app.extensions and app.config.nb_execution_mode not in ("off", None)


def _cache_dir(app):
    return Path(app.config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")


def notebook_code(path):
    """The code cells of a notebook page, or ``None`` when myst-nb does not read it as one."""
    import nbformat
    from myst_nb.core.read import is_myst_markdown_notebook, read_myst_markdown_notebook

    if path.suffix not in (".md", ".ipynb"):
        return None
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".ipynb":
        notebook = nbformat.reads(text, as_version=4)
    elif is_myst_markdown_notebook(text):
        notebook = read_myst_markdown_notebook(text)
    else:
        return None
    return [cell.source for cell in notebook.cells if cell.cell_type == "code"]


def rerun_notebooks(app, env, added, changed, removed):
    """env-get-outdated: the notebook pages importing an affected module, without cache."""
    current, files, _pairs = app.dlnotes_freshness
    record = _read(_cache_dir(app) / NB_RECORD)
    if not _executes(app) or record is None or record.get("modules") == current:
        return []
    affected = affected_modules(files, changed_modules(record["modules"], current),
                                known=record["modules"].keys())
    pages = {}
    for docname in sorted(env.found_docs - set(added)):
        code = notebook_code(Path(env.doc2path(docname)))
        if code is not None and code_imports(code, files, known=record["modules"].keys()) & affected:
            pages[docname] = Path(env.doc2path(docname))
    if pages and app.config.nb_execution_mode == "cache" and _cache_dir(app).is_dir():
        from jupyter_cache import get_cache

        cache = get_cache(_cache_dir(app))
        for entry in cache.list_cache_records():
            if Path(entry.uri) in pages.values():
                cache.remove_cache(entry.pk)
    if pages:
        logger.info(f"dlnotes_site.freshness: the package changed; re-executing "
                    f"{len(pages)} notebook pages that import it: {', '.join(pages)}")
    return list(pages)


def record_notebooks(app, exception):
    if exception is None and _executes(app) and _cache_dir(app).is_dir():
        _write(_cache_dir(app) / NB_RECORD, {"modules": app.dlnotes_freshness[0]})


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    verify(_narrow_gallery_run)
    # sphinx-gallery sets plot_gallery (from -D) at builder-inited priority 10, runs the
    # examples at priority 500, and reports failing examples at build-finished (500).
    app.connect("builder-inited", rerun_examples, priority=400)
    app.connect("env-get-outdated", rerun_notebooks)
    app.connect("build-finished", record_examples, priority=900)
    app.connect("build-finished", record_notebooks, priority=900)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
