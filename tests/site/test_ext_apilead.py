"""dlnotes_site.apilead: every public object of dlnotes has a one-line Chinese summary.

The objects are listed here independently of autosummary: every public submodule of
``dlnotes`` (``pkgutil``), and in each the functions, classes and exceptions it exports
(``__all__``, or else the public names it defines), as the API templates document them.
"""

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

import docutils.frontend
import docutils.parsers.rst
import docutils.utils
import pytest
from docutils import nodes

import dlnotes
from dlnotes_site import apilead

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "docs" / "api_summaries.toml"
SUMMARIES, OVERRIDES = apilead.load(DATA)


def public_objects():
    """Full names of the modules, functions, classes and exceptions the API pages document."""
    names = {"dlnotes"}
    for info in pkgutil.walk_packages(dlnotes.__path__, "dlnotes."):
        if any(part.startswith("_") for part in info.name.split(".")):
            continue
        module = importlib.import_module(info.name)
        names.add(info.name)
        exported = getattr(module, "__all__", None)
        for attr in exported if exported is not None else dir(module):
            obj = getattr(module, attr)
            if attr.startswith("_") or not (inspect.isfunction(obj) or inspect.isclass(obj)):
                continue
            if exported is None and obj.__module__ != info.name:
                continue  # imported from elsewhere
            names.add(f"{info.name}.{attr}")
    return names


def test_every_public_object_has_a_summary_and_no_summary_is_stale():
    objects = public_objects()
    assert len(objects) > 150
    assert sorted(objects - set(SUMMARIES)) == [], "public objects without a Chinese summary"
    assert sorted(set(SUMMARIES) - objects) == [], "summaries of objects that are not public"


def _parse_inline(text):
    settings = docutils.frontend.get_default_settings(docutils.parsers.rst.Parser)
    settings.report_level = 2
    settings.halt_level = 5
    settings.warning_stream = False
    document = docutils.utils.new_document("summary", settings)
    messages = []
    document.reporter.attach_observer(messages.append)
    docutils.parsers.rst.Parser().parse(text, document)
    return document, messages


@pytest.mark.parametrize("name", sorted(SUMMARIES))
def test_summary_is_one_line_of_chinese_with_clean_markup(name):
    text = SUMMARIES[name]
    assert apilead.summary_problem(text) == "", (name, text)
    assert len(text) <= 80, f"{name}: keep the summary to one line ({len(text)} characters)"
    document, messages = _parse_inline(text)
    assert not messages, f"{name}: {[m.astext() for m in messages]}"
    assert len(document.children) == 1 and isinstance(document[0], nodes.paragraph), name
    # no markup left over as text: the roles that docutils alone does not know aside
    shown = document.astext()
    assert not re.search(r"``|(?<!:math):`|\|[^|]+\|", shown), (name, shown)


def test_the_problem_check_refuses_what_it_should():
    assert apilead.summary_problem("Rectified linear unit.") == "has no Chinese"
    assert apilead.summary_problem("第一行\n第二行") == "spans several lines"
    assert apilead.summary_problem("  ") == "is empty"
    assert apilead.summary_problem(None) == "is empty"


def test_overrides_name_objects_and_labelled_sections():
    objects = public_objects()
    for name, target in OVERRIDES.items():
        assert [o for o in objects if re.fullmatch(name.replace(".", r"\.").replace("*", ".*"), o)], name
        doc, _, anchor = target.partition("#")
        source = ROOT / "docs" / f"{doc}.md"
        assert source.is_file(), f"{name}: no page {doc}"
        if anchor:  # a MyST label: (anchor)= above the heading, stable as the text changes
            assert f"({anchor})=" in source.read_text(encoding="utf-8"), f"{name}: no label {anchor} in {doc}"


def test_the_data_file_has_only_the_two_tables(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[summaries]\n"x" = "一"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown tables"):
        apilead.load(bad)
