"""dlnotes_site.mathsvg: formulas typeset at build time as SVG, by MathJax in Node."""

import os
import re
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
from docutils import nodes

from dlnotes_site import mathsvg

NODE_MISSING = mathsvg.available()
needs_node = pytest.mark.skipif(bool(NODE_MISSING), reason=f"mathsvg cannot run: {NODE_MISSING}")


def _block(text, nowrap=False):
    node = nodes.math_block(text, text)
    node["nowrap"] = nowrap
    return node


def test_display_tex_is_composed_as_sphinx_composes_it_for_mathjax():
    assert mathsvg.display_tex(_block("a = b")) == "a = b"
    # a line break inside one equation: split; two equations: aligned, one per row
    assert mathsvg.display_tex(_block(r"a \\ b")) == r"\begin{split}a \\ b\end{split}"
    assert mathsvg.display_tex(_block("a = 1\n\nb = 2")) == r"\begin{aligned}a = 1\\b = 2\end{aligned}"
    assert mathsvg.display_tex(_block(r"\begin{align}x\end{align}", nowrap=True)) \
        == r"\begin{align}x\end{align}"


@pytest.fixture(scope="module")
def renderer():
    r = mathsvg.Renderer()
    yield r
    r.close()


@needs_node
def test_a_formula_becomes_svg_with_its_mathml_for_screen_readers(renderer):
    html = renderer.render(r"\frac{1}{2}", False)
    assert html.startswith('<mjx-container class="MathJax" jax="SVG"')
    assert 'display="true"' not in html.split(">", 1)[0]
    assert re.search(r'<svg [^>]*role="img"[^>]*aria-hidden="true"', html)
    # the MathML copy is MathJax's reading of the TeX: one fraction of two numbers
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML"><mfrac><mn>1</mn><mn>2</mn></mfrac></math>' in html
    # the glyphs are the TeX font's digits 1 and 2 (upright, code points 31 and 32)
    assert set(mathsvg._GLYPH.findall(html)) == {"MJX-TEX-N-31", "MJX-TEX-N-32"}
    shown = renderer.render(r"\frac{1}{2}", True)
    opening = shown.split(">", 1)[0]
    assert 'display="true"' in opening and 'tabindex="0"' in opening  # a box that may scroll
    assert 'tabindex' not in html.split(">", 1)[0]
    assert "mfrac" in shown


@needs_node
def test_every_glyph_a_formula_uses_is_defined_once(renderer):
    ids = set()
    for tex in (r"\sigma(x) = \frac{1}{1 + e^{-x}}", r"\text{参数量} = F_H F_W", r"\sum_i x_i"):
        ids |= set(mathsvg._GLYPH.findall(renderer.render(tex, True)))
    defs = renderer.glyphs(ids)
    defined = re.findall(r'<path id="([^"]+)" d="M[^"]+"', defs)
    assert sorted(defined) == sorted(ids)
    assert defs.startswith('<svg xmlns="http://www.w3.org/2000/svg" style="display: none;"')


@needs_node
def test_chinese_in_a_formula_is_set_one_character_per_em_without_gaps(renderer):
    html = renderer.render(r"\text{合页损失}", True)
    texts = re.findall(r'<text [^>]*?(?:translate\(([\d.]+),0\) )?scale\(1,-1\)" font-size="([\d.]+)px"[^>]*>(.)</text>', html)
    assert [t[2] for t in texts] == list("合页损失")
    size = float(texts[0][1])
    # each character starts one character width (its font size) after the one before
    assert [float(t[0] or 0) for t in texts] == pytest.approx([0, size, 2 * size, 3 * size], abs=0.5)


@needs_node
def test_a_new_process_draws_again_what_it_is_asked_the_glyphs_of():
    r = mathsvg.Renderer()
    try:
        ids = set(mathsvg._GLYPH.findall(r.render("x + y", False)))
        r.close()  # as if the process had gone (or a forked writer had started its own)
        assert set(mathsvg._GLYPH.findall(r.render("x + y", False))) == ids
        assert r.glyphs(ids).count("<path id=") == len(ids)
    finally:
        r.close()


@needs_node
def test_tex_errors_are_reported_not_drawn(renderer):
    with pytest.raises(mathsvg.MathError, match=r"Undefined control sequence \\foo"):
        renderer.render(r"\foo x", False)
    with pytest.raises(mathsvg.MathError, match="Missing close brace"):
        renderer.render(r"\frac{1}{", False)
    with pytest.raises(mathsvg.MathError, match="no glyph"):
        renderer.glyphs(["MJX-TEX-I-NOPE"])


@needs_node
def test_the_stylesheet_is_mathjaxs_own_for_svg_output(renderer):
    css = renderer.stylesheet()
    assert 'mjx-container[jax="SVG"][display="true"] { display: block;' in css
    assert "mjx-assistive-mml { position: absolute !important;" in css
    assert "\n" not in css


def test_the_renderer_id_follows_the_script_and_the_mathjax_version(tmp_path):
    script = tmp_path / "project" / "docs" / "mathsvg.js"
    script.parent.mkdir(parents=True)
    script.write_text("// one\n")
    package = tmp_path / "project" / "node_modules" / "mathjax-full" / "package.json"
    package.parent.mkdir(parents=True)
    package.write_text('{"name": "mathjax-full", "version": "3.2.2"}')
    first = mathsvg.renderer_id(script)
    assert first.startswith("mathjax-full 3.2.2, mathsvg.js ")
    script.write_text("// two\n")
    assert mathsvg.renderer_id(script) != first
    package.write_text('{"name": "mathjax-full", "version": "3.2.3"}')
    assert mathsvg.renderer_id(script).startswith("mathjax-full 3.2.3, ")


@needs_node
def test_a_changed_renderer_writes_every_page_again(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(PAGE)
    (tmp_path / "other.md").write_text("---\norphan: true\n---\n# Other\n\nNo formula.\n")
    assert _build(tmp_path).returncode == 0
    stamp = (tmp_path / "_build" / "other.html").stat().st_mtime_ns
    assert _build(tmp_path).returncode == 0  # nothing changed: nothing written
    assert (tmp_path / "_build" / "other.html").stat().st_mtime_ns == stamp
    result = _build(tmp_path, "-D", "mathsvg_renderer=mathjax-full 9.9.9, mathsvg.js 0")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "_build" / "other.html").stat().st_mtime_ns != stamp


def test_without_node_the_build_falls_back_to_mathjax(monkeypatch):
    monkeypatch.setattr(mathsvg.shutil, "which", lambda name: None)
    assert mathsvg.available() == "Node.js is not installed"
    config = SimpleNamespace(html_math_renderer="mathsvg")
    mathsvg.choose(None, config)
    assert config.html_math_renderer == "mathjax"
    config = SimpleNamespace(html_math_renderer="imgmath")  # another choice is left alone
    mathsvg.choose(None, config)
    assert config.html_math_renderer == "imgmath"


CONF = """
extensions = ["myst_parser", "dlnotes_site.mathsvg"]
myst_enable_extensions = ["dollarmath", "amsmath"]
html_math_renderer = "mathsvg"
"""
PAGE = """# Home

The sigmoid $\\sigma(x) = 1 / (1 + e^{-x})$, and

$$
H(p) = -\\sum_i p_i \\log p_i
$$ (entropy)

## Section $\\beta$

Equation {eq}`entropy`.
"""


def _build(root, *extra):
    env = dict(os.environ, PYTHONPATH=str(Path(mathsvg.__file__).parents[1]))
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", *extra,
                           str(root), str(root / "_build")], env=env, capture_output=True, text=True)


@needs_node
def test_a_built_page_has_svg_formulas_their_glyphs_and_no_mathjax(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text(PAGE)
    result = _build(tmp_path)
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*mathjax", html, re.IGNORECASE)
    assert html.count('<span class="math notranslate nohighlight"><mjx-container') >= 2  # body + title
    assert re.search(r'<div class="math notranslate nohighlight" id="equation-entropy">\s*'
                     r'<span class="eqno">\(1\)', html)
    assert '<style>mjx-container[jax="SVG"]' in html
    used = set(mathsvg._GLYPH.findall(html))
    defined = set(re.findall(r'<path id="(MJX-[^"]+)"', html))
    assert used and used == defined  # every glyph drawn is defined, none twice or unused
    assert len(re.findall(r'<path id="MJX-TEX-I-1D6FD"', html)) == 1  # β: title and toc


@needs_node
def test_a_tex_error_fails_the_build_naming_the_page(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.md").write_text("# Home\n\nBroken $\\frac{1}{$ here.\n")
    result = _build(tmp_path)
    assert result.returncode != 0
    assert "index.md" in result.stderr and "Missing close brace" in result.stderr
