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

// Sizes of the page's text as MathJax in a browser would measure them (16 px, x-height
// half an em): formulas are scaled to match the surrounding text.
const EM = 16;
const EX = 8;
const adaptor = liteAdaptor({fontSize: EM});
AssistiveMmlHandler(RegisterHTMLHandler(adaptor));

const tex = new TeX({
  packages: PACKAGES,
  formatError(jax, err) { throw err; },
});
// fontCache "global": a formula refers to its glyphs (<use href="#MJX-TEX-I-1D465">); the
// page carries each glyph's path once, in one hidden <svg> (the "glyphs" request).  The
// id names the glyph (font variant and code point), so it is the same on every page.
const svg = new SVG({fontCache: 'global'});
// Text MathJax has no glyph for (Chinese in \text{}) is drawn as SVG <text>, one page em
// per CJK character, in math units x_height * EM / EX of the TeX font's em (0.884): the
// width the adaptor assumes for it (it cannot measure text; its default, 1, left gaps).
adaptor.options.cjkCharWidth = svg.font.params.x_height * EM / EX;
const doc = mathjax.document('', {InputJax: tex, OutputJax: svg});

function render(source, display) {
  const node = doc.convert(source, {display, em: EM, ex: EX, containerWidth: 80 * EM});
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
