"""What the book's modules share: walking the assembled LaTeX doctree, and two nodes.

``book``, ``booksolutions`` and ``booktype`` work on the one document the LaTeX builder
assembles from the root document's toctrees (each included document under a
``start_of_file`` node); these helpers find a node's file and chapter there.  The two
nodes write a ``\\label`` (``book_label``) and a page number (``book_pageref``) in LaTeX.
"""

from docutils import nodes
from sphinx import addnodes


class book_label(nodes.Element):
    """``\\phantomsection\\label{<docname>:<id>}`` for each id in ``refids`` (LaTeX only)."""


class book_pageref(nodes.Element):
    """``\\pageref*{<docname>:<refid>}``: the page of a label, without a link of its own."""


def visit_book_label(self, node):
    for refid in node["refids"]:
        self.body.append(self.hypertarget(f"{node['docname']}:{refid}", withdoc=False))
    raise nodes.SkipNode


def visit_book_pageref(self, node):
    self.body.append(r"\pageref*{%s}" % self.idescape(f"{node['docname']}:{node['refid']}"))
    raise nodes.SkipNode


def top_files(document):
    """The ``start_of_file`` nodes of the root document's toctrees, in order."""
    return [sof for sof in document.findall(addnodes.start_of_file)
            if not any(isinstance(p, addnodes.start_of_file) for p in ancestors(sof))]


def ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def enclosing_file(node):
    return next((p["docname"] for p in ancestors(node) if isinstance(p, addnodes.start_of_file)), None)


def is_book(transform):
    """Only the document the LaTeX builder assembles (it holds the inlined files).

    ``inline_all_toctrees`` gives each ``start_of_file`` the children of the included
    document without updating their ``parent``; they are set right here first, since the
    book's transforms walk up from a node to its file and chapter.
    """
    if next(transform.document.findall(addnodes.start_of_file), None) is None:
        return False
    for node in transform.document.findall(nodes.Element):
        for child in node.children:
            child.parent = node
    return True


def chapter_of(node):
    """The top-level file (chapter) that holds ``node``."""
    chapter = None
    for p in ancestors(node):
        if isinstance(p, addnodes.start_of_file):
            chapter = p["docname"]
    return chapter


def in_any(node, types):
    return any(isinstance(p, types) for p in ancestors(node))


def in_upto(node, stop, types):
    for p in ancestors(node):
        if p is stop:
            return False
        if isinstance(p, types):
            return True
    return False
