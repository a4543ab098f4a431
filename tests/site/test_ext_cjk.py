"""dlnotes_site.cjk: no spaces from line breaks in Chinese text; minigallery headings."""

import os
import subprocess
import sys
from pathlib import Path

from docutils import nodes

from dlnotes_site import cjk


def _paragraph(*children):
    doc = nodes.document(None, None)
    para = nodes.paragraph("", "", *children)
    doc += para
    return doc, para


def test_join_cjk_lines_between_chinese_characters_and_after_punctuation():
    doc, para = _paragraph(
        nodes.Text("激活函数\n决定了"),
        nodes.strong("", "非线性"),
        nodes.Text("，\nReLU 最常用；\n"),
        nodes.literal("", "a\nb"),
        nodes.Text("\nloss 与\nlogits"),
    )
    cjk.join_cjk_lines(None, doc)
    assert para.astext() == "激活函数决定了非线性，ReLU 最常用；a\nb\nloss 与\nlogits"


def test_join_cjk_lines_decides_each_break_on_its_own_neighbours():
    # MyST makes each soft line break a Text node "\n" of its own: two equal nodes in one
    # paragraph, each decided by its own neighbours (a break before code stays a space)
    doc, para = _paragraph(nodes.Text("中文和"), nodes.Text("\n"), nodes.literal("", "code"),
                           nodes.Text("；"), nodes.Text("\n"), nodes.Text("下一行"))
    cjk.join_cjk_lines(None, doc)
    assert [str(t) for t in para.findall(nodes.Text)] == ["中文和", "\n", "code", "；", "", "下一行"]


def test_join_cjk_lines_leaves_math_and_code_alone():
    doc, para = _paragraph(nodes.Text("公式"), nodes.math("", "a\n\\times b"), nodes.Text("\n成立"))
    cjk.join_cjk_lines(None, doc)
    assert para.children[1].astext() == "a\n\\times b"
    # the break after inline math stands between "b" and "成": kept as a space
    assert para.children[2].astext() == "\n成立"


def test_join_cjk_lines_across_nodes():
    doc, para = _paragraph(nodes.Text("梯度\n"), nodes.emphasis("", "消失"), nodes.Text("\n问题"))
    cjk.join_cjk_lines(None, doc)
    assert para.astext() == "梯度消失问题"


def test_inline_math_and_the_closing_marks_after_it_stay_together():
    doc, para = _paragraph(nodes.Text("斜率为 "), nodes.math("", "a"), nodes.Text("。下一句"),
                           nodes.strong("", "", nodes.math("", "b")), nodes.Text("），"),
                           nodes.math("", "c"), nodes.Text(" 不是标点"))
    cjk.keep_math_with_punctuation(None, doc)
    wrappers = [n for n in para.children if isinstance(n, nodes.inline)]
    assert [w["classes"] for w in wrappers] == [[cjk.NOBREAK_CLASS]] * 2
    assert wrappers[0].astext() == "a。" and isinstance(wrappers[0][0], nodes.math)
    assert wrappers[1].astext() == "b），"  # through an inline that holds only the formula
    assert para.astext() == "斜率为 a。下一句b），c 不是标点"
    cjk.keep_math_with_punctuation(None, doc)  # a second pass changes nothing
    assert len([n for n in para.findall(nodes.inline)]) == 2


CONF = """
extensions = ["sphinx_gallery.gen_gallery", "dlnotes_site.cjk"]
exclude_patterns = ["examples", "_build"]
sphinx_gallery_conf = {"examples_dirs": "examples", "gallery_dirs": "generated/gallery",
                       "backreferences_dir": "generated/backreferences",
                       "min_reported_time": float("inf"), "download_all_examples": False}
"""
INDEX = """
首页
====

.. minigallery:: examples/plot_a.py
   :add-heading: 用到这个函数的示例

.. minigallery:: examples/nothing_*.py
   :add-heading: 这里没有示例

.. toctree::

   generated/gallery/index
"""
SCRIPT = '"""\n示例甲\n======\n\n一个很短的示例。\n"""\n\nprint(1)\n'


def test_minigallery_heading_is_a_rubric_above_a_non_empty_list(tmp_path):
    # sphinx-gallery underlines ":add-heading:" by character count: too short for
    # Chinese, so docutils warns and -W fails; and a list without examples gets no heading
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.rst").write_text(INDEX, encoding="utf-8")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "GALLERY_HEADER.rst").write_text("示例\n====\n", encoding="utf-8")
    (tmp_path / "examples" / "plot_a.py").write_text(SCRIPT, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(cjk.__file__).parents[1]), MPLBACKEND="Agg")
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", ".", "_build"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = (tmp_path / "_build" / "index.html").read_text(encoding="utf-8")
    heading = html.index('<p class="rubric">用到这个函数的示例</p>')
    assert html.index("sphx-glr-thumbcontainer", heading) > heading
    assert html.count("sphx-glr-thumbcontainer") == 1
    assert "这里没有示例" not in html
