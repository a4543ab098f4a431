"""dlnotes_site.book: the LaTeX document a tiny project becomes (no TeX needed), the
pinyin sort keys of the index, the 2× image twins."""

import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from PIL import Image

from dlnotes_site import book, bookimages, bookindex

EXT = Path(book.__file__).resolve().parents[1]

CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
project = "小书"
language = "zh_CN"
extensions = ["sphinx_design", "sphinx_exercise", "dlnotes_site.book", "dlnotes_site.bookimages"]
latex_documents = [("index", "tiny.tex", "小书", "作者", "manual", True)]
dlnotes_book_leave_out = ["online/*"]
dlnotes_book_admonition_styles = {{"erratum": "caution"}}
"""

PAGES = {
    "index.rst": """
小书
====

.. toctree::
   :numbered: 1

   ch1
   ch2

.. toctree::

   back
   online/page
""",
    "ch1.rst": """
第一章
======

.. _ch1-intro:

引言
----

见 :ref:`online-label` 与 :ref:`示例 <online-label>`，另见 [Ref1]_ 和 :py:func:`online_function`。
他说"引号里的话"。

.. admonition:: 勘误：某事
   :class: erratum
   :name: err-one

   更正的内容。

.. figure:: img.png
   :alt: 一幅图

   亮色的图。

.. figure:: photo.webp
   :alt: 一张照片

   照片。

.. figure:: dark.png
   :alt: 暗色的图
   :class: only-dark

   只给暗色主题的图。

延伸阅读
--------

一段文字。

.. toctree::

   ch1_ex
   ch1_more

.. _ch1-points:

要点
----

见 :ref:`ch1-points`。
""",
    "ch1_more.rst": """
补充
====

补充的内容。
""",
    "ch1_ex.rst": """
第一章练习
==========

.. exercise:: 第一题
   :label: ex-one

   :bdg-primary:`计算` 求 6 乘 7。

.. solution:: ex-one
   :label: sol-one

   .. dropdown:: 查看答案

      答案是四十二。

.. exercise:: 第二题
   :label: ex-two

   问题二。

.. solution:: ex-two
   :label: sol-two

   答案二。
""",
    "ch2.rst": """
第二章
======

.. exercise:: 第三题
   :label: ex-three

   问题三。

.. solution:: ex-three
   :label: sol-three

   答案三。
""",
    "back.rst": """
附录页
======

练习一览：:ref:`ex-two`、:numref:`ex-three`；勘误见 :ref:`勘误框 <err-one>`。
""",
    "online/page.rst": """
.. _online-label:

只在网上的页面
==============

.. [Ref1] 一篇文献。

.. py:function:: online_function()

   只在网上说明的函数。
""",
}


def _png(width, height):
    """A valid grey PNG of the given size (the LaTeX builder only copies it)."""
    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


@pytest.fixture(scope="module")
def tiny_book(tmp_path_factory):
    """The tiny project built by the LaTeX builder: (its .tex text, output folder)."""
    src = tmp_path_factory.mktemp("book")
    (src / "conf.py").write_text(CONF, encoding="utf-8")
    for name, text in PAGES.items():
        (src / name).parent.mkdir(parents=True, exist_ok=True)
        (src / name).write_text(text, encoding="utf-8")
    (src / "img.png").write_bytes(_png(4, 3))
    (src / "img_2_00x.png").write_bytes(_png(8, 6))
    (src / "dark.png").write_bytes(_png(4, 3))
    for name, size, colour in (("photo.webp", (4, 3), (200, 40, 40)), ("photo_2_00x.webp", (8, 6), (40, 40, 200))):
        Image.new("RGB", size, colour).save(src / name, "WEBP", lossless=True)
    out = src / "_build"
    env = dict(os.environ, PYTHONPATH=str(EXT))
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-b", "latex", "-W", "--keep-going", "-q",
                           str(src), str(out)], env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return (out / "tiny.tex").read_text(encoding="utf-8"), out


def _body(tex):
    return tex[tex.index(r"\begin{document}"):]


def test_chapters_then_appendix_solutions_first_then_back_matter(tiny_book):
    body = _body(tiny_book[0])
    order = [r"\chapter{第一章}", r"\section{第一章练习}", r"\chapter{第二章}", r"\appendix",
             r"\chapter{练习解答}", r"\section{第一章}", r"\section{第二章}", r"\chapter{附录页}"]
    positions = [body.index(mark) for mark in order]
    assert positions == sorted(positions)
    # the exercise page included from the chapter's last section is a section of the
    # chapter (1.2), not a subsection of that section
    assert r"\subsection{第一章练习}" not in body


def test_pages_included_inside_a_section_keep_their_order_and_the_next_label(tiny_book):
    # a toctree inside 延伸阅读, followed by the label of the next section (要点): the pages
    # become sections of the chapter in toctree order, the label stays with its heading
    body = _body(tiny_book[0])
    label = r"\label{\detokenize{ch1:ch1-points}}"
    order = [r"\section{延伸阅读}", r"\section{第一章练习}", r"\section{补充}", r"\section{要点}" + "\n" + label]
    assert body.count(label) == 1
    positions = [body.index(mark) for mark in order]
    assert positions == sorted(positions), positions


def test_left_out_page_is_gone_and_references_to_it_are_plain_text(tiny_book):
    body = _body(tiny_book[0])
    assert r"\chapter{只在网上的页面}" not in body
    assert r"\hyperref[\detokenize{online/page" not in body  # no link into the left-out page
    intro = body[body.index(r"\section{引言}"):body.index("勘误")]
    assert "只在网上的页面" in intro  # implicit reference: the target's title
    assert "示例" in intro  # explicit reference: its own text
    assert "online-label" not in intro  # never the bare label
    assert "online\\_function()" in intro  # an API name: plain text
    # its citation stays for the bibliography at the end of the book
    assert "一篇文献" in body[body.index(r"\begin{sphinxthebibliography}"):]


def test_solutions_move_to_the_appendix_with_headings_that_link_back(tiny_book):
    body = _body(tiny_book[0])
    appendix = body[body.index(r"\chapter{练习解答}"):body.index(r"\chapter{附录页}")]
    chapters = body[:body.index(r"\appendix")]
    for answer in ("答案是四十二", "答案二", "答案三"):
        assert answer in appendix and answer not in chapters
    assert "查看答案" not in body  # the dropdown's title means nothing on paper
    headings = re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]\{\\sphinxcrossref\{(练习 [\d.]+ 解答)\}\}",
                          appendix)
    assert headings == [("ch1_ex:ex-one", "练习 1.1 解答"), ("ch1_ex:ex-two", "练习 1.2 解答"),
                        ("ch2:ex-three", "练习 2.1 解答")]
    # each exercise links forward to the page of its solution
    for doc, label in (("ch1_ex", "sol-one"), ("ch1_ex", "sol-two"), ("ch2", "sol-three")):
        assert r"\pageref*{\detokenize{%s:%s}}" % (doc, label) in chapters
        assert r"\label{\detokenize{%s:%s}}" % (doc, label) in appendix


def test_every_link_target_is_labelled_and_exercise_numbers_are_text(tiny_book):
    body = _body(tiny_book[0])
    labels = set(re.findall(r"\\label\{\\detokenize\{([^}]*)\}\}", body))
    targets = set(re.findall(r"\\hyperref\[\\detokenize\{([^}]*)\}\]", body))
    targets |= set(re.findall(r"\\pageref\*?\{\\detokenize\{([^}]*)\}\}", body))
    assert targets and targets <= labels, sorted(targets - labels)
    back = body[body.index(r"\chapter{附录页}"):]
    assert "练习 1.2" in back and "练习 2.1" in back
    assert r"\ref{" not in back  # LaTeX would print its own (section) number, or "??"


def test_erratum_style_badges_and_chinese_quotes(tiny_book):
    body = _body(tiny_book[0])
    assert r"\begin{sphinxadmonition}{caution}{勘误：某事}" in body
    assert r"\DUrole{dlnotes-badge}{计算}" in body
    assert "他说\u201c引号里的话\u201d" in body


def test_dark_twin_left_out_and_2x_render_used(tiny_book):
    tex, out = tiny_book
    assert r"\sphinxincludegraphics{{img}.png}" in tex and "{dark}" not in tex
    assert (out / "img.png").read_bytes() == _png(8, 6)  # the 2× file under the 1× name


def test_webp_photo_becomes_a_jpeg_from_its_2x_render(tiny_book):
    tex, out = tiny_book
    (name,) = re.findall(r"\\sphinxincludegraphics\{\{(photo[^}]*)\}\.jpg\}", tex)
    with Image.open(out / f"{name}.jpg") as img:
        assert img.format == "JPEG" and img.size == (8, 6)  # the 2x render
        assert max(abs(a - b) for a, b in zip(img.getpixel((4, 3)), (40, 40, 200))) <= 8
    assert ".webp" not in tex


def test_hires_twin_picks_the_largest_multiple(tmp_path):
    image = tmp_path / "sphx_glr_plot_01_x_001.png"
    image.write_bytes(b"1")
    assert bookimages.hires_twin(image) is None
    for name in ("sphx_glr_plot_01_x_001_1_50x.png", "sphx_glr_plot_01_x_001_2_00x.png",
                 "sphx_glr_plot_01_x_0011_3_00x.png"):  # the last belongs to another image
        (tmp_path / name).write_bytes(b"2")
    assert bookimages.hires_twin(image).name == "sphx_glr_plot_01_x_001_2_00x.png"


def test_example_script_of_a_gallery_page(tmp_path):
    (tmp_path / "gallery" / "losses").mkdir(parents=True)
    (tmp_path / "gallery" / "losses" / "plot_03_x.py").write_text("")
    (tmp_path / "docs").mkdir()

    class App:
        srcdir, confdir = tmp_path / "docs", tmp_path

        class config:
            sphinx_gallery_conf = {"examples_dirs": "../gallery", "gallery_dirs": "generated/gallery"}

    assert book.example_script(App, "generated/gallery/losses/plot_03_x") == "gallery/losses/plot_03_x.py"
    assert book.example_script(App, "generated/gallery/losses/plot_04_missing") is None
    assert book.example_script(App, "losses/index") is None


@pytest.mark.parametrize(("line", "expected"), [
    (r"\indexentry{交叉熵@\spxentry{交叉熵}|spxpagem}{51}",
     r"\indexentry{jiao1 cha1 shang1 # 交叉熵@\spxentry{交叉熵}|spxpagem}{51}"),
    (r"\indexentry{α 平衡@\spxentry{α 平衡}}{3}",
     r"\indexentry{alpha ping2 heng2 # α 平衡@\spxentry{α 平衡}}{3}"),
    (r"\indexentry{0\sphinxhyphen{}1 损失@\spxentry{0\sphinxhyphen{}1 损失}}{7}",
     r"\indexentry{0-1 sun3 shi1 # 0\sphinxhyphen{}1 损失@\spxentry{0\sphinxhyphen{}1 损失}}{7}"),
    # makeindex's own characters in a key are quoted with "; they never reach the reading
    (r'\indexentry{Adam"!@\spxentry{Adam"!}!方法@\spxentry{方法}}{9}',
     r'\indexentry{adam # Adam"!@\spxentry{Adam"!}!fang1 fa3 # 方法@\spxentry{方法}}{9}'),
])
def test_pinyin_index_line(line, expected):
    assert bookindex.pinyin_index_line(line + "\n") == expected + "\n"


@pytest.mark.skipif(shutil.which("makeindex") is None, reason="makeindex (TeX) not installed")
def test_index_sorted_by_pinyin_under_latin_letters(tmp_path):
    terms = ["交叉熵", "激活函数", "Adam", "白化", "batch normalization", "交叉熵损失", "池化"]
    (tmp_path / "python.ist").write_text('headings_flag 1\nheading_prefix "\\\\letter{"\nheading_suffix "}"\n')
    (tmp_path / "t.idx").write_text(
        "".join(r"\indexentry{%s@\spxentry{%s}}{%d}" % (t, t, i) + "\n" for i, t in enumerate(terms, 1)),
        encoding="utf-8")
    subprocess.run([sys.executable, bookindex.__file__, "makeindex", "-q", "-o", "t.ind", "t.idx"],
                   cwd=tmp_path, check=True)
    ind = (tmp_path / "t.ind").read_text(encoding="utf-8")
    found = re.findall(r"\\letter\{(\w)\}|\\spxentry\{([^}]*)\}", ind)
    assert [a or b for a, b in found] == ["A", "Adam", "B", "白化", "batch normalization",
                                          "C", "池化", "J", "激活函数", "交叉熵", "交叉熵损失"]
