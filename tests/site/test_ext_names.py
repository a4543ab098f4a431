"""dlnotes_site.names: line-break opportunities after . and _ in long dotted names."""

from dlnotes_site import names


def test_long_names_get_a_break_opportunity_after_each_separator():
    assert (names.break_names("dlnotes.losses.binary_cross_entropy")
            == "dlnotes.<wbr>losses.<wbr>binary_<wbr>cross_<wbr>entropy")
    # short names, words, Chinese and a trailing full stop are left alone
    for text in ["dlnotes.init", "sigmoid", "激活函数与 ReLU。", "see the notes."]:
        assert names.break_names(text) == text


def test_markup_is_left_alone():
    html = '<a href="dlnotes.activations.sigmoid_grad.html" title="x">dlnotes.activations.sigmoid_grad</a>'
    out = names.break_names(html)
    assert out.startswith('<a href="dlnotes.activations.sigmoid_grad.html" title="x">')
    assert out.endswith(">dlnotes.<wbr>activations.<wbr>sigmoid_<wbr>grad</a>")
    # what a reader copies is unchanged: <wbr> is markup, not a character
    assert out.replace("<wbr>", "") == html


def test_only_headings_and_signature_names_of_the_body():
    body = ('<h1>dlnotes.activations.sigmoid_grad<a class="headerlink" href="#x">#</a></h1>'
            '<p>dlnotes.activations.sigmoid_grad in prose</p>'
            '<dt class="sig"><span class="sig-name descname"><span class="pre">'
            'binary_cross_entropy_with_logits</span></span></dt>'
            '<dd class="field-even"><dl class="simple">\n<dt>matplotlib.colors.ListedColormap</dt><dd>x</dd>'
            '<dt><strong>name</strong><span class="classifier">str, default "dlnotes_sequential"</span></dt>')
    out = names.break_heading_names(body)
    assert "<h1>dlnotes.<wbr>activations.<wbr>sigmoid_<wbr>grad<a " in out
    assert "<p>dlnotes.activations.sigmoid_grad in prose</p>" in out
    assert "binary_<wbr>cross_<wbr>entropy_<wbr>with_<wbr>logits</span>" in out
    assert "<dt>matplotlib.<wbr>colors.<wbr>ListedColormap</dt>" in out
    assert '"dlnotes_<wbr>sequential"</span>' in out


def test_the_page_context_gets_broken_names():
    def generate(kind, **kwargs):
        return '<a href="a.html">dlnotes.activations.sigmoid_grad</a>'

    context = {"generate_toctree_html": generate, "body": "<h1>dlnotes.metrics.roc_auc_score</h1>",
               "prev": {"link": "p.html", "title": "dlnotes.activations.softmax_backward"},
               "next": None}
    names.page_names(None, "x", "page.html", context, None)
    assert "sigmoid_<wbr>grad" in context["generate_toctree_html"]("sidebar")
    assert context["body"] == "<h1>dlnotes.<wbr>metrics.<wbr>roc_<wbr>auc_<wbr>score</h1>"
    assert context["prev"]["title"] == "dlnotes.<wbr>activations.<wbr>softmax_<wbr>backward"


def test_sidebar_edits_compose_with_the_accessible_names():
    from dlnotes_site import a11y

    def generate(kind, **kwargs):
        return ('<summary><span class="toctree-toggle" role="presentation"><i class="x"></i></span></summary>'
                '<a href="a.html">dlnotes.activations.sigmoid_grad</a>')

    context = {"generate_toctree_html": generate}
    a11y.sidebar_toggles(None, "x", "page.html", context, None)  # priority 900, then names (950)
    names.page_names(None, "x", "page.html", context, None)
    sidebar = context["generate_toctree_html"]("sidebar")
    assert f'aria-label="{a11y.TOGGLE_NAME}"' in sidebar and "sigmoid_<wbr>grad" in sidebar
