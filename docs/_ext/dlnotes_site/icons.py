"""The theme's icon font, and its table of icon classes, cut down to the icons the site shows.

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

The same file name and URL, so the theme's ``@font-face`` is unchanged; about 3 KB.

The theme's stylesheet, which every page waits for before its first paint, carries the
class table of all 2,000 icons (``.fa-bars,.fa-navicon{--fa:"\f0c9"}``: 18 of its 64
compressed KB).  The rules of the classes no page or script uses are left out of the
output's copy (and its source-map comment, which no longer matches); the rest of the file
is unchanged.  Both are cut from the theme's own files each time, and written only when
they change.

Sphinx copies every file of the theme's static folder, used or not: ``UNUSED`` are left
out of the output (3.3 MB): Font Awesome's script and its source map, which no page loads
(``docs/_templates/static/webpack-macros.html`` leaves the script out), and the theme
stylesheet's source map, which no longer matches the cut stylesheet.  The browser tests
fail on any request that finds no file.  Delete when the theme ships a subset or inline
SVG icons.
"""

import io
import re
from importlib import metadata
from pathlib import Path

from sphinx.util import logging

logger = logging.getLogger(__name__)

FONT = "vendor/fontawesome/webfonts/fa-solid-900.woff2"
THEME_CSS = "styles/pydata-sphinx-theme.css"
UNUSED = ("scripts/fontawesome.js", "scripts/fontawesome.js.map", THEME_CSS + ".map")
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


def used_classes(outdir):
    """Every ``fa-*`` class named in the pages and scripts of the built site at ``outdir``."""
    names = set()
    for path in sorted(Path(outdir).rglob("*.html")):
        names.update(_CLASS.findall(path.read_text(encoding="utf-8")))
    for path in sorted((Path(outdir) / "_static").rglob("*.js")):
        names.update(_CLASS.findall(path.read_text(encoding="utf-8", errors="replace")))
    return names


def used_icons(outdir, theme_css, classes):
    """The code points of every icon the built site at ``outdir`` can show."""
    table = class_table(theme_css)
    points = {table[name] for name in classes if name in table}
    points |= css_icons(theme_css)
    for path in sorted((Path(outdir) / "_static").rglob("*.css")):
        if path.relative_to(Path(outdir) / "_static").as_posix() != THEME_CSS:
            points |= css_icons(path.read_text(encoding="utf-8", errors="replace"))
    return points


def cut_class_table(css, classes):
    """``css`` without the icon-class rules none of whose classes is in ``classes``."""
    def keep(match):
        names = [name.lstrip(".") for name in match.group(1).split(",")]
        return match.group(0) if any(name in classes for name in names) else ""

    css = _CLASS_TABLE.sub(keep, css)
    return re.sub(r"\n?/\*# sourceMappingURL=[^*]*\*/\s*$", "\n", css)


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


def _write(path, data):
    if path.read_bytes() != data:
        path.write_bytes(data)


def cut(app, exception):
    """build-finished: the output's icon font and class table hold the icons in use."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    if not (static / FONT).is_file() or not (static / THEME_CSS).is_file():
        return
    for rel in UNUSED:  # first: the scan below reads every script left in the output
        (static / rel).unlink(missing_ok=True)
    theme_css = (theme_static() / THEME_CSS).read_text(encoding="utf-8")
    classes = used_classes(app.outdir)
    points = used_icons(app.outdir, theme_css, classes)
    font = subset((theme_static() / FONT).read_bytes(), points)
    _write(static / FONT, font)
    _write(static / THEME_CSS, cut_class_table(theme_css, classes).encode("utf-8"))
    logger.info("dlnotes_site.icons: %s holds %d icons (%d bytes)", FONT, len(points), len(font))


def setup(app):
    app.connect("build-finished", cut)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
