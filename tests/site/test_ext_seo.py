"""dlnotes_site.seo: each page's description comes from its first paragraph of prose."""

from docutils import nodes

from dlnotes_site import seo


def _doc(*children):
    doc = nodes.document(None, None)
    section = nodes.section()
    section += nodes.title("", "标题")
    for child in children:
        section += child
    doc += section
    return doc


def test_the_first_prose_paragraph_with_readable_math():
    note = nodes.note("", nodes.paragraph("", "这是提示框里的文字，不是正文的开头。"))
    para = nodes.paragraph("", "", nodes.Text("激活函数\n"), nodes.math("", r"\sigma(x)=\frac{1}{1+e^{-x}}"),
                           nodes.Text(" 把任意实数\n压到 (0, 1)。"))
    doc = _doc(note, para)
    seo.add_description(None, doc)
    meta = doc[0]
    assert isinstance(meta, nodes.meta) and meta["name"] == "description"
    assert meta["content"] == "激活函数 σ(x)=(1)/(1+e^-x) 把任意实数压到 (0, 1)。"
    seo.add_description(None, doc)  # a page with a description keeps it
    assert len(list(doc.findall(nodes.meta))) == 1


def test_a_long_paragraph_is_cut_at_a_sentence_end():
    first = "第一句讲清楚这一章要回答的问题。" * 3
    doc = _doc(nodes.paragraph("", first + "第二句很长" * 30))
    text = seo.description(doc)
    assert text == first and len(text) <= seo.MAX_LENGTH
    assert seo.description(_doc(nodes.paragraph("", "没有句号" * 50))).endswith("…")
