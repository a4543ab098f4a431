"""A description for every page (issue 16.7: Lighthouse's SEO audit meta-description).

Search engines show a page's ``<meta name="description">`` under its title; Sphinx writes
one only when a page asks for it (the ``meta`` directive, MyST's ``html_meta``), and
none of this site's pages, generated ones included, does.  At ``doctree-read`` a page
without a description gets one from its first paragraph of prose (not a caption, an
admonition or a table): a docutils ``meta`` node, which Sphinx writes into the page's
``<head>`` like the directive's.  The text is cut at the last sentence end within
``MAX_LENGTH`` characters (search engines show about 80 Chinese characters).  No
upstream option; delete if Sphinx or the theme derive descriptions themselves.
"""

import re

from docutils import nodes

MAX_LENGTH = 120
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?=\s|$)")
_SKIP = (nodes.Admonition, nodes.table, nodes.figure, nodes.caption, nodes.footnote,
         nodes.citation, nodes.field_list, nodes.sidebar, nodes.topic, nodes.rubric,
         nodes.literal_block, nodes.comment, nodes.raw, nodes.system_message)


def _inside(node, kinds):
    node = node.parent
    while node is not None:
        if isinstance(node, kinds):
            return True
        node = node.parent
    return False


# TeX in a description: plain symbols for the commonest commands, formatting dropped
_TEX_SYMBOLS = {
    "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
    "eta": "η", "theta": "θ", "lambda": "λ", "mu": "μ", "pi": "π", "rho": "ρ", "sigma": "σ",
    "tau": "τ", "phi": "φ", "omega": "ω", "Delta": "Δ", "Sigma": "Σ", "nabla": "∇",
    "partial": "∂", "cdot": "·", "times": "×", "le": "≤", "leq": "≤", "ge": "≥", "geq": "≥",
    "ne": "≠", "neq": "≠", "approx": "≈", "to": "→", "infty": "∞", "in": "∈", "sum": "Σ",
    "ldots": "…", "cdots": "⋯", "top": "ᵀ",
}
_TEX_COMMAND = re.compile(r"\\([A-Za-z]+)\s*")
_CJK = "[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
_CJK_SPACE = re.compile(rf"(?<={_CJK})\s+(?={_CJK})|(?<=[\u3000-\u303f\uff00-\uffef])\s+")


def _group(tex, i):
    """The braced group starting at ``tex[i]`` (``{``): its content and the index after it."""
    depth = 0
    for j in range(i, len(tex)):
        depth += {"{": 1, "}": -1}.get(tex[j], 0)
        if depth == 0:
            return tex[i + 1:j], j + 1
    return tex[i + 1:], len(tex)


def _fractions(tex):
    out, i = [], 0
    while (k := tex.find("\\frac", i)) >= 0:
        out.append(tex[i:k])
        j = k + len("\\frac")
        while j < len(tex) and tex[j] == " ":
            j += 1
        if j >= len(tex) or tex[j] != "{":
            out.append("\\frac")
            i = j
            continue
        num, j = _group(tex, j)
        while j < len(tex) and tex[j] == " ":
            j += 1
        den, j = _group(tex, j) if j < len(tex) and tex[j] == "{" else ("", j)
        out.append(f"({_fractions(num)})/({_fractions(den)})")
        i = j
    out.append(tex[i:])
    return "".join(out)


def tex_text(tex):
    """A plain reading of inline TeX: symbols for common commands, formatting dropped."""
    tex = _TEX_COMMAND.sub(lambda m: _TEX_SYMBOLS.get(m.group(1), ""), _fractions(tex))
    return " ".join(tex.replace("{", "").replace("}", "").split())


def _text(node):
    if isinstance(node, nodes.math):
        return tex_text(node.astext())
    if isinstance(node, nodes.Text):
        return str(node)
    return "".join(_text(child) for child in node.children)


def description(doctree, max_length=MAX_LENGTH):
    """The first prose paragraph's text, whitespace collapsed, cut to ``max_length``."""
    for para in doctree.findall(nodes.paragraph):
        if _inside(para, _SKIP):
            continue
        text = _CJK_SPACE.sub("", " ".join(_text(para).split()))
        if len(text) < 8:
            continue
        if len(text) <= max_length:
            return text
        cut = text[:max_length]
        ends = [m.end() for m in _SENTENCE_END.finditer(cut)]
        return cut[:ends[-1]] if ends and ends[-1] >= max_length // 3 else cut.rstrip() + "…"
    return ""


def has_description(doctree):
    return any(meta.get("name") == "description" for meta in doctree.findall(nodes.meta))


def add_description(app, doctree):
    if has_description(doctree):
        return
    text = description(doctree)
    if text:
        doctree.insert(0, nodes.meta(name="description", content=text))


def setup(app):
    app.connect("doctree-read", add_description)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
