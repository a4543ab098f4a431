"""The book's images (LaTeX only): dark twins left out, 2× renders, WebP as JPEG.

A figure's dark-mode twin (class ``only-dark``, the theme's convention; ``figures`` adds
them) is left out.  At the end of the build each copied image is replaced by its 2×
render when the gallery saved one (sphinx-gallery's ``image_srcset`` naming,
``_2_00x.png``): same size on the page, sharper in print.  TeX reads no WebP (the format
of photographic figures, ``figfiles``): a Sphinx image converter (:class:`WebpToJpeg`,
the public hook for formats a builder lacks) writes each as a JPEG, from its 2× render.
These are this book's choices; nothing upstream covers them.
"""

import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter

_SRCSET = re.compile(r"_(\d+)_(\d\d)x$")


class DarkTwins(SphinxPostTransform):
    """Leave out images and figures meant for the dark theme only (class ``only-dark``)."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs):
        for node in list(self.document.findall(nodes.Element)):
            if "only-dark" in node.get("classes", ()) and node.parent is not None:
                node.parent.remove(node)


def hires_twin(source):
    """The highest-resolution ``_N_NNx`` render saved next to ``source``, or ``None``."""
    source = Path(source)
    best, factor = None, 1.0
    for candidate in source.parent.glob(f"{source.stem}_*x{source.suffix}"):
        match = _SRCSET.search(candidate.stem)
        if match and candidate.stem[: match.start()] == source.stem:
            value = int(match.group(1)) + int(match.group(2)) / 100
            if value > factor:
                best, factor = candidate, value
    return best


class WebpToJpeg(ImageConverter):
    """WebP figures (photographs) as JPEG for the book, from the 2× render when there is one.

    Sphinx's public image-converter hook; Pillow (a dependency of matplotlib) does the work.
    """

    conversion_rules = [("image/webp", "image/jpeg")]

    def is_available(self):
        from PIL import features

        return bool(features.check("webp"))

    def convert(self, _from, _to):
        from PIL import Image

        source = hires_twin(_from) or Path(_from)
        with Image.open(source) as img:
            img.convert("RGB").save(_to, "JPEG", quality=90, optimize=True)  # no date: same bytes
        return True


def _add_converter(app):
    # the HTML builder serves WebP as it is: image converters do not check the format
    if app.builder.format == "latex":
        app.add_post_transform(WebpToJpeg)


def use_hires_images(app, exception):
    """Replace each copied image by its 2× render (same page size: resolution doubles too)."""
    if exception is not None or app.builder.format != "latex":
        return
    outdir = Path(app.builder.outdir) / getattr(app.builder, "imagedir", "")
    for source, name in getattr(app.builder, "images", {}).items():
        twin = hires_twin(Path(app.srcdir) / source)
        if twin is not None:
            shutil.copyfile(twin, outdir / name)


def setup(app):
    app.add_post_transform(DarkTwins)
    app.connect("builder-inited", _add_converter)
    app.connect("build-finished", use_hires_images)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
