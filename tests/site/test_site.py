"""Tests of the site's own build logic (docs/_ext/dlnotes_site.py)."""

import sys
import zipfile
from pathlib import Path

import pytest
from docutils import nodes

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "docs" / "_ext"))
site = pytest.importorskip("dlnotes_site")


def test_chinese_search_defines_the_stemmer_it_names():
    # sphinx-doc/sphinx#14229: the emitted JS must assign a class that it defines.
    code = site.ChineseSearch.js_stemmer_code
    assert code.rstrip().endswith("window.Stemmer = EnglishStemmer;")
    assert "EnglishStemmer" in code.split("window.Stemmer")[0]
    assert "ChineseStemmer" not in code


def _paragraph(*children):
    doc = nodes.document(None, None)
    para = nodes.paragraph("", "", *children)
    doc += para
    return doc, para


def test_join_cjk_lines_between_chinese_characters_and_after_punctuation():
    doc, para = _paragraph(
        nodes.Text("激活函数\n决定了"),
        nodes.strong("", "非线性"),
        nodes.Text("，\nReLU 最常用；\n"),
        nodes.literal("", "a\nb"),
        nodes.Text("\nloss 与\nlogits"),
    )
    site.join_cjk_lines(None, doc)
    assert para.astext() == "激活函数决定了非线性，ReLU 最常用；a\nb\nloss 与\nlogits"


def test_join_cjk_lines_leaves_math_and_code_alone():
    doc, para = _paragraph(nodes.Text("公式"), nodes.math("", "a\n\\times b"), nodes.Text("\n成立"))
    site.join_cjk_lines(None, doc)
    assert para.children[1].astext() == "a\n\\times b"
    # the break after inline math stands between "b" and "成": kept as a space
    assert para.children[2].astext() == "\n成立"


class _App:
    def __init__(self, srcdir):
        self.srcdir = str(srcdir)


def test_normalise_zips_is_byte_reproducible(tmp_path):
    gallery = tmp_path / site.GALLERY
    gallery.mkdir(parents=True)

    def write(order):
        archive = gallery / "gallery_python.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            for name in order:
                info = zipfile.ZipInfo(name, date_time=(2026, 11, 26, 12, len(name), 0))
                zf.writestr(info, f"print({name!r})\n")
        site.normalise_zips(_App(tmp_path))
        return archive.read_bytes()

    first = write(["b.py", "a.py", "sub/c.py"])
    second = write(["sub/c.py", "a.py", "b.py"])
    assert first == second
    with zipfile.ZipFile(gallery / "gallery_python.zip") as zf:
        assert zf.namelist() == ["a.py", "b.py", "sub/c.py"]
        assert {info.date_time for info in zf.infolist()} == {site.ZIP_DATE}
        assert zf.read("a.py") == b"print('a.py')\n"


def test_module_hashes_track_each_module(tmp_path):
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text("x = 1\n")
    (pkg / "b.py").write_text("y = 1\n")
    before = site._module_hashes(pkg)
    assert site._module_hashes(pkg) == before and set(before) == {"a", "b"}
    (pkg / "a.py").write_text("x = 2\n")
    after = site._module_hashes(pkg)
    assert after["a"] != before["a"] and after["b"] == before["b"]


MODULES = {"__init__", "layers", "losses", "activations", "optim", "plotting", "_validation"}


@pytest.mark.parametrize("source, expected", [
    ("from dlnotes.layers import conv2d, pool2d\n", {"layers", "__init__"}),
    ("from dlnotes.layers import (\n    conv2d,\n)\n", {"layers", "__init__"}),
    ("from dlnotes import optim\nfrom dlnotes import losses as L, activations\n",
     {"optim", "losses", "activations", "__init__"}),
    ("import dlnotes.plotting\n", {"plotting", "__init__"}),
    ("import dlnotes\n", {"*", "__init__"}),
    ("from dlnotes import (\n    optim,\n)\n", {"*", "__init__"}),
    ("from ._validation import as_float_array\nfrom .activations import sigmoid\n",
     {"_validation", "activations", "__init__"}),
    ("import numpy as np\n# from dlnotes.layers import conv2d is not code\n", set()),
])
def test_dlnotes_imports(source, expected):
    assert site.dlnotes_imports(source, MODULES) == expected


def test_affected_modules_follow_imports_transitively(tmp_path):
    pkg = tmp_path / "dlnotes"
    pkg.mkdir()
    (pkg / "__init__.py").write_text('"""pkg"""\n')
    (pkg / "_validation.py").write_text("import numpy\n")
    (pkg / "activations.py").write_text("from ._validation import check\n")
    (pkg / "losses.py").write_text("from .activations import sigmoid\n")
    (pkg / "layers.py").write_text("import numpy\n")
    assert site.affected_modules(pkg, {"activations"}) == {"activations", "losses"}
    assert site.affected_modules(pkg, {"_validation"}) == {"_validation", "activations", "losses"}
    assert site.affected_modules(pkg, {"layers"}) == {"layers"}
    assert site.affected_modules(pkg, {"__init__"}) == {"__init__", "_validation", "activations",
                                                       "losses", "layers"}


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


def _scrape(tmp_path, label):
    import matplotlib.pyplot as plt

    plt.close("all")
    fig, ax = plt.subplots()
    ax.set_title("an English title")
    if label is not None:
        fig.set_label(label)
    block_vars = {"image_path_iterator": iter([tmp_path / "sphx_glr_plot_x_001.png"]),
                  "src_file": str(tmp_path / "plot_x.py")}
    conf = {"image_srcset": [], "matplotlib_animations": (False, None),
            "compress_images": [], "src_dir": str(tmp_path)}
    try:
        return site.gallery_scraper(None, block_vars, conf)
    finally:
        plt.close("all")


def test_gallery_scraper_uses_the_figure_label_as_alt_text(tmp_path):
    rst = _scrape(tmp_path, "左图：ReLU 与它的导数；负半轴上的梯度恒为 0。")
    alts = [line.strip() for line in rst.splitlines() if ":alt:" in line]
    assert alts == [":alt: 左图：ReLU 与它的导数；负半轴上的梯度恒为 0。"]
    assert (tmp_path / "sphx_glr_plot_x_001.png").is_file()


@pytest.mark.parametrize("label", [None, "ReLU and its derivative, in English only", "太短的说明"])
def test_gallery_scraper_refuses_a_figure_without_a_chinese_description(tmp_path, label):
    with pytest.raises(ValueError, match=r"plot_x\.py: figure 1 has no Chinese description"):
        _scrape(tmp_path, label)


def test_thumbnails_get_their_example_title_as_alt_text():
    doc = nodes.document(None, None)
    box = nodes.container()
    image = nodes.image(uri="/generated/gallery/x/images/thumb/sphx_glr_plot_01_a_thumb.png", alt="")
    box += image
    box += nodes.paragraph("", "", nodes.reference("", "激活函数的图像"))
    doc += box
    site.describe_thumbnails(None, doc)
    assert image["alt"] == "示例缩略图：激活函数的图像"


def test_no_image_file_is_committed():
    # every figure of the site is drawn by the build; the repository holds no picture
    import subprocess

    try:
        out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    suffixes = {".png", ".jpg", ".jpeg", ".svg", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".pdf", ".eps"}
    images = [name for name in out.decode().split("\0") if Path(name).suffix.lower() in suffixes]
    assert not images, f"committed image files: {images}"


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
