"""The gallery's image scraper: what each figure's files are, and its thumbnails.

1. **Alt text.**  sphinx-gallery's matplotlib scraper uses a figure's titles as the
   image's ``alt`` text and has no option to take it from elsewhere.  Every figure of the
   site is described in Chinese by its script (``dlnotes.plotting.describe``); this
   scraper reads that description (``dlnotes.plotting.figure_description``) and writes the
   reST with sphinx-gallery's public helper ``figure_rst``, following the custom-scraper
   API (https://sphinx-gallery.github.io/stable/advanced.html#write-a-custom-image-scraper).
   Figures of one block are shown one below the other at full width.
2. **Four files per figure.**  Each figure is saved at 1x and at every ``image_srcset``
   multiple, as sphinx-gallery names them (``_2_00x``), and again in its dark render
   (``dlnotes.plotting.dark_render``) with ``_dark`` before those suffixes:
   ``sphx_glr_plot_x_001.png``, ``…_001_2_00x.png``, ``…_001_dark.png``,
   ``…_001_dark_2_00x.png``.  ``dlnotes_site.figures`` shows them (srcset, theme classes).
   sphinx-gallery has no dark render (no upstream issue found).
3. **Files sized to their content.**  sphinx-gallery saves PNGs as matplotlib writes them
   (RGBA, every colour).  Here each render is reduced to a palette of
   :data:`PALETTE_COLORS` colours (Pillow, maximum-coverage quantisation, no dithering;
   each palette entry then set to the most frequent true colour it stands for, so the
   page colour and the data colours stay exact) and written as an opaque palette PNG.
   When the palette cannot hold the figure (mean error above :data:`MAX_PALETTE_ERROR`
   levels, or a file above :data:`MAX_BYTES`) the figure is photographic and all its files
   are WebP instead, at the highest quality of :data:`WEBP_QUALITIES` that fits.  Same
   inputs, same bytes (no timestamps or software tags are written).
4. **Thumbnails.**  sphinx-gallery makes each thumbnail from the 1x file; Pillow shrinks a
   palette image by nearest neighbour, which breaks thin lines and text.  After
   sphinx-gallery (``builder-inited``, priority 600; it runs at 500) each thumbnail is
   redrawn from the 2x file of its figure, and a dark twin (``…_thumb_dark``) from the
   dark 2x file.  Delete 2-4 if sphinx-gallery gains dark renders and per-file formats.
"""

import io
import os
import re
from pathlib import Path, PurePosixPath

#: Largest file the site serves for a figure (issue 17), in bytes.
MAX_BYTES = 150 * 1024
#: Colours in the palette of a line-art PNG.
PALETTE_COLORS = 256
#: Mean error (in 8-bit levels, largest channel) above which a palette does not keep the look.
MAX_PALETTE_ERROR = 1.5
#: WebP qualities tried in turn for a photographic figure until its file fits :data:`MAX_BYTES`.
WEBP_QUALITIES = (80, 70, 60, 50)
#: Added to a file's stem for its dark render.
DARK = "_dark"
#: The formats a figure is written in.
SUFFIXES = (".png", ".webp")


def srcset_path(path, mult):
    """sphinx-gallery's name for the ``mult``-times file of ``path`` (``_2_00x``)."""
    path = PurePosixPath(path)
    return path.with_name(f"{path.stem}_{mult:.2f}".replace(".", "_") + f"x{path.suffix}")


def dark_path(path):
    """The dark render's file of ``path``."""
    path = PurePosixPath(path)
    return path.with_name(f"{path.stem}{DARK}{path.suffix}")


def render(fig, dpi):
    """``fig`` drawn at ``dpi`` as an opaque RGB array (alpha laid on the figure's colour)."""
    import numpy as np

    buf = io.BytesIO()
    fig.savefig(buf, format="rgba", dpi=dpi)
    width = int(fig.get_figwidth() * dpi)  # as matplotlib's Agg canvas sizes itself
    rgba = np.frombuffer(buf.getbuffer(), np.uint8).reshape(-1, width, 4)
    if rgba[..., 3].min() == 255:
        return rgba[..., :3].copy()
    face = np.array([255 * c for c in fig.get_facecolor()[:3]], np.float32)
    alpha = rgba[..., 3:] / np.float32(255)
    return np.rint(rgba[..., :3] * alpha + face * (1 - alpha)).astype(np.uint8)


def palette(rgb):
    """``rgb`` as a palette image, and its mean error in 8-bit levels (largest channel)."""
    import numpy as np
    from PIL import Image

    img = Image.fromarray(rgb).quantize(PALETTE_COLORS, method=Image.Quantize.MAXCOVERAGE,
                                        dither=Image.Dither.NONE)
    index = np.asarray(img)
    colour = rgb.astype(np.uint64) @ np.array([1 << 16, 1 << 8, 1], np.uint64)
    pairs, counts = np.unique((index.astype(np.uint64) << 24 | colour).ravel(), return_counts=True)
    entry = (pairs >> 24).astype(np.intp)
    order = np.lexsort((-counts, entry))  # by entry, the most frequent colour first
    first = order[np.r_[True, entry[order][1:] != entry[order][:-1]]]
    table = np.zeros((256, 3), np.uint8)
    table[: len(img.getpalette()) // 3] = np.reshape(img.getpalette(), (-1, 3))
    best = pairs[first] & 0xFFFFFF
    table[entry[first]] = np.stack([best >> 16, best >> 8 & 255, best & 255], axis=1)
    img.putpalette(table.ravel().tolist())
    error = np.abs(table[index].astype(np.int16) - rgb).max(axis=2).mean()
    return img, float(error)


def _png(rgb):
    img, error = palette(rgb)
    buf = io.BytesIO()
    img.save(buf, "PNG", optimize=True)
    return buf.getvalue(), error


def _webp(rgb):
    from PIL import Image

    for quality in WEBP_QUALITIES:
        buf = io.BytesIO()
        Image.fromarray(rgb).save(buf, "WEBP", quality=quality, method=4)
        if buf.tell() <= MAX_BYTES:
            break
    return buf.getvalue()


def encode(renders):
    """Encode ``{key: rgb}``, the renders of one figure, in the format that suits it.

    Returns ``(suffix, {key: bytes})``: palette PNGs when every render keeps its look in
    :data:`PALETTE_COLORS` colours and fits :data:`MAX_BYTES`, WebP otherwise.
    """
    files = {}
    for key, rgb in sorted(renders.items(), key=lambda item: -item[1].size):  # largest first
        data, error = _png(rgb)
        if error > MAX_PALETTE_ERROR or len(data) > MAX_BYTES:
            return ".webp", {k: _webp(v) for k, v in renders.items()}
        files[key] = data
    return ".png", files


def write(path, data):
    """Write ``data`` to ``path`` unless it holds them already (its date then stays)."""
    path = Path(path)
    if not (path.is_file() and path.stat().st_size == len(data) and path.read_bytes() == data):
        path.write_bytes(data)


def save(fig, path, srcset=()):
    """Save ``fig`` light and dark, at 1x and each ``srcset`` multiple; ``{(dark, mult): path}``.

    ``mult`` is 0 for the 1x file (sphinx-gallery's key).  The suffix of ``path`` is
    replaced by the chosen format's; files of the other format left by an earlier build
    are removed.
    """
    from contextlib import nullcontext

    import matplotlib

    from dlnotes.plotting import dark_render

    dpi = matplotlib.rcParams["savefig.dpi"]
    dpi = fig.dpi if dpi == "figure" else dpi
    engine = fig.get_layout_engine()
    renders = {}
    try:
        for dark in (False, True):
            with dark_render(fig) if dark else nullcontext():
                for mult in (0, *srcset):
                    renders[dark, mult] = render(fig, dpi * (mult or 1))
                    # the first draw laid the figure out: no layout engine (and no extra
                    # layout pass in savefig) for the others
                    with matplotlib.rc_context({"figure.autolayout": False, "figure.constrained_layout.use": False}):
                        fig.set_layout_engine(None)
    finally:
        fig.set_layout_engine(engine)
    suffix, files = encode(renders)
    base = PurePosixPath(path).with_suffix(suffix)
    paths = {}
    for (dark, mult), data in files.items():
        target = dark_path(base) if dark else base
        paths[dark, mult] = target = srcset_path(target, mult) if mult else target
        for other in SUFFIXES:
            if other != suffix and Path(target.with_suffix(other)).exists():
                os.remove(target.with_suffix(other))
        write(target, data)
    return paths


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
            light = {mult: p for (dark, mult), p in paths.items() if not dark}
            rst += figure_rst([light[0]], gallery_conf["src_dir"], description, srcsetpaths=[light])
    finally:
        plt.close("all")
    return rst


# -- thumbnails ----------------------------------------------------------------------------

_THUMB = re.compile(r"sphx_glr_(?P<stem>.+)_thumb$")


def thumbnail(source, target, size):
    """Shrink the image ``source`` into a ``size`` box (centred, transparent margins) at ``target``.

    The geometry of sphinx-gallery's ``scale_image``; resampled with a Lanczos filter from
    the true colours; written as a palette PNG or a WebP, after ``target``'s suffix.
    """
    from PIL import Image

    with Image.open(source) as img:
        img = img.convert("RGB")
    scale = min(size[0] / img.width, size[1] / img.height)
    shrunk = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    box = Image.new("RGBA", size, (255, 255, 255, 0))
    box.paste(shrunk, ((size[0] - shrunk.width) // 2, (size[1] - shrunk.height) // 2))
    buf = io.BytesIO()
    if Path(target).suffix == ".webp":
        box.save(buf, "WEBP", quality=WEBP_QUALITIES[0], method=4)
    else:
        box.quantize(PALETTE_COLORS, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            buf, "PNG", optimize=True)
    write(target, buf.getvalue())


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
