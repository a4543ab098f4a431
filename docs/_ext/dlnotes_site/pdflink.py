"""The book's PDF in the HTML site, linked only when it was built.

``make pdf`` writes ``_build/latex/dlnotes.pdf`` (the LaTeX builder's output folder, next
to the HTML one).  When an HTML build finds it there, the site carries a copy
(``_build/html/dlnotes.pdf``), the home page's ``pdf-download`` directive shows a
download link and every page's download menu (sphinx-book-theme's header button group
``download-buttons``) gets an entry for it.  Without the PDF there is no link at all, so
no link is ever dead.

Whether the PDF is there is put into ``html_context`` at ``config-inited``: the HTML
builder hashes that into ``.buildinfo``, so every page is written again when the PDF
appears or goes (and only then); the pages' doctrees are not read again, because the
link is decided when a page is written, not when it is read.  No upstream gap: this is the
site's own feature.
"""

import posixpath
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

CONTEXT_KEY = "dlnotes_pdf"


class pdf_download(nodes.General, nodes.Element):
    """Where the home page links the book's PDF (HTML only; empty without the PDF)."""


def book_pdf(app):
    """The PDF that ``make pdf`` builds next to this HTML build, or ``None``."""
    documents = app.config.latex_documents
    if not documents:
        return None
    name = Path(documents[0][1]).with_suffix(".pdf").name
    pdf = Path(app.outdir).parent / "latex" / name
    return pdf if pdf.is_file() else None


def note_pdf(app, config):
    """``html_context["dlnotes_pdf"]``: the PDF's file name in the site, or ``""``.

    (At ``config-inited`` the builder does not exist yet; only the HTML builder reads it.)
    """
    pdf = book_pdf(app)
    config.html_context = {**config.html_context, CONTEXT_KEY: pdf.name if pdf else ""}


class PdfDownload(SphinxDirective):
    """``pdf-download``: a paragraph linking the book's PDF; the content is the link text."""

    has_content = True

    def run(self):
        node = pdf_download()
        text = "\n".join(self.content).strip() or "PDF"
        node["text"] = text
        return [node]


def visit_pdf_download_html(self, node):
    name = self.config.html_context.get(CONTEXT_KEY)
    if name:
        # the PDF sits at the site's root, beside the root document's page
        root = self.builder.get_relative_uri(self.builder.current_docname, self.config.root_doc)
        href = posixpath.join(posixpath.dirname(root), name)
        self.body.append(f'<p class="dlnotes-pdf-download"><a class="reference download" '
                         f'href="{href}" download>{self.encode(node["text"])}</a></p>\n')
    raise nodes.SkipNode


def skip(self, node):
    raise nodes.SkipNode


def menu_entry(app, pagename, templatename, context, doctree):
    """The book's PDF in the page's download menu (after the theme filled it)."""
    name = app.config.html_context.get(CONTEXT_KEY)
    if not name:
        return
    for button in context.get("header_buttons", []):
        if button.get("label") == "download-buttons":
            button["buttons"].append({
                "type": "link",
                "url": context["pathto"](name, 1),
                "text": "全书 PDF",
                "tooltip": "下载全书 PDF",
                "icon": "fas fa-book",
                "label": "download-book-pdf-button",
            })


def copy_pdf(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    name = app.config.html_context.get(CONTEXT_KEY)
    pdf = book_pdf(app)
    if name and pdf is not None:
        shutil.copyfile(pdf, Path(app.outdir) / name)


def setup(app):
    app.add_node(pdf_download, html=(visit_pdf_download_html, None), latex=(skip, None),
                 text=(skip, None), man=(skip, None), texinfo=(skip, None))
    app.add_directive("pdf-download", PdfDownload)
    app.connect("config-inited", note_pdf)
    # after sphinx-book-theme's add_header_buttons (priority 501)
    app.connect("html-page-context", menu_entry, priority=600)
    app.connect("build-finished", copy_pdf)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
