"""Open the built site in headless Chromium and record what a reader's browser sees.

Shared by ``tests/site/test_browser.py`` (the checks) and ``benchmarks/bench.py`` (page-load times).
Chromium is Debian's ``/usr/bin/chromium`` (no browser download), driven by Playwright;
axe-core comes from ``node_modules/`` (``npm ci``).  The site is served from
``_build/html`` by a local HTTP server on 127.0.0.1; every request the pages make is
recorded, so a request to any other host is caught.
"""

import asyncio
import functools
import http.server
import io
import os
import shutil
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
MOBILE_WIDTH = 375


def chromium_path():
    """Path of Debian's Chromium (or $DLNOTES_CHROMIUM), or None when it is not installed."""
    path = os.environ.get("DLNOTES_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() and os.access(path, os.X_OK) else None


def missing():
    """Why the browser tests cannot run here ('' when they can)."""
    if chromium_path() is None:
        return "Chromium not found (Debian: apt-get install chromium fonts-noto-cjk)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the Python package playwright is not installed (pip install -r requirements.txt)"
    return ""


def pages(root=HTML):
    """Every HTML page of the build, as paths relative to its root (POSIX).

    ``_static/`` holds theme assets, not pages (e.g. a Jinja macro file with .html suffix).
    """
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                  if p.relative_to(root).parts[0] != "_static")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    overrides = {}  # URL path (without query) -> bytes served instead of the file

    def log_message(self, *args):
        pass

    def send_head(self):
        path = urlsplit(self.path).path
        body = self.overrides.get(path.lstrip("/"))
        if body is None:
            return super().send_head()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # a tab that navigates on drops the fetches it still had open (search snippets)
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Server:
    """``_build/html`` served on 127.0.0.1 at a free port, in a background thread.

    ``overrides`` maps paths of the site (``"activations.html"``) to bytes served in
    their place: a deliberately broken copy of a page or script, for the task tests'
    broken variants, without touching the build.
    """

    def __init__(self, root=HTML, overrides=None):
        handler_class = type("_Handler", (_QuietHandler,), {"overrides": dict(overrides or {})})
        handler = functools.partial(handler_class, directory=str(root))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.host = f"127.0.0.1:{self.httpd.server_port}"
        self.base = f"http://{self.host}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


# Chromium flags of a machine without internet: no background traffic of its own.
CHROMIUM_ARGS = [
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


@dataclass
class PageReport:
    """What one page did and showed, at desktop width and at 375 px."""

    page: str
    foreign_requests: list = field(default_factory=list)  # URLs on another host
    failed_requests: list = field(default_factory=list)  # URL + status or error
    console_errors: list = field(default_factory=list)  # console.error and uncaught exceptions
    bad_images: list = field(default_factory=list)  # (src, problem)
    math: dict = field(default_factory=dict)  # counts of rendered, error and raw math
    overflow: dict = field(default_factory=dict)  # widths at 375 px and the widest elements
    axe: list = field(default_factory=list)  # serious/critical violations
    dom_content_loaded_ms: float = 0.0


# Everything about the page that is read in one evaluation (after MathJax has finished).
_INSPECT = r"""
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  // Images: lazy ones (all but a page's first, dlnotes_site.perf) that are rendered are
  // asked for now; wait for all of them.  An image the theme hides (the dark twin of a
  // figure in light mode, display: none) never loads; it is checked in dark mode
  // (test_figures.py).
  const imgs = Array.from(document.images);
  const rendered = img => img.getClientRects().length > 0;
  const shown = imgs.filter(rendered);
  shown.forEach(img => { if (img.loading === 'lazy') img.loading = 'eager'; });
  await Promise.all(shown.map(img => img.complete ? null : new Promise(r => {
    img.addEventListener('load', r); img.addEventListener('error', r);
  })));
  const cjk = /[\u3400-\u9fff]/;
  const fileLike = /(\.(png|jpe?g|svg|gif|webp)\b)|(^sphx_glr_)|(^[\w.\-\/]+$)/i;
  // An image with alt="" is decorative, which is right when the link (or the box) it
  // sits in names it in Chinese text of its own: a gallery thumbnail and its title.
  const namedByText = img => {
    const box = img.closest('a') || img.parentElement;
    return !!box && cjk.test(box.textContent);
  };
  const images = imgs.map(img => ({
    src: img.getAttribute('src'), alt: img.getAttribute('alt'),
    loaded: !rendered(img) || (img.complete && img.naturalWidth > 0),
    meaningful: (!!img.alt && cjk.test(img.alt) && !fileLike.test(img.alt.trim()))
                || (img.getAttribute('alt') === '' && namedByText(img)),
  }));
  // Math: MathJax output, MathJax errors, and TeX source left visible outside code.
  const main = document.querySelector('main') || document.body;
  const clone = main.cloneNode(true);
  clone.querySelectorAll('pre, code, script, style, mjx-container, textarea, .highlight')
       .forEach(n => n.remove());
  const text = clone.textContent;
  const raw = [];
  for (const pat of ['\\(', '\\)', '\\[', '\\]', '$$', '\\begin{', '\\frac', '\\mathrm']) {
    const i = text.indexOf(pat);
    if (i >= 0) raw.push(text.slice(Math.max(0, i - 30), i + 30));
  }
  const math = {
    rendered: document.querySelectorAll('mjx-container').length,
    errors: document.querySelectorAll('mjx-merror, .MathJax_Error, g[data-mml-node="merror"]').length,
    // a formula typeset at build time draws its glyphs from the page's hidden <svg>
    missing: [...new Set([...document.querySelectorAll('mjx-container use')]
      .map(u => (u.getAttribute('href') || u.getAttribute('xlink:href') || '').slice(1))
      .filter(id => !document.getElementById(id)))].slice(0, 5),
    source: document.querySelectorAll('.math, span.math, div.math').length,
    raw: raw,
  };
  const nav = performance.getEntriesByType('navigation')[0];
  return {images, math, dcl: nav ? nav.domContentLoadedEventEnd - nav.startTime : -1};
}
"""

# Horizontal overflow at the current viewport: the document's width and the elements
# that stick out of it (outside containers that scroll on their own).
_OVERFLOW = r"""
() => {
  const de = document.documentElement;
  const width = de.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= width + 1) continue;
    let p = el.parentElement, clipped = false;
    while (p && p !== document.body) {
      const s = getComputedStyle(p);
      if (['auto', 'scroll', 'hidden', 'clip'].includes(s.overflowX)) { clipped = true; break; }
      p = p.parentElement;
    }
    const s = getComputedStyle(el);
    if (clipped || s.visibility === 'hidden' || s.display === 'none' || s.position === 'fixed') continue;
    wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
              ? '.' + el.className.trim().split(/\s+/).join('.') : '') + ' right=' + Math.round(r.right));
    if (wide.length >= 5) break;
  }
  return {client: width, scroll: Math.max(de.scrollWidth, document.body.scrollWidth), wide};
}
"""

_AXE_RUN = r"""
async () => {
  const r = await axe.run(document, {resultTypes: ['violations']});
  return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')), count: v.nodes.length,
  }));
}
"""


class _Tab:
    """One browser tab that visits pages in turn; its listeners fill the current report."""

    def __init__(self, page, server):
        self.page, self.server, self.report = page, server, None
        page.on("request", self._on_request)
        page.on("requestfailed", self._on_failed)
        page.on("response", self._on_response)
        page.on("console", self._on_console)
        page.on("pageerror", lambda e: self.report.console_errors.append(f"uncaught: {e}"))

    def _local(self, url):
        return urlsplit(url).netloc == self.server.host

    def _on_request(self, request):
        if urlsplit(request.url).scheme not in ("data", "blob", "about") and not self._local(request.url):
            self.report.foreign_requests.append(request.url)

    def _on_failed(self, request):
        if self._local(request.url):
            self.report.failed_requests.append(f"{request.url} ({request.failure})")

    def _on_response(self, response):
        if response.status >= 400 and self._local(response.url):
            self.report.failed_requests.append(f"{response.url} (HTTP {response.status})")

    def _on_console(self, message):
        if message.type == "error":
            self.report.console_errors.append(f"console.error: {message.text} @ {message.location.get('url', '')}")

    async def inspect(self, name, axe, mobile):
        report = self.report = PageReport(name)
        page = self.page
        await page.set_viewport_size({"width": 1280, "height": 900})
        await page.goto(self.server.base + name, wait_until="load")
        facts = await page.evaluate(_INSPECT)
        report.dom_content_loaded_ms = facts["dcl"]
        report.math = facts["math"]
        for img in facts["images"]:
            if not img["loaded"]:
                report.bad_images.append((img["src"], "did not load"))
            if not img["meaningful"]:
                report.bad_images.append((img["src"], f"alt text {img['alt']!r} is not a Chinese description "
                                                      "(nor empty beside Chinese text that names it)"))
        if axe:
            report.axe = await page.evaluate(_AXE_RUN)
        if mobile:
            await page.set_viewport_size({"width": MOBILE_WIDTH, "height": 800})
            await page.wait_for_timeout(50)
            report.overflow = await page.evaluate(_OVERFLOW)
        return report


async def _inspect_all(server, names, concurrency, axe, mobile):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        context.set_default_timeout(30_000)
        if axe:  # axe-core is defined in every page before the page's own scripts run
            await context.add_init_script(path=str(AXE))
        queue = list(reversed(names))
        reports = {}

        async def worker():
            tab = _Tab(await context.new_page(), server)
            while queue:
                name = queue.pop()
                reports[name] = await tab.inspect(name, axe(name) if callable(axe) else axe, mobile)
            await tab.page.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return {name: reports[name] for name in names}


def inspect_pages(server, names, concurrency=3, axe=True, mobile=True):
    """Open every page (``concurrency`` at a time) and return {name: PageReport}.

    ``axe`` is a bool or a function of the page name saying whether axe-core runs there."""
    return asyncio.run(_inspect_all(server, names, concurrency, axe if AXE.is_file() else False, mobile))


_SEARCH_DONE = """() => { const s = document.querySelector('#search-results .search-summary');
                           return s && s.innerText.length > 0; }"""

# A new search on the open search page: what Search.init does with the ?q= of the URL.
_SEARCH_AGAIN = """q => { document.getElementById('search-results').replaceChildren();
                         document.querySelectorAll('input[name="q"]').forEach(el => el.value = q);
                         Search.performSearch(q); }"""

# The results as listed: link, title and (once fetched) the snippet of each.
_SEARCH_HITS = """() => Array.from(document.querySelectorAll('#search-results ul.search > li'), li => {
  const a = li.querySelector('a'), p = li.querySelector('p.context');
  return {href: a.getAttribute('href'), title: a.textContent, snippet: p ? p.textContent : null};
})"""

# The first n results have their snippets (Sphinx fetches each page after listing it).
_SNIPPETS_DONE = """n => { const items = document.querySelectorAll('#search-results ul.search > li');
  return Array.from(items).slice(0, n).every(li => li.querySelector('p.context')); }"""


@dataclass
class SearchHit:
    """One result of the site search, as the search page lists it."""

    page: str  # the HTML page, relative to the site root
    anchor: str  # "#section-id" or ""
    title: str
    snippet: str | None  # the text below the link (None when not fetched)


async def _search_all(server, queries, patches, snippets, concurrency):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = await browser.new_context()
        def rewrite(patch):
            async def handle(route):
                response = await route.fetch()
                await route.fulfill(response=response, body=patch(await response.text()))
            return handle

        for glob, patch in (patches or {}).items():
            await context.route(glob, rewrite(patch))
        queue = list(reversed(queries))
        results = {}

        async def worker():
            page = await context.new_page()
            first = True
            while queue:
                query = queue.pop()
                if first:  # the search page as a reader opens it: search.html?q=...
                    await page.goto(f"{server.base}search.html?q={quote(query)}")
                    first = False
                else:  # then on the same page, as its Search.init does with ?q=
                    await page.evaluate(_SEARCH_AGAIN, query)
                await page.wait_for_function(_SEARCH_DONE)
                if query in snippets:
                    try:
                        await page.wait_for_function(_SNIPPETS_DONE, arg=3, timeout=10_000)
                    except Exception:  # a page without text has no snippet: reported as None
                        pass
                hits = await page.evaluate(_SEARCH_HITS)
                results[query] = [SearchHit(h["href"].split("#")[0].split("?")[0],
                                            "#" + h["href"].split("#", 1)[1] if "#" in h["href"] else "",
                                            h["title"], h["snippet"]) for h in hits]
            await page.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return {query: results[query] for query in queries}


def search(server, queries, patches=None, snippets=(), concurrency=3):
    """Run each query through the site's search page: ``{query: [SearchHit, ...]}``, best first.

    ``patches`` maps a URL glob to a function that rewrites the text of that file as the
    browser receives it (for the broken variants); for the queries in ``snippets`` the
    first three results' snippets are waited for (the others may have none yet).
    """
    return asyncio.run(_search_all(server, list(queries), patches, set(snippets), concurrency))


# -- figures in light and dark mode ------------------------------------------------------

# Every gallery image of the page (figures and thumbnails: their files start with
# sphx_glr_): the rendered ones are loaded and decoded, then the mean WCAG relative
# luminance of the border ring (``ring`` of the shorter side, at least 2 px) of the file
# the browser shows (currentSrc: the 2x file on a dense screen, the dark twin in dark
# mode) is measured on a canvas: the figure's page colour, whatever it shows inside.
# The figures are opaque and the theme filters no figure it shows in its mode (its
# dark-mode dimming skips .only-dark images; ``filter`` is reported), so the ring is what
# the reader sees around the figure, without a screenshot per image.
_FIGURES = r"""
async (ring) => {
  const luminance = (img, ring) => {
    const w = img.naturalWidth, h = img.naturalHeight;
    const canvas = document.createElement('canvas');
    canvas.width = w; canvas.height = h;
    const ctx = canvas.getContext('2d', {willReadFrequently: true});
    ctx.drawImage(img, 0, 0);
    const width = Math.max(2, Math.round(ring * Math.min(w, h)));
    const lin = c => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    // transparent pixels (a thumbnail's margin) show what is behind the image
    let bg = [255, 255, 255];
    for (let el = img.parentElement; el; el = el.parentElement) {
      const c = getComputedStyle(el).backgroundColor.match(/[\d.]+/g).map(Number);
      if (c.length < 4 || c[3] > 0) { bg = c.slice(0, 3); break; }
    }
    let sum = 0, n = 0;
    const add = (x, y, cw, ch) => {
      const d = ctx.getImageData(x, y, cw, ch).data;
      for (let i = 0; i < d.length; i += 4, n++) {
        const a = d[i + 3] / 255, mix = k => a * d[i + k] + (1 - a) * bg[k];
        sum += 0.2126 * lin(mix(0)) + 0.7152 * lin(mix(1)) + 0.0722 * lin(mix(2));
      }
    };
    add(0, 0, w, width); add(0, h - width, w, width);                                 // top, bottom
    add(0, width, width, h - 2 * width); add(w - width, width, width, h - 2 * width);  // left, right
    return sum / n;
  };
  const figs = Array.from(document.images).filter(i => (i.getAttribute('src') || '').includes('sphx_glr_'));
  const isVisible = img => img.getClientRects().length > 0 && getComputedStyle(img).visibility !== 'hidden';
  // the visible ones (lazy: dlnotes_site.perf) are asked for all at once, then decoded
  const visible = figs.filter(isVisible);
  visible.forEach(img => { if (img.loading === 'lazy') img.loading = 'eager'; });
  await Promise.all(visible.map(async img => {
    if (!img.complete) {
      await new Promise(r => { img.addEventListener('load', r); img.addEventListener('error', r); });
    }
    try { await img.decode(); } catch (e) { /* reported as not loaded */ }
  }));
  return {theme: document.documentElement.dataset.theme || null, figures: figs.map(img => {
    const shown = isVisible(img), loaded = img.complete && img.naturalWidth > 0;
    return {src: img.getAttribute('src'), current: img.currentSrc, classes: img.className,
            visible: shown, loaded, filter: getComputedStyle(img).filter,
            luminance: shown && loaded ? luminance(img, ring) : null};
  })};
}
"""
#: Width of the measured border ring, as a share of the image's shorter side.
RING = 0.03


@dataclass
class FigureReport:
    """The gallery images of one page in one colour scheme."""

    page: str
    theme: str = None  # the theme's data-theme after load
    figures: list = field(default_factory=list)  # dicts: src, current, classes, visible, loaded, luminance


async def _figures_all(server, names, scheme, scale, concurrency):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        context = await browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme,
                                            device_scale_factor=scale)
        context.set_default_timeout(30_000)
        # figures do not need the formulas typeset (the page inspection checks those)
        await context.route("**/_static/mathjax/**", lambda route: route.abort())
        queue = list(reversed(names))
        reports = {}

        async def worker():
            page = await context.new_page()
            while queue:
                name = queue.pop()
                await page.goto(server.base + name, wait_until="load")
                facts = await page.evaluate(_FIGURES, RING)
                reports[name] = FigureReport(name, facts["theme"], facts["figures"])
            await page.close()

        await asyncio.gather(*(worker() for _ in range(concurrency)))
        await browser.close()
    return {name: reports[name] for name in names}


def figures(server, names, scheme, scale=1, concurrency=3):
    """Open each page with ``prefers-color-scheme: scheme`` (the theme follows it: its
    default mode is "auto") at ``scale`` device pixels per CSS px; {name: FigureReport}."""
    return asyncio.run(_figures_all(server, names, scheme, scale, concurrency))
