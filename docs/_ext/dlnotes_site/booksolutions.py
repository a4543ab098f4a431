"""The book's appendix A: every exercise's solution, gathered by chapter (LaTeX only).

Used by ``book`` (its ``BookBackMatter`` transform).  Every sphinx-exercise ``solution``
moves to appendix A, "练习解答" (``dlnotes_book_solutions_title``), one section per
chapter; each starts with a heading "练习 3.4 解答" that links back to its exercise, and
the exercise gets a line "解答见第 N 页" that links forward.  sphinx-design dropdowns
inside a solution are unwrapped (their "查看答案" title means nothing on paper).  Glued
numbers, math and figures move with the nodes.  References to exercises print the number
Sphinx computed ("练习 3.4": the book's chapters come from the same numbered toctree),
not LaTeX's ``\\ref`` (a section number): sphinx-exercise's LaTeX support numbers
exercises only in the HTML sense (no issue found); delete
:func:`number_exercise_references` when it does.
"""

from docutils import nodes
from sphinx import addnodes

from ._booktree import book_label, book_pageref, chapter_of, enclosing_file


def exercises(env, document):
    """``{label: (docname, exercise node, number)}`` of the numbered exercises in the book."""
    try:
        from sphinx_exercise.nodes import exercise_enumerable_node
    except ImportError:
        return {}
    found = {}
    for node in document.findall(exercise_enumerable_node):
        docname = enclosing_file(node)
        label = node.get("label")
        number = env.toc_fignumbers.get(docname, {}).get("exercise", {}).get(label)
        if docname and label and number:
            found[label] = (docname, node, ".".join(map(str, number)))
    return found


def solutions_chapter(env, config, document, exercises):
    """Appendix A's chapter, the solutions moved into it (``None`` when there are none)."""
    try:
        from sphinx_exercise.nodes import solution_node
    except ImportError:
        return None
    solutions = [s for s in document.findall(solution_node) if s.get("target_label") in exercises]
    if not solutions:
        return None
    chapter = nodes.section(ids=["dlnotes-book-solutions"])
    chapter += nodes.title("", config.dlnotes_book_solutions_title)
    groups = {}
    for solution in solutions:
        ex_doc, exercise, number = exercises[solution["target_label"]]
        home = chapter_of(solution)
        if home not in groups:
            group = groups[home] = nodes.section(ids=[f"dlnotes-book-solutions-{len(groups) + 1}"])
            title = env.titles.get(home)
            group += nodes.title("", "", *(title.deepcopy().children if title else [nodes.Text(home)]))
            chapter += group
        sol_doc = enclosing_file(solution) or ex_doc
        entry = solution_entry(solution, sol_doc, ex_doc, exercise, number, config)
        forward = forward_link(sol_doc, solution, config)
        solution.parent.replace(solution, forward)  # (replace_self would copy its ids)
        groups[home] += entry
    return chapter


def _solution_label(solution):
    return solution.get("label") or (solution["ids"][0] if solution.get("ids") else None)


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
