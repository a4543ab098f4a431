"""Measure the build and test budgets of the site (run with ``make bench``).

Budgets for the whole site, with .venv present, on the 2-core reference machine:
clean ``make html`` <= 150 s with a peak memory <= 2 GB; no-change rebuild <= 5 s;
rebuild after editing one example <= 15 s and re-running only that example; after
editing one ``src/dlnotes`` module, only the examples that import it re-run (within the
clean budget); ``make test`` without the browser suite <= 90 s; each example <= 5 s
(the five slowest are listed); ``_build/html`` <= 40 MB with no image over 300 KB;
every page's DOMContentLoaded <= 1 s in headless Chromium from a local server;
Lighthouse (mobile, gzip; ``benchmarks/lighthouse.py``) on the home page, every chapter page,
one example and one API page: performance >= 95, accessibility 100, best practices 100,
SEO >= 95, CLS <= 0.05, LCP <= 2.5 s, each page's scores in the output;
importing any NumPy-only module of dlnotes does not import torch.
The chapter benchmarks (``benchmarks/bench_<chapter>.py``, each with a ``main()`` that returns
its measurements) are run at the end and must meet their own targets.

This is a measurement, not a test: it prints a table and exits non-zero when a
budget is exceeded.  It leaves the tree as it found it (the edited example is
restored and rebuilt).
"""

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
ENV = dict(os.environ, MPLBACKEND="Agg")
# dlnotes modules that must stay NumPy-only (no torch at import).
NUMPY_MODULES = ["activations", "layers", "losses", "information", "normalization", "whitening",
                 "regularization", "optim", "init", "backprop", "metrics"]


def run(cmd, env=None, **kw):
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=env or ENV, capture_output=True, text=True, **kw)
    elapsed = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stdout.write(proc.stdout[-3000:] + proc.stderr[-3000:])
        raise SystemExit(f"command failed: {' '.join(cmd)}")
    return elapsed, proc.stdout + proc.stderr


def md5_stamps():
    """sphinx-gallery rewrites <example>.py.md5 each time it runs that example."""
    gallery = ROOT / "docs" / "generated" / "gallery"
    return {p.name[: -len(".md5")]: p.stat().st_mtime_ns for p in gallery.rglob("*.py.md5")}


def build_and_list_executed():
    """Run ``make html``; return its time and the examples it executed."""
    before = md5_stamps()
    t, _ = run(["make", "html"])
    after = md5_stamps()
    return t, sorted(name for name, stamp in after.items() if before.get(name) != stamp)


def main():
    rows = []

    def record(name, seconds, budget, note=""):
        rows.append((name, seconds, budget, note))

    run(["make", "clean"])
    t, ran = build_and_list_executed()
    record("clean make html", t, 150.0, f"{len(ran)} examples run")
    # the largest single process among the children so far: the Sphinx build
    peak_gb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 2**20
    record("peak memory of the build (GB)", peak_gb, 2.0, "max RSS of one process (sphinx-build)")

    html = ROOT / "_build" / "html"
    size_mb = sum(p.stat().st_size for p in html.rglob("*") if p.is_file()) / 2**20
    record("size of _build/html (MB)", size_mb, 40.0)
    images = [p for p in html.rglob("*") if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".svg", ".gif")]
    biggest = max(images, key=lambda p: p.stat().st_size)
    record("largest image (KB)", biggest.stat().st_size / 1000, 300.0, biggest.name)

    t, ran = build_and_list_executed()
    record("no-change rebuild", t, 5.0, f"{len(ran)} examples run")

    example = sorted((ROOT / "gallery").glob("*/plot_*.py"))[-1]
    original = example.read_bytes()
    try:
        example.write_bytes(original + b"\n# benchmark edit\n")
        t, ran = build_and_list_executed()
        ok_only = ran == [example.name]
        record("rebuild after editing one example", t, 15.0,
               f"re-ran {ran}" + ("" if ok_only else "  <-- expected only that example"))
        if not ok_only:
            rows[-1] = rows[-1][:2] + (0.0,) + rows[-1][3:]  # mark as failed
    finally:
        example.write_bytes(original)
        run(["make", "html"])

    module = ROOT / "src" / "dlnotes" / "whitening.py"
    original = module.read_bytes()
    try:
        module.write_bytes(original + b"\n# benchmark edit\n")
        t, ran = build_and_list_executed()
        record("rebuild after editing src/dlnotes/whitening.py", t, 150.0, f"re-ran {ran}")
    finally:
        module.write_bytes(original)
        run(["make", "html"])

    t, log = run(["make", "test", "PYTEST_ARGS=-m 'not browser'"])
    summary = [line for line in log.splitlines() if " passed" in line]
    record("make test without the browser suite", t, 90.0, summary[-1].strip("= ") if summary else "")

    sys.path.insert(0, str(ROOT / "tests" / "site"))
    import _browser

    if not _browser.missing():
        t, log = run([PY, "-m", "pytest", "-q", "tests/site/test_browser.py", "-p", "no:cacheprovider"],
                     env=dict(ENV, DLNOTES_BROWSER_NO_BUILD="1"))
        summary = [line for line in log.splitlines() if " passed" in line]
        record("browser suite (all pages, search)", t, float("inf"), summary[-1].strip("= ") if summary else "")
        server = _browser.Server()
        try:
            reports = _browser.inspect_pages(server, _browser.pages(), concurrency=1, axe=False, mobile=False)
        finally:
            server.close()
        slowest = max(reports.values(), key=lambda r: r.dom_content_loaded_ms)
        times = sorted(r.dom_content_loaded_ms for r in reports.values())
        record("slowest DOMContentLoaded (s)", slowest.dom_content_loaded_ms / 1000, 1.0,
               f"{slowest.page}; median {times[len(times) // 2]:.0f} ms over {len(times)} pages")
    else:
        print(f"browser measurements skipped: {_browser.missing()}")

    examples = []
    for script in sorted((ROOT / "gallery").glob("*/plot_*.py")):
        t, _ = run([PY, str(script.relative_to(ROOT))])
        examples.append((t, f"{script.parent.name}/{script.name}"))
        if t > 5.0:
            record(f"example {script.parent.name}/{script.name}", t, 5.0)
    examples.sort(reverse=True)
    record(f"slowest of {len(examples)} examples", examples[0][0], 5.0,
           "five slowest: " + ", ".join(f"{name} {t:.1f}" for t, name in examples[:5]))

    numpy_modules = [m for m in NUMPY_MODULES if (ROOT / "src" / "dlnotes" / f"{m}.py").exists()]
    code = ("import importlib, sys, time; t = time.perf_counter(); "
            f"[importlib.import_module('dlnotes.' + m) for m in {numpy_modules!r}]; "
            "print(time.perf_counter() - t, 'torch' in sys.modules)")
    _, out = run([PY, "-c", code])
    seconds, torch_loaded = out.split()
    record(f"import {len(numpy_modules)} NumPy-only dlnotes modules", float(seconds), 0.5,
           "torch imported!" if torch_loaded == "True" else "torch not imported")
    if torch_loaded == "True":
        rows[-1] = rows[-1][:2] + (0.0,) + rows[-1][3:]

    # Lighthouse on a phone (benchmarks/lighthouse.py): the home page, every chapter page, one
    # example and one API page against the targets of issue 16.7; each page's scores printed
    if not _browser.missing() and (ROOT / "node_modules" / ".bin" / "lighthouse").is_file():
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import lighthouse

        print(lighthouse.header())
        t0 = time.perf_counter()
        lh_rows, lh_ok = lighthouse.main()
        met = sum(lighthouse.meets(row) for _, row, _ in lh_rows)
        record(f"Lighthouse: pages meeting every target (of {len(lh_rows)})", met, float(len(lh_rows)),
               f"{time.perf_counter() - t0:.0f} s; the table above")
        if not lh_ok:
            rows[-1] = rows[-1][:2] + (-1.0,) + rows[-1][3:]  # mark as failed
    else:
        print("Lighthouse skipped: needs Chromium and `npm ci` (node_modules/.bin/lighthouse)")

    for bench in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        t, out = run([PY, str(bench.relative_to(ROOT))])
        print(out.rstrip())
        record(f"chapter benchmark {bench.name}", t, 60.0, "see its output above")

    width = max(len(r[0]) for r in rows)
    failed = False
    print(f"{'measurement':<{width}}  {'value':>8}  {'budget':>7}  note (seconds unless stated)")
    for name, seconds, budget, note in rows:
        over = seconds > budget
        failed |= over
        print(f"{name:<{width}}  {seconds:8.2f}  {budget:7.1f}  {'OVER BUDGET ' if over else ''}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
