"""Benchmark: ``dlnotes.layers.conv2d`` against ``torch.nn.functional.conv2d`` on the CPU.

Run with ``.venv/bin/python benchmarks/bench_layers.py`` (``make bench`` runs it as well).
This is a measurement, not a test (pytest does not collect it): it prints a table and
exits non-zero when the NumPy implementation is more than ``BUDGET`` times slower than
torch.

Setting: input (8, 16, 32, 32), weight (32, 16, 3, 3), bias, stride 1, padding 0 and 1.
Both libraries run on the same number of threads, ``THREADS`` (torch via
``torch.set_num_threads``, NumPy's BLAS via threadpoolctl); one thread is the fair and
stable choice on a small shared machine.  Each timing is the best of ``REPEATS`` calls,
and the calls of the contenders are interleaved so that background load hits them alike.
dlnotes computes in float64, so the like-for-like reference is torch in float64; torch's
default float32 (about twice the arithmetic throughput) is reported as well, and the
budget applies to both ratios.
"""

import sys
import time

import numpy as np
import torch
import torch.nn.functional as F
from threadpoolctl import threadpool_limits

from dlnotes.layers import conv2d

THREADS = 1
REPEATS = 40
BUDGET = 5.0
INPUT_SHAPE = (8, 16, 32, 32)
WEIGHT_SHAPE = (32, 16, 3, 3)


def _best_interleaved(funcs, repeats):
    """Best wall time (seconds) of each function, calling them in turn ``repeats`` times."""
    best = [float("inf")] * len(funcs)
    for _ in range(repeats):
        for i, f in enumerate(funcs):
            t0 = time.perf_counter()
            f()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best


def main(repeats=REPEATS, threads=THREADS):
    """Time the three contenders for padding 0 and 1; print a table; return the results.

    Returns
    -------
    dict
        ``threads``, ``repeats``, and per padding the best times in milliseconds
        (``dlnotes``, ``torch_float64``, ``torch_float32``) and the ratios
        ``ratio_float64`` / ``ratio_float32`` (dlnotes time / torch time); ``max_ratio``
        is the largest ratio over all settings and ``within_budget`` whether it is
        at most ``BUDGET``.
    """
    rng = np.random.default_rng(0)
    x = rng.normal(size=INPUT_SHAPE)
    w = rng.normal(size=WEIGHT_SHAPE)
    b = rng.normal(size=WEIGHT_SHAPE[0])
    x64, w64, b64 = (torch.from_numpy(a) for a in (x, w, b))
    x32, w32, b32 = (a.float() for a in (x64, w64, b64))

    old_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    results = {"threads": threads, "repeats": repeats, "input": INPUT_SHAPE, "weight": WEIGHT_SHAPE}
    try:
        with threadpool_limits(limits=threads), torch.no_grad():
            for padding in (0, 1):
                ours = conv2d(x, w, b, padding=padding)
                ref = F.conv2d(x64, w64, b64, padding=padding).numpy()
                np.testing.assert_allclose(ours, ref, rtol=1e-10, atol=1e-10)
                funcs = [
                    lambda: conv2d(x, w, b, padding=padding),
                    lambda: F.conv2d(x64, w64, b64, padding=padding),
                    lambda: F.conv2d(x32, w32, b32, padding=padding),
                ]
                for f in funcs:  # warm-up
                    f()
                t_ours, t64, t32 = _best_interleaved(funcs, repeats)
                results[f"padding={padding}"] = {
                    "dlnotes_ms": 1e3 * t_ours,
                    "torch_float64_ms": 1e3 * t64,
                    "torch_float32_ms": 1e3 * t32,
                    "ratio_float64": t_ours / t64,
                    "ratio_float32": t_ours / t32,
                }
    finally:
        torch.set_num_threads(old_threads)

    settings = [v for k, v in results.items() if k.startswith("padding=")]
    results["max_ratio"] = max(max(s["ratio_float64"], s["ratio_float32"]) for s in settings)
    results["within_budget"] = results["max_ratio"] <= BUDGET

    print(f"conv2d, input {INPUT_SHAPE}, weight {WEIGHT_SHAPE}, bias, stride 1; "
          f"{threads} thread(s) for both; best of {repeats} interleaved calls")
    print(f"{'padding':>8} {'dlnotes f64':>12} {'torch f64':>10} {'torch f32':>10} "
          f"{'ratio f64':>10} {'ratio f32':>10}")
    for padding in (0, 1):
        r = results[f"padding={padding}"]
        print(f"{padding:>8} {r['dlnotes_ms']:>9.2f} ms {r['torch_float64_ms']:>7.2f} ms "
              f"{r['torch_float32_ms']:>7.2f} ms {r['ratio_float64']:>9.2f}x {r['ratio_float32']:>9.2f}x")
    verdict = "within" if results["within_budget"] else "OVER"
    print(f"largest ratio {results['max_ratio']:.2f}x: {verdict} the {BUDGET:.0f}x budget")
    return results


if __name__ == "__main__":
    sys.exit(0 if main()["within_budget"] else 1)
