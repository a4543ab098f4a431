"""The one place that edits the theme's sidebar HTML (used by ``a11y`` and ``names``).

pydata-sphinx-theme 0.20 renders the sidebar's navigation from the template function
``generate_toctree_html`` that it puts into the page context; nothing public hands an
extension that HTML.  :func:`edit_sidebar` wraps the function so that an edit applies to
what it returns for the sidebar, and leaves its other kinds ("raw": the theme's
BeautifulSoup tree) alone.  Edits compose: each call wraps the function as it stands.
"""

from ._guard import private_api


@private_api(
    "edit the sidebar's HTML (accessible toggle names, line breaks in long names)",
    {"pydata-sphinx-theme": "0.20.0"},
    "that the theme still puts generate_toctree_html(kind, ...) in the page context and "
    "returns the sidebar's HTML for kind='sidebar', its toggles as <summary><span "
    "class=\"toctree-toggle\" role=\"presentation\"><i ...></i></span></summary> "
    "(pydata_sphinx_theme/toctree.py).",
)
def edit_sidebar(context, edit):
    """Make ``context``'s ``generate_toctree_html`` return ``edit(html)`` for the sidebar."""
    generate = context.get("generate_toctree_html")
    if generate is None:
        return

    def edited(*args, **kwargs):
        out = generate(*args, **kwargs)
        if kwargs.get("kind", args[0] if args else None) != "sidebar":
            return out  # "raw" asks for the theme's BeautifulSoup tree
        return edit(str(out))

    context["generate_toctree_html"] = edited
