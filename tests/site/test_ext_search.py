"""dlnotes_site.search: the Chinese stemmer runs, the dictionary loads lazily, and the
search index keeps every page's index entries after an incremental build."""

import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sphinx.search import IndexBuilder, zh

from dlnotes_site import search


def _stemmer_js(language):
    # the code Sphinx writes into language_data.js for this search language
    return IndexBuilder.get_js_stemmer_code(types.SimpleNamespace(lang=language({"dict": ""})))


def _run_js(code):
    script = f"var window = {{}};\n{code}\nconsole.log(new window.Stemmer().stemWord('running'));"
    return subprocess.run([shutil.which("node"), "-e", script], capture_output=True, text=True)


def test_the_stemmer_names_the_class_it_defines():
    # sphinx-doc/sphinx#14229: "window.Stemmer = ChineseStemmer;" with no such class
    code = _stemmer_js(search.ChineseSearch)
    assert code.rstrip().endswith("window.Stemmer = EnglishStemmer;")
    assert "var EnglishStemmer=function" in code
    assert "ChineseStemmer" not in code


@pytest.mark.skipif(shutil.which("node") is None, reason="node (JavaScript) is not installed")
def test_the_stemmer_runs_in_javascript():
    fixed = _run_js(_stemmer_js(search.ChineseSearch))
    assert fixed.returncode == 0 and fixed.stdout.strip() == "run", fixed.stderr
    broken = _run_js(_stemmer_js(zh.SearchChinese))  # Sphinx 9.0's own: the bug
    assert broken.returncode != 0 and "ChineseStemmer is not defined" in broken.stderr


# jieba leaves its dictionary file open
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
def test_the_user_dictionary_is_relative_to_the_conf_dir_and_loads_on_first_use(tmp_path):
    import gc

    import jieba

    term = "梯度裁剪阈值表"  # not in jieba's dictionary
    (tmp_path / "terms.txt").write_text(f"{term} 100000 n\n", encoding="utf-8")
    language = type("Bound", (search.ChineseSearch,), {"base_dir": tmp_path})
    lang = language({"dict": "terms.txt"})
    assert term not in jieba.dt.FREQ  # nothing loaded yet
    assert term in lang.split(f"什么是{term}")
    assert jieba.dt.FREQ.get(term) == 100000
    gc.collect()  # report jieba's open file here, where the warning is ignored


SOURCES = {
    "conf.py": "extensions = ['dlnotes_site.search']\n",
    "index.rst": "Home\n====\n\n.. index:: ! alpha term\n\nText.\n\n.. toctree::\n\n   other\n   third\n",
    "other.rst": "Other\n=====\n\n.. index:: beta term; sub\n\nMore text.\n",
    "third.rst": "Third\n=====\n\n.. index:: gamma term\n\nStill more.\n",
}


def _index_entries(root, touch=None):
    if touch:
        os.utime(root / touch)  # an incremental build re-writes this page only
    env = dict(os.environ, PYTHONPATH=str(Path(search.__file__).parents[1]))
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(root), str(root / "_build")],
                   env=env, check=True)
    text = (root / "_build" / "searchindex.js").read_text(encoding="utf-8")
    return json.loads(text[text.index("(") + 1: text.rindex(")")])["indexentries"]


def test_index_entries_survive_an_incremental_build(tmp_path):
    # sphinx-doc/sphinx#12599: the entries of pages not re-written were dropped
    for name, text in SOURCES.items():
        (tmp_path / name).write_text(text)
    clean = _index_entries(tmp_path)
    assert {"alpha term", "beta term", "sub", "gamma term"} <= set(clean)
    assert _index_entries(tmp_path, touch="other.rst") == clean


def test_index_entries_are_listed_in_page_order_whatever_the_reading_order():
    title = types.SimpleNamespace(astext=lambda: "T")
    entries = {"b": [("single", "beta", "id1", "", None)], "a": [("single", "alpha", "id2", "main", None)]}
    env = types.SimpleNamespace(titles={"a": title, "b": title},
                                domains=types.SimpleNamespace(index_domain=types.SimpleNamespace(entries=entries)))
    assert list(search.index_entries(env)) == ["a", "b"]
    assert search.index_entries(env)["a"] == [("alpha", "id2", "main")]
