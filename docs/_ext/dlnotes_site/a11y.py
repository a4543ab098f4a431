"""Accessible names that the theme and docutils leave out (axe-core finds both).

1. The sidebar's expand/collapse control is a ``<summary>`` holding only a decorative
   icon (pydata-sphinx-theme 0.20, ``toctree.add_collapse_checkboxes``, since
   https://github.com/pydata/pydata-sphinx-theme/pull/1582), so it has no name
   (axe: summary-name, serious).  The theme's template function
   ``generate_toctree_html`` is wrapped in the page context (``html-page-context``,
   after the theme, through ``_sidebar.edit_sidebar``, version-guarded: it relies on
   the theme's markup and context function) so that its sidebar HTML names such a
   summary.
   No upstream issue found; delete when the theme names the control.
2. docutils' HTML writer gives bibliography entries ``role="doc-biblioentry"`` inside a
   ``role="list"`` container.  DPUB-ARIA 1.1 deprecated that role because it is not a
   list item (https://github.com/w3c/dpub-aria/pull/22), so the list has no items for
   assistive technology (axe: aria-required-children).  The page body is rewritten with
   ``role="listitem"`` (public ``html-page-context`` body).  Delete when docutils stops
   emitting the role.
"""

import re

from ._guard import verify
from ._sidebar import edit_sidebar

TOGGLE_NAME = "展开或折叠本节"
# a <summary> that holds nothing but the theme's chevron icon
_BARE_TOGGLE = re.compile(
    r'<summary>(?=<span class="toctree-toggle" role="presentation"><i [^>]*></i></span></summary>)')


def name_toggles(html):
    """Give every icon-only sidebar ``<summary>`` in ``html`` an ``aria-label``."""
    return _BARE_TOGGLE.sub(f'<summary aria-label="{TOGGLE_NAME}">', html)


def sidebar_toggles(app, pagename, templatename, context, doctree):
    edit_sidebar(context, name_toggles)


def bibliography_roles(app, pagename, templatename, context, doctree):
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def setup(app):
    verify(edit_sidebar)
    # after the theme (priority 500) has put its toctree function into the context
    app.connect("html-page-context", sidebar_toggles, priority=900)
    app.connect("html-page-context", bibliography_roles)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
