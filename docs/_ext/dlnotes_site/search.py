"""Chinese site search: the gaps of Sphinx 9.0's search, at build time.

1. The Chinese stemmer's JavaScript names a class it does not define: Sphinx 9.0 emits
   ``window.Stemmer = ChineseStemmer;`` after the English stemmer (which defines
   ``EnglishStemmer``), so search never runs in the browser
   (https://github.com/sphinx-doc/sphinx/issues/14229).  Fixed upstream by
   https://github.com/sphinx-doc/sphinx/pull/14416 (the class is named after the stemmer
   file); until a release has it, :class:`ChineseSearch` names the class it ships.
   Delete ``language_name`` below with a Sphinx release that includes #14416.
2. jieba's dictionaries take about a second to load; Sphinx loads them whenever it
   prepares to write, even when no page needs it.  :class:`ChineseSearch` loads them on
   the first page it indexes, so a build with nothing to re-write skips them.  The user
   dictionary (``html_search_options["dict"]``) may be given relative to the
   configuration directory, so the configuration holds no path of the checkout (Sphinx
   hashes it into ``.buildinfo``).  No upstream issue; keep while it saves the second.
3. After an incremental build, ``searchindex.js`` keeps the ``index`` directive entries of
   the re-written pages only (https://github.com/sphinx-doc/sphinx/issues/12599, open):
   Sphinx collects them while writing and does not load them back.  They are recomputed
   from the index domain for every page before writing.  The index builder offers no
   public way in, so :func:`_set_index_entries` is the one private access, version-guarded.
   Delete when #12599 is fixed.
4. Sphinx's Chinese index drops every one-character word, so 熵 cannot be found: a
   one-character line of the user dictionary is a term and stays in the index.  Sphinx
   does not know the dictionary's content, so editing it re-indexed no page: its digest
   joins ``html_search_options`` (:func:`digest_user_dict`), whose change re-writes, and
   so re-indexes, every page.  No upstream issue found; keep both.

The query side (segmentation in the browser, ranking, glossary aliases, where the index
loads) is :mod:`.searchquery`; :class:`ChineseSearch` ships it through Sphinx's public
``js_splitter_code`` and ``stopwords`` (the Chinese question words dropped from queries).
"""

import hashlib
from pathlib import Path

from sphinx.search import zh
from sphinx.util.index_entries import split_index_msg

from . import searchquery
from ._guard import private_api, require, verify
from .searchquery import add_search_script  # guarded: listed with the package's private uses


class ChineseSearch(zh.SearchChinese):
    """Sphinx's Chinese search: a working stemmer name, a lazily loaded dictionary,
    one-character terms, and the query splitter of :mod:`.searchquery`."""

    # The stemmer JavaScript is english-stemmer.js: it defines EnglishStemmer (#14229).
    # (Sphinx's log then reads "dumping search index in English (code: zh)".)
    language_name = "English"
    base_dir = Path.cwd()  # where a relative "dict" option is resolved; set per app in setup()
    # language_data.js: dropped from the reader's query (the index keeps every word)
    stopwords = zh.SearchChinese.stopwords | searchquery.QUESTION_WORDS
    query_data = None  # {"glossary": ..., "kinds": ...}; set per app at env-updated

    def __init__(self, options):
        user_dict = options.get("dict")
        self._user_dict = None if user_dict is None else self.base_dir / user_dict
        self.single_terms = set()
        if self._user_dict is not None and self._user_dict.is_file():
            words = [line.split()[0] for line in self._user_dict.read_text(encoding="utf-8").splitlines()
                     if line.strip()]
            self.single_terms = {word for word in words if len(word) == 1}
        super().__init__({**options, "dict": ""})  # the parent loads no dictionary yet

    @property
    def js_splitter_code(self):
        return searchquery.splitter_code(self.query_data)

    def word_filter(self, stemmed_word):
        return super().word_filter(stemmed_word) or stemmed_word in self.single_terms

    def split(self, input):
        if self._user_dict is not None:
            if self._user_dict.is_file():
                zh.jieba_load_userdict(str(self._user_dict))
            self._user_dict = None
        return super().split(input)


def index_entries(env):
    """``{docname: sorted entries}`` for every titled page, as ``IndexBuilder.feed`` makes them.

    Pages come in name order (the order of a clean build's reading), whatever order the
    incremental builds re-read them in: ``searchindex.js`` lists entries in this order.
    """
    collected = {}
    for docname, entries in sorted(env.domains.index_domain.entries.items()):
        title = env.titles.get(docname)
        if title is None or not title.astext():
            continue
        found = set()
        for entry_type, value, target_id, main, _category in entries:
            try:
                result = split_index_msg(entry_type, value)
            except ValueError:
                continue
            target_id = target_id or ""
            if entry_type in {"see", "seealso"}:
                found.add((result[0], target_id, main))
            found |= {(term, target_id, main) for term in result}
        if found:
            collected[docname] = sorted(found)
    return collected


@private_api(
    "keep index entries in the search index (sphinx#12599)",
    {"sphinx": "9.0.4"},
    "that BuildEnvironment._search_index_index_entries still is the dict IndexBuilder "
    "reads as its _index_entries (sphinx/search/__init__.py), or that #12599 is fixed.",
)
def _set_index_entries(env, collected):
    env._search_index_index_entries.clear()
    env._search_index_index_entries.update(collected)


def keep_index_entries(app, env):
    """env-updated: give the search index the entries of every page, not only re-written ones."""
    _set_index_entries(env, index_entries(env))
    return []


def digest_user_dict(app, config):
    """config-inited: the user dictionary's sha256 joins ``html_search_options``."""
    user_dict = config.html_search_options.get("dict")
    path = Path(app.confdir) / user_dict if user_dict else None
    if path is not None and path.is_file():
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        config.html_search_options = {**config.html_search_options, "dict_sha256": digest}


def setup(app):
    verify(_set_index_entries, add_search_script)
    require(*searchquery.THEME_PIN)
    language = type("ChineseSearch", (ChineseSearch,), {"base_dir": Path(app.confdir)})
    app.add_search_language(language)
    app.connect("config-inited", digest_user_dict)
    app.connect("env-updated", keep_index_entries)

    def collect_query_data(app, env):
        """env-updated: the glossary aliases and page kinds for the query splitter."""
        language.query_data = searchquery.query_data(env, app.config)
        return []

    app.connect("env-updated", collect_query_data)
    app.connect("html-page-context", add_search_script)
    return {"version": "2", "parallel_read_safe": True, "parallel_write_safe": True}
