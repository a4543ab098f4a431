// TeX to SVG at build time, for dlnotes_site.mathsvg: MathJax 3 (npm mathjax-full, pinned
// in package.json) with its TeX input, SVG output and the hidden MathML copy for screen
// readers, run in Node without a browser (MathJax's lite DOM adaptor).
//
// Protocol: one JSON object per line on stdin, {"tex": "...", "display": true|false},
// {"glyphs": ["MJX-TEX-I-1D465", ...]} for the definitions of those glyphs, or
// {"css": true} for the stylesheet the SVG output needs; one JSON object per line on
// stdout, {"html": "<mjx-container ...>"}, {"defs": "<svg ...>"}, {"css": "..."}, or
// {"error": "message"} when the TeX does not parse (MathJax's own error text).
'use strict';

const readline = require('readline');
const {mathjax} = require('mathjax-full/js/mathjax.js');
const {TeX} = require('mathjax-full/js/input/tex.js');
const {SVG} = require('mathjax-full/js/output/svg.js');
const {liteAdaptor} = require('mathjax-full/js/adaptors/liteAdaptor.js');
const {RegisterHTMLHandler} = require('mathjax-full/js/handlers/html.js');
const {AssistiveMmlHandler} = require('mathjax-full/js/a11y/assistive-mml.js');
require('mathjax-full/js/input/tex/AllPackages.js');

// The packages MathJax's browser component tex-chtml.js loads or autoloads (what the site
// used before), without noerrors/noundefined: a TeX error or an unknown macro is reported
// to the build instead of being drawn in red on the page.
const PACKAGES = ['base', 'action', 'ams', 'amscd', 'bbox', 'boldsymbol', 'braket',
  'bussproofs', 'cancel', 'cases', 'centernot', 'color', 'colortbl', 'empheq', 'enclose',
  'extpfeil', 'gensymb', 'html', 'mathtools', 'mhchem', 'newcommand', 'upgreek', 'unicode',
  'verb', 'configmacros', 'textcomp'];

// Text MathJax has no glyph for (Chinese in \text{}) is drawn as SVG <text>; the adaptor
// estimates its width (1 em per CJK character, 0.6 em otherwise).
const adaptor = liteAdaptor({fontSize: 16});
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

const tex = new TeX({
  packages: PACKAGES,
  formatError(jax, err) { throw err; },
});
// fontCache "global": a formula refers to its glyphs (<use href="#MJX-TEX-I-1D465">); the
// page carries each glyph's path once, in one hidden <svg> (the "glyphs" request).  The
// id names the glyph (font variant and code point), so it is the same on every page.
const svg = new SVG({fontCache: 'global'});
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});

function render(source, display) {
  const node = doc.convert(source, {display, em: 16, ex: 8, containerWidth: 80 * 16});
  // A display formula wider than the column scrolls in its own box (dlnotes.css), and a
  // scrolling box must be reachable from the keyboard (as MathJax in the browser makes
  // every formula).
  if (display) adaptor.setAttribute(node, 'tabindex', '0');
  return adaptor.outerHTML(node);
}

// The output's stylesheet (the same for every page), read once after a first formula so
// that it never depends on which formulas came first.
render('x', true);
const STYLESHEET = adaptor.textContent(svg.styleSheet(doc)).replace(/\s+/g, ' ').trim();

function glyphs(ids) {
  const paths = ids.map((id) => {
    const d = svg.fontCache.cache.get(id);
    if (d === undefined) throw new Error(`no glyph ${id}`);
    return `<path id="${id}" d="${d}"></path>`;
  });
  return '<svg xmlns="http://www.w3.org/2000/svg" style="display: none;" aria-hidden="true">'
    + `<defs>${paths.join('')}</defs></svg>`;
}

const lines = readline.createInterface({input: process.stdin, crlfDelay: Infinity});
lines.on('line', (line) => {
  if (!line.trim()) return;
  let answer;
  try {
    const request = JSON.parse(line);
    if (request.css) answer = {css: STYLESHEET};
    else if (request.glyphs) answer = {defs: glyphs(request.glyphs)};
    else answer = {html: render(request.tex, Boolean(request.display))};
  } catch (err) {
    answer = {error: String((err && err.message) || err)};
  }
  process.stdout.write(JSON.stringify(answer) + '\n');
});
