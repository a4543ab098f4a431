"""The theme's icon font cut down to the icons the site shows.

pydata-sphinx-theme draws its icons (search, menu, contents, light/dark switch, admonition
signs ...) with Font Awesome's solid web font, ``fa-solid-900.woff2``: 115 KB, about 2,000
icons, requested at the highest priority on every page with the stylesheets the first
paint waits for (and, with ``font-display: block``, the icons stay invisible until it has
arrived).  The site shows about 25 of them.

At ``build-finished`` the font in the output is replaced by a subset (fontTools, the
library matplotlib already uses; brotli for WOFF2) holding the icons that can appear:

- every ``fa-<name>`` class in the written pages and the theme's scripts, looked up in
  the theme stylesheet's table (``.fa-bars{--fa:"\\f0c9"}``);
- every icon character the stylesheets use directly (``--pst-icon-*`` values and
  ``content:`` declarations).

The same file name and URL, so the theme's ``@font-face`` is unchanged; about 3 KB.  The
subset is cut from the theme's own file each time, and written only when it changes.
Delete when the theme ships a subset or inline SVG icons.
"""

import io
import re
from importlib import metadata
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
THEME_CSS = "styles/pydata-sphinx-theme.css"
_CLASS_TABLE = re.compile(r'((?:\.fa-[a-z0-9-]+,?)+)\{--fa:"\\([0-9a-f]+)"\}')
_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
_PUA = "[\ue000-\uf8ff]"
_CSS_ICON = re.compile(r'(?:--pst-icon-[a-z-]+|content)\s*:\s*"((?:[^"\\]|\\.)*)"')


def theme_static():
    """The theme's static folder (where the original font is)."""
    root = metadata.distribution("pydata-sphinx-theme").locate_file("pydata_sphinx_theme")
    return Path(root) / "theme" / "pydata_sphinx_theme" / "static"


def class_table(css):
    """``{"fa-bars": 0xf0c9, ...}`` from the theme stylesheet."""
    table = {}
    for match in _CLASS_TABLE.finditer(css):
        for name in match.group(1).split(","):
            table[name.lstrip(".")] = int(match.group(2), 16)
    return table


def css_icons(css):
    """The private-use characters a stylesheet writes as icon values (literal or escaped)."""
    points = set()
    for value in _CSS_ICON.findall(css):
        value = re.sub(r"\\([0-9a-fA-F]{1,6}) ?", lambda m: chr(int(m.group(1), 16)), value)
        points.update(ord(ch) for ch in re.findall(_PUA, value))
    return points


def used_icons(outdir):
    """The code points of every icon the built site at ``outdir`` can show."""
    static = Path(outdir) / "_static"
    table = class_table((static / THEME_CSS).read_text(encoding="utf-8"))
    names = set()
    for path in sorted(Path(outdir).rglob("*.html")):
        names.update(_CLASS.findall(path.read_text(encoding="utf-8")))
    for path in sorted(static.rglob("*.js")):
        names.update(_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    points = {table[name] for name in names if name in table}
    for path in sorted(static.rglob("*.css")):
        points |= css_icons(path.read_text(encoding="utf-8", errors="replace"))
    return points


def subset(font_bytes, points):
    """WOFF2 bytes of ``font_bytes`` with only the glyphs of ``points``."""
    from fontTools import subset as ft_subset

    options = ft_subset.Options()
    options.flavor = "woff2"
    options.layout_features = []
    options.name_IDs = ["*"]  # keep the font's names and licence notice
    font = ft_subset.load_font(io.BytesIO(font_bytes), options)
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(points))
    subsetter.subset(font)
    out = io.BytesIO()
    ft_subset.save_font(font, out, options)
    return out.getvalue()


def cut_font(app, exception):
    """build-finished: the output's icon font becomes the subset of the icons in use."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / FONT
    if not target.is_file() or not (Path(app.outdir) / "_static" / THEME_CSS).is_file():
        return
    points = used_icons(app.outdir)
    data = subset((theme_static() / FONT).read_bytes(), points)
    if target.read_bytes() != data:
        target.write_bytes(data)
    logger.info("dlnotes_site.icons: %s holds %d icons (%d bytes)", FONT, len(points), len(data))


def setup(app):
    app.connect("build-finished", cut_font)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
