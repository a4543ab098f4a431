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
