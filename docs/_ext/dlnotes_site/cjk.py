"""Chinese text in reST and MyST sources: two gaps.

1. A line break inside a paragraph becomes a space in the browser, which Chinese text
   must not have: browsers do not apply CSS Text's segment-break rules that drop the
   break between two Chinese characters (https://drafts.csswg.org/css-text-3/#line-break-transform,
   https://github.com/w3c/csswg-drafts/issues/5086), and neither docutils nor MyST drop it
   (markdown-it has a ``cjk-breaks`` plugin, MyST's Python port does not).  At
   ``doctree-resolved`` the breaks between two Chinese characters, and after Chinese
   punctuation, are removed from running text (never inside math or code).  Delete when
   browsers implement the rule or MyST/docutils gain the option.
2. ``minigallery``'s ``:add-heading:`` underlines the heading with as many characters as
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
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
