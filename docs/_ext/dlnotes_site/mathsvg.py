"""Formulas typeset at build time, as SVG: no MathJax in the reader's browser.

Sphinx's ``sphinx.ext.mathjax`` writes TeX into the page and MathJax typesets it in the
browser: on a phone that is about 1.3 s of main-thread work per chapter page (the
Lighthouse TBT), and every formula changes height when it is typeset, pushing the
figures below it down (CLS up to 0.30).  Sphinx's own build-time renderer,
``sphinx.ext.imgmath``, runs LaTeX and links one image per formula, hundreds of requests
per page, with no text for screen readers.

This renderer (``html_math_renderer = "mathsvg"``) hands each formula to MathJax itself,
in Node (``mathsvg.js``; npm ``mathjax-full``, pinned in ``package.json``), and writes
its output into the page: the same MathJax TeX fonts as SVG paths in ``currentColor``
(so dark mode needs nothing) and a hidden MathML copy for screen readers, inside the
same ``span.math``/``div.math`` elements (and equation numbers) Sphinx's MathJax
renderer writes.  A TeX error is a build warning (``-W``: an error) naming the page,
instead of red text on the page.  One Node process per build serves every formula.

Without Node or ``npm ci`` the build says so and falls back to Sphinx's MathJax renderer
(the offline copy ``assets`` serves): same pages, typeset in the browser.

The setting ``mathsvg_renderer`` (not meant to be set) names the renderer: the
mathjax-full version and a digest of ``mathsvg.js``.  It is an ``html`` setting, so when
either changes, Sphinx writes every page again.

The public hooks: ``app.add_html_math_renderer`` and the ``html_math_renderer`` setting.
"""

import atexit
import hashlib
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number

logger = logging.getLogger(__name__)

NAME = "mathsvg"
SCRIPT = Path(__file__).with_name("mathsvg.js")
# what mathsvg.js requires, from the project's node_modules (npm ci)
MODULE = "mathjax-full/js/mathjax.js"
# a formula's reference to a glyph of the page's hidden <svg>
_GLYPH = re.compile(r'<use [^>]*?href="#(MJX-[^"]+)"')


class MathError(ValueError):
    """MathJax could not typeset a formula (its message)."""


class Renderer:
    """A Node process running ``mathsvg.js``: TeX in, ``<mjx-container>`` HTML out.

    Started on first use, in the process that uses it (a forked writer starts its own);
    answers are cached by request, per Node process (the glyphs a page asks for must have
    been drawn by the same process).
    """

    def __init__(self, node="node", script=SCRIPT):
        self.command = [node, str(script)]
        self.cwd = str(Path(script).parent)
        self.proc = None
        self.pid = None
        self.cache = {}

    def _process(self):
        if self.proc is None or self.pid != os.getpid() or self.proc.poll() is not None:
            self.proc = subprocess.Popen(
                self.command, cwd=self.cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                text=True, encoding="utf-8", bufsize=1)
            self.pid = os.getpid()
            # a new process knows only the glyphs of what it typesets itself
            self.cache = {}
        return self.proc

    def _ask(self, request):
        proc = self._process()  # first: a new process comes with an empty cache
        key = json.dumps(request, sort_keys=True)
        if key not in self.cache:
            proc.stdin.write(json.dumps(request) + "\n")
            line = proc.stdout.readline()
            if not line:
                raise RuntimeError(f"dlnotes_site.mathsvg: {' '.join(self.command)} stopped "
                                   f"(exit code {proc.wait()})")
            self.cache[key] = json.loads(line)
        answer = self.cache[key]
        if "error" in answer:
            raise MathError(answer["error"])
        return answer

    def render(self, tex, display):
        """The HTML of ``tex`` typeset inline or as a display; ``MathError`` if it fails."""
        return self._ask({"tex": tex, "display": bool(display)})["html"]

    def glyphs(self, ids):
        """A hidden ``<svg>`` defining the glyphs ``ids`` (sorted) that formulas refer to."""
        return self._ask({"glyphs": sorted(ids)})["defs"]

    def stylesheet(self):
        """The CSS that MathJax's SVG output needs (MathJax's own, one line)."""
        return self._ask({"css": True})["css"]

    def close(self):
        proc, self.proc = self.proc, None
        if proc is None or self.pid != os.getpid():
            return
        proc.stdin.close()  # the script ends at the end of its input
        try:
            proc.wait(timeout=30)
        finally:
            proc.stdout.close()


def available(node=None):
    """Why the SVG renderer cannot run here (a sentence), or ``None`` when it can."""
    node = node or shutil.which("node")
    if node is None:
        return "Node.js is not installed"
    found = subprocess.run([node, "-e", f"require.resolve({MODULE!r})"], cwd=SCRIPT.parent,
                           capture_output=True)
    if found.returncode != 0:
        return "the npm package mathjax-full is not installed (run `npm ci`)"
    return None


def renderer_id(script=SCRIPT):
    """``"mathjax-full <version>, mathsvg.js <digest>"``: what the pages' SVG depends on."""
    version = "missing"
    for folder in Path(script).resolve().parents:
        package = folder / "node_modules" / "mathjax-full" / "package.json"
        if package.is_file():
            version = json.loads(package.read_text(encoding="utf-8"))["version"]
            break
    digest = hashlib.sha256(Path(script).read_bytes()).hexdigest()[:12]
    return f"mathjax-full {version}, mathsvg.js {digest}"


_renderer = Renderer()
atexit.register(_renderer.close)


def _nowrap(node):
    return node.get("no-wrap", node.get("nowrap", False))


def display_tex(node):
    """The TeX of a display formula as Sphinx's MathJax renderer composes it."""
    if _nowrap(node):
        return node.astext()
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    parts = [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p else p for p in parts]
    if len(parts) > 1:
        return r"\begin{aligned}" + r"\\".join(parts) + r"\end{aligned}"
    return parts[0] if parts else ""


def _tex(node):
    """(TeX, display) of a math node, as the page writes it."""
    if isinstance(node, nodes.math_block):
        return display_tex(node), True
    return node.astext(), False


def _typeset(self, node):
    tex, display = _tex(node)
    try:
        return _renderer.render(tex, display)
    except MathError as err:
        logger.warning("formula not typeset (%s): %s", err, tex, location=node,
                       type="dlnotes", subtype="math")
        return self.encode(tex)


def visit_math(self, node):
    self.body.append(self.starttag(node, "span", "", CLASS="math notranslate nohighlight"))
    self.body.append(_typeset(self, node) + "</span>")
    raise nodes.SkipNode


def visit_displaymath(self, node):
    self.body.append(self.starttag(node, "div", CLASS="math notranslate nohighlight"))
    if node["number"] and not _nowrap(node):
        number = get_node_equation_number(self, node)
        self.body.append(f'<span class="eqno">({number})')
        self.add_permalink_ref(node, _("Link to this equation"))
        self.body.append("</span>")
    self.body.append(_typeset(self, node) + "</div>\n")
    raise nodes.SkipNode


def choose(app, config):
    """config-inited: keep ``mathsvg`` when Node and MathJax are there, else MathJax."""
    if config.html_math_renderer != NAME:
        return
    why = available()
    if why:
        logger.info("dlnotes_site.mathsvg: %s; formulas are typeset by MathJax in the "
                    "browser instead", why)
        config.html_math_renderer = "mathjax"


def page_glyphs(doctree):
    """The ids of the glyphs the formulas of ``doctree`` refer to.

    Formulas in section titles are drawn again in the page's contents and the sidebar,
    outside the body; they are in the doctree too.
    """
    ids = set()
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        try:
            ids.update(_GLYPH.findall(_renderer.render(*_tex(node))))
        except MathError:
            pass  # warned where the formula is written
    return ids


def add_page_parts(app, pagename, templatename, context, doctree):
    """html-page-context: a page with formulas gets their glyphs and MathJax's stylesheet.

    The glyphs go in one hidden ``<svg>`` at the start of the body.  The stylesheet goes
    inline in the head, as MathJax itself adds it in the browser: a stylesheet file would
    be one more request the first paint waits for, and this one is 2 KB.
    """
    if getattr(app.builder, "math_renderer_name", None) != NAME or doctree is None:
        return
    ids = page_glyphs(doctree)
    if ids:
        context["body"] = _renderer.glyphs(ids) + context.get("body", "")
    if ids or context.get("has_maths_elements"):
        context["metatags"] = context.get("metatags", "") + f"\n<style>{_renderer.stylesheet()}</style>"


def stop(app, exception):
    _renderer.close()


def setup(app):
    app.add_html_math_renderer(NAME, inline_renderers=(visit_math, None),
                               block_renderers=(visit_displaymath, None))
    app.add_config_value("mathsvg_renderer", renderer_id(), "html", types=frozenset({str}))
    app.connect("config-inited", choose, priority=100)
    app.connect("html-page-context", add_page_parts)
    app.connect("build-finished", stop)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
