"""Line-break opportunities in long dotted names (issue 16.8: titles never break mid-word).

An API page's title is its object's full name (``dlnotes.losses.binary_cross_entropy_with_logits``):
one "word" for the line breaker, since neither ``.`` nor ``_`` is a break opportunity
(UAX 14).  Where the name is wider than its box (a phone's heading, the 256-px sidebar,
the previous/next links) the browser either overflows the box, where the theme clips it
("…sigmoid_gra" in the next-page link), or, with ``overflow-wrap: anywhere``, breaks
inside a word ("sig|moid_grad").  ``<wbr>`` after each ``.`` and ``_`` of such a name
gives the breaker the places a reader expects; copied text is unchanged (``<wbr>`` is no
character, unlike a zero-width space).

The names are put into the HTML that the theme writes from the page context
(``html-page-context``, after the theme): the page's ``<h1>`` and the object names of
API signatures and the types in their field lists in the body, the previous/next titles
and the sidebar's navigation, whose HTML comes from the theme's context function
``generate_toctree_html`` (through ``_sidebar.edit_sidebar``, version-guarded, shared
with ``a11y``).  Titles elsewhere (search
index, ``<title>``) keep their plain text.  No upstream issue found; delete when browsers
or the theme break long identifiers at their separators.
"""

import re

from ._guard import verify
from ._sidebar import edit_sidebar

# a dotted or snake_case name long enough to need a break: letters, digits, _ and .
_NAME = re.compile(r"(?<![\w.&#])[A-Za-z_][\w.]*[._][\w.]*\w")
_MIN_LENGTH = 16
_AFTER_SEPARATOR = re.compile(r"(?<=[._])(?=\w)")
_TAG = re.compile(r"(<[^>]*>)")
_H1 = re.compile(r"(<h1\b[^>]*>)(.*?)(</h1>)", re.S)
# an object's name in its signature: <span class="sig-name descname"><span class="pre">…
_SIG_NAME = re.compile(r'(<span class="sig-(?:pre)?name [^"]*"><span class="pre">)([^<]*)(</span>)')
# a type in a field list: a returned type alone in its <dt>, or a parameter's classifier
_FIELD_TYPE = re.compile(r'(<dl class="simple">\s*<dt>|<span class="classifier">)(.*?)(</dt>|</span>)', re.S)


def break_names(html):
    """``html`` with ``<wbr>`` after each ``.``/``_`` of long names in its text (not in tags)."""

    def names(text):
        return _NAME.sub(lambda m: _AFTER_SEPARATOR.sub("<wbr>", m.group())
                         if len(m.group()) >= _MIN_LENGTH else m.group(), text)

    return "".join(part if part.startswith("<") else names(part) for part in _TAG.split(html))


def break_heading_names(body):
    """``body`` with :func:`break_names` applied to its ``<h1>``, signature names and the
    types of its field lists (``matplotlib.colors.ListedColormap``) only."""
    body = _H1.sub(lambda m: m.group(1) + break_names(m.group(2)) + m.group(3), body)
    body = _FIELD_TYPE.sub(lambda m: m.group(1) + break_names(m.group(2)) + m.group(3), body)
    return _SIG_NAME.sub(lambda m: m.group(1) + break_names(m.group(2)) + m.group(3), body)


def page_names(app, pagename, templatename, context, doctree):
    edit_sidebar(context, break_names)
    if context.get("body"):
        context["body"] = break_heading_names(context["body"])
    for key in ("prev", "next"):
        link = context.get(key)
        if link and link.get("title"):
            context[key] = dict(link, title=break_names(link["title"]))


def setup(app):
    verify(edit_sidebar)
    # after the theme (500) and a11y (900) have put their toctree function into the context
    app.connect("html-page-context", page_names, priority=950)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
