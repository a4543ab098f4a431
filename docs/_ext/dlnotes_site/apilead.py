"""API pages open in Chinese: a one-line summary and the "正文：" link to the notes.

Gap: autosummary and autodoc render the package's docstrings (English, numpydoc), so an
API page has no Chinese and no way back to the section that teaches the object; neither
has an option for a lead paragraph from data (no upstream issue found).  The directive
``.. api-lead:: <full name>`` (placed by the autosummary templates under each page's
title) renders

- the object's one-line Chinese summary, from the data file ``dlnotes_api_summaries``
  (default ``api_summaries.toml`` in the source folder; table ``[summary]``, full name →
  text, reST inline markup allowed), and
- the "正文：" link to the section teaching it (:mod:`.backlinks`: the first notes
  section referencing the object, or the override in the table ``[section]``, full name
  → ``"docname#anchor"`` or ``"docname"``, where that first section is not the one that
  teaches it; a name with ``*`` covers every object it matches).

A missing or non-Chinese summary, an object without a section and a summary for an
object that has no API page are warnings (``-W`` fails the build).  Delete when
autosummary can show translated summaries and link back to the prose.
"""

import fnmatch
import re
import tomllib
from pathlib import Path

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .backlinks import lead_link

logger = logging.getLogger(__name__)
_CJK = re.compile(r"[\u4e00-\u9fff]")


def data_path(app):
    return Path(app.srcdir, app.config.dlnotes_api_summaries)


def load(path):
    """``(summaries, section overrides)`` of the data file, each ``{full name: text}``."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    unknown = set(data) - {"summary", "section"}
    if unknown:
        raise ValueError(f"{path}: unknown tables {sorted(unknown)} (expected [summary] and [section])")
    return dict(data.get("summary", {})), dict(data.get("section", {}))


def load_data(app):
    """builder-inited: read the data file; register the overrides with :mod:`.backlinks`.

    The summaries and the file's path are kept on the environment, where the directive
    finds them.
    """
    app.env.dlnotes_api_data = data_path(app)
    app.env.dlnotes_api_summaries, overrides = load(app.env.dlnotes_api_data)
    app.dlnotes_overrides.update({("py", name): target for name, target in overrides.items()})


def summary_problem(text):
    """Why ``text`` is not a usable one-line Chinese summary ('' when it is)."""
    if not isinstance(text, str) or not text.strip():
        return "is empty"
    if "\n" in text.strip():
        return "spans several lines"
    if not _CJK.search(text):
        return "has no Chinese"
    return ""


class ApiLead(SphinxDirective):
    """``.. api-lead:: full.name``: the summary and the "正文：" link of an API page."""

    required_arguments = 1

    def run(self):
        name = self.arguments[0].strip()
        self.env.note_dependency(str(self.env.dlnotes_api_data))
        box = nodes.container(classes=["dlnotes-lead"])
        text = self.env.dlnotes_api_summaries.get(name)
        problem = "has none" if text is None else summary_problem(text)
        if problem:
            logger.warning("dlnotes_site.apilead: the Chinese summary of %s in %s %s", name,
                           self.config.dlnotes_api_summaries, problem, location=self.get_location())
        else:
            inline, messages = self.parse_inline(text.strip(), lineno=self.lineno)
            box += nodes.paragraph("", "", *inline, classes=["dlnotes-api-summary"])
            box += messages
        box += lead_link(key=("py", name))
        return [box]


def check_data(app, env):
    """env-get-updated: every entry of the data file belongs to an API page."""
    documented = {key[1] for keys in env.dlnotes_leads.values() for key in keys if key[0] == "py"}
    summaries = env.dlnotes_api_summaries
    overrides = {key[1] for key in app.dlnotes_overrides if key[0] == "py"}
    for table, names in (("summary", set(summaries)), ("section", overrides)):
        for name in sorted(n for n in names if not fnmatch.filter(documented, n)):
            logger.warning("dlnotes_site.apilead: [%s] %s in %s has no API page (renamed or removed?)",
                           table, name, app.config.dlnotes_api_summaries)
    return []


def setup(app):
    app.setup_extension(f"{__package__}.backlinks")
    app.add_config_value("dlnotes_api_summaries", "api_summaries.toml", "env", str)
    app.add_directive("api-lead", ApiLead)
    app.connect("builder-inited", load_data)
    app.connect("env-get-updated", check_data, priority=600)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
