"""The exercise pages themselves: shape, coverage of the chapters, and every quoted number computed.

Reads the MyST sources with the parser the ``exercise-overview`` directive uses
(``docs/_practice/dlnotes_practice.py``), so the overview and these checks agree.
"""

import importlib
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
sys.path.insert(0, str(DOCS / "_practice"))
import dlnotes_practice as P  # noqa: E402

OVERVIEW = DOCS / "exercise_overview.md"
# exercise page -> the dlnotes._exercises module that computes its answers
PAGES = {
    "activations_exercises": "activations", "layers_exercises": "layers", "losses/exercises": "losses",
    "regularization/exercises": "regularization", "optimization/exercises": "optimization",
    "metrics_exercises": "metrics", "architectures/exercises": "architectures",
}
GLUE = re.compile(r"\{glue(?::text)?\}`([^`:]+)(?::[^`]*)?`")
BLOCK = re.compile(r"^(:{3,})\{(exercise|solution)\}[ \t]*([^\n]*)\n(.*?)^\1[ \t]*$", re.M | re.S)
DECIMAL = re.compile(r"(?<![\w.])\d+\.\d+")


def source(page):
    return (DOCS / f"{page}.md").read_text(encoding="utf-8")


def all_labels():
    return {m.group(1) for p in DOCS.rglob("*.md") if "generated" not in p.parts
            for m in re.finditer(r"^\(([\w-]+)\)=\s*$", p.read_text(encoding="utf-8"), re.M)}


def test_the_overview_lists_every_exercise_page_in_reading_order():
    text = OVERVIEW.read_text(encoding="utf-8")
    listed = re.search(r"```\{exercise-overview\}\n(.*?)```", text, re.S).group(1).split()
    with_exercises = sorted(p.relative_to(DOCS).with_suffix("").as_posix() for p in DOCS.rglob("*.md")
                            if "generated" not in p.parts and "{exercise}" in p.read_text(encoding="utf-8"))
    assert listed == list(PAGES)
    assert sorted(listed) == with_exercises


def test_counts_per_chapter_and_kind():
    total = 0
    for page in PAGES:
        exercises = P.parse_exercises(source(page))
        kinds = {e["kind"] for e in exercises}
        assert len(exercises) >= 10, (page, len(exercises))
        assert len(kinds) >= 3 and "面试题" in kinds and "计算" in kinds, (page, kinds)
        total += len(exercises)
    assert total >= 70


@pytest.mark.parametrize("page", list(PAGES))
def test_every_exercise_has_a_hidden_solution_and_a_real_section(page):
    text = source(page)
    exercises = P.parse_exercises(text)
    labels = [e["label"] for e in exercises]
    assert len(labels) == len(set(labels))
    known = all_labels()
    for e in exercises:
        assert e["label"].startswith("ex-"), e
        assert e["section"] in known, f"{e['label']} practises an unknown section {e['section']!r}"
        assert "$" not in e["title"] and "`" not in e["title"], f"{e['label']}: keep titles plain (overview)"
    solutions = {m.group(3).strip(): m.group(4) for m in BLOCK.finditer(text) if m.group(2) == "solution"}
    assert sorted(solutions) == sorted(labels), "one solution per exercise, targeting its label"
    for label, body in solutions.items():
        assert f":label: sol-{label[3:]}" in body, label
        assert "{dropdown}" in body, f"{label}: the solution must be hidden in a dropdown"


@pytest.mark.parametrize("page", list(PAGES))
def test_glue_names_match_the_computed_answers(page):
    module = importlib.import_module(f"dlnotes._exercises.{PAGES[page]}")
    used = set(GLUE.findall(source(page)))
    computed = set(module.answers())
    assert used <= computed, f"glued but not computed: {sorted(used - computed)}"
    assert computed <= used, f"computed but never quoted: {sorted(computed - used)}"


MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$", re.S)
RESULT_IN_MATH = re.compile(r"(?:=|\\approx)\s*-?(\d+\.\d+)")
ALLOWED = {"0.5"}  # the default threshold, the AUC of random scores


def typed_numbers(solution, data):
    """Decimals of a solution that are neither glued nor data given in an exercise statement.

    Outside math every decimal counts; inside math only a result (after ``=`` or
    ``\\approx``): the inputs substituted into a formula are data, not answers.
    """
    body = GLUE.sub("", solution)
    body = re.sub(r"```\{literalinclude\}.*?```", "", body, flags=re.S)
    found = [d for m in MATH.finditer(body) for d in RESULT_IN_MATH.findall(m.group(0))]
    found += DECIMAL.findall(MATH.sub(" ", body))
    return [d for d in found if d not in data and d not in ALLOWED]


def test_the_typed_number_check_can_fail():
    assert typed_numbers("损失是 0.6931，即 $\\ln 2 = 0.6931$。", data="") == ["0.6931", "0.6931"]
    assert typed_numbers("代入 $1 - 0.9$ 得 {glue:text}`x:.4f`。", data="") == []


@pytest.mark.parametrize("page", list(PAGES))
def test_no_number_in_a_solution_is_typed_in(page):
    """A decimal in a solution is glued, or it is data restated from an exercise on the page."""
    text = source(page)
    blocks = list(BLOCK.finditer(text))
    data = " ".join(m.group(4) for m in blocks if m.group(2) == "exercise")
    for m in blocks:
        if m.group(2) == "solution":
            typed = typed_numbers(m.group(4), data)
            assert not typed, f"{m.group(3)}: numbers typed into the solution {typed}; glue computed values"


@pytest.mark.parametrize("page", list(PAGES))
def test_code_tasks_show_functions_of_the_answer_module(page):
    module = importlib.import_module(f"dlnotes._exercises.{PAGES[page]}")
    shown = re.findall(r":pyobject: (\w+)", source(page))
    assert shown, "every chapter has at least one code task"
    assert set(shown) <= set(module.__all__) - {"answers"}
    assert f"src/dlnotes/_exercises/{PAGES[page]}.py" in source(page)


def test_the_answer_modules_do_not_import_torch():
    code = ("import sys; import dlnotes._exercises as e; import importlib; "
            "[importlib.import_module('dlnotes._exercises.' + m) for m in e.__all__]; "
            "print('torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_parse_exercises_rejects_a_malformed_exercise():
    with pytest.raises(ValueError, match="kind"):
        P.parse_exercises(":::{exercise} t\n:label: ex-x\n\n{ref}`act-sigmoid` no badge\n:::\n")
    with pytest.raises(ValueError, match="label"):
        P.parse_exercises(":::{exercise} t\n\n{bdg-primary}`计算` {ref}`a`\n:::\n")
