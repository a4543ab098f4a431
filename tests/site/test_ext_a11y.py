"""dlnotes_site.a11y: the sidebar toggles and bibliography entries get accessible names."""

from dlnotes_site import a11y

TOGGLE = ('<summary><span class="toctree-toggle" role="presentation">'
          '<i class="fa-solid fa-chevron-down"></i></span></summary>')
CAPTION = ('<summary><p class="caption" role="heading"><span class="caption-text">章节</span></p>'
           '<span class="toctree-toggle" role="presentation"><i class="fa-solid fa-chevron-down"></i>'
           '</span></summary>')


def test_icon_only_toggles_are_named_and_captioned_ones_left_alone():
    html = f'<li><a href="a.html">甲</a><details>{TOGGLE}<ul></ul></details></li>{CAPTION}'
    named = a11y.name_toggles(html)
    assert named.count(f'<summary aria-label="{a11y.TOGGLE_NAME}">') == 1
    assert named.count("<summary>") == 1 and CAPTION in named


class _Soup:
    """Stands for the theme's BeautifulSoup tree: renders as HTML with str()."""

    def __str__(self):
        return f"<ul><li><details>{TOGGLE}</details></li></ul>"


def test_the_theme_toctree_function_is_wrapped_for_the_sidebar_only():
    soup = _Soup()
    calls = []

    def generate(kind, startdepth=1, **kwargs):
        calls.append((kind, startdepth, kwargs))
        return soup

    context = {"generate_toctree_html": generate}
    a11y.sidebar_toggles(None, "index", "page.html", context, None)
    sidebar = context["generate_toctree_html"](startdepth=0, kind="sidebar", maxdepth=4)
    assert f'aria-label="{a11y.TOGGLE_NAME}"' in sidebar
    assert context["generate_toctree_html"]("raw") is soup  # the tree itself, untouched
    assert calls == [("sidebar", 0, {"maxdepth": 4}), ("raw", 1, {})]


def test_bibliography_entries_become_list_items():
    body = ('<div role="list" class="citation-list">'
            '<div class="citation" id="he2016" role="doc-biblioentry">He et al.</div></div>')
    context = {"body": body}
    a11y.bibliography_roles(None, "references", "page.html", context, None)
    assert 'role="doc-biblioentry"' not in context["body"]
    assert context["body"].count('role="listitem"') == 1
