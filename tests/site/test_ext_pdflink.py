"""dlnotes_site.pdflink: the site links the book's PDF exactly when ``make pdf`` built it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dlnotes_site import pdflink

EXT = Path(pdflink.__file__).resolve().parents[1]

CONF = f"""
import sys
sys.path.insert(0, {str(EXT)!r})
project = "小书"
extensions = ["dlnotes_site.pdflink"]
html_theme = "sphinx_book_theme"
html_theme_options = {{"use_download_button": True}}
latex_documents = [("index", "tiny.tex", "小书", "作者", "manual", True)]
"""
INDEX = """
小书
====

.. pdf-download::

   下载全书 PDF

.. toctree::

   part/page
"""
PAGE = "一页\n====\n\n正文。\n"


def _build(root):
    env = dict(os.environ, PYTHONPATH=str(EXT))
    proc = subprocess.run([sys.executable, "-m", "sphinx", "-M", "html", "src", "_build", "-W", "-q"],
                          cwd=root, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    html = root / "_build" / "html"
    return (html / "index.html").read_text(encoding="utf-8"), (html / "part" / "page.html").read_text(encoding="utf-8")


@pytest.fixture
def site(tmp_path):
    (tmp_path / "src" / "part").mkdir(parents=True)
    (tmp_path / "src" / "conf.py").write_text(CONF, encoding="utf-8")
    (tmp_path / "src" / "index.rst").write_text(INDEX, encoding="utf-8")
    (tmp_path / "src" / "part" / "page.rst").write_text(PAGE, encoding="utf-8")
    return tmp_path


def test_links_only_while_the_pdf_is_built(site):
    index, page = _build(site)
    assert "dlnotes-pdf-download" not in index and "tiny.pdf" not in index + page
    assert "download-buttons" in page  # the theme's menu is there, without the book
    assert not (site / "_build" / "html" / "tiny.pdf").exists()

    pdf = site / "_build" / "latex" / "tiny.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(b"%PDF-1.5 the book")
    index, page = _build(site)  # nothing edited but the PDF: every page is written again
    assert '<a class="reference download" href="tiny.pdf" download>下载全书 PDF</a>' in index
    assert 'href="../tiny.pdf"' in page and "download-book-pdf-button" in page
    assert (site / "_build" / "html" / "tiny.pdf").read_bytes() == pdf.read_bytes()

    pdf.unlink()
    index, page = _build(site)
    assert "tiny.pdf" not in index + page

