"""The practice pages in Chromium: a reader opens a solution with the keyboard and finds a term by its abbreviation.

Uses the site's browser harness (``tests/site/_browser.py``) on the built ``_build/html``
(run ``make html`` first; the site's own browser suite builds it).
"""

import asyncio
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "site"))
import _browser  # noqa: E402

pytestmark = pytest.mark.browser

REASON = _browser.missing() or ("" if (_browser.HTML / "glossary.html").is_file() else "the site is not built")
if REASON:
    pytest.skip(f"practice browser tests skipped: {REASON}", allow_module_level=True)


async def _keyboard(server, page):
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=_browser.chromium_path(), args=_browser.CHROMIUM_ARGS)
        tab = await browser.new_page()
        await tab.goto(server.base + page)
        states = []
        for _ in range(80):  # Tab until the first solution's toggle has the focus
            await tab.keyboard.press("Tab")
            if await tab.evaluate("() => document.activeElement.matches('.solution summary')"):
                break
        else:
            raise AssertionError("Tab never reached a solution toggle")
        summary = await tab.evaluate("() => document.activeElement.innerText.trim()")
        visible = "() => document.activeElement.closest('details').open"
        states.append(await tab.evaluate(visible))
        for key in ("Enter", "Space"):
            await tab.keyboard.press(key)
            states.append(await tab.evaluate(visible))
        title = await tab.evaluate("() => document.querySelector('.exercise .admonition-title').innerText")
        await browser.close()
        return summary, states, title


def test_a_solution_opens_and_closes_from_the_keyboard():
    server = _browser.Server()
    try:
        summary, states, title = asyncio.run(_keyboard(server, "losses/exercises.html"))
    finally:
        server.close()
    assert summary == "查看答案"
    assert states == [False, True, False]  # hidden, Enter opens, Space closes
    assert title.startswith("练习 3.1")  # numbered per chapter


@pytest.mark.parametrize("query", ["BN", "batch normalization", "KL", "Focal Loss", "AUC"])
def test_search_finds_a_term_by_its_english_name_or_abbreviation(query):
    server = _browser.Server()
    try:
        results = _browser.search(server, [query])[query]
    finally:
        server.close()
    # the page that teaches the term first, then its glossary entry (see search_scorer.js)
    pages = [(hit.page, hit.anchor) for hit in results[:3]]
    assert any(page == "glossary.html" and anchor.startswith("#term-") for page, anchor in pages), pages
    assert pages[0][0] != "glossary.html", pages
