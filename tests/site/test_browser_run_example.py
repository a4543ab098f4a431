"""A reader who has only the website runs an example (the site served over HTTP).

The example page is fetched like a browser would; its "运行本例" line gives the script,
the wheel and the ``pip install`` command.  Both files are downloaded into an empty
folder, a fresh virtualenv is made (``python -m venv``), the line's pinned packages
are installed (pip may use its cache or the configured index), and the script runs
headless (``MPLBACKEND=Agg``) from that folder.  It must exit 0 and print the output the
example page shows (what the build printed), line for line.

Broken variant, in the same virtualenv: before the wheel is installed the script fails
with ``ModuleNotFoundError: No module named 'dlnotes'`` — what readers got before the
site offered the package.  The example needs no torch, to keep the install small.
"""

import html
import os
import re
import subprocess
import sys
import urllib.request
from urllib.parse import urljoin

import pytest

import _browser

pytestmark = pytest.mark.browser

REASON = _browser.missing()
if REASON:
    pytest.skip(f"browser tests skipped: {REASON}", allow_module_level=True)

ROOT = _browser.ROOT
EXAMPLE = "generated/gallery/metrics/plot_01_confusion_matrix.html"


def _text(fragment):
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def read_run_line(page_html, page_url):
    """``(script URL, wheel URL, pip arguments, run command)`` from an example page's run line."""
    line = re.search(r'<p class="dlnotes-run">(.*?)</p>', page_html, re.S)[1]
    hrefs = [urljoin(page_url, h) for h in re.findall(r'<a class="reference download[^"]*"[^>]*href="([^"]+)"', line)]
    codes = [_text(c) for c in re.findall(r'<code class="docutils literal[^"]*">(.*?)</code>', line, re.S)]
    install = next(c for c in codes if c.startswith("pip install "))
    run = next(c for c in codes if c.startswith("python "))
    script = next(h for h in hrefs if h.endswith(".py"))
    wheel = next(h for h in hrefs if h.endswith(".whl"))
    return script, wheel, install.split()[2:], run


def shown_output(page_html):
    """The text of the page's output blocks (what the build printed), in order."""
    blocks = re.findall(r'<div class="sphx-glr-script-out[^"]*">.*?<pre>(.*?)</pre>', page_html, re.S)
    return "".join(_text(b) for b in blocks)


def _download(url, folder):
    target = folder / url.rsplit("/", 1)[1]
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, url
        target.write_bytes(response.read())
    return target


def test_a_downloaded_example_runs_in_a_fresh_virtualenv(server, tmp_path):
    page_url = server.base + EXAMPLE
    with urllib.request.urlopen(page_url, timeout=30) as response:
        page = response.read().decode("utf-8")
    script_url, wheel_url, packages, run = read_run_line(page, page_url)
    wheel_name = wheel_url.rsplit("/", 1)[1]
    assert packages[0] == wheel_name and not any(p.startswith("torch") for p in packages)
    assert run == "python plot_01_confusion_matrix.py"

    work = tmp_path / "reader"
    work.mkdir()
    script = _download(script_url, work)
    wheel = _download(wheel_url, work)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["MPLBACKEND"] = "Agg"

    # the pinned packages first: the script must still fail, it needs the wheel
    proc = subprocess.run(pip + packages[1:], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    broken = subprocess.run([str(python), script.name], cwd=work, env=env, capture_output=True, text=True)
    assert broken.returncode != 0
    assert "ModuleNotFoundError: No module named 'dlnotes'" in broken.stderr

    # then the line as the page gives it (the wheel by its file name, in the reader's folder)
    proc = subprocess.run(pip + [wheel.name, *packages[1:]], cwd=work, env=env, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr[-3000:]
    where = subprocess.run([str(python), "-c", "import dlnotes; print(dlnotes.__file__)"],
                           cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert str(venv) in where  # the installed wheel, not this checkout's sources
    done = subprocess.run([str(python), *run.split()[1:]], cwd=work, env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    expected = shown_output(page)
    assert "TP = " in expected  # the page does show the counts of the confusion matrix
    # the same lines (the page's blocks lose their common indentation), the same numbers
    assert [line.strip() for line in done.stdout.splitlines() if line.strip()] == \
        [line.strip() for line in expected.splitlines() if line.strip()]


def test_the_run_line_reader_finds_what_a_broken_page_lacks():
    # a page without the wheel in its run line cannot be run by a reader: the reader fails loudly
    page = ('<p class="dlnotes-run"><strong>运行本例</strong>：下载 <a class="reference download internal" '
            'href="../_downloads/a/plot_x.py"><code class="xref">plot_x.py</code></a>，执行 '
            '<code class="docutils literal notranslate">pip install numpy==2</code>，再执行 '
            '<code class="docutils literal notranslate">python plot_x.py</code>。</p>')
    with pytest.raises(StopIteration):
        read_run_line(page, "http://127.0.0.1/x/page.html")
