"""Generated pages lead back to the notes: "正文：" links to the section that teaches them.

Gap: autosummary's API pages and sphinx-gallery's example pages link forward (to the
examples using a function) but never back to the prose that teaches it, and neither
has an option for it (no upstream issue found).  Delete when they do.

- While a notes page is read (``doctree-read``; notes pages are the documents not
  matching ``dlnotes_notes_exclude``), this module records, in document order, every
  reference to a Python object (``{func}``, ``{class}``, ``{mod}``, …: a ``py``
  ``pending_xref``), every embedded gallery figure (``…/images/sphx_glr_<stem>_NNN.png``)
  and every ``{ref}`` to an example (``sphx_glr_<gallery path>_<stem>.py``), with the
  section holding it (for an example, a page's introduction counts only when no section
  does: introductions preview a chapter's figures).
- A page that wants the link holds a :class:`lead_link` placeholder with a key:
  ``("py", full name)`` (the ``api-lead`` directive, :mod:`.apilead`) or
  ``("example", docname)`` (put under the title of every example page by
  :class:`ExampleLead`).
- The teaching section of a key is an override (``app.dlnotes_overrides``: key →
  ``"docname#anchor"`` or ``"docname"``, the key's name may be a ``*`` pattern; filled by
  :mod:`.apilead` from its data file) or else the first section, in reading order (the
  root toctree, depth first), that references it.  At ``doctree-resolved`` each
  placeholder becomes the paragraph "正文：<page> › <section>"; a key without a section
  is a warning (``-W`` fails the build).
- ``env-get-updated``: a page whose teaching section changed (a notes page was edited)
  is written again although its own source did not change.
"""

import fnmatch
import re

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util import logging

from .runline import is_example

logger = logging.getLogger(__name__)
_FIGURE = re.compile(r"^(?P<dir>.+)/images/sphx_glr_(?P<stem>.+)_\d{3}\.png$")


class lead_link(nodes.General, nodes.Element):
    """Placeholder for the "正文：" link of a generated page (attribute ``key``)."""


def _skip(self, node):
    raise nodes.SkipNode


def is_notes(app, docname):
    return not any(fnmatch.fnmatchcase(docname, p) for p in app.config.dlnotes_notes_exclude)


def example_label(docname):
    """sphinx-gallery's label of the example page ``docname``."""
    return "sphx_glr_" + docname.replace("/", "_") + ".py"


# -- reading ---------------------------------------------------------------------------
def _is_heading(node):
    """A section made by a heading: a ``section`` in sections up to the document (not one
    that an extension nests in its own node, as sphinx-exercise does)."""
    while isinstance(node, nodes.section):
        node = node.parent
    return isinstance(node, nodes.document)


def _section(node):
    while node is not None and not (isinstance(node, nodes.section) and _is_heading(node)):
        node = node.parent
    return node


def title_parts(section):
    """A section's title as ``(("text", str) | ("math", latex), ...)``: math stays math."""
    return tuple(("math", n.astext()) if isinstance(n, nodes.math) else ("text", n.astext())
                 for n in section[0].children)


def collect(app, doctree):
    """doctree-read: the sections and references of a notes page, the placeholders of any page."""
    env, docname = app.env, app.env.current_document.docname
    leads = [tuple(n["key"]) for n in doctree.findall(lead_link)]
    env.dlnotes_leads.pop(docname, None)
    if leads:
        env.dlnotes_leads[docname] = leads
    env.dlnotes_notes.pop(docname, None)
    if not is_notes(app, docname):
        return
    top = doctree.next_node(nodes.section)
    sections = {"": title_parts(top)} if top is not None else {}
    records = []
    for node in doctree.findall(nodes.Element):
        if isinstance(node, nodes.section) and node is not top and _is_heading(node):
            sections.update(dict.fromkeys(node["ids"], title_parts(node)))  # a label is an id too
        key = None
        if node.tagname == "pending_xref" and node.get("refdomain") == "py":
            target = node["reftarget"].lstrip(".~")
            names = {target} | {f"{node[a]}.{target}" for a in ("py:module", "py:class") if node.get(a)}
            key = ("py", tuple(sorted(names)))
        elif node.tagname == "pending_xref" and node.get("reftype") == "ref":
            key = ("ref", node["reftarget"].lower())
        elif isinstance(node, nodes.image):
            match = _FIGURE.match(node["uri"].lstrip("/"))
            if match:
                key = ("example", f"{match['dir']}/{match['stem']}")
        section = _section(node) if key else None
        if section is not None:
            records.append((key, "" if section is top else section["ids"][0]))
    env.dlnotes_notes[docname] = {"sections": sections, "refs": records}


def purge(app, env, docname):
    env.dlnotes_leads.pop(docname, None)
    env.dlnotes_notes.pop(docname, None)


def merge(app, env, docnames, other):
    for name in docnames:
        for attr in ("dlnotes_leads", "dlnotes_notes"):
            if name in getattr(other, attr):
                getattr(env, attr)[name] = getattr(other, attr)[name]


def init_env(app, env=None, *args):
    env = env or app.env
    for attr in ("dlnotes_leads", "dlnotes_notes", "dlnotes_targets"):
        if not hasattr(env, attr):
            setattr(env, attr, {})


# -- resolving -------------------------------------------------------------------------
def reading_order(env, root):
    order, seen, stack = [], set(), [root]
    while stack:
        doc = stack.pop()
        if doc in seen or doc not in env.found_docs:
            continue
        seen.add(doc)
        order.append(doc)
        stack.extend(reversed(env.toctree_includes.get(doc, [])))
    return order + sorted(set(env.found_docs) - seen)


def first_sections(env, root):
    """``{match key: (docname, anchor)}``: the first section referencing it.

    For an example, a page's introduction (the text above its first heading) counts only
    when no section references it: an introduction shows a chapter's figures as a preview.
    """
    first, intros = {}, {}
    for doc in reading_order(env, root):
        for (kind, value), anchor in env.dlnotes_notes.get(doc, {}).get("refs", ()):
            for name in (value if kind == "py" else (value,)):
                demoted = not anchor and kind != "py"  # a preview of the chapter's figures
                (intros if demoted else first).setdefault((kind, name), (doc, anchor))
    return {**intros, **first}


def override(app, key):
    """The override of ``key``: its own entry, else the first pattern (``*``) matching its name."""
    found = app.dlnotes_overrides.get(key)
    if found is None:
        found = next((target for (kind, pattern), target in sorted(app.dlnotes_overrides.items())
                      if kind == key[0] and "*" in pattern and fnmatch.fnmatchcase(key[1], pattern)), None)
    return found


def resolve(app, key):
    """``(docname, anchor, link text parts)`` of the section teaching ``key``, or ``None``."""
    env, key = app.env, tuple(key)
    override_target = override(app, key)
    if override_target is not None:
        doc, _, anchor = override_target.partition("#")
    else:
        doc, anchor = app.dlnotes_first.get(key) or (
            app.dlnotes_first.get(("ref", example_label(key[1]))) if key[0] == "example" else None
        ) or (None, None)
    sections = env.dlnotes_notes.get(doc, {}).get("sections", {})
    if anchor not in sections:
        return None
    parts = sections[""] if "" in sections else (("text", doc),)
    if anchor and sections[anchor] != parts:
        parts = parts + (("text", " › "),) + sections[anchor]
    return doc, anchor, parts


def check_leads(app, env):
    """env-get-updated: warn about keys without a section; rewrite pages whose section changed."""
    app.dlnotes_first = first_sections(env, app.config.root_doc)
    changed = []
    for docname, keys in sorted(env.dlnotes_leads.items()):
        targets = [resolve(app, key) for key in keys]
        for key, target in zip(keys, targets):
            wanted = override(app, tuple(key))
            if target is None and wanted is not None:
                logger.warning("dlnotes_site.backlinks: the section override %r of %s names no "
                               "section of a notes page", wanted, key[1], location=docname)
            elif target is None:
                what = "API object" if key[0] == "py" else "example"
                logger.warning("dlnotes_site.backlinks: no notes section references the %s %s "
                               "(no {func}/{class}/{ref} role, no embedded figure, no override)",
                               what, key[1], location=docname)
        if env.dlnotes_targets.get(docname) != targets:
            env.dlnotes_targets[docname] = targets
            changed.append(docname)
    for gone in set(env.dlnotes_targets) - set(env.dlnotes_leads):
        del env.dlnotes_targets[gone]
    return changed


def render(app, doctree, docname):
    """doctree-resolved: each placeholder becomes "正文：<page> › <section>"."""
    for node in list(doctree.findall(lead_link)):
        target = resolve(app, tuple(node["key"]))
        if target is None:
            node.parent.remove(node)
            continue
        doc, anchor, parts = target
        uri = app.builder.get_relative_uri(docname, doc) + (f"#{anchor}" if anchor else "")
        link = nodes.reference("", "", internal=True, refuri=uri)
        link += [nodes.math(v, v) if kind == "math" else nodes.Text(v) for kind, v in parts]
        para = nodes.paragraph("", "", classes=["dlnotes-lead-link"])
        para += [nodes.strong("正文", "正文"), nodes.Text("："), link]
        node.replace_self(para)


class ExampleLead(SphinxTransform):
    """Put a placeholder under the title of each example page (above the run line)."""

    default_priority = 501  # after runline.RunLine: inserted at the same place, so above it

    def apply(self):
        docname = self.env.current_document.docname
        section = self.document.next_node(nodes.section)
        if section is not None and is_example(self.env, docname):
            section.insert(1, lead_link(key=("example", docname)))


def setup(app):
    app.setup_extension(f"{__package__}.runline")
    app.add_config_value("dlnotes_notes_exclude", ["generated/*", "api"], "env", list)
    app.dlnotes_overrides, app.dlnotes_first = {}, {}
    app.add_node(lead_link, html=(_skip, None), latex=(_skip, None), text=(_skip, None))
    app.add_transform(ExampleLead)
    app.connect("builder-inited", init_env)
    app.connect("env-before-read-docs", init_env)
    app.connect("doctree-read", collect, priority=600)  # after the image collector
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    app.connect("env-get-updated", check_leads)
    app.connect("doctree-resolved", render)
    return {"version": "1", "env_version": 1, "parallel_read_safe": True, "parallel_write_safe": True}
