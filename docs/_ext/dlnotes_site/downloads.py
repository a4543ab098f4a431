"""Reproducible download archives of the examples.

sphinx-gallery (0.22.1, ``sphinx_gallery.utils.zip_files``) writes each example's zip
and the "download all" zips with the entries in directory order and each file's
modification time, so two builds of the same sources give different archives.  It has
no option for this (no upstream issue found).  After sphinx-gallery has written them
(``builder-inited``, priority 600; it runs at 500) every archive in the gallery folders
is rewritten with sorted entries, a fixed timestamp and fixed permissions.  An archive
whose bytes did not change gets its previous modification time back, so the pages that
offer it are not rebuilt.  Delete when sphinx-gallery writes reproducible archives.
"""

import os
import zipfile
from pathlib import Path

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


def gallery_dirs(app):
    dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    return [Path(app.srcdir, d) for d in ([dirs] if isinstance(dirs, str) else dirs)]


def archives(app):
    return sorted(p for d in gallery_dirs(app) for p in d.rglob("*.zip"))


def normalise(archive):
    """Rewrite ``archive`` reproducibly; its bytes."""
    with zipfile.ZipFile(archive) as zf:
        members = sorted((info.filename, zf.read(info)) for info in zf.infolist())
    tmp = archive.with_name(archive.name + ".tmp")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    data = tmp.read_bytes()
    if data == archive.read_bytes():
        tmp.unlink()
    else:
        tmp.replace(archive)
    return data


def remember(app):
    """builder-inited, before sphinx-gallery: each archive's bytes and modification time."""
    app.dlnotes_zips = {a: (a.read_bytes(), a.stat().st_mtime_ns) for a in archives(app)}


def normalise_all(app):
    """builder-inited, after sphinx-gallery: rewrite every archive reproducibly."""
    before = getattr(app, "dlnotes_zips", {})
    for archive in archives(app):
        data = normalise(archive)
        if archive in before and before[archive][0] == data:
            mtime = before[archive][1]
            os.utime(archive, ns=(mtime, mtime))


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    app.connect("builder-inited", remember, priority=400)
    app.connect("builder-inited", normalise_all, priority=600)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
