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

It lives outside ``docs/_ext`` because it is content tooling for the practice pages, not
part of the build layer; nothing else depends on it.
"""

import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes

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


def setup(app):
    app.add_directive("exercise-overview", ExerciseOverview)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
