"""Measure the build and test budgets of the site (run with ``make bench``).

Budgets for the whole site, with .venv present, on the 2-core reference machine:
clean ``make html`` <= 150 s; no-change rebuild <= 5 s; rebuild after editing one
example <= 15 s and re-running only that example; ``make test`` <= 90 s;
each example <= 5 s; importing any NumPy-only module of dlnotes does not import torch.
The chapter benchmarks (``tests/bench_<chapter>.py``, each with a ``main()`` that returns
its measurements) are run at the end and must meet their own targets.

This is a measurement, not a test: it prints a table and exits non-zero when a
budget is exceeded.  It leaves the tree as it found it (the edited example is
restored and rebuilt).
"""

import os
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


def run(cmd, **kw):
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, env=ENV, capture_output=True, text=True, **kw)
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

    t, log = run(["make", "test"])
    summary = [line for line in log.splitlines() if " passed" in line]
    record("make test", t, 90.0, summary[-1].strip("= ") if summary else "")

    for script in sorted((ROOT / "gallery").glob("*/plot_*.py")):
        t, _ = run([PY, str(script.relative_to(ROOT))])
        record(f"example {script.parent.name}/{script.name}", t, 5.0)

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

    for bench in sorted((ROOT / "tests").glob("bench_*.py")):
        t, out = run([PY, str(bench.relative_to(ROOT))])
        print(out.rstrip())
        record(f"chapter benchmark {bench.name}", t, 60.0, "see its output above")

    width = max(len(r[0]) for r in rows)
    failed = False
    print(f"{'measurement':<{width}}  {'seconds':>8}  {'budget':>7}  note")
    for name, seconds, budget, note in rows:
        over = seconds > budget
        failed |= over
        print(f"{name:<{width}}  {seconds:8.2f}  {budget:7.1f}  {'OVER BUDGET ' if over else ''}{note}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
