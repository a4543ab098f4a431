/*
 * dlnotes: the search scorer (conf.py's html_search_scorer; Sphinx puts it into
 * language_data.js).  The first block is Sphinx 9.0's default Scorer, which its object
 * search still reads; the rest is read by _static/dlnotes_search.js, which ranks:
 *
 *   1. pages that match more of the query's key words: its glossary names, or when it
 *      has none its words found in some title, or else all its words,
 *   2. then by the kind of page: a chapter (and its sections) above an example or an
 *      exercise page, those above a site page (home, glossary...), and an API page last;
 *      a page whose best match is a main index entry that is a word of the query (the
 *      glossary's entry for "BN" or "KL") ranks with the chapters: it defines the term,
 *   3. then by how well they match: each word of the query, key or not, adds its best
 *      match on the page (the weights below).
 *
 * Scorer.score (Sphinx's per-result hook) adds step 2 to the score that
 * dlnotes_search.js computed for steps 1 and 3; the units keep the steps apart.
 */
var Scorer = {
  objNameMatch: 11,
  objPartialMatch: 6,
  objPrio: { 0: 15, 1: 5, 2: -5 },
  objPrioDefault: 0,
  title: 15, // a word of the query in the page's titles
  partialTitle: 7,
  term: 5, // a word of the query in the page's text
  partialTerm: 2,

  // best match of one word group on a page
  taught: 120, // the section a glossary entry links to, for any of its names
  mainIndex: 100, // a main index entry ({index} with "!")
  sectionTitle: 80, // a (section) title that is exactly the word
  titleSpan: 50, // a title containing the word: title + titleSpan * its share of the title
  index: 40, // another index entry
  partialIndex: 20, // an index entry at most twice as long as the word and holding it

  // ranking units (see above): 1. key words matched, 2. page kind
  rank: { keyWord: 1e8 },
  pageKind: { chapter: 3e7, example: 2e7, practice: 2e7, site: 1e7, api: 0 },

  score: (result, definition = false) => {
    const [docname, , , , score] = result;
    return score + (Scorer.pageKind[definition ? "chapter" : DlnotesQuery.kind(docname)] ?? 0);
  },
};
