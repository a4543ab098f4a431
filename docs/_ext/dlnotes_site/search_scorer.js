/*
 * dlnotes: the search scorer (conf.py's html_search_scorer; Sphinx puts it into
 * language_data.js).  The first block is Sphinx 9.0's default Scorer, which its object
 * search still reads; the rest is read by _static/dlnotes_search.js, which ranks:
 *
 *   1. pages that match more glossary terms of the query (all words, when it has none),
 *   2. then by the kind of page: a chapter (and its sections) above an example or an
 *      exercise page, those above a site page (home, glossary...), and an API page last,
 *   3. then pages that match more of the other words,
 *   4. then how well they match: each word group adds its best match on the page.
 *
 * Scorer.score (Sphinx's per-result hook) adds step 2 to the score that
 * dlnotes_search.js computed for steps 1, 3 and 4; the units keep the steps apart.
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

  // ranking units (see above): 1. glossary terms matched, 2. page kind, 3. other words
  rank: { keyTerm: 1e8, word: 1e5 },
  pageKind: { chapter: 3e7, example: 2e7, practice: 2e7, site: 1e7, api: 0 },

  score: (result) => {
    const [docname, , , , score] = result;
    return score + (Scorer.pageKind[DlnotesQuery.kind(docname)] ?? 0);
  },
};
