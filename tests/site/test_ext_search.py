"""dlnotes_site.search: the Chinese stemmer runs, the dictionary loads lazily, the search
index keeps every page's index entries after an incremental build and one-character terms;
dlnotes_site.searchquery: the query splitter (run in node) and its build-time data.  The
ranking and the searches themselves are tested in Chromium (test_browser.py)."""

import functools
import json
import os
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest
from sphinx.errors import ExtensionError
from sphinx.search import IndexBuilder, zh

from dlnotes_site import search, searchquery


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


# -- one-character terms, question words ------------------------------------------------

def test_one_character_dictionary_terms_stay_in_the_index(tmp_path):
    # Sphinx's Chinese index drops every one-character word, so 熵 was not searchable
    (tmp_path / "terms.txt").write_text("交叉熵 2000\n\n熵 189\n", encoding="utf-8")
    lang = type("Bound", (search.ChineseSearch,), {"base_dir": tmp_path})({"dict": "terms.txt"})
    assert lang.word_filter("熵") and lang.word_filter("交叉熵")
    assert not lang.word_filter("的") and not lang.word_filter("x")
    assert not zh.SearchChinese({"dict": ""}).word_filter("熵")  # Sphinx's own


def test_question_words_leave_the_query_not_the_index():
    words = {"怎么", "怎么办", "什么", "如何", "为什么", "的", "和", "与", "区别", "作用", "是", "吗"}
    assert words <= search.ChineseSearch.stopwords  # language_data.js: dropped from queries
    lang = search.ChineseSearch({"dict": ""})
    assert all(lang.word_filter(w) for w in words if len(w) > 1)  # still indexed


# -- the query splitter, run in JavaScript ------------------------------------------------

FAKE_INDEX = {
    "terms": {"过拟合": 0, "拟合": 0, "怎么办": 1, "作用": 1, "正则化": 0, "bn": 0, "优化器": 2,
              "adam": 2, "初始化": 3, "初始": 3, "化为": 1, "权重": 3, "batch": 0, "normal": 0},
    "titleterms": {"过拟合": 0, "权重": 3},
}
FAKE_DATA = {
    "glossary": [[["批归一化", "batch normalization", "BN"], "reg/bn", "reg-bn"],
                 [["L1 正则化", "L1 regularization", "lasso"], "reg/over", "reg-l1"],
                 [["1×1 卷积", "1×1 convolution"], "arc/conv1x1", "arc-what"]],
    "kinds": {"chapter": ["reg/bn", "reg/over"]},
}


def _parse(queries, data=FAKE_DATA, index=FAKE_INDEX):
    """DlnotesQuery.parse(query) of search_query.js for each query, run by node."""
    lang = search.ChineseSearch({"dict": ""})
    code = "\n".join([
        "var window = globalThis;",
        IndexBuilder.get_js_stemmer_code(types.SimpleNamespace(lang=lang)),
        f"const stopwords = new Set({json.dumps(sorted(lang.stopwords), ensure_ascii=False)});",
        searchquery.splitter_code(data),
        f"const Search = {{_index: {json.dumps(index, ensure_ascii=False)}}};",
        f"const out = {json.dumps(queries, ensure_ascii=False)}.map(q => {{",
        "  const {groups, excluded} = DlnotesQuery.parse(q, Search._index);",
        "  return {groups, excluded, split: splitQuery(q)}; });",
        "console.log(JSON.stringify(out));",
    ])
    proc = subprocess.run([shutil.which("node"), "-e", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    return dict(zip(queries, json.loads(proc.stdout)))


needs_node = pytest.mark.skipif(shutil.which("node") is None, reason="node (JavaScript) is not installed")


@needs_node
def test_the_query_is_cut_into_the_index_words():
    parsed = _parse(["过拟合怎么办", "BN作用", "L1正则化", "l1 正则化", "权重为什么不能全初始化为零",
                     "Adam优化器", "作用", "batch normalizations", "-bn 过拟合", "1*1卷积", "1 x 1 卷积",
                     "bn 1 p"])
    texts = {q: [g["text"] for g in p["groups"]] for q, p in parsed.items()}
    assert texts["过拟合怎么办"] == ["过拟合"]  # 怎么办: a question word
    assert texts["BN作用"] == ["bn"]  # Latin and Chinese without a space
    assert texts["L1正则化"] == texts["l1 正则化"] == ["l1正则化"]  # the glossary's "L1 正则化"
    assert texts["权重为什么不能全初始化为零"] == ["权重", "初始化"]  # not 初始|化为; 零 unknown
    assert texts["Adam优化器"] == ["adam", "优化器"]
    assert texts["作用"] == ["作用"]  # a query of question words only still searches them
    assert texts["batch normalizations"] == ["batch normalizations"]  # one name, stemmed
    assert texts["-bn 过拟合"] == ["过拟合"] and [g["text"] for g in parsed["-bn 过拟合"]["excluded"]] == ["bn"]
    assert texts["1*1卷积"] == texts["1 x 1 卷积"] == ["1x1卷积"]  # the glossary's "1×1 卷积"
    assert texts["bn 1 p"] == ["bn"]  # numbers and lone letters are dropped


@needs_node
def test_a_glossary_name_finds_the_entry_and_its_section():
    parsed = _parse(["BN", "batch normalization", "批归一化", "过拟合"])
    for query in ["BN", "batch normalization", "批归一化"]:
        (group,) = parsed[query]["groups"]
        assert group["key"] and group["targets"] == [["reg/bn", "reg-bn"]]
        assert [n["canon"] for n in group["names"]] == ["批归一化", "batch normal", "bn"]
        assert "批归一化" in parsed[query]["split"]  # highlighted and used for the snippet
    (plain,) = parsed["过拟合"]["groups"]
    assert plain["level"] == 1 and plain["key"] and plain["targets"] == []  # a word of a title
    assert plain["names"] == [{"canon": "过拟合", "words": [{"han": True, "keys": ["过拟合"]}]}]


@needs_node
def test_a_lone_character_stands_for_the_terms_it_ends():
    # 化 ends 批归一化 and L1 正则化 (as 核 ends 卷积核): one group naming both entries
    (group,) = _parse(["化"])["化"]["groups"]
    assert group["level"] == 2 and group["targets"] == [["reg/bn", "reg-bn"], ["reg/over", "reg-l1"]]


@needs_node
def test_pages_are_ranked_first_by_the_most_telling_words():
    # a glossary name outranks a title word, a title word a plain word
    parsed = _parse(["BN 过拟合", "过拟合 作用 优化器"])
    assert [(g["text"], g["level"], g["key"]) for g in parsed["BN 过拟合"]["groups"]] == [
        ("bn", 2, True), ("过拟合", 1, False)]
    assert [(g["text"], g["level"], g["key"]) for g in parsed["过拟合 作用 优化器"]["groups"]] == [
        ("过拟合", 1, True), ("优化器", 0, False)]  # 作用: a question word


@needs_node
def test_the_cut_comes_from_the_index_words():
    # the broken variant of the test above: an index that does not know 过拟合 loses the
    # term (拟 and 合 are unknown characters); only the question words are left to search
    index = {"terms": {"怎么办": 1}, "titleterms": {}}
    parsed = _parse(["过拟合怎么办"], data={"glossary": [], "kinds": {}}, index=index)
    assert [g["text"] for g in parsed["过拟合怎么办"]["groups"]] == ["过", "怎么办"]


# -- build-time data: glossary aliases, page kinds -------------------------------------

GLOSSARY_SOURCES = {
    "conf.py": "extensions = ['dlnotes_site.search']\nhtml_search_language = 'zh'\n",
    "index.rst": "Home\n====\n\n.. toctree::\n\n   layers\n   glossary\n   layers_exercises\n",
    "layers.rst": "Layers\n======\n\n.. _lay-rf:\n\nReceptive\n---------\n\nText.\n",
    "layers_exercises.rst": "Exercises\n=========\n\nText.\n",
    "glossary.rst": ("Glossary\n========\n\n.. glossary::\n\n   感受野\n   receptive field\n   RF\n"
                     "      Defined in :ref:`lay-rf`.\n\n   填充\n      No link.\n"),
}


def test_the_glossary_gives_each_term_its_names_and_section(tmp_path):
    for name, text in GLOSSARY_SOURCES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=str(Path(search.__file__).parents[1]))
    subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(tmp_path),
                    str(tmp_path / "_build")], env=env, check=True)
    text = (tmp_path / "_build" / "_static" / "language_data.js").read_text(encoding="utf-8")
    start = text.index("const DATA = ") + len("const DATA = ")
    data = json.loads(text[start:text.index(";\n", start)])
    assert data["glossary"] == [[["感受野", "receptive field", "RF"], "layers", "lay-rf"],
                                [["填充"], None, None]]
    assert data["kinds"] == {"chapter": [], "example": [], "practice": ["layers_exercises"],
                             "site": ["glossary", "index", "layers"], "api": []}
    assert "var splitQuery" in text and "DlnotesQuery" in text


def test_page_kinds():
    kind = functools.partial(searchquery.page_kind, gallery_dirs=["generated/gallery"],
                             chapters={"layers", "losses"}, api_docs={"generated/api/dlnotes.layers"})
    assert kind("generated/api/dlnotes.layers") == "api"
    assert kind("generated/gallery/layers/plot_01_conv") == "example"
    assert kind("generated/gallery/index") == "example"
    assert kind("layers_exercises") == kind("losses/exercises") == "practice"
    assert kind("layers") == kind("losses/entropy") == kind("losses/index") == "chapter"
    assert kind("glossary") == kind("index") == kind("about") == "site"


def test_editing_the_dictionary_re_indexes_the_pages(tmp_path):
    # Sphinx does not know the dictionary's content: without its digest in the options an
    # incremental build kept the old index.  "熵" becomes a term the index keeps.
    sources = {"conf.py": ("extensions = ['dlnotes_site.search']\nhtml_search_language = 'zh'\n"
                           "html_search_options = {'dict': 'terms.txt'}\n"),
               "index.rst": "Home\n====\n\n熵是信息论的量。\n",
               "terms.txt": "信息论 2000\n"}
    for name, text in sources.items():
        (tmp_path / name).write_text(text, encoding="utf-8")

    def terms():
        env = dict(os.environ, PYTHONPATH=str(Path(search.__file__).parents[1]))
        subprocess.run([sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(tmp_path),
                        str(tmp_path / "_build")], env=env, check=True)
        text = (tmp_path / "_build" / "searchindex.js").read_text(encoding="utf-8")
        return json.loads(text[text.index("(") + 1: text.rindex(")")])["terms"]

    assert "信息论" in terms() and "熵" not in terms()
    (tmp_path / "terms.txt").write_text("信息论 2000\n熵 189\n", encoding="utf-8")
    assert "熵" in terms()


def test_the_theme_whose_block_the_layout_restates_is_pinned(monkeypatch):
    # docs/_templates/layout.html restates pydata-sphinx-theme's block "extrahead"
    from dlnotes_site import _guard

    _guard.require(*searchquery.THEME_PIN)
    layout = Path(search.__file__).parents[2] / "_templates" / "layout.html"
    assert "{%- block extrahead %}" in layout.read_text(encoding="utf-8")
    monkeypatch.setattr(_guard, "installed", lambda name: "99.0")
    with pytest.raises(ExtensionError, match="search scripts on the search page only"):
        _guard.require(*searchquery.THEME_PIN)
