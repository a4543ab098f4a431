"""The book's print typography (LaTeX only), applied by ``book``'s ``BookBackMatter``.

sphinx-design badges (练习的类型) become small labels (``dlnotes-badge``, styled by
``dlnotesbook.sty``), and ASCII double quotes in Chinese paragraphs become “ ”
(smartquotes leave zh_CN alone).  These are this book's choices, not upstream gaps.
"""

import re

from docutils import nodes

from ._booktree import in_any, in_upto


def typography(document):
    """Print-only touches: badges as labels, ASCII double quotes in Chinese text as “ ”."""
    for badge in list(document.findall(nodes.inline)):
        if "sd-badge" in badge.get("classes", ()):
            text = badge.astext()
            badge.parent.replace(badge, nodes.inline(text, text, classes=["dlnotes-badge"]))
    for element in list(document.findall(nodes.TextElement)):
        if isinstance(element, _RUNNING_TEXT) and not in_any(element, _RUNNING_TEXT + _NO_TYPOGRAPHY):
            curly_quotes(element)


_NO_TYPOGRAPHY = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw,
                  nodes.comment, nodes.doctest_block)
_RUNNING_TEXT = (nodes.paragraph, nodes.title, nodes.caption, nodes.rubric, nodes.term)
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def curly_quotes(element):
    """``"…"`` around Chinese text: “…” (Sphinx leaves zh_CN quotes alone, smartquotes_excludes).

    In the HTML the straight quotes stand as typed; in print the TeX font's ``"`` is a
    closing quote on both sides and xeCJK puts a Latin space between it and the Chinese
    text.  Quotes pair up in order within one paragraph; a paragraph with an odd number of
    them is left as it is.
    """
    texts = [t for t in element.findall(nodes.Text) if not in_upto(t, element, _NO_TYPOGRAPHY)]
    count = sum(str(t).count('"') for t in texts)
    if not count or count % 2 or not _CJK.search(element.astext()):
        return
    opening = True
    for text in texts:
        value = str(text)
        if '"' not in value:
            continue
        out = []
        for char in value:
            if char == '"':
                out.append("\u201c" if opening else "\u201d")
                opening = not opening
            else:
                out.append(char)
        text.parent.replace(text, nodes.Text("".join(out)))
