"""The files of one figure: light and dark renders at 1x and 2x, each in the format that suits it.

Used by the image scraper (``dlnotes_site.gallery``); ``dlnotes_site.figures`` shows the files.

sphinx-gallery's matplotlib scraper saves one PNG per figure and ``image_srcset``
multiple as matplotlib writes it (RGBA, every colour, a software tag), with no dark
variant and no per-figure format (no upstream issue found).  Here a figure is drawn four
times: light and, with ``dlnotes.plotting.dark_render``, dark; each at 1x and at every
multiple (the first draw lays the figure out; the others reuse that layout).  The files
are named as sphinx-gallery names them, with ``_dark`` before the multiple:
``sphx_glr_plot_x_001.png``, ``…_001_2_00x.png``, ``…_001_dark.png``, ``…_001_dark_2_00x.png``.

Each render is reduced to a palette of :data:`PALETTE_COLORS` colours (Pillow,
maximum-coverage quantisation, no dithering; each palette entry is then set to the most
frequent true colour it stands for, so the page colour and the data colours stay exact)
and written as an opaque palette PNG.  When the palette cannot hold the figure (mean
error above :data:`MAX_PALETTE_ERROR` levels, or a file above :data:`MAX_BYTES`) the
figure is photographic and all its files are WebP instead, at the highest quality of
:data:`WEBP_QUALITIES` that fits; a file that still does not fit stops the build.  Same
inputs, same bytes (Pillow writes no date or software tag), and a file whose bytes did
not change keeps its date (pages showing it are not rebuilt).  Thumbnails are shrunk
from the 2x file with a Lanczos filter (:func:`thumbnail`).  Delete this module when
sphinx-gallery saves dark renders and picks formats per figure.
"""

import io
import os
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


def palette(rgb, colors=PALETTE_COLORS):
    """``rgb`` as a palette image, and its mean error in 8-bit levels (largest channel).

    The palette entries and the error are computed from every other row and column (a
    quarter of the pixels: the same colours, four times faster).
    """
    import numpy as np
    from PIL import Image

    img = Image.fromarray(rgb).quantize(colors, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    index, sample = np.asarray(img)[::2, ::2], rgb[::2, ::2]
    colour = sample.astype(np.uint64) @ np.array([1 << 16, 1 << 8, 1], np.uint64)
    pairs, counts = np.unique((index.astype(np.uint64) << 24 | colour).ravel(), return_counts=True)
    entry = (pairs >> 24).astype(np.intp)
    order = np.lexsort((-counts, entry))  # by entry, the most frequent colour first
    first = order[np.r_[True, entry[order][1:] != entry[order][:-1]]]
    table = np.zeros((256, 3), np.uint8)
    table[: len(img.getpalette()) // 3] = np.reshape(img.getpalette(), (-1, 3))
    best = pairs[first] & 0xFFFFFF
    table[entry[first]] = np.stack([best >> 16, best >> 8 & 255, best & 255], axis=1)
    img.putpalette(table.ravel().tolist())
    error = np.abs(table[index].astype(np.int16) - sample).max(axis=2).mean()
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
    :data:`PALETTE_COLORS` colours and fits :data:`MAX_BYTES`, WebP otherwise.  Raises
    ``ValueError`` when a file does not fit :data:`MAX_BYTES` even so.
    """
    files = {}
    for key, rgb in sorted(renders.items(), key=lambda item: -item[1].size):  # largest first
        data, error = _png(rgb)
        if error > MAX_PALETTE_ERROR or len(data) > MAX_BYTES:
            suffix, files = ".webp", {k: _webp(v) for k, v in renders.items()}
            break
        files[key] = data
    else:
        suffix = ".png"
    too_big = {key: len(data) for key, data in files.items() if len(data) > MAX_BYTES}
    if too_big:
        raise ValueError(f"figure files over {MAX_BYTES // 1024} KB even as WebP at quality "
                         f"{WEBP_QUALITIES[-1]}: {too_big} bytes; simplify the figure or shrink it")
    return suffix, files


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
    try:
        suffix, files = encode(renders)
    except ValueError as err:
        raise ValueError(f"{PurePosixPath(path).name}: {err}") from None
    base = PurePosixPath(path).with_suffix(suffix)
    paths = {}
    for (dark, mult), data in sorted(files.items()):  # light first, then by multiple
        target = dark_path(base) if dark else base
        paths[dark, mult] = target = srcset_path(target, mult) if mult else target
        for other in SUFFIXES:
            if other != suffix and Path(target.with_suffix(other)).exists():
                os.remove(target.with_suffix(other))
        write(target, data)
    return paths


def thumbnail(source, target, size):
    """Shrink the image ``source`` into a ``size`` box (centred, transparent margins) at ``target``.

    The geometry of sphinx-gallery's ``scale_image``, resampled with a Lanczos filter from
    the true colours; written as a palette PNG (the last palette entry transparent, for the
    margins) or a WebP, after ``target``'s suffix.
    """
    import numpy as np
    from PIL import Image

    with Image.open(source) as img:
        img = img.convert("RGB")
    scale = min(size[0] / img.width, size[1] / img.height)
    shrunk = img.resize((round(img.width * scale), round(img.height * scale)), Image.Resampling.LANCZOS)
    offset = ((size[0] - shrunk.width) // 2, (size[1] - shrunk.height) // 2)
    buf = io.BytesIO()
    if Path(target).suffix == ".webp":
        box = Image.new("RGBA", size, (255, 255, 255, 0))
        box.paste(shrunk, offset)
        box.save(buf, "WEBP", quality=WEBP_QUALITIES[0], method=4)
    else:
        clear = PALETTE_COLORS - 1
        picture, _ = palette(np.asarray(shrunk), colors=clear)
        box = Image.new("P", size, clear)
        box.putpalette(picture.getpalette())
        box.paste(picture, offset)
        box.save(buf, "PNG", optimize=True, transparency=clear)
    write(target, buf.getvalue())


def setup(app):
    # a library of the scraper: no event to connect
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
