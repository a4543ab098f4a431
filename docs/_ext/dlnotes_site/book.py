"""The PDF book: what Sphinx's LaTeX builder assembles, rearranged into a book.

``make pdf`` builds one LaTeX document from the root document's toctrees
(``latex_documents`` with ``toctree_only``).  Upstream gives every included document a
chapter in toctree order, renders sphinx-exercise's numbers with LaTeX counters it never
sets, and prints solutions where the HTML folds them.  This module fills those gaps, for
the LaTeX builder only (the HTML build never sees it):

1. ``dlnotes_book_leave_out``: documents (glob patterns) that stay online only are taken
   out of the assembled tree (their citations stay, for the bibliography at the end of
   the book), and references to them become plain text: the target's title, plus the
   script's path for an example page (the LaTeX builder raises ``NoUri`` for documents
   outside ``builder.docnames``, the set ``LaTeXBuilder.assemble_doctree`` fills before
   references are resolved).
2. Main matter and appendices: the documents of the root document's *numbered*
   toctrees are the chapters; ``\\appendix`` starts before the first document of any
   other toctree (glossary, about, ...), so new chapters and back matter flow in by
   their place in ``docs/index.md``.  A page included from the end of a chapter's last
   section (an exercise page) becomes a section of the chapter, as in the navigation.
3. Solutions: every sphinx-exercise ``solution`` moves to appendix A, "练习解答"
   (``dlnotes_book_solutions_title``), one section per chapter; each starts with a
   heading "练习 3.4 解答" that links back to its exercise, and the exercise gets a
   line "解答见第 N 页" that links forward.  sphinx-design dropdowns inside a solution
   are unwrapped (their "查看答案" title means nothing on paper).  Glued numbers, math and
   figures move with the nodes.
4. Labels and numbers: Sphinx's LaTeX writer and sphinx-exercise's visitors write no
   ``\\label`` for an admonition's ids, so ``{ref}`` to a named 勘误 box or an exercise
   is undefined ("??"), and a number reference to an exercise would be LaTeX's ``\\ref``
   (a section number).  Admonitions get their ``<doc>:<id>`` labels; references to
   exercises print the number Sphinx computed ("练习 3.4": the book's chapters come from
   the same numbered toctree).
5. Print typography: sphinx-design badges (练习的类型) as small labels, ASCII double
   quotes in Chinese paragraphs as “ ” (smartquotes leave zh_CN alone), admonitions of
   a class in ``dlnotes_book_admonition_styles`` in another LaTeX style (勘误 → caution).
6. Images: a figure's dark-mode twin (class ``only-dark``, the theme's convention) is
   left out; at the end of the build each copied PNG is replaced by its 2× render when
   the gallery saved one (sphinx-gallery's ``image_srcset`` naming, ``_2_00x.png``): same
   size on the page (the PNG's resolution doubles with its pixels), sharper in print.
   TeX reads no WebP (the format of photographic figures, ``figfiles``): a Sphinx image
   converter (:class:`WebpToJpeg`) writes each as a JPEG, from its 2× render.
7. The index in pinyin order: ``python book.py makeindex ...`` (run by latexmk) gives
   makeindex reading-first sort keys (see :func:`pinyin_index_line`).

No upstream issue covers 1-3, 5-7 (they are this book's choices).  4 is an upstream gap
(Sphinx's ``visit_admonition``; sphinx-exercise's LaTeX support numbers exercises only in
the HTML sense; no issue found): delete :func:`label_admonitions` and
:func:`number_exercise_references` when either labels them.  Everything uses public
Sphinx hooks (post-transforms limited to the LaTeX format, ``build-finished``, nodes with
LaTeX visitors, ``add_node(..., override=True)`` for the generic admonition's LaTeX
visitor); the one builder attribute written is ``LaTeXBuilder.docnames``.
"""

import os
import re
import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.transforms.post_transforms.images import ImageConverter
from sphinx.util import docname_join
from sphinx.util.matching import Matcher

_SRCSET = re.compile(r"_(\d+)_(\d\d)x$")


class book_label(nodes.Element):
    """``\\phantomsection\\label{<docname>:<id>}`` for each id in ``refids`` (LaTeX only)."""


class book_pageref(nodes.Element):
    """``\\pageref*{<docname>:<refid>}``: the page of a label, without a link of its own."""


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


def visit_book_label(self, node):
    for refid in node["refids"]:
        self.body.append(self.hypertarget(f"{node['docname']}:{refid}", withdoc=False))
    raise nodes.SkipNode


def visit_book_pageref(self, node):
    self.body.append(r"\pageref*{%s}" % self.idescape(f"{node['docname']}:{node['refid']}"))
    raise nodes.SkipNode


def _top_files(document):
    """The ``start_of_file`` nodes of the root document's toctrees, in order."""
    return [sof for sof in document.findall(addnodes.start_of_file)
            if not any(isinstance(p, addnodes.start_of_file) for p in _ancestors(sof))]


def _ancestors(node):
    node = node.parent
    while node is not None:
        yield node
        node = node.parent


def _enclosing_file(node):
    return next((p["docname"] for p in _ancestors(node) if isinstance(p, addnodes.start_of_file)), None)


def _is_book(transform):
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
        if not patterns or not _is_book(self):
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
        if not _is_book(self):
            return
        top = _top_files(self.document)
        if not top:
            return
        lift_included_documents(self.document)
        chapters = set(main_matter(self.env, self.config.root_doc))
        back = [sof for sof in top if sof["docname"] not in chapters]
        exercises = self._exercises()
        number_exercise_references(self.document, exercises)
        solutions = self._solutions_chapter(exercises)
        anchor = back[0] if back else None
        parent = anchor.parent if anchor is not None else top[-1].parent
        index = parent.index(anchor) if anchor is not None else len(parent)
        new = [nodes.raw("", "\n\\appendix\n", format="latex")]
        if solutions is not None:
            new.append(solutions)
        parent[index:index] = new
        label_admonitions(self.document)
        typography(self.document)

    def _exercises(self):
        """``{label: (docname, exercise node, number)}`` of the numbered exercises in the book."""
        try:
            from sphinx_exercise.nodes import exercise_enumerable_node
        except ImportError:
            return {}
        found = {}
        for node in self.document.findall(exercise_enumerable_node):
            docname = _enclosing_file(node)
            label = node.get("label")
            number = self.env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(label)
            if docname and label and number:
                found[label] = (docname, node, ".".join(map(str, number)))
        return found

    def _solutions_chapter(self, exercises):
        try:
            from sphinx_exercise.nodes import solution_node
        except ImportError:
            return None
        solutions = [s for s in self.document.findall(solution_node) if s.get("target_label") in exercises]
        if not solutions:
            return None
        chapter = nodes.section(ids=["dlnotes-book-solutions"])
        chapter += nodes.title("", self.config.dlnotes_book_solutions_title)
        groups = {}
        for solution in solutions:
            ex_doc, exercise, number = exercises[solution["target_label"]]
            home = _chapter_of(solution)
            if home not in groups:
                group = groups[home] = nodes.section(ids=[f"dlnotes-book-solutions-{len(groups) + 1}"])
                title = self.env.titles.get(home)
                group += nodes.title("", "", *(title.deepcopy().children if title else [nodes.Text(home)]))
                chapter += group
            sol_doc = _enclosing_file(solution) or ex_doc
            entry = solution_entry(solution, sol_doc, ex_doc, exercise, number, self.config)
            forward = forward_link(sol_doc, solution, self.config)
            solution.parent.replace(solution, forward)  # (replace_self would copy its ids)
            groups[home] += entry
        return chapter


def _chapter_of(node):
    """The top-level file (chapter) that holds ``node``."""
    chapter = None
    for p in _ancestors(node):
        if isinstance(p, addnodes.start_of_file):
            chapter = p["docname"]
    return chapter


def _solution_label(solution):
    return solution.get("label") or (solution["ids"][0] if solution.get("ids") else None)


def label_admonitions(document):
    """Labels for admonitions (exercises, errata, ...) with ids: the LaTeX writer emits none.

    ``{ref}`` to a named admonition (``:name:``) is ``\\hyperref`` to ``<doc>:<id>``;
    Sphinx's ``visit_admonition`` and sphinx-exercise's visitors write no ``\\label``
    for the node's ids, so the reference is undefined ("??" with ``\\ref``).
    """
    for node in list(document.findall(nodes.Admonition)):
        docname = _enclosing_file(node)
        label = node.get("label")
        ids = list(dict.fromkeys([*node.get("ids", []), *([label] if isinstance(label, str) else [])]))
        if docname and ids and node.parent is not None:
            node.parent.insert(node.parent.index(node), book_label(docname=docname, refids=ids))


def number_exercise_references(document, exercises):
    """``{numref}``/``{ref}`` to an exercise: a link with the number Sphinx computed."""
    for ref in list(document.findall(addnodes.number_reference)):
        target = ref.get("refuri", "").partition("#")[2] or ref.get("refid", "")
        if target in exercises:
            link = nodes.reference("", "", *ref.children, internal=True, refuri=ref["refuri"])
            ref.parent.replace(ref, link)


def _unwrap_dropdowns(node):
    for dropdown in list(node.findall(nodes.container)):
        if dropdown.get("design_component") != "dropdown":
            continue
        children = list(dropdown.children)
        if dropdown.get("has_title") and children and isinstance(children[0], nodes.rubric):
            children = children[1:]
        dropdown.replace_self(children)


def solution_entry(solution, sol_doc, ex_doc, exercise, number, config):
    """The solution as the appendix prints it: its label, a heading linking back, its body."""
    entry = nodes.container(classes=["dlnotes-solution"])
    label = _solution_label(solution)
    entry += book_label(docname=sol_doc, refids=[i for i in dict.fromkeys([label, *solution.get("ids", [])]) if i])
    heading_text = config.dlnotes_book_solution_heading.format(exercise=config.numfig_format["exercise"] % number)
    heading = nodes.rubric("", "")
    heading += nodes.reference("", heading_text, internal=True, refuri=f"%{ex_doc}#{exercise['label']}")
    subtitle = _exercise_subtitle(exercise)
    if subtitle:
        heading += nodes.Text("\u3000")
        heading += nodes.inline("", "", *subtitle, classes=["dlnotes-solution-title"])
    entry += heading
    body = [child for child in solution.children if not isinstance(child, nodes.title)]
    for child in body:
        child.parent = None
        entry += child
    _unwrap_dropdowns(entry)
    return entry


def _exercise_subtitle(exercise):
    """The exercise's own title (its words, without the number), as nodes."""
    try:
        from sphinx_exercise.nodes import exercise_subtitle
    except ImportError:
        return []
    subtitle = next(exercise.findall(exercise_subtitle), None)
    if subtitle is not None:
        return [c.deepcopy() for c in subtitle.children]
    # after sphinx-exercise's LaTeX title resolution: Text("练习 3.4"), Text(" ("), words, Text(")")
    title = exercise.next_node(nodes.title)
    children = list(title.children) if title is not None else []
    if len(children) > 3 and str(children[1]) == " (" and str(children[-1]) == ")":
        return [c.deepcopy() for c in children[2:-1]]
    return []


def forward_link(sol_doc, solution, config):
    """Where a solution stood: "解答见第 N 页", linking to it."""
    label = _solution_label(solution)
    para = nodes.paragraph(classes=["dlnotes-solution-link"])
    before, _, after = config.dlnotes_book_solution_link.partition("{page}")
    link = nodes.reference("", "", internal=True, refuri=f"%{sol_doc}#{label}")
    link += nodes.Text(before)
    link += book_pageref(docname=sol_doc, refid=label)
    link += nodes.Text(after)
    para += link
    return para


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
        home = next((p for p in _ancestors(sof) if isinstance(p, addnodes.start_of_file)), None)
        if home is None:
            continue
        top = home.next_node(nodes.section)  # the including page's title section
        chain = [sof]
        for p in _ancestors(sof):
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


def typography(document):
    """Print-only touches: badges as labels, ASCII double quotes in Chinese text as “ ”."""
    for badge in list(document.findall(nodes.inline)):
        if "sd-badge" in badge.get("classes", ()):
            text = badge.astext()
            badge.parent.replace(badge, nodes.inline(text, text, classes=["dlnotes-badge"]))
    for element in list(document.findall(nodes.TextElement)):
        if isinstance(element, _RUNNING_TEXT) and not _in(element, _RUNNING_TEXT + _NO_TYPOGRAPHY):
            curly_quotes(element)


_NO_TYPOGRAPHY = (nodes.literal, nodes.literal_block, nodes.math, nodes.math_block, nodes.raw,
                  nodes.comment, nodes.doctest_block)
_RUNNING_TEXT = (nodes.paragraph, nodes.title, nodes.caption, nodes.rubric, nodes.term)
_CJK = re.compile("[\u3400-\u9fff\uf900-\ufaff]")


def _in(node, types):
    return any(isinstance(p, types) for p in _ancestors(node))


def curly_quotes(element):
    """``"…"`` around Chinese text: “…” (Sphinx leaves zh_CN quotes alone, smartquotes_excludes).

    In the HTML the straight quotes stand as typed; in print the TeX font's ``"`` is a
    closing quote on both sides and xeCJK puts a Latin space between it and the Chinese
    text.  Quotes pair up in order within one paragraph; a paragraph with an odd number of
    them is left as it is.
    """
    texts = [t for t in element.findall(nodes.Text) if not _in_upto(t, element, _NO_TYPOGRAPHY)]
    count = sum(str(t).count('"') for t in texts)
    if not count or count % 2 or not _CJK.search(element.astext()):
        return
    opening = True
    for text in texts:
        value = str(text)
        if '"' not in value:
            continue
        out = []
        for char in value:
            if char == '"':
                out.append("\u201c" if opening else "\u201d")
                opening = not opening
            else:
                out.append(char)
        text.parent.replace(text, nodes.Text("".join(out)))


def _in_upto(node, stop, types):
    for p in _ancestors(node):
        if p is stop:
            return False
        if isinstance(p, types):
            return True
    return False


class DarkTwins(SphinxPostTransform):
    """Leave out images and figures meant for the dark theme only (class ``only-dark``)."""

    default_priority = 5
    formats = ("latex",)

    def run(self, **kwargs):
        for node in list(self.document.findall(nodes.Element)):
            if "only-dark" in node.get("classes", ()) and node.parent is not None:
                node.parent.remove(node)


def hires_twin(source):
    """The highest-resolution ``_N_NNx`` render saved next to ``source``, or ``None``."""
    source = Path(source)
    best, factor = None, 1.0
    for candidate in source.parent.glob(f"{source.stem}_*x{source.suffix}"):
        match = _SRCSET.search(candidate.stem)
        if match and candidate.stem[: match.start()] == source.stem:
            value = int(match.group(1)) + int(match.group(2)) / 100
            if value > factor:
                best, factor = candidate, value
    return best


class WebpToJpeg(ImageConverter):
    """WebP figures (photographs) as JPEG for the book, from the 2× render when there is one.

    Sphinx's public image-converter hook; Pillow (a dependency of matplotlib) does the work.
    """

    conversion_rules = [("image/webp", "image/jpeg")]

    def is_available(self):
        from PIL import features

        return bool(features.check("webp"))

    def convert(self, _from, _to):
        from PIL import Image

        source = hires_twin(_from) or Path(_from)
        with Image.open(source) as img:
            img.convert("RGB").save(_to, "JPEG", quality=90, optimize=True)  # no date: same bytes
        return True


def _add_converter(app):
    # the HTML builder serves WebP as it is: image converters do not check the format
    if app.builder.format == "latex":
        app.add_post_transform(WebpToJpeg)


def use_hires_images(app, exception):
    """Replace each copied image by its 2× render (same page size: resolution doubles too)."""
    if exception is not None or app.builder.format != "latex":
        return
    outdir = Path(app.builder.outdir) / getattr(app.builder, "imagedir", "")
    for source, name in getattr(app.builder, "images", {}).items():
        twin = hires_twin(Path(app.srcdir) / source)
        if twin is not None:
            shutil.copyfile(twin, outdir / name)


# -- the index in pinyin order ----------------------------------------------------------
# makeindex sorts by bytes: Chinese terms come out in code-point order, and its letter
# groups cut a UTF-8 character in half (a heading of one stray byte).  latexmk runs
# ``python book.py makeindex ...`` instead (``make pdf``): each sort key becomes its
# reading (pinyin with tone numbers, from pypinyin; Greek letters by name; Latin letters
# lower-cased), followed by the original key to keep equal readings apart, and makeindex
# does the rest with Sphinx's style, so Chinese and English terms interleave under A-Z.

_ENTRY = re.compile(r"^\\indexentry\{(?P<entry>.*)\}\{(?P<page>[^{}]*)\}\s*$")
_TEX_COMMAND = re.compile(r"\\sphinxhyphen\s*\{\}|\\[A-Za-z@]+\s*|\\(?=[^A-Za-z])|[{}]")
_MAKEINDEX_SPECIAL = re.compile(r'[@!|"{}\\]')


def _split_unquoted(text, sep):
    """Split at ``sep`` where makeindex does: not after its quote character ``"``."""
    parts, current, quoted = [], "", False
    for char in text:
        if quoted:
            current, quoted = current + char, False
        elif char == '"':
            current, quoted = current + char, True
        elif char == sep:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def reading(key):
    """The sort string of an index key: pinyin for Chinese, names for Greek, lower case."""
    import unicodedata

    from pypinyin import Style, lazy_pinyin

    text = _TEX_COMMAND.sub(lambda m: "-" if m.group().startswith("\\sphinxhyphen") else "", key)
    text = _MAKEINDEX_SPECIAL.sub("", text)
    words = []
    for piece in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: [s]):
        for char in piece:
            if unicodedata.category(char).startswith("L") and not char.isascii():
                name = unicodedata.name(char, "")
                if name.startswith("GREEK"):
                    words.append(" " + name.split()[-1].lower() + " ")
                    continue
            words.append(char.lower())
        words.append(" ")
    return re.sub(r"\s+", " ", "".join(words)).strip()


def pinyin_index_line(line):
    """One ``\\indexentry`` line of a ``.idx`` file with reading-first sort keys."""
    match = _ENTRY.match(line)
    if not match:
        return line
    entry = match.group("entry")
    levels_encap = _split_unquoted(entry, "|")
    levels, encap = levels_encap[0], "|".join(levels_encap[1:])
    new_levels = []
    for level in _split_unquoted(levels, "!"):
        key, *actual = _split_unquoted(level, "@")
        actual = "@".join(actual) if actual else key
        # "#" sorts before any letter or digit: a term comes before the longer ones it starts
        new_levels.append(f"{reading(key)} # {key}@{actual}")
    entry = "!".join(new_levels) + (f"|{encap}" if encap else "")
    return "\\indexentry{%s}{%s}\n" % (entry, match.group("page"))


def makeindex(argv):
    """``makeindex`` with pinyin sort keys: ``book.py makeindex [options] -o OUT IN.idx``."""
    import subprocess

    *options, source = argv
    source = Path(source if source.endswith(".idx") else source + ".idx")
    keyed = source.with_name(source.stem + "-pinyin.idx")
    with source.open(encoding="utf-8") as f:
        keyed.write_text("".join(pinyin_index_line(line) for line in f), encoding="utf-8")
    log = ["-t", str(source.with_suffix(".ilg"))]
    return subprocess.run(["makeindex", "-s", "python.ist", *log, *options, str(keyed)]).returncode


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
    app.add_post_transform(DarkTwins)
    app.add_post_transform(BookBackMatter)
    app.connect("builder-inited", _add_converter)
    app.connect("build-finished", use_hires_images)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["makeindex"]:
        sys.exit("usage: book.py makeindex [makeindex options] -o OUT.ind IN.idx")
    sys.exit(makeindex(sys.argv[2:]))
