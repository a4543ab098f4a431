"""dlnotes_site.downloads: the examples' zip archives are byte-reproducible."""

import os
import types
import zipfile

from dlnotes_site import downloads


def _app(srcdir):
    conf = {"gallery_dirs": "generated/gallery"}
    return types.SimpleNamespace(srcdir=str(srcdir), config=types.SimpleNamespace(sphinx_gallery_conf=conf))


def _write(archive, order, hour):
    # as sphinx-gallery does: directory order, each file's own modification time
    with zipfile.ZipFile(archive, "w") as zf:
        for name in order:
            zf.writestr(zipfile.ZipInfo(name, date_time=(2026, 11, 26, hour, len(name), 0)), f"print({name!r})\n")


def test_archives_are_rewritten_with_sorted_entries_and_a_fixed_date(tmp_path):
    archive = tmp_path / "generated" / "gallery" / "sub" / "plot_a.zip"
    archive.parent.mkdir(parents=True)
    app = _app(tmp_path)
    _write(archive, ["b.py", "a.py", "sub/c.py"], hour=12)
    downloads.normalise_all(app)
    first = archive.read_bytes()
    _write(archive, ["sub/c.py", "a.py", "b.py"], hour=13)
    downloads.normalise_all(app)
    assert archive.read_bytes() == first
    with zipfile.ZipFile(archive) as zf:
        assert zf.namelist() == ["a.py", "b.py", "sub/c.py"]
        assert {info.date_time for info in zf.infolist()} == {downloads.ZIP_DATE}
        assert zf.read("sub/c.py") == b"print('sub/c.py')\n"


def test_an_unchanged_archive_keeps_its_modification_time(tmp_path):
    # a new mtime would make Sphinx rewrite every page offering the archive
    archive = tmp_path / "generated" / "gallery" / "plot_a.zip"
    archive.parent.mkdir(parents=True)
    app = _app(tmp_path)
    _write(archive, ["a.py", "b.py"], hour=12)
    downloads.normalise_all(app)
    os.utime(archive, ns=(10**18, 10**18))
    downloads.remember(app)  # builder-inited, before sphinx-gallery rewrites it
    _write(archive, ["b.py", "a.py"], hour=14)
    downloads.normalise_all(app)
    assert archive.stat().st_mtime_ns == 10**18
    downloads.remember(app)
    _write(archive, ["a.py", "c.py"], hour=14)  # new content: its new time stays
    downloads.normalise_all(app)
    assert archive.stat().st_mtime_ns != 10**18
