"""The built site as a reader's browser sees it: every page in headless Chromium.

Runs when Debian's Chromium is installed (``apt-get install chromium fonts-noto-cjk``;
``.ci/run`` installs it), and is skipped with the reason otherwise.  The session first
brings ``_build/html`` up to date (an incremental ``make html``: seconds when the site is
built, a full build when it is not), serves it on 127.0.0.1 (the ``server`` fixture of
``conftest.py``) and opens every page once (see ``_browser.py``); each test below then
checks one property over all pages and lists every page that fails it.
``DLNOTES_BROWSER_NO_BUILD=1`` skips the build step and uses ``_build/html`` as it is.
The tasks a reader performs (menus, language, copy buttons, layout) are in ``test_tasks.py``.
"""

import time

import pytest

import _browser

pytestmark = pytest.mark.browser

REASON = _browser.missing()
if REASON:
    pytest.skip(f"browser tests skipped: {REASON}", allow_module_level=True)

ROOT = _browser.ROOT


@pytest.fixture(scope="session")
def reports(server):
    """One PageReport per HTML page of the build."""
    t0 = time.perf_counter()
    result = _browser.inspect_pages(server, _browser.pages())
    print(f"\nbrowser: {len(result)} pages inspected in {time.perf_counter() - t0:.0f} s")
    return result


def _failures(reports, attribute):
    return {name: getattr(r, attribute) for name, r in reports.items() if getattr(r, attribute)}


def _message(failures, what):
    lines = [f"{len(failures)} page(s) {what}:"]
    for name, items in sorted(failures.items()):
        shown = items if isinstance(items, list) else [items]
        lines.append(f"  {name}: " + "; ".join(map(str, shown[:4])) + (" …" if len(shown) > 4 else ""))
    return "\n".join(lines)


BAD_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>bad</title></head><body><main>
<p>Raw TeX left in the text: \\(x^2\\) and $$y$$.</p>
<img src="missing.png">
<img src="http://localhost:9/elsewhere.png" alt="图：另一台主机上的图片">
<div><img src="lonely.png" alt=""></div>
<div class="thumb"><img src="thumb.png" alt=""><p><a href="#">示例：激活函数的图像</a></p></div>
<div style="width: 600px">a block wider than a phone</div>
<script>console.error("broken"); undefined_function();</script>
</main></body></html>
"""


def test_the_checks_catch_a_bad_page(tmp_path):
    # the checks below must be able to fail: a page with every defect fails every one
    (tmp_path / "bad.html").write_text(BAD_PAGE, encoding="utf-8")
    srv = _browser.Server(tmp_path)
    try:
        report = _browser.inspect_pages(srv, ["bad.html"], concurrency=1)["bad.html"]
    finally:
        srv.close()
    assert any("localhost:9" in url for url in report.foreign_requests)
    assert any("missing.png" in r and "404" in r for r in report.failed_requests)
    assert any("broken" in e for e in report.console_errors)
    assert any("undefined_function" in e for e in report.console_errors)
    assert ("missing.png", "did not load") in report.bad_images
    assert any(src == "missing.png" and "alt" in why for src, why in report.bad_images)
    # alt="" is refused alone, accepted beside the Chinese text that names the image
    assert any(src == "lonely.png" and "alt" in why for src, why in report.bad_images)
    assert not any(src == "thumb.png" and "alt" in why for src, why in report.bad_images)
    assert report.math["raw"] and report.math["rendered"] == 0
    assert report.overflow["scroll"] > report.overflow["client"] == _browser.MOBILE_WIDTH
    if _browser.AXE.is_file():
        assert {"html-has-lang", "image-alt"} <= {v["id"] for v in report.axe}


def test_every_page_is_inspected(reports):
    names = set(reports)
    # the chapter pages, the site pages and the generated ones (examples, API) are all there
    for page in ["index.html", "about.html", "search.html", "genindex.html", "api.html",
                 "activations.html", "layers.html", "metrics.html", "losses/focal.html",
                 "regularization/batch_norm.html", "optimization/gradients.html",
                 "architectures/highway.html", "generated/gallery/index.html"]:
        assert page in names
    assert sum(n.startswith("generated/gallery/") for n in names) >= 50
    assert sum(n.startswith("generated/api/dlnotes.") for n in names) >= 100


# What each page's report must not contain, and how a failure reads.
PAGE_CHECKS = {
    "foreign_requests": "requested another host (the site must work offline)",
    "failed_requests": "requested a file that failed or is missing",
    "console_errors": "logged a console error or threw",
    "bad_images": "have an image that failed to load or lacks a Chinese alt text "
                  "(or an empty one beside Chinese text naming it)",
}


@pytest.mark.parametrize("attribute", list(PAGE_CHECKS))
def test_no_page_fails(reports, attribute):
    failures = _failures(reports, attribute)
    assert not failures, _message(failures, PAGE_CHECKS[attribute])


def test_math_is_rendered_by_mathjax(reports):
    failures = {}
    for name, r in reports.items():
        m = r.math
        problems = []
        if m["source"] and m["rendered"] < m["source"]:
            problems.append(f"{m['source']} formulas in the page, {m['rendered']} rendered")
        if m["errors"]:
            problems.append(f"{m['errors']} MathJax errors")
        problems += [f"raw TeX visible: {snippet!r}" for snippet in m["raw"]]
        if problems:
            failures[name] = problems
    assert not failures, _message(failures, "show math that MathJax did not render")


def test_math_pages_are_really_checked(reports):
    # the check above must see the formulas: the chapter pages are full of them
    for page in ["activations.html", "losses/entropy.html", "regularization/batch_norm.html",
                 "optimization/optimizers.html", "metrics.html"]:
        assert reports[page].math["rendered"] >= 20, (page, reports[page].math)


def test_nothing_overflows_a_375_px_phone_screen(reports):
    failures = {
        name: [f"page is {r.overflow['scroll']} px wide in a {r.overflow['client']} px viewport"]
        + r.overflow["wide"]
        for name, r in reports.items()
        if r.overflow["scroll"] > r.overflow["client"]
    }
    assert not failures, _message(failures, "scroll sideways at 375 px")


def test_axe_finds_no_serious_or_critical_violation(reports):
    if _browser.AXE.is_file():
        failures = _failures(reports, "axe")
        assert not failures, _message(failures, "have serious/critical axe-core violations")
    else:
        pytest.fail(f"{_browser.AXE.relative_to(ROOT)} is missing: run `npm ci` (make test does)")


# Chinese terms a reader searches for, and the page(s) that teach each one.
SEARCHES = {
    "过拟合": ["regularization/overfitting.html"],
    "白化": ["regularization/whitening.html"],
    "批归一化": ["regularization/batch_norm.html"],
    "交叉熵": ["losses/entropy.html"],
    "梯度消失": ["optimization/gradients.html"],
    "感受野": ["layers.html"],
    "池化": ["layers.html"],
    "召回率": ["metrics.html"],
    "动量": ["optimization/optimizers.html"],
    "激活函数": ["activations.html"],
    "丢弃法": ["regularization/dropout.html"],
    "学习率": ["optimization/optimizers.html"],
    "反向传播": ["optimization/backprop.html"],
    "权重初始化": ["optimization/initialization.html"],
    "混淆矩阵": ["metrics.html"],
    "梯度裁剪": ["optimization/gradients.html"],
    "类别不平衡": ["losses/focal.html"],
    "瓶颈": ["architectures/conv1x1.html"],
    "门控": ["architectures/highway.html"],
    "卷积分解": ["architectures/inception.html"],
}


@pytest.fixture(scope="module")
def search_results(server):
    return _browser.search(server, list(SEARCHES))


@pytest.mark.parametrize("term", list(SEARCHES))
def test_search_finds_the_teaching_page_in_the_top_three(search_results, term):
    top = search_results[term][:3]
    assert set(top) & set(SEARCHES[term]), f"{term}: top results {top}, expected one of {SEARCHES[term]}"
