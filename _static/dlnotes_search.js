/*
 * dlnotes: ranking and snippets of the site search.  Replaces two functions of Sphinx
 * 9.0's searchtools.js that have no hook; loaded on search.html only, after
 * searchtools.js (dlnotes_site.searchquery, which pins the Sphinx version).
 *
 * Search._performSearch.  Sphinx keeps a page only when it holds every word of the query
 * (performTermsSearch), so one word no page has empties the result, and it lists a page
 * once per kind of match (title, index entry, text: the same page two or three times).
 * Here every word group of DlnotesQuery.parse (language_data.js) is matched on its own
 * (glossary aliases, index entries, titles, then the words of the text); a page collects
 * its groups' best matches and is listed once, linked to its best section, ranked as
 * the Scorer (language_data.js) describes.  Upstream: sphinx-doc/sphinx#11961 (duplicates;
 * closed, but a page still appears once per anchor in 9.0); no issue found for
 * requiring every word.  Delete this function when Sphinx ranks by the words matched
 * and lists a page once.
 *
 * Search.htmlToText.  Sphinx takes the snippet from the page's [role=main] element,
 * which in pydata-sphinx-theme also holds the article header's buttons ("亮色 暗色 …"):
 * here it is the article only, without display formulas, inline formulas as the text of
 * their MathML copy (or their TeX, where the build left MathJax to the browser), and an anchor that marks an index entry gives the text of
 * its section (Sphinx would show nothing: the anchor is an empty span).
 */
"use strict";

(() => {
  const prepared = new WeakMap();
  const prepare = (index) => {
    if (prepared.has(index)) return prepared.get(index);
    const titles = [];
    const sections = new Map();
    const entries = [];
    for (const [title, found] of Object.entries(index.alltitles)) {
      const canon = DlnotesQuery.canon(title);
      for (const [file, id] of found) {
        titles.push({ canon, file, id });
        if (id) sections.set(`${file}#${id}`, title);
      }
    }
    for (const [entry, found] of Object.entries(index.indexentries)) {
      const canon = DlnotesQuery.canon(entry);
      for (const [file, id, main] of found) entries.push({ canon, file, id, main });
    }
    const docs = new Map(index.docnames.map((docname, file) => [docname, file]));
    const result = { titles, sections, entries, docs, termKeys: Object.keys(index.terms),
                     titleKeys: Object.keys(index.titleterms) };
    prepared.set(index, result);
    return result;
  };

  const files = (table, key) => {
    if (!Object.hasOwn(table, key)) return [];
    const found = table[key];
    return typeof found === "number" ? [found] : found;
  };
  // `needle` in `hay`, both canonical; a Latin word only as a whole word
  const latin = /[\p{L}\p{N}_]/u;
  const han = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/u;
  const contains = (hay, needle) => {
    for (let i = hay.indexOf(needle); i >= 0; i = hay.indexOf(needle, i + 1)) {
      const before = hay[i - 1];
      const after = hay[i + needle.length];
      const openStart = han.test(needle[0]) || !before || !latin.test(before) || han.test(before);
      const openEnd = han.test(needle.at(-1)) || !after || !latin.test(after) || han.test(after);
      if (openStart && openEnd) return true;
    }
    return false;
  };

  // Pages holding one word (its keys): {title: Set, text: Set, partial}
  const wordPages = (word, index, prep) => {
    const title = new Set();
    const text = new Set();
    for (const key of word.keys) {
      for (const file of files(index.titleterms, key)) {
        title.add(file);
        text.add(file);
      }
      for (const file of files(index.terms, key)) text.add(file);
    }
    const key = word.keys[0];
    if (text.size || key.length < (word.han ? 2 : 3)) return { title, text, partial: false };
    for (const [keys, table] of [[prep.termKeys, index.terms], [prep.titleKeys, index.titleterms]])
      for (const term of keys)
        if (term.includes(key)) for (const file of files(table, term)) text.add(file);
    return { title: new Set(), text, partial: true };
  };

  // {file: {score, anchor, kind}}: the best match of one word group on each page
  const matchGroup = (group, index, prep) => {
    const best = new Map();
    const offer = (file, score, anchor, kind) => {
      const old = best.get(file);
      if (!old || score > old.score) best.set(file, { score, anchor: anchor || "", kind });
    };
    for (const [docname, anchor] of group.targets)
      if (prep.docs.has(docname)) offer(prep.docs.get(docname), Scorer.taught, anchor, SearchResultKind.title);
    for (const name of group.names) {
      if (!name.canon) continue;
      for (const e of prep.entries) {
        if (e.canon === name.canon) offer(e.file, e.main ? Scorer.mainIndex : Scorer.index, e.id, SearchResultKind.index);
        else if (e.canon.length <= 2 * name.canon.length && contains(e.canon, name.canon))
          offer(e.file, Scorer.partialIndex, e.id, SearchResultKind.index);
      }
      for (const t of prep.titles) {
        if (t.canon === name.canon) offer(t.file, Scorer.sectionTitle, t.id, SearchResultKind.title);
        else if (contains(t.canon, name.canon))
          offer(t.file, Scorer.title + Math.round((Scorer.titleSpan * name.canon.length) / t.canon.length),
                t.id, SearchResultKind.title);
      }
      if (!name.words.length) continue;
      const found = name.words.map((word) => wordPages(word, index, prep));
      const partial = found.some((f) => f.partial);
      for (const file of found[0].text) {
        if (!found.every((f) => f.text.has(file))) continue;
        const inTitles = found.every((f) => f.title.has(file));
        offer(file, partial ? Scorer.partialTerm : inTitles ? Scorer.title : Scorer.term, "", SearchResultKind.text);
      }
    }
    return best;
  };

  Search._performSearch = (query) => {
    const index = Search._index;
    const prep = prepare(index);
    const { groups, excluded } = DlnotesQuery.parse(query, index);
    _removeChildren(document.getElementById("search-progress"));

    const pages = new Map();
    for (const group of groups) {
      for (const [file, match] of matchGroup(group, index, prep)) {
        if (!pages.has(file)) pages.set(file, { keys: 0, score: 0, best: match });
        const page = pages.get(file);
        if (group.key) page.keys += 1;
        page.score += match.score;
        if (match.score > page.best.score) page.best = match;
      }
    }
    for (const group of excluded)
      for (const file of matchGroup(group, index, prep).keys()) pages.delete(file);

    const results = [];
    for (const [file, page] of pages) {
      const { anchor, kind } = page.best;
      const section = anchor ? prep.sections.get(`${file}#${anchor}`) : undefined;
      const title = section && section !== index.titles[file]
        ? `${index.titles[file]} > ${section}` : index.titles[file];
      const score = page.keys * Scorer.rank.keyWord + page.score;
      const result = [index.docnames[file], title, anchor ? `#${anchor}` : "", null, score,
                      index.filenames[file], kind];
      // an exact main index entry (a glossary term) defines what was asked: see Scorer
      const definition = kind === SearchResultKind.index && page.best.score >= Scorer.mainIndex;
      result[4] = Scorer.score(result, definition);
      results.push(result);
    }
    // worst first: Search.query shows the last one first
    return results.sort(_orderResultsByScoreThenName);
  };

  Search.htmlToText = (htmlString, anchor) => {
    const doc = new DOMParser().parseFromString(htmlString, "text/html");
    const root = doc.querySelector("article.bd-article") || doc.querySelector('[role="main"]');
    if (!root) return "";
    // display formulas are left out; an inline one is the text of its hidden MathML copy
    // (the SVG's own text would repeat it), or its TeX without the \( \) delimiters
    root.querySelectorAll(".headerlink, script, style, div.math").forEach((el) => el.remove());
    for (const math of root.querySelectorAll("span.math")) {
      const mathml = math.querySelector("mjx-assistive-mml");
      math.textContent = (mathml || math).textContent.replace(/^\\\(|\\\)$/g, "");
    }
    let block = root;
    const target = anchor && doc.getElementById(decodeURIComponent(anchor.slice(1)));
    if (target && root.contains(target)) block = target.closest("section") || target;
    return block.textContent.replace(/\s+/g, " ").trim();
  };
})();
