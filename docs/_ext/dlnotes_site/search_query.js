/*
 * dlnotes: the query splitter of the site search, for Chinese.  dlnotes_site.search emits
 * this file into language_data.js as its SearchLanguage.js_splitter_code (Sphinx's public
 * hook for a language's query splitter), with the data of dlnotes_site.searchquery.
 *
 * Sphinx's own splitQuery cuts a query only at spaces and punctuation, so a question
 * typed the way Chinese is written ("过拟合怎么办") stays one word that no page holds.
 * The pages were cut by jieba with docs/search_terms.txt when the site was built; the
 * words it found are the keys of searchindex.js (terms, titleterms).  The query is cut
 * against exactly that vocabulary, plus the glossary's names and the question words:
 * the cut with the fewest unknown characters, then the fewest words.  Question words and
 * particles (language_data.js's `stopwords`), unknown single characters, lone Latin
 * letters and numbers are dropped, unless nothing else is left.  A word that is a name of a glossary entry becomes a group
 * of all the entry's names (Chinese, English, abbreviation) and the section it links to;
 * a lone character stands for the entries it ends (核: 卷积核; 熵: 信息熵, 交叉熵, ...).
 */
const DlnotesQuery = (() => {
  // {"glossary": [[names, docname, anchor], ...], "kinds": {kind: [docname, ...]}}
  const DATA = /* DLNOTES_QUERY_DATA */;
  const HAN = "\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff";
  // an atom: one Han character, or one run of other letters, digits and underscores
  const ATOMS = new RegExp(`[${HAN}]|(?:(?![${HAN}])[\\p{L}\\p{N}_])+`, "gu");
  const IS_HAN = new RegExp(`^[${HAN}]$`, "u");
  const HAS_HAN = new RegExp(`[${HAN}]`, "u");
  const MAX_ATOMS = 12; // the longest word tried, in atoms
  const KINDS = new Map();
  for (const [kind, docnames] of Object.entries(DATA.kinds))
    for (const docname of docnames) KINDS.set(docname, kind);

  let stemmer = null;
  const stem = (word) => (stemmer ??= new Stemmer()).stemWord(word);

  const atomize = (text) =>
    Array.from(
      text.normalize("NFKC").toLowerCase().replace(/(\d)\s*[x×*]\s*(\d)/g, "$1x$2").matchAll(ATOMS),
      ([atom]) => {
        const han = IS_HAN.test(atom);
        return { text: atom, han, key: han ? atom : stem(atom) };
      },
    );
  // Canonical spelling: Han characters joined directly, other words stemmed and spaced,
  // so "L1 正则化", "l1正则化" and "Batch Normalization" / "batch normalizations" agree.
  const join = (atoms, field = "key") =>
    atoms.reduce(
      (out, atom, i) =>
        out + (i && !atom.han && !atoms[i - 1].han ? " " : "") + atom[field],
      "",
    );
  const canon = (text) => join(atomize(text));

  // The vocabulary of one loaded index: canonical word -> what it is.
  let cache = null;
  const vocabulary = (index) => {
    if (cache && cache.index === index) return cache.words;
    const words = new Map();
    const entry = (word) => {
      if (!words.has(word)) words.set(word, { glossary: [], heads: [], indexed: false, stop: false });
      return words.get(word);
    };
    for (const table of [index.terms, index.titleterms])
      for (const term of Object.keys(table))
        if (HAS_HAN.test(term)) entry(canon(term)).indexed = true;
    for (const word of stopwords) if (HAS_HAN.test(word)) entry(word).stop = true;
    DATA.glossary.forEach(([names], i) => {
      for (const name of names) {
        const found = entry(canon(name)).glossary;
        if (!found.includes(i)) found.push(i);
      }
      // the last character of a Chinese name is its head noun: 核 of 卷积核, 熵 of 信息熵
      const last = atomize(names[0]).at(-1);
      if (last && last.han) entry(last.key).heads.push(i);
    });
    cache = { index, words };
    return words;
  };

  // Cut atoms into words of `accept`ed vocabulary entries: fewest unknown Han
  // characters, then fewest words, then (MMSEG's rule) the largest sum of squared word
  // lengths, so "初始化为零" is 初始化|为|零 rather than 初始|化为|零.
  const segment = (atoms, words, accept = () => true) => {
    const best = atoms.map(() => ({ cost: Infinity }));
    best.unshift({ cost: 0 });
    for (let i = 0; i < atoms.length; i++) {
      if (best[i].cost === Infinity) continue;
      for (let j = i + 1; j <= Math.min(atoms.length, i + MAX_ATOMS); j++) {
        const word = join(atoms.slice(i, j));
        const found = words.get(word);
        const info = found && accept(found) ? found : null;
        let cost;
        if (info) cost = 100 - 0.01 * (j - i) ** 2;
        else if (j === i + 1) cost = atoms[i].han ? 10000 : 100 - 0.01;
        else continue;
        if (best[i].cost + cost < best[j].cost - 1e-9)
          best[j] = { cost: best[i].cost + cost, from: i, word, info };
      }
    }
    const tokens = [];
    for (let j = atoms.length; j > 0; j = best[j].from) {
      const part = atoms.slice(best[j].from, j);
      tokens.unshift({ word: best[j].word, text: join(part, "text"), atoms: part, info: best[j].info });
    }
    return tokens;
  };

  // The index keys to look up for a name: each Latin word (stemmed and as typed), each
  // run of Han characters as one indexed word or cut into indexed words.
  const lookupWords = (name, words) => {
    const out = [];
    const atoms = atomize(name);
    for (let i = 0; i < atoms.length; ) {
      if (!atoms[i].han) {
        out.push({ han: false, keys: [...new Set([atoms[i].key, atoms[i].text])] });
        i += 1;
        continue;
      }
      let j = i;
      while (j < atoms.length && atoms[j].han) j++;
      for (const token of segment(atoms.slice(i, j), words, (info) => info.indexed))
        if (token.info || token.atoms.length > 1) out.push({ han: true, keys: [token.word] });
      i = j;
    }
    return out;
  };

  // dropped unless nothing else is left: an unknown Han character, a lone Latin letter,
  // a number (Sphinx's own query parser drops numbers too)
  const isNoise = (token) =>
    !token.info && (token.atoms[0].han || token.text.length < 2 || /^\d+$/.test(token.text));
  const isStop = (token) =>
    token.info
      ? token.info.stop && !token.info.glossary.length
      : !token.atoms[0].han && stopwords.has(token.atoms[0].text);

  // How much a group says about what is sought: 2 a glossary name, 1 a word of some
  // title, 0 another word.  Pages are ranked first by the groups of the highest level.
  const inTitles = (token, index) =>
    token.atoms.length === 1 && !token.atoms[0].han
      ? [token.atoms[0].key, token.atoms[0].text].some((k) => Object.hasOwn(index.titleterms, k))
      : Object.hasOwn(index.titleterms, token.word);

  const group = (token, words, index) => {
    let entries = token.info ? token.info.glossary : [];
    if (!entries.length && token.info && token.atoms.length === 1) entries = token.info.heads;
    const names = entries.length
      ? [...new Set(entries.flatMap((i) => DATA.glossary[i][0]))]
      : [token.text];
    return {
      text: token.text,
      level: entries.length ? 2 : inTitles(token, index) ? 1 : 0,
      names: names.map((name) => ({ canon: canon(name), words: lookupWords(name, words) })),
      targets: entries.map((i) => DATA.glossary[i].slice(1)).filter(([docname]) => docname),
      // what Sphinx highlights and builds the snippet from: as typed, and the entry's
      // first name (the Chinese one)
      display: [...new Set([token.text, ...entries.map((i) => DATA.glossary[i][0][0])])],
    };
  };

  const groupsOf = (text, words, index) => {
    const tokens = segment(atomize(text), words);
    let kept = tokens.filter((t) => !isStop(t) && !isNoise(t));
    if (!kept.length) kept = tokens.filter((t) => !isNoise(t)); // only question words
    if (!kept.length) kept = tokens; // only unknown characters
    const seen = new Set();
    const groups = kept
      .filter((t) => !seen.has(t.word) && seen.add(t.word))
      .map((t) => group(t, words, index));
    const top = Math.max(...groups.map((g) => g.level));
    for (const g of groups) g.key = g.level === top; // the groups pages are ranked by first
    return groups;
  };

  /**
   * The word groups of a query against a loaded index: {groups, excluded}.  Each group:
   * {text, level, key, names: [{canon, words: [{han, keys}]}], targets: [[docname,
   * anchor]], display}.  A part of the query written "-word" lists pages to leave out.
   */
  const parse = (query, index) => {
    const words = vocabulary(index);
    const parts = query.trim().split(/\s+/);
    const exclude = (part) => part.length > 1 && part.startsWith("-");
    return {
      groups: groupsOf(parts.filter((p) => !exclude(p)).join(" "), words, index),
      excluded: groupsOf(parts.filter(exclude).map((p) => p.slice(1)).join(" "), words, index),
    };
  };

  return { parse, canon, kind: (docname) => KINDS.get(docname) || "site" };
})();

var splitQuery = (query) => {
  const index = typeof Search !== "undefined" && Search._index;
  if (!index) // Sphinx's own splitter, until the index is there
    return query.split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu).filter((t) => t);
  const { groups, excluded } = DlnotesQuery.parse(query, index);
  return [
    ...groups.flatMap((g) => g.display),
    ...excluded.map((g) => "-" + g.text),
  ];
};
