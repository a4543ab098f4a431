"""Every gallery image, wherever a page shows it: sharp on dense screens, dark in dark mode.

The scraper (``dlnotes_site.gallery``) saves each figure four times: 1x, 2x
(``_2_00x``), and the same in its dark render (``_dark``, ``_dark_2_00x``); thumbnails get
a ``_thumb_dark`` twin.  sphinx-gallery shows the 2x file through ``srcset`` on the
example pages only (its ``image-sg`` directive), with no dark variant, and Sphinx's image
node has no ``srcset`` at all.  So a transform (read phase, public ``add_transform``)
replaces every image whose file has such siblings -- the ``image-sg`` of an example page,
a notes page's ``figure``, a thumbnail, a card -- by a :class:`themed_image` (a subclass of
Sphinx's image node, so it is collected, copied and tracked like one) with its ``srcset``,
followed by its dark twin.  The pair carries the theme's ``only-light`` / ``only-dark``
classes (pydata-sphinx-theme hides the other one, and leaves ``only-dark`` images
unfiltered), the same alt text, their pixel size and ``loading="lazy"`` (the hidden twin
is never downloaded).  Inside a ``figure`` the pair sits in a ``div`` (the theme also hides
a ``figcaption`` that follows an ``only-*`` image) and gets no scaled-image link (a link
around a hidden image would be an empty link).  The ``srcset`` files are registered with
the environment (so they are copied to ``_images`` and a change re-reads the page).

Reading sphinx-gallery's ``imgsgnode`` is version-guarded.  A page that names a figure
file that does not exist while the same figure exists in another format (photographs are
WebP) gets a warning naming the file to use.  Delete this module when sphinx-gallery and
Sphinx show srcset and theme variants of images themselves (no upstream issue found).
"""

import posixpath
import re
import urllib.parse
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from ._guard import private_api, verify
from .figfiles import DARK, SUFFIXES, dark_path

logger = logging.getLogger(__name__)

#: Class of every image this module writes (CSS: its height follows its width).
CLASS = "dlnotes-figure"


class themed_image(nodes.image):  # noqa: N801 (docutils names nodes in lower case)
    """An image with ``srcset`` (``[(path, multiple)]``) and its pixel size (``px``)."""


def multiples(path):
    """``[(path, multiple)]`` of the ``_<m>_<nn>x`` files next to ``path``, smallest first."""
    pattern = re.compile(re.escape(path.stem) + r"_(\d+)_(\d\d)x" + re.escape(path.suffix))
    found = [(path.with_name(p.name), float(f"{m[1]}.{m[2]}")) for p in path.parent.iterdir()
             if (m := pattern.fullmatch(p.name))]
    return sorted(found, key=lambda item: item[1])


@private_api(
    "themed figures",
    {"sphinx-gallery": "0.22.1"},
    "that sphinx_gallery.directives.imgsgnode still holds 'uri' (/-rooted), 'alt' and 'class' "
    "(a list or None) as the image-sg directive sets them.",
)
def _from_imgsg(node):
    """The plain image of sphinx-gallery's ``image-sg`` node ``node``."""
    return nodes.image(node.rawsource, uri=node["uri"], alt=node["alt"], classes=list(node["class"] or []))


def _imgsg_class():
    try:
        from sphinx_gallery.directives import imgsgnode
    except ImportError:
        return None
    return imgsgnode


class ThemedImages(SphinxTransform):
    """Give each gallery image its ``srcset`` and its dark twin (see the module docstring)."""

    default_priority = 870  # before DoctreeReadEvent (880), which collects the images

    def apply(self, **kwargs):
        sg_node = _imgsg_class()
        for node in list(self.document.findall(nodes.image)):
            self.theme(node, node)
        if sg_node is not None:
            for node in list(self.document.findall(sg_node)):
                self.theme(node, _from_imgsg(node))

    def theme(self, node, image):
        """Replace ``node`` (whose plain image is ``image``) by its themed pair, if it has one."""
        uri = image["uri"]
        if isinstance(node, themed_image) or "://" in uri or uri.startswith("data:"):
            return
        rel, full = self.env.relfn2path(uri, self.env.docname)
        path = Path(full)
        if not path.is_file():
            others = [path.with_suffix(s).name for s in SUFFIXES if path.with_suffix(s).is_file()]
            if others:
                logger.warning("image %s does not exist; this figure is saved as %s",
                               uri, others[0], location=node, type="dlnotes", subtype="figures")
            return
        dark = Path(dark_path(path))
        light_set, dark_set = multiples(path), (multiples(dark) if dark.is_file() else [])
        if not light_set and not dark.is_file():
            return
        pair = [self.make(image, uri, path, light_set, "only-light" if dark.is_file() else None)]
        if dark.is_file():
            dark_uri = posixpath.join(posixpath.dirname(uri), dark.name)
            pair.append(self.make(image, dark_uri, dark, dark_set, "only-dark"))
            pair[1]["ids"], pair[1]["names"] = [], []
        if isinstance(node.parent, nodes.figure):
            pair = [nodes.container("", *pair, classes=[f"{CLASS}-pair"])]
        node.replace_self(pair)

    def make(self, image, uri, path, srcset, theme):
        from PIL import Image

        node = themed_image(image.rawsource, **image.attributes)
        node["uri"] = uri
        # a pair gets no scaled-image link: a link around the hidden twin would be empty
        node["classes"] = [*image["classes"], CLASS, *([theme, "no-scaled-link"] if theme else [])]
        node["srcset"] = []
        for hi, mult in srcset:
            rel = self.env.relfn2path(posixpath.join(posixpath.dirname(uri), hi.name), self.env.docname)[0]
            self.env.note_dependency(rel)
            self.env.images.add_file(self.env.docname, rel)
            node["srcset"].append((rel, mult))
        with Image.open(path) as img:
            node["px"] = img.size
        return node


def register_srcset(app, doctree, docname):
    """Let the builder copy the ``srcset`` files of the page it is about to write."""
    images = getattr(app.builder, "images", None)
    if images is None or app.builder.format != "html":
        return
    for node in doctree.findall(themed_image):
        for rel, _ in node.get("srcset", ()):
            if rel in app.env.images:
                images[rel] = app.env.images[rel][1]


def _url(translator, rel):
    name = translator.builder.images.get(rel)
    return posixpath.join(translator.builder.imgpath, urllib.parse.quote(name)) if name else rel


def visit_themed_image_html(self, node):
    """``<img>`` with ``srcset``, ``width``/``height`` and ``loading="lazy"``."""
    src = _url(self, node["uri"])
    atts = self.image_size(node)  # :width:, :height:, :scale: as docutils writes them
    if "align" in node:
        atts["classes"] = [f"align-{node['align']}"]
    if "px" in node and "width" not in atts and "height" not in atts:  # room kept while loading
        atts["width"], atts["height"] = (str(v) for v in node["px"])
    if node.get("srcset") and "px" in node and atts.get("width") == str(node["px"][0]):
        # a figure as wide as its file at most (the column on a phone): width descriptors and
        # the slot it fills, so a phone picks the file its screen needs (1.75 device px per
        # CSS px in a 364 px column: the 1x file) and a dense desktop screen the 2x file
        width = node["px"][0]
        atts["srcset"] = ", ".join([f"{src} {width}w"] + [f"{_url(self, rel)} {round(width * mult)}w"
                                                          for rel, mult in node["srcset"]])
        atts["sizes"] = f"min(100vw - 32px, {width}px)"
    elif node.get("srcset"):  # drawn at a size of its own (:width:, :scale:)
        atts["srcset"] = ", ".join([f"{src} 1x"] + [f"{_url(self, rel)} {mult:g}x" for rel, mult in node["srcset"]])
    atts["loading"] = "lazy"
    self.body.append(self.emptytag(node, "img", "\n", src=src, alt=node.get("alt", ""), **atts))


def depart_themed_image_html(self, node):
    pass


def setup(app):
    verify(_from_imgsg)
    # other builders fall back to visit_image (Sphinx's translators dispatch along the MRO)
    app.add_node(themed_image, html=(visit_themed_image_html, depart_themed_image_html))
    app.add_transform(ThemedImages)
    app.connect("doctree-resolved", register_srcset)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


__all__ = ["CLASS", "DARK", "ThemedImages", "multiples", "themed_image", "setup"]
