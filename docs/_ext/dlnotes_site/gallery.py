"""The gallery's image scraper and thumbnails: alt text, four files per figure, dark thumbnails.

1. **Alt text.**  sphinx-gallery's matplotlib scraper uses a figure's titles as the
   image's ``alt`` text and has no option to take it from elsewhere.  Every figure of the
   site is described in Chinese by its script (``dlnotes.plotting.describe``); this
   scraper reads that description (``dlnotes.plotting.figure_description``) and writes the
   reST with sphinx-gallery's public helper ``figure_rst``, following the custom-scraper
   API (https://sphinx-gallery.github.io/stable/advanced.html#write-a-custom-image-scraper).
   Figures of one block are shown one below the other at full width.  No upstream issue
   found; this part can go when sphinx-gallery can take an image's alt text from the figure.
2. **Files.**  Each figure is saved light and dark, at 1x and at every ``image_srcset``
   multiple, as palette PNG or WebP (``dlnotes_site.figfiles``); the reST names the light
   files (``dlnotes_site.figures`` adds the dark ones on every page).
3. **Thumbnails.**  sphinx-gallery makes each thumbnail from the 1x file; Pillow shrinks a
   palette image by nearest neighbour, which breaks thin lines and text.  After
   sphinx-gallery (``builder-inited``, priority 600; it runs at 500) each thumbnail whose
   figure changed is redrawn from the figure's 2x file, and a dark twin (``…_thumb_dark``)
   from the dark 2x file.  Delete with ``figfiles``.
4. **NumPy's print options.**  ``reset_modules`` resets matplotlib before each example,
   not NumPy: an example that calls ``np.set_printoptions`` changed the printed arrays of
   the examples run after it in the same worker (``parallel`` 2), so which page printed
   ``0.2578125`` or ``0.257812`` depended on the schedule (``make repro`` caught it).
   :func:`reset_numpy` (named in ``reset_modules``) restores NumPy's defaults before each
   example, as running the script alone would start.
"""

import os
import re
from pathlib import Path, PurePosixPath

from .figfiles import SUFFIXES, dark_path, save, srcset_path, thumbnail

_THUMB = re.compile(r"sphx_glr_(?P<stem>.+)_thumb$")


def _numpy_defaults():
    import numpy as np

    return np.get_printoptions()


# NumPy's print options as the process starts (this module is imported before any example)
_NUMPY_DEFAULTS = _numpy_defaults()


def reset_numpy(gallery_conf, fname):
    """sphinx-gallery ``reset_modules`` callable: NumPy's default print options."""
    import numpy as np

    np.set_printoptions(**_NUMPY_DEFAULTS)


def scraper(block, block_vars, gallery_conf):
    """Save the open figures as the example's images; reST with their descriptions as alt."""
    import matplotlib.pyplot as plt
    from sphinx_gallery.scrapers import figure_rst

    from dlnotes.plotting import MIN_DESCRIPTION_CHARS, figure_description

    script = Path(block_vars.get("src_file", "?")).name
    figures = [plt.figure(num) for num in plt.get_fignums()]
    try:
        descriptions = [figure_description(fig) for fig in figures]
        for k, description in enumerate(descriptions, 1):
            if description is None:
                raise ValueError(
                    f"{script}: figure {k} has no Chinese description; give it one with "
                    f"dlnotes.plotting.describe(fig, '…') (at least {MIN_DESCRIPTION_CHARS} "
                    "characters, the image's alt text)")
        rst = ""
        for fig, description, path in zip(figures, descriptions, block_vars["image_path_iterator"]):
            paths = save(fig, PurePosixPath(path), gallery_conf["image_srcset"])
            light = {mult: paths[False, mult] for mult in sorted(m for dark, m in paths if not dark)}
            rst += figure_rst([light[0]], gallery_conf["src_dir"], description, srcsetpaths=[light])
    finally:
        plt.close("all")
    return rst


def thumbnail_sources(thumb, mult=None):
    """The files (``mult`` times if there, else 1x) of the figure ``thumb`` shows: light, dark.

    ``None`` when the thumbnail shows no figure of its example, or the figure has no dark render.
    """
    from sphinx_gallery.py_source_parser import extract_file_config

    match = _THUMB.fullmatch(thumb.stem)
    script = thumb.parents[2] / f"{match['stem']}.py" if match else None
    if script is None or not script.is_file():
        return None
    number = extract_file_config(script.read_text(encoding="utf-8")).get("thumbnail_number", 1)
    figures = sorted(p for p in thumb.parents[1].glob(f"sphx_glr_{match['stem']}_[0-9][0-9][0-9].*")
                     if p.suffix in SUFFIXES)
    if not isinstance(number, int) or number == 0 or not -len(figures) <= number <= len(figures):
        return None
    first = figures[number - 1 if number > 0 else number]
    pair = [Path(p) for p in (first, dark_path(first))]
    if mult and all(Path(srcset_path(p, mult)).is_file() for p in pair):
        pair = [Path(srcset_path(p, mult)) for p in pair]
    return tuple(pair) if pair[1].is_file() else None


def thumbnails(app):
    """Redraw each thumbnail whose figure changed, and draw its dark twin."""
    conf = app.config.sphinx_gallery_conf
    size = tuple(conf.get("thumbnail_size", (400, 280)))
    mult = max(conf.get("image_srcset", ()), default=None)
    dirs = conf["gallery_dirs"]
    for gallery in [Path(app.srcdir, d) for d in ([dirs] if isinstance(dirs, str) else dirs)]:
        for thumb in sorted(gallery.glob("**/images/thumb/sphx_glr_*_thumb.*")):
            sources = thumbnail_sources(thumb, mult)
            if sources is None:
                continue
            dark_thumb = Path(dark_path(thumb))
            if dark_thumb.is_file() and dark_thumb.stat().st_mtime >= max(
                    p.stat().st_mtime for p in (thumb, *sources)):
                continue  # already redrawn from these files
            thumbnail(sources[0], thumb, size)
            thumbnail(sources[1], dark_thumb, size)
            os.utime(dark_thumb)  # newer than everything it was made from


def setup(app):
    # after sphinx-gallery (500) has run the examples and made its thumbnails
    app.connect("builder-inited", thumbnails, priority=600)
    return {"version": "3", "parallel_read_safe": True, "parallel_write_safe": True}
