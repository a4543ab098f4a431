"""The ``exercise-overview`` directive: a generated list of every exercise of the site.

The exercise pages (``docs/*_exercises.md``, ``docs/<chapter>/exercises.md``) write each
exercise with sphinx-exercise in one fixed shape::

    :::{exercise} 题目
    :label: ex-<chapter>-<slug>

    {bdg-primary}`计算` {ref}`<label of the section it practises>`   (or {ref}`text <label>`)
    ...

``exercise-overview`` takes the exercise pages as its content (one docname per line, in
reading order), reads their sources and builds two tables: the number of exercises per
chapter and kind, and every exercise with its number (a reference that sphinx-exercise
renders as "练习 3.4"), title, kind and section.  Each listed source is a dependency of
the page that holds the directive, so an incremental build re-reads the overview
whenever an exercise page changes.  :func:`parse_exercises` is the one parser of that
shape; the tests (``tests/exercises/test_exercise_pages.py``) use it too.

The same tags link each section to its exercises: when a page is read, every section whose
label some exercise names gets a line "本节练习：练习 3.4（题目）…" at the end of its own text
(before its first labelled subsection), built from the exercise pages' sources, so a new
exercise is linked from its section without editing the chapter.  When an exercise page
changes the mapping, the pages holding the affected sections are read again; a section
label that no page defines fails the build (a warning under ``-W``).

sphinx-exercise joins a number and a custom title with ASCII parentheses ("练习 1.1 (题目)",
hard-coded in its title post-transforms, no config or translation); :class:`ChineseTitleParens`
runs after them and makes them full-width: "练习 1.1（题目）".

It lives outside ``docs/_ext`` because it is content tooling for the practice pages, not
part of the build layer; nothing else depends on it.
"""

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging

logger = logging.getLogger(__name__)

KINDS = ("面试题", "计算", "推导", "编程")

_EXERCISE = re.compile(r"^(:{3,})\{exercise\}[ \t]*(?P<title>[^\n]*)\n(?P<body>.*?)^\1[ \t]*$", re.M | re.S)
_OPTION = re.compile(r"^:(?P<name>[\w-]+):[ \t]*(?P<value>[^\n]*)$", re.M)
_KIND = re.compile(r"\{bdg-[\w-]+\}`(?P<kind>[^`]+)`")
_SECTION = re.compile(r"\{ref\}`(?:(?P<text>[^`<>]+?)\s*<(?P<label>[^`<>]+)>|(?P<target>[^`<>]+))`")


def parse_exercises(text):
    """The exercises of a page's MyST source, in order.

    Returns a list of dicts with ``label``, ``title``, ``kind`` and ``section`` (the label
    of the section the exercise practises), read from the fixed shape above; raises
    ``ValueError`` naming the exercise when a field is missing.
    """
    found = []
    for match in _EXERCISE.finditer(text):
        body = match.group("body")
        options = {m.group("name"): m.group("value").strip() for m in _OPTION.finditer(body)}
        label = options.get("label")
        if not label:
            raise ValueError(f"exercise {match.group('title')!r} has no :label:")
        first = next((line for line in body.splitlines() if line.strip() and not _OPTION.match(line)), "")
        kind, section = _KIND.search(first), _SECTION.search(first)
        if kind is None or kind.group("kind") not in KINDS:
            raise ValueError(f"exercise {label}: the first line must start with a kind badge, one of {KINDS}")
        if section is None:
            raise ValueError(f"exercise {label}: the first line must link the section it practises with {{ref}}")
        found.append({"label": label, "title": match.group("title").strip(), "kind": kind.group("kind"),
                      "section": (section.group("label") or section.group("target")).strip(),
                      "section_text": (section.group("text") or "").strip()})
    return found


def _xref(env, reftype, target, text=""):
    """A pending cross-reference, as the ``ref``/``doc`` roles would create it (explicit when ``text``)."""
    ref = addnodes.pending_xref("", refdoc=env.docname, refdomain="std", reftype=reftype,
                                reftarget=target, refexplicit=bool(text), refwarn=True)
    ref += nodes.inline(text, text, classes=["xref", "std", f"std-{reftype}"])
    return ref


def _table(header, rows, widths):
    table = nodes.table(classes=["exercise-overview"])
    group = nodes.tgroup(cols=len(header))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    for part, lines in ((nodes.thead(), [header]), (nodes.tbody(), rows)):
        for line in lines:
            row = nodes.row()
            for cell in line:
                entry = nodes.entry()
                para = nodes.paragraph()
                para += cell if isinstance(cell, nodes.Node) else nodes.Text(str(cell))
                entry += para
                row += entry
            part += row
        group += part
    return table


class ExerciseOverview(Directive):
    """Tables of every exercise of the listed pages, by chapter and kind."""

    has_content = True

    def run(self):
        env = self.state.document.settings.env
        pages = [line.strip() for line in self.content if line.strip()]
        per_page = {}
        for docname in pages:
            path = Path(env.doc2path(docname))
            env.note_dependency(str(path))
            per_page[docname] = parse_exercises(path.read_text(encoding="utf-8"))

        counts = []
        for docname, exercises in per_page.items():
            row = [_xref(env, "doc", "/" + docname)]
            row += [sum(e["kind"] == kind for e in exercises) for kind in KINDS]
            counts.append(row + [len(exercises)])
        totals = ["合计"] + [sum(r[i] for r in counts) for i in range(1, len(KINDS) + 2)]
        result = [
            nodes.rubric(text="按章与类型计数"),
            _table(["章节练习", *KINDS, "合计"], counts + [totals], [4] + [1] * (len(KINDS) + 1)),
        ]
        for docname, exercises in per_page.items():
            heading = nodes.rubric()
            heading += _xref(env, "doc", "/" + docname)
            rows = [[_xref(env, "ref", e["label"]), e["title"], e["kind"], _xref(env, "ref", e["section"], e["section_text"])]
                    for e in exercises]
            result += [heading, _table(["编号", "题目", "类型", "练习的小节"], rows, [2, 6, 1, 4])]
        return result


# -- each practised section links its exercises --------------------------------------------

PRACTICE_CLASS = "dlnotes-practice"
PRACTICE_LEAD = "本节练习："


def exercise_map(env):
    """``{section label: [(exercise label, title), ...]}`` from every exercise page's source.

    Exercise pages are the MyST sources (outside ``generated/``) that hold an ``{exercise}``
    directive; exercises keep their order on the page, pages are taken in docname order.
    """
    found = {}
    for docname in sorted(env.found_docs):
        path = Path(env.doc2path(docname))
        if path.suffix != ".md" or "generated" in Path(docname).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "{exercise}" not in text:
            continue
        for e in parse_exercises(text):
            found.setdefault(e["section"], []).append((e["label"], e["title"]))
    return found


def _section_docs(env, labels):
    std = env.get_domain("std")
    return {std.labels[label][0] for label in labels if label in std.labels}


def _outdated(app, env, added, changed, removed):
    """Re-read the pages whose practised sections gained, lost or renamed an exercise."""
    old = getattr(env, "dlnotes_practice_map", {})
    new = exercise_map(env)
    env.dlnotes_practice_map = new
    differ = {label for label in old.keys() | new.keys() if old.get(label) != new.get(label)}
    return sorted(_section_docs(env, differ) & env.found_docs)


def _practice_line(docname, exercises):
    para = nodes.paragraph("", classes=[PRACTICE_CLASS])
    para += nodes.Text(PRACTICE_LEAD)
    for i, (label, title) in enumerate(exercises):
        if i:
            para += nodes.Text("；")
        ref = addnodes.pending_xref("", refdoc=docname, refdomain="std", reftype="numref",
                                    reftarget=label, refexplicit=False, refwarn=True)
        ref += nodes.literal(label, label, classes=["xref", "std", "std-numref"])
        para += ref
        para += nodes.Text(f"（{title}）")
    return para


def _explicit(document, node):
    return any(document.nametypes.get(name) for name in node["names"])


def _ends_with_target(node):
    while isinstance(node, nodes.section) and len(node):
        node = node[-1]
    return isinstance(node, nodes.target)


def _before_labels(parent, at):
    """Where to insert before ``parent[at]`` so that no label of the next section (a target,
    perhaps the last child of the subsection before it) is left behind the line: the LaTeX
    writer labels such a target as well as the heading (a multiply-defined label)."""
    while at:
        previous = parent[at - 1]
        if isinstance(previous, nodes.target):
            at -= 1
        elif isinstance(previous, nodes.section) and _ends_with_target(previous):
            parent, at = previous, len(previous)
        else:
            break
    return parent, at


def _link_sections(app, doctree):
    """Append the practice line to every section of this page that an exercise practises."""
    env = app.env
    if not hasattr(env, "dlnotes_practice_map"):
        env.dlnotes_practice_map = exercise_map(env)
    mapping = env.dlnotes_practice_map
    placed = set()
    for section in list(doctree.findall(nodes.section)):
        labels = [name for name in section["names"] if name in mapping and doctree.nametypes.get(name)]
        if not labels:
            continue
        exercises = [e for label in labels for e in mapping[label]]
        children = list(section.children)
        at = next((i for i, child in enumerate(children)
                   if isinstance(child, nodes.section) and _explicit(doctree, child)), len(children))
        parent, at = _before_labels(section, at)
        parent.insert(at, _practice_line(env.docname, exercises))
        placed.update(labels)
    if placed:
        env.dlnotes_practice_placed = getattr(env, "dlnotes_practice_placed", {})
        env.dlnotes_practice_placed[env.docname] = placed


def _purge(app, env, docname):
    getattr(env, "dlnotes_practice_placed", {}).pop(docname, None)


def _merge(app, env, docnames, other):
    placed = getattr(other, "dlnotes_practice_placed", {})
    env.dlnotes_practice_placed = getattr(env, "dlnotes_practice_placed", {})
    env.dlnotes_practice_placed.update({d: placed[d] for d in docnames if d in placed})


def _check(app, env):
    placed = set().union(*getattr(env, "dlnotes_practice_placed", {}).values())
    for label, exercises in sorted(getattr(env, "dlnotes_practice_map", {}).items()):
        if label not in placed:
            names = "、".join(e for e, _ in exercises)
            logger.warning(f"exercises {names} practise the section {label!r}, but no page has a "
                           "section with that label", type="dlnotes", subtype="practice")


# -- full-width parentheses in exercise and solution titles --------------------------------

_FULL_WIDTH = {" (": "（", ")": "）"}


class ChineseTitleParens(SphinxPostTransform):
    """The titles sphinx-exercise resolved (priorities 20-22) get （ ） around custom titles."""

    default_priority = 30

    def run(self):
        from sphinx_exercise.nodes import exercise_enumerable_node, exercise_node, solution_node

        for node in self.document.findall(
                lambda n: isinstance(n, (exercise_enumerable_node, exercise_node, solution_node))):
            if not node.children or not isinstance(node[0], nodes.title):
                continue
            for text in list(node[0].findall(nodes.Text)):
                if str(text) in _FULL_WIDTH and text.parent is not None:
                    text.parent.replace(text, nodes.Text(_FULL_WIDTH[str(text)]))


def setup(app):
    app.add_directive("exercise-overview", ExerciseOverview)
    app.add_post_transform(ChineseTitleParens)
    app.connect("env-get-outdated", _outdated)
    app.connect("doctree-read", _link_sections)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-check-consistency", _check)
    # env_version: environments pickled before the practice lines existed are rebuilt.
    return {"version": "3", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
