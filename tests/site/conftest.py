"""Session-wide reporting: say plainly whether the browser suite and the repro test ran."""

import _browser


def pytest_terminal_summary(terminalreporter):
    ran = [r for r in terminalreporter.stats.get("passed", []) + terminalreporter.stats.get("failed", [])
           if "test_browser.py" in r.nodeid]
    reason = _browser.missing()
    if reason:
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {reason}. The site was not checked in a browser.",
            yellow=True, bold=True)
    elif ran:
        terminalreporter.write_line(f"browser tests: {len(ran)} ran in headless Chromium "
                                    f"({_browser.chromium_path()}).")
    else:
        terminalreporter.write_line("browser tests not run (deselected or not collected).")
    if not any("test_repro.py" in r.nodeid for key in ("passed", "failed")
               for r in terminalreporter.stats.get(key, [])):
        terminalreporter.write_line("reproducibility test (two clean builds, byte for byte) not run: "
                                    "`make repro` runs it, and CI does.")
