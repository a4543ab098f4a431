"""dlnotes_site.perf: images after a page's first load lazily; extension scripts deferred."""

from docutils import nodes

from dlnotes_site import perf


class _Script:
    """Stands for Sphinx's asset object (built like ``app.add_js_file``'s arguments)."""

    def __init__(self, filename, priority=500, **attributes):
        self.filename, self.priority, self.attributes = filename, priority, attributes


def test_every_image_but_the_first_is_lazy():
    doc = nodes.document(None, None)
    images = [nodes.image(uri=f"{i}.png") for i in range(3)]
    for image in images:
        doc += nodes.paragraph("", "", image)
    images[2]["loading"] = "embed"  # an explicit choice is kept
    perf.lazy_images(None, doc, "page")
    assert [image.get("loading") for image in images] == [None, "lazy", "embed"]


def test_scripts_are_deferred_except_those_inline_code_and_search_need():
    files = [_Script("_static/documentation_options.js"), _Script("_static/doctools.js"),
             _Script("_static/copybutton.js"), _Script(None, body="DOCUMENTATION_OPTIONS.x = 1"),
             _Script("_static/mathjax/tex-chtml.js", **{"async": "async"}),
             _Script("https://example.org/x.js"), _Script("_static/design-tabs.js", priority=900),
             _Script("_static/translations.js")]
    out = perf._deferred(files)
    deferred = [js.filename for js in out if js.attributes.get("defer")]
    assert deferred == ["_static/copybutton.js", "_static/design-tabs.js"]
    assert out[-2].priority == 900 and out[3] is files[3]
    context = {"script_files": files}
    perf.defer_scripts(None, "search", "search.html", context, None)
    assert context["script_files"] is files  # the search page keeps Sphinx's order


class _Sheet:
    """Stands for Sphinx's stylesheet asset object."""

    def __init__(self, filename):
        self.filename = filename


SHEETS = ["_static/pygments.css", "_static/styles/sphinx-book-theme.css",
          "_static/mystnb." + "0" * 64 + ".css", "_static/copybutton.css",
          "_static/exercise.css", "_static/sg_gallery.css", "_static/sg_gallery-binder.css",
          "_static/sg_gallery-dataframe.css", "_static/sg_gallery-rendered-html.css",
          "_static/sphinx-design.min.css", "_static/dlnotes.css"]


def _kept(body):
    return [css.filename.split("/")[-1] for css in perf._needed([_Sheet(f) for f in SHEETS], body)]


def test_a_stylesheet_is_linked_only_where_the_page_has_what_it_styles():
    always = ["sphinx-book-theme.css", "dlnotes.css"]  # not in STYLED: every page
    assert _kept("<p>prose only</p>") == always
    assert _kept('<div class="highlight-python notranslate"><div class="highlight"><pre>x</pre>') \
        == ["pygments.css", "sphinx-book-theme.css", "copybutton.css", "dlnotes.css"]
    kept = _kept('<div class="sphx-glr-thumbcontainer"></div><div class="sd-card docutils">'
                 '<div class="exercise admonition"></div><div class="cell docutils container">')
    assert kept == ["sphinx-book-theme.css", "mystnb." + "0" * 64 + ".css", "exercise.css",
                    "sg_gallery.css", "sphinx-design.min.css", "dlnotes.css"]
    assert "sg_gallery-dataframe.css" in _kept('<table class="dataframe">')
    # a word in the prose is not a class
    assert _kept("<p>a dataframe, a cell and an exercise</p>") == always


def test_the_theme_script_resolves_auto_like_the_theme():
    import shutil
    import subprocess

    node = shutil.which("node")
    if node is None:
        import pytest
        pytest.skip("Node.js is not installed")
    # (stored mode, stored theme: the last resolution, system in dark mode): theme
    cases = {("auto", "auto", False): "light", ("auto", "auto", True): "dark",
             ("dark", "auto", False): "dark", ("light", "auto", True): "light",
             ("auto", "light", True): "dark", ("auto", "dark", False): "light",
             ("dark", "light", False): "dark", ("bogus", "dark", False): "light"}
    for (mode, theme, prefers_dark), expected in cases.items():
        js = ("const dataset={mode:%r,theme:%r};const document={documentElement:{dataset}};"
              "const matchMedia=q=>({matches:%s&&q==='(prefers-color-scheme: dark)'});%s"
              "console.log(dataset.theme);" % (mode, theme, str(prefers_dark).lower(), perf.THEME_SCRIPT))
        out = subprocess.run([node, "-e", js], capture_output=True, text=True, check=True).stdout
        assert out.strip() == expected, (mode, theme, prefers_dark)
