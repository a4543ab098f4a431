"""Site-wide checks of the sources.  The build layer's modules (docs/_ext/dlnotes_site/)
are tested one file each: test_ext_<module>.py."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The site's icon (html_favicon in conf.py): a fixed 32-px logo, not a figure of the notes.
COMMITTED_IMAGES = {"_static/favicon.svg"}


def _label_headings():
    """Map each MyST label ``(name)=`` in docs/ to the heading that follows it."""
    import re

    headings = {}
    for page in (ROOT / "docs").rglob("*.md"):
        if "generated" in page.parts:
            continue
        lines = page.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            match = re.match(r"^\(([\w-]+)\)=\s*$", line)
            if match:
                following = [text for text in lines[i + 1:i + 4] if text.startswith("#")]
                if following:
                    headings[match.group(1)] = following[0]
    return headings


def test_no_bare_reference_to_a_heading_with_math():
    # A bare {ref}`label` shows the target's title as plain text, so a heading with
    # $...$ math would appear as raw LaTeX: such links need explicit link text.
    import re

    headings = _label_headings()
    assert len(headings) > 50
    bare = []
    sources = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "gallery").rglob("*.py")]
    for source in sources:
        if "generated" in source.parts:
            continue
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            for label in re.findall(r"(?:\{ref\}|:ref:)`([\w-]+)`", line):
                if "$" in headings.get(label, ""):
                    bare.append(f"{source.relative_to(ROOT)}:{number}: {label}")
    assert not bare, "give these links explicit text: " + "; ".join(bare)


def test_no_image_file_is_committed():
    # every figure of the site is drawn by the build; the repository holds no picture
    import subprocess

    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    suffixes = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".pdf", ".eps"}
    images = {name for name in out.decode().split("\0") if Path(name).suffix.lower() in suffixes}
    assert images - COMMITTED_IMAGES == set(), f"committed image files: {sorted(images - COMMITTED_IMAGES)}"
    assert COMMITTED_IMAGES <= images


def test_no_control_characters_in_sources():
    # a TeX command in a non-raw string ("\times", "\frac", "\beta") turns into a control
    # character (tab, form feed, backspace) and renders as broken math
    bad = []
    for folder in ("docs", "gallery", "src"):
        for path in (ROOT / folder).rglob("*"):
            if path.suffix in {".py", ".md", ".rst", ".txt", ".bib"} and "generated" not in path.parts:
                text = path.read_text(encoding="utf-8")
                bad += [f"{path.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1)
                        if any(ord(c) < 32 for c in line)]
    assert not bad, f"control characters (a lost backslash escape?) at {bad}"
