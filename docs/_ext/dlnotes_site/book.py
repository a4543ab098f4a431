"""The PDF book: what Sphinx's LaTeX builder assembles, rearranged into a book.

``make pdf`` builds one LaTeX document from the root document's toctrees
(``latex_documents`` with ``toctree_only``).  Upstream gives every included document a
chapter in toctree order, renders sphinx-exercise's numbers with LaTeX counters it never
sets, and prints solutions where the HTML folds them.  This module and its companions
fill those gaps, for the LaTeX builder only (the HTML build never sees them):

1. ``dlnotes_book_leave_out``: documents (glob patterns) that stay online only are taken
   out of the assembled tree (their citations stay, for the bibliography at the end of
   the book), and references to them become plain text: the target's title, plus the
   script's path for an example page (the LaTeX builder raises ``NoUri`` for documents
   outside ``builder.docnames``, the set ``LaTeXBuilder.assemble_doctree`` fills before
   references are resolved).
2. Main matter and appendices: the documents of the root document's *numbered*
   toctrees are the chapters; ``\\appendix`` starts before the first document of any
   other toctree (glossary, about, ...), so new chapters and back matter flow in by
   their place in ``docs/index.md``.  A page included from inside a chapter's section (an
   exercise page) becomes a section of the chapter, as in the navigation.
3. Solutions in appendix A (``booksolutions``).
4. Labels: Sphinx's LaTeX writer and sphinx-exercise's visitors write no ``\\label`` for
   an admonition's ids, so ``{ref}`` to a named 勘误 box or an exercise is undefined
   ("??"); admonitions get their ``<doc>:<id>`` labels (an upstream gap, Sphinx's
   ``visit_admonition``, no issue found: delete :func:`label_admonitions` when it labels
   them).  Admonitions of a class in ``dlnotes_book_admonition_styles`` get another LaTeX
   style (勘误 → caution).
5. Print typography (``booktype``), images (``bookimages``: dark twins left out, 2×
   renders, WebP as JPEG), the index in pinyin order (``bookindex``, run by latexmk).

Everything uses public Sphinx hooks (post-transforms limited to the LaTeX format,
``build-finished``, nodes with LaTeX visitors, ``add_node(..., override=True)`` for the
generic admonition's LaTeX visitor); the one builder attribute written is
``LaTeXBuilder.docnames``.
"""

import os
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import docname_join
from sphinx.util.matching import Matcher

from . import booksolutions, booktype
from ._booktree import (ancestors, book_label, book_pageref, enclosing_file, is_book, top_files,
                        visit_book_label, visit_book_pageref)


def visit_admonition(self, node):
    """Sphinx's generic admonition, in the LaTeX style ``dlnotes_book_admonition_styles`` maps
    one of its classes to (a 勘误 box looks like a caution, not like a note)."""
    styles = self.config.dlnotes_book_admonition_styles
    kind = next((styles[c] for c in node.get("classes", ()) if c in styles), "note")
    self.body.append("\n\\begin{sphinxadmonition}{%s}" % kind)
    self.no_latex_floats += 1


def depart_admonition(self, node):
    self.body.append("\\end{sphinxadmonition}\n")
    self.no_latex_floats -= 1


def main_matter(env, root):
    """Documents of ``root``'s numbered toctrees (the chapters), in order."""
    doctree = env.get_doctree(root)
    return [str(name) for toctree in doctree.findall(addnodes.toctree) if toctree.get("numbered")
            for name in toctree["includefiles"]]


class LeaveOut(SphinxPostTransform):
    """Take the documents of ``dlnotes_book_leave_out`` out of the book."""

    default_priority = 5  # before ReferencesResolver (10): references to them become text
    formats = ("latex",)

    def run(self, **kwargs):
        patterns = self.config.dlnotes_book_leave_out
        if not patterns or not is_book(self):
            return
        matcher = Matcher(patterns)
        gone = set()
        for sof in list(self.document.findall(addnodes.start_of_file)):
            if matcher(sof["docname"]):
                gone.update(s["docname"] for s in sof.findall(addnodes.start_of_file))
                # the bibliography stays: Sphinx's LaTeX writer gathers every citation
                # into one bibliography at the end of the book
                for citation in list(sof.findall(nodes.citation)):
                    citation.parent.remove(citation)
                    self.document += citation
                sof.parent.remove(sof)
        self.app.builder.docnames.difference_update(gone)
        offline_references(self.app, self.document, gone)


def example_script(app, docname):
    """The repository path of the sphinx-gallery script behind ``docname``, or ``None``."""
    conf = getattr(app.config, "sphinx_gallery_conf", None) or {}
    examples, galleries = conf.get("examples_dirs", []), conf.get("gallery_dirs", [])
    examples = [examples] if isinstance(examples, str) else list(examples)
    galleries = [galleries] if isinstance(galleries, str) else list(galleries)
    for example_dir, gallery_dir in zip(examples, galleries):
        prefix = gallery_dir.strip("/") + "/"
        if docname.startswith(prefix):
            script = (Path(app.srcdir) / example_dir / docname[len(prefix):]).with_suffix(".py")
            if script.is_file():
                return Path(os.path.relpath(script.resolve(), Path(app.confdir).resolve())).as_posix()
    return None


def offline_references(app, document, gone):
    """References to left-out documents, as the printed book can give them.

    A ``{ref}``/``{doc}`` without text of its own gets the target's title (left to the
    resolver it would print the bare label, ``sphx_glr_..._plot_01_...py``); a reference
    to an example page also names its script, which the reader can run
    ("示例（gallery/losses/plot_03_mse_vs_cross_entropy.py）").
    """
    labels = app.env.domains.standard_domain.labels
    for ref in list(document.findall(addnodes.pending_xref)):
        if ref.get("refdomain") != "std" or ref.get("reftype") not in ("ref", "doc"):
            continue
        target = ref.get("reftarget", "")
        if ref["reftype"] == "ref":
            docname, _labelid, title = labels.get(target, (None, None, ""))
        else:
            docname = docname_join(ref.get("refdoc", ""), target)
            title = app.env.titles[docname].astext() if docname in app.env.titles else ""
        if docname not in gone:
            continue
        text = ref.astext() if ref.get("refexplicit") else title
        replacement = [nodes.inline(text, text, classes=["dlnotes-offline-ref"])]
        script = example_script(app, docname)
        if script:
            replacement += [nodes.Text("（"), nodes.literal(script, script), nodes.Text("）")]
        ref.replace_self(replacement)


class BookBackMatter(SphinxPostTransform):
    """Appendices: solutions first, then the documents of the other toctrees."""

    default_priority = 30  # after sphinx-exercise's titles (20-22) and reference resolution
    formats = ("latex",)

    def run(self, **kwargs):
        if not is_book(self):
            return
        top = top_files(self.document)
        if not top:
            return
        lift_included_documents(self.document)
        chapters = set(main_matter(self.env, self.config.root_doc))
        back = [sof for sof in top if sof["docname"] not in chapters]
        exercises = booksolutions.exercises(self.env, self.document)
        booksolutions.number_exercise_references(self.document, exercises)
        solutions = booksolutions.solutions_chapter(self.env, self.config, self.document, exercises)
        anchor = back[0] if back else None
        parent = anchor.parent if anchor is not None else top[-1].parent
        index = parent.index(anchor) if anchor is not None else len(parent)
        new = [nodes.raw("", "\n\\appendix\n", format="latex")]
        if solutions is not None:
            new.append(solutions)
        parent[index:index] = new
        label_admonitions(self.document)
        booktype.typography(self.document)

def label_admonitions(document):
    """Labels for admonitions (exercises, errata, ...) with ids: the LaTeX writer emits none.

    ``{ref}`` to a named admonition (``:name:``) is ``\\hyperref`` to ``<doc>:<id>``;
    Sphinx's ``visit_admonition`` and sphinx-exercise's visitors write no ``\\label``
    for the node's ids, so the reference is undefined ("??" with ``\\ref``).
    """
    for node in list(document.findall(nodes.Admonition)):
        docname = enclosing_file(node)
        label = node.get("label")
        ids = list(dict.fromkeys([*node.get("ids", []), *([label] if isinstance(label, str) else [])]))
        if docname and ids and node.parent is not None:
            node.parent.insert(node.parent.index(node), book_label(docname=docname, refids=ids))


def lift_included_documents(document):
    """A page included inside a section of a chapter becomes a section of the chapter.

    A toctree at the end of ``activations.md`` sits inside its last section (延伸阅读), so
    the exercise page it includes would be numbered 1.11.1 under that section; the HTML
    navigation shows it beside the chapter's sections, and so does the book (1.12).  The
    pages keep their order and follow that section; labels that closed the section after
    the toctree (``(reg-key-points)=`` before the next heading) move after them, next to
    the heading they name (else LaTeX labels them twice: a multiply-defined label).
    """
    groups = {}  # outer section -> (its page's title section, [included pages in order])
    for sof in list(document.findall(addnodes.start_of_file)):
        home = next((p for p in ancestors(sof) if isinstance(p, addnodes.start_of_file)), None)
        if home is None:
            continue
        top = home.next_node(nodes.section)  # the including page's title section
        chain = [sof]
        for p in ancestors(sof):
            if p is top or p is home:
                break
            chain.append(p)
        outer = chain[-1]  # the ancestor that is a child of the page's title section
        if outer is sof or outer.parent is not top or not isinstance(outer, nodes.section):
            continue
        groups.setdefault(id(outer), (top, outer, []))[2].append(sof)
    for top, outer, pages in groups.values():
        labels = _labels_after(pages[-1], outer)
        at = top.index(outer) + 1
        for node in [*pages, *labels]:
            node.parent.remove(node)
            top.insert(at, node)
            at += 1


def _labels_after(node, outer):
    """The targets that follow ``node`` up to the end of ``outer``, if nothing else does."""
    found = []
    while node is not outer:
        parent = node.parent
        for sibling in parent.children[parent.index(node) + 1:]:
            if isinstance(sibling, nodes.target):
                found.append(sibling)
            elif not (isinstance(sibling, addnodes.start_of_file) or (isinstance(sibling, nodes.compound)
                                                                     and not sibling.astext().strip())):
                return []
        node = parent
    return found


def setup(app):
    # "" (no rebuild): only the LaTeX writer reads them, and it writes the whole book every time
    app.add_config_value("dlnotes_book_leave_out", [], "", types=[list])
    app.add_config_value("dlnotes_book_solutions_title", "练习解答", "", types=[str])
    app.add_config_value("dlnotes_book_solution_heading", "{exercise} 解答", "", types=[str])
    app.add_config_value("dlnotes_book_solution_link", "解答见第 {page} 页", "", types=[str])
    app.add_config_value("dlnotes_book_admonition_styles", {}, "", types=[dict])
    app.add_node(nodes.admonition, override=True, latex=(visit_admonition, depart_admonition))
    app.add_node(book_label, latex=(visit_book_label, None))
    app.add_node(book_pageref, latex=(visit_book_pageref, None))
    app.add_post_transform(LeaveOut)
    app.add_post_transform(BookBackMatter)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
