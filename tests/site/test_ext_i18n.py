"""dlnotes_site.i18n and locale/: interface strings in Chinese through gettext catalogues."""

import os
import re
import subprocess
import sys
import textwrap
import types
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from docutils.core import publish_doctree
from sphinx.util.nodes import extract_messages

from dlnotes_site import i18n

ROOT = Path(__file__).resolve().parents[2]
LOCALE = ROOT / "locale"
_CJK = re.compile(r"[\u3400-\u9fff]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _catalogues():
    return sorted(LOCALE.rglob("*.po"))


def _messages(path):
    with open(path, "rb") as f:
        return [m for m in read_po(f) if m.id]


@pytest.mark.parametrize("path", _catalogues(), ids=lambda p: str(p.relative_to(LOCALE)))
def test_every_entry_is_translated_into_chinese(path):
    messages = _messages(path)
    assert messages
    for m in messages:
        assert m.string and _CJK.search(m.string), (m.id, m.string)
        # a template's placeholders, and reST roles, come back in the translation
        assert set(_PLACEHOLDER.findall(m.id)) == set(_PLACEHOLDER.findall(m.string)), m.id
        assert re.findall(r":\w+:`", m.id) == re.findall(r":\w+:`", m.string), m.id


# reST as sphinx-gallery 0.22 writes it into an example page (gen_rst.EXAMPLE_HEADER and
# the download footer), with its indentation and line breaks
GALLERY_RST = textwrap.dedent("""\
    .. note::
        :class: sphx-glr-download-link-note

        :ref:`Go to the end <sphx_glr_download_generated_gallery_a_plot_01_x.py>`
        to download the full example code.

    .. container:: sphx-glr-footer sphx-glr-footer-example

      .. container:: sphx-glr-download sphx-glr-download-jupyter

        :download:`Download Jupyter notebook: plot_01_x.ipynb <plot_01_x.ipynb>`

      .. container:: sphx-glr-download sphx-glr-download-python

        :download:`Download Python source code: plot_01_x.py <plot_01_x.py>`
    """)


def _sphinx_messages(rst):
    """The msgids Sphinx's translation looks up for ``rst``'s paragraphs (its own extractor)."""
    settings = {"report_level": 5, "halt_level": 5}
    doctree = publish_doctree(rst, settings_overrides=settings)
    return [msg for _, msg in extract_messages(doctree)]


def test_filled_entries_are_the_messages_sphinx_looks_up():
    with open(LOCALE / "zh_CN" / "generated.po", "rb") as f:
        template = [(m.id, m.string) for m in read_po(f) if m.id]
    filled, unmatched = i18n.fill(template, [GALLERY_RST])
    ids = dict(filled)
    wanted = [m for m in _sphinx_messages(GALLERY_RST) if "Download" in m or "Go to" in m]
    assert len(wanted) == 3
    for msgid in wanted:
        assert msgid in ids, msgid
    assert ids[wanted[1]] == (":download:`下载 Jupyter 笔记本：plot_01_x.ipynb "
                              "<plot_01_x.ipynb>`")
    # the gallery index's "download all" entries are not in this page: reported unmatched
    assert sorted(unmatched) == sorted(m for m, _ in template if "Download all" in m
                                       or "Download zipped" in m)
    # entries without placeholders are copied as they are
    assert ids["Parameters"] == "参数"


def test_a_placeholder_matches_the_same_text_where_it_repeats():
    pattern = i18n.template_pattern(":download:`Download zipped: {file} <{file}>`")
    assert pattern.search(":download:`Download zipped: a.zip <a.zip>`")
    assert not pattern.search(":download:`Download zipped: a.zip <b.zip>`")
    assert pattern.search(":download:`Download\n   zipped: a.zip <a.zip>`")  # wrapped


def test_the_catalogue_text_round_trips_through_babel(tmp_path):
    messages = [("Parameters", "参数"), ('say "hi"\\', "说“你好”")]
    path = tmp_path / "x.po"
    path.write_text(i18n.po_text(messages, "zh_CN"), encoding="utf-8")
    assert [(m.id, m.string) for m in _messages(path)] == messages
    assert i18n.po_text(messages, "zh_CN") == i18n.po_text(messages, "zh_CN")


CONF = """
extensions = ["sphinx_gallery.gen_gallery", "numpydoc", "sphinx.ext.autodoc", "dlnotes_site.i18n"]
language = "zh_CN"
locale_dirs = ["locale", "generated/locale"]
exclude_patterns = ["examples", "_build", "generated/**.ipynb", "generated/**.py", "locale"]
html_theme = "sphinx_book_theme"
sphinx_gallery_conf = {"examples_dirs": "examples", "gallery_dirs": "generated/gallery",
                       "min_reported_time": float("inf"), "download_all_examples": True,
                       "write_computation_times": False}
"""
INDEX = """
首页
====

.. toctree::

   generated/gallery/index
"""
SCRIPT = '"""\n示例甲\n======\n\n一个很短的示例。\n"""\n\nprint(1)\n'


def _tiny_project(tmp_path):
    (tmp_path / "conf.py").write_text(CONF)
    (tmp_path / "index.rst").write_text(INDEX, encoding="utf-8")
    (tmp_path / "examples").mkdir()
    (tmp_path / "examples" / "GALLERY_HEADER.rst").write_text("示例\n====\n", encoding="utf-8")
    (tmp_path / "examples" / "plot_a.py").write_text(SCRIPT, encoding="utf-8")
    source = LOCALE / "zh_CN"
    target = tmp_path / "locale" / "zh_CN"
    (target / "LC_MESSAGES").mkdir(parents=True)
    (target / "generated.po").write_bytes((source / "generated.po").read_bytes())
    for po in (source / "LC_MESSAGES").glob("*.po"):
        (target / "LC_MESSAGES" / po.name).write_bytes(po.read_bytes())


def _build(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(Path(i18n.__file__).parents[1]), MPLBACKEND="Agg")
    return subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", ".", "_build"],
                          cwd=tmp_path, env=env, capture_output=True, text=True)


def test_a_built_example_page_and_the_theme_speak_chinese(tmp_path):
    _tiny_project(tmp_path)
    proc = _build(tmp_path)
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "_build" / "generated" / "gallery" / "plot_a.html").read_text(encoding="utf-8")
    text = re.sub(r"<[^>]+>", "", page)
    for english in ["Go to the end", "Download Jupyter notebook", "Download Python source code",
                    "Download zipped", "Search...", "System Settings", "Color mode"]:
        assert english not in text and english not in page, english
    assert "完整示例代码的下载链接在" in text and "下载 Jupyter 笔记本" in text
    assert 'placeholder="搜索..."' in page  # sphinx-book-theme's domain, from booktheme.po


def _write_catalogue(tmp_path, template):
    """``i18n.write_catalogue`` on a project with one generated example page; the catalogue."""
    (tmp_path / "locale" / "zh_CN").mkdir(parents=True, exist_ok=True)
    (tmp_path / "locale" / "zh_CN" / "generated.po").write_text(template, encoding="utf-8")
    gallery = tmp_path / "generated" / "gallery"
    gallery.mkdir(parents=True, exist_ok=True)
    (gallery / "plot_01_x.rst").write_text(GALLERY_RST, encoding="utf-8")
    config = types.SimpleNamespace(language="zh_CN", locale_dirs=["locale", i18n.GENERATED_LOCALE_DIR],
                                   gettext_compact=True,
                                   sphinx_gallery_conf={"gallery_dirs": "generated/gallery"})
    i18n.write_catalogue(types.SimpleNamespace(config=config, srcdir=str(tmp_path)))
    return tmp_path / i18n.GENERATED_LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "generated.po"


def test_a_template_entry_that_matches_nothing_is_reported(tmp_path, caplog):
    # the build runs with -W, so this warning fails it: sphinx-gallery changed its wording
    written = _write_catalogue(tmp_path, 'msgid ":download:`Get the notebook: {file} <{file}>`"\n'
                                         'msgstr ":download:`笔记本：{file} <{file}>`"\n')
    assert any("matches no generated page" in r.getMessage() and "Get the notebook" in r.getMessage()
               for r in caplog.records), caplog.text
    assert [m.id for m in _messages(written)] == []


def test_the_catalogue_is_rewritten_only_when_its_text_changes(tmp_path):
    # an unchanged catalogue keeps its time stamp, so Sphinx re-reads no page after it
    template = (LOCALE / "zh_CN" / "generated.po").read_text(encoding="utf-8")
    written = _write_catalogue(tmp_path, template)
    stamp = written.stat().st_mtime_ns
    assert _write_catalogue(tmp_path, template).stat().st_mtime_ns == stamp
    assert "下载 Jupyter 笔记本：plot_01_x.ipynb" in written.read_text(encoding="utf-8")
    changed = _write_catalogue(tmp_path, template.replace("下载 Jupyter 笔记本", "下载笔记本"))
    assert "下载笔记本：plot_01_x.ipynb" in changed.read_text(encoding="utf-8")
