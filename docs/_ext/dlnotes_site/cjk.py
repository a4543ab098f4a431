"""Chinese text in reST and MyST sources: three gaps.

1. A line break inside a paragraph becomes a space in the browser, which Chinese text
   must not have: browsers do not apply CSS Text's segment-break rules that drop the
   break between two Chinese characters (https://drafts.csswg.org/css-text-3/#line-break-transform,
   https://github.com/w3c/csswg-drafts/issues/5086), and neither docutils nor MyST drop it
   (markdown-it has a ``cjk-breaks`` plugin, MyST's Python port does not).  At
   ``doctree-resolved`` the breaks between two Chinese characters, and after Chinese
   punctuation, are removed from running text (never inside math or code).  Delete when
   browsers implement the rule or MyST/docutils gain the option.
2. A closing punctuation mark (。，、；：？！ ...) may start a line after inline
   math: MathJax draws a formula as an inline-block box, and Chromium breaks a line
   after such a box before any character (CSS Text 3 treats an atomic inline like an
   ideograph, https://drafts.csswg.org/css-text-3/#line-break-details), while the line
   breaking rules forbid a break before a closing mark; not even a WORD JOINER (U+2060)
   between the two prevents it (measured in Chromium).  At ``doctree-resolved`` a math
   node and the closing marks right after it are put together in an inline node with
   the class ``dlnotes-nobreak``, which ``_static/dlnotes.css`` keeps on one line
   (``white-space: nowrap``).  Delete when browsers apply the rules of the character
   after an atomic inline.
3. ``minigallery``'s ``:add-heading:`` underlines the heading with as many characters as
   it has, too short for wide (Chinese) characters, so docutils warns and ``-W`` fails
   (sphinx_gallery/directives.py, 0.22.1; no upstream issue found).  The directive is
   overridden to put the heading as a rubric right above the thumbnails, and only when
   there are any (as upstream does).  It relies on ``MiniGallery.run`` inserting the
   thumbnails' reST into the state machine, so :func:`_run_minigallery` is
   version-guarded.  Delete when sphinx-gallery underlines by display width.
"""

import re

from docutils import nodes
from sphinx_gallery.directives import MiniGallery

from ._guard import private_api, verify

# CJK ideographs and punctuation, full-width forms.
_CJK = "[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]"
_CJK_PUNCT = "[\u3000-\u303f\uff00-\uffef]"
_BETWEEN = re.compile(rf"(?<={_CJK})\n(?={_CJK})")
_AFTER_PUNCT = re.compile(rf"(?<={_CJK_PUNCT})\n")
_NO_REFLOW = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block,
              nodes.raw, nodes.comment, nodes.doctest_block)
_RUNNING_TEXT = (nodes.paragraph, nodes.caption, nodes.title, nodes.term)


def _inside_no_reflow(node, stop):
    node = node.parent
    while node is not None and node is not stop:
        if isinstance(node, _NO_REFLOW):
            return True
        node = node.parent
    return False


def join_cjk_lines(app, doctree, docname=None):
    """Remove line breaks between two Chinese characters (and after Chinese punctuation)."""
    for para in list(doctree.findall(nodes.TextElement)):
        if isinstance(para, _NO_REFLOW) or not isinstance(para, _RUNNING_TEXT):
            continue
        texts = list(para.findall(nodes.Text))
        for i, text in enumerate(texts):
            value = str(text)
            if "\n" not in value or _inside_no_reflow(text, para):
                continue
            # the neighbouring characters decide a break at either end of this node
            before = str(texts[i - 1])[-1:].strip() if i > 0 else ""
            after = str(texts[i + 1])[:1].strip() if i + 1 < len(texts) else ""
            joined = _AFTER_PUNCT.sub("", _BETWEEN.sub("", before + value + after))
            joined = joined[len(before): len(joined) - len(after)]
            if joined != value:
                # by identity: Text is a str, and Element.replace finds the first *equal* child
                # (with two "\n" nodes in a paragraph it would replace the wrong one)
                parent = text.parent
                parent[next(k for k, child in enumerate(parent.children) if child is text)] = nodes.Text(joined)


# closing punctuation that must not start a line (UAX 14 classes CL, CP, EX, IS, NS, IN):
# CJK and full-width forms, and their ASCII counterparts
_CLOSING = "。．，、；：？！）」』】〕〉》〗〙〛”’…" + ",.;:!?)]}"
NOBREAK_CLASS = "dlnotes-nobreak"
# inline elements that may hold nothing but a formula (its closing mark then follows them)
_INLINE = (nodes.emphasis, nodes.strong, nodes.reference, nodes.inline)


def keep_math_with_punctuation(app, doctree, docname=None):
    """Put inline math and the closing marks right after it in one unbreakable inline."""
    for math in list(doctree.findall(nodes.math)):
        node = math
        while isinstance(node.parent, _INLINE) and len(node.parent) == 1:
            node = node.parent
        parent = node.parent
        if parent is None or NOBREAK_CLASS in parent.get("classes", []):
            continue
        index = parent.index(node)
        following = parent[index + 1] if index + 1 < len(parent) else None
        if not isinstance(following, nodes.Text):
            continue
        text = str(following)
        marks = len(text) - len(text.lstrip(_CLOSING))
        if marks == 0:
            continue
        wrapper = nodes.inline("", "", classes=[NOBREAK_CLASS])
        parent[index] = wrapper
        wrapper += node
        wrapper += nodes.Text(text[:marks])
        if text[marks:]:
            parent[index + 1] = nodes.Text(text[marks:])
        else:
            del parent[index + 1]


@private_api(
    "minigallery heading for Chinese text",
    {"sphinx-gallery": "0.22.1"},
    "that MiniGallery.run still inserts the thumbnails' reST with "
    "state_machine.insert_input and returns [] (sphinx_gallery/directives.py).",
)
def _run_minigallery(directive, heading):
    before = len(directive.state_machine.input_lines)
    result = MiniGallery.run(directive)  # inserts the thumbnails' reST after the directive
    if heading and len(directive.state_machine.input_lines) > before:
        # inserted right after the directive too, so it lands above the thumbnails
        directive.state_machine.insert_input([f".. rubric:: {heading}", ""], "minigallery")
    return result


class ChineseMiniGallery(MiniGallery):
    """``minigallery`` whose ``:add-heading:`` is a rubric above a non-empty list."""

    def run(self):
        return _run_minigallery(self, self.options.pop("add-heading", None))


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    verify(_run_minigallery)
    app.add_directive("minigallery", ChineseMiniGallery, override=True)
    app.connect("doctree-resolved", join_cjk_lines)
    app.connect("doctree-resolved", keep_math_with_punctuation)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
