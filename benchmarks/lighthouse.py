"""Lighthouse scores of the built site on a phone (issue 16.7; run by ``make bench``).

Serves ``_build/html`` from 127.0.0.1 with gzip (as any real host would), runs the npm
package ``lighthouse`` (``package.json``: 12.2.3, the last release for Node 20) with its
default mobile settings (a mid-range phone, simulated slow 4G, throttled CPU) in Debian's
Chromium (``$CHROME_PATH``, default ``/usr/bin/chromium``) on the home page, every chapter
page, one example and one API page, and prints a table of the four category scores, LCP
and CLS against the targets:

    performance >= 95, accessibility 100, best practices 100, SEO >= 95,
    CLS <= 0.05, LCP <= 2.5 s.

This is a measurement, not a test: ``main()`` returns the rows and whether every page met
the targets; run alone it exits non-zero when one did not.  ``python benchmarks/lighthouse.py
[page.html ...]`` measures only the given pages; ``--json DIR`` keeps each report.

One run of a page varies: the simulated throttling replays the load this machine observed,
and whether an image or script request started before the first paint moves LCP by a few
tenths of a second (measured: 91 and 99 for the same page, one minute apart).  Each page is
therefore measured ``RUNS`` times (``--runs``) and reported by its median run, the run
whose performance score is the median (Lighthouse's own advice on variability:
github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md), with the lowest and
highest scores beside it.
"""

import argparse
import functools
import gzip
import http.server
import json
import mimetypes
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"

# the reader's first views: the home page, every chapter page, one example, one API page
CHAPTERS = [
    "activations.html", "layers.html",
    "losses/index.html", "losses/concepts.html", "losses/entropy.html", "losses/focal.html",
    "losses/pytorch.html",
    "regularization/index.html", "regularization/whitening.html", "regularization/dropout.html",
    "regularization/batch_norm.html", "regularization/overfitting.html",
    "optimization/index.html", "optimization/optimizers.html", "optimization/initialization.html",
    "optimization/backprop.html", "optimization/gradients.html",
    "metrics.html",
    "architectures/index.html", "architectures/conv1x1.html", "architectures/inception.html",
    "architectures/highway.html", "architectures/classic.html",
]
PAGES = (["index.html"] + CHAPTERS
         + ["generated/gallery/activations/plot_01_activation_functions.html",
            "generated/api/dlnotes.activations.sigmoid.html"])

RUNS = 3

TARGETS = {  # name: (minimum or maximum, value)
    "performance": (">=", 95), "accessibility": (">=", 100), "best-practices": (">=", 100),
    "seo": (">=", 95), "LCP s": ("<=", 2.5), "CLS": ("<=", 0.05),
}
_COMPRESSIBLE = ("text/", "application/javascript", "application/json", "image/svg+xml")


@functools.cache
def _compressed(path, mtime):
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed for clients that accept it (text, scripts, SVG)."""

    def log_message(self, *args):
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        ctype = mimetypes.guess_type(path)[0] or "application/octet-stream"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not os.path.isfile(path) or not accepts or not ctype.startswith(_COMPRESSIBLE):
            return super().send_head()
        body = _compressed(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", ctype + ("; charset=utf-8" if ctype.startswith("text/") else ""))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=3600")
        self.end_headers()
        return _Body(body)


class _Body:
    """What ``send_head`` returns: a file-like object ``copyfile`` reads."""

    def __init__(self, data):
        self.data = data

    def read(self, *args):
        data, self.data = self.data, b""
        return data

    def close(self):
        pass


class Server:
    """``root`` served with gzip on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, root=HTML):
        handler = functools.partial(GzipHandler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_port}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def chrome_path():
    path = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    return path if Path(path).is_file() else None


def run_lighthouse(url, out_json):
    """One Lighthouse run (mobile defaults) of ``url``; its JSON report."""
    env = dict(os.environ, CHROME_PATH=chrome_path())
    cmd = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={out_json}",
           "--only-categories=performance,accessibility,best-practices,seo",
           "--chrome-flags=--headless=new --no-sandbox --disable-gpu --no-first-run "
           "--disable-background-networking --disable-component-update --disable-sync "
           "--disable-default-apps --disable-extensions"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    if proc.returncode != 0 or not Path(out_json).is_file():
        raise RuntimeError(f"lighthouse failed on {url}:\n{proc.stderr[-2000:]}")
    return json.loads(Path(out_json).read_text(encoding="utf-8"))


def scores(report):
    """The numbers of one report that the targets name, and the failing audits' titles."""
    cats = report["categories"]
    audits = report["audits"]
    row = {name: round(100 * cats[name]["score"]) for name in
           ("performance", "accessibility", "best-practices", "seo")}
    row["LCP s"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    row["CLS"] = audits["cumulative-layout-shift"]["numericValue"]
    row["FCP s"] = audits["first-contentful-paint"]["numericValue"] / 1000
    row["TBT ms"] = audits["total-blocking-time"]["numericValue"]
    failing = []
    for name in ("accessibility", "best-practices", "seo"):
        for ref in cats[name]["auditRefs"]:
            audit = audits[ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                failing.append(audit["id"])
    return row, failing


def meets(row):
    ok = True
    for name, (op, target) in TARGETS.items():
        value = row[name]
        ok &= value >= target if op == ">=" else value <= target
    return ok


def median_run(runs):
    """The (row, failing) of ``runs`` whose performance is the median (by LCP among equals)."""
    ordered = sorted(runs, key=lambda run: (run[0]["performance"], -run[0]["LCP s"]))
    return ordered[(len(ordered) - 1) // 2]


def main(pages=PAGES, keep=None, runs=RUNS):
    """Measure ``pages`` ``runs`` times each; print the median runs; return (rows, all met)."""
    if not LIGHTHOUSE.is_file():
        raise SystemExit("lighthouse is not installed: run `npm ci` (make bench does)")
    if chrome_path() is None:
        raise SystemExit("Chromium not found (Debian: apt-get install chromium), or set CHROME_PATH")
    server = Server()
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for page in pages:
                measured = []
                for run in range(runs):
                    out = Path(keep or tmp) / (page.replace("/", "__") + f".{run + 1}.json")
                    out.parent.mkdir(parents=True, exist_ok=True)
                    measured.append(scores(run_lighthouse(server.base + page, out)))
                row, failing = median_run(measured)
                row["range"] = (min(r["performance"] for r, _ in measured),
                                max(r["performance"] for r, _ in measured))
                rows.append((page, row, failing))
                print(_line(page, row, failing), flush=True)
    finally:
        server.close()
    ok = all(meets(row) for _, row, _ in rows)
    print(f"Lighthouse (mobile, gzip, median of {runs} runs): {sum(meets(r) for _, r, _ in rows)} of {len(rows)} pages "
          f"meet every target ({', '.join(f'{k} {op} {v}' for k, (op, v) in TARGETS.items())})")
    return rows, ok


def header():
    return (f"{'page':<64} {'perf':>4} {'range':>7} {'a11y':>4} {'b.p.':>4} {'seo':>4} "
            f"{'LCP s':>6} {'CLS':>6} {'FCP s':>6} {'TBT ms':>6}")


def _line(page, row, failing):
    flag = "" if meets(row) else "  <-- below target"
    extra = f"  failing audits: {', '.join(failing)}" if failing else ""
    low, high = row.get("range", (row["performance"],) * 2)
    return (f"{page:<64} {row['performance']:>4} {f'{low}-{high}':>7} {row['accessibility']:>4} "
            f"{row['best-practices']:>4} {row['seo']:>4} {row['LCP s']:>6.2f} {row['CLS']:>6.3f} "
            f"{row['FCP s']:>6.2f} {row['TBT ms']:>6.0f}{flag}{extra}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=PAGES)
    parser.add_argument("--json", help="keep each page's report in this folder")
    parser.add_argument("--runs", type=int, default=RUNS, help=f"runs per page (default {RUNS})")
    args = parser.parse_args()
    print(header())
    _, ok = main(args.pages, args.json, args.runs)
    sys.exit(0 if ok else 1)
