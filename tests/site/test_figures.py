"""The figures a reader's screen gets: the built files, and the pages in light and dark mode.

Part of the browser suite (the session brings ``_build/html`` up to date first, see
``conftest.built_site``).  Two sets of checks:

* **Files** (``docs/generated/gallery/*/images``, what the site serves): every figure has
  its 1x and 2x files, light and dark, in one format; line art is an opaque palette PNG,
  only figures of the examples that show photographs are WebP; no file is over 150 KB;
  every thumbnail has a dark twin.
* **Screens**: every page that shows gallery images is opened in headless Chromium with
  ``prefers-color-scheme: dark`` (the theme's default mode is "auto", so it turns dark as
  for a reader whose system is dark) and with ``light``.  For each visible figure and
  thumbnail the border ring (its page colour) of the file the browser shows is measured
  in the page (a canvas; transparent margins over the colour behind them): in dark mode
  none may be a light rectangle, in light mode none dark; each visible one is the
  render for the mode (``only-dark`` / ``only-light``), loaded, and on a dense screen
  (2 device px per CSS px) a figure is its 2x file.  Broken variants of a real page (dark
  twins removed; twins swapped) prove the checks fail.
"""

import re
from pathlib import Path

import pytest
from PIL import Image

import _browser

pytestmark = pytest.mark.browser

REASON = _browser.missing()
if REASON:
    pytest.skip(f"browser tests skipped: {REASON}", allow_module_level=True)

GALLERY = _browser.ROOT / "docs" / "generated" / "gallery"
#: The examples whose figures show photographs (a human's reading of the scripts): only
#: their figures may be WebP; every other figure is line art, a palette PNG.
PHOTOGRAPHS = {"regularization/plot_02_zca_image", "architectures/plot_01_conv1x1", "layers/plot_03_pooling_photo"}
MAX_BYTES = 150 * 1024
#: Border-ring luminance (WCAG relative luminance, 0 black to 1 white) a figure may not
#: cross: the light page is 1.0, the dark page (#121212) 0.006.
DARK_MAX, LIGHT_MIN = 0.2, 0.6
FIGURE = re.compile(r"sphx_glr_(?P<stem>.+)_(?P<n>\d{3})\.(?P<ext>png|webp)$")


def _figure_files():
    """{(chapter/example, number): {variant: path}} of every figure the examples saved."""
    found = {}
    for path in sorted(GALLERY.glob("*/images/sphx_glr_*")):
        m = FIGURE.match(path.name)
        if not m:
            continue
        key = (f"{path.parents[1].name}/{m['stem']}", int(m["n"]))
        base = path.with_suffix("")
        found[key] = {v: Path(f"{base}{suffix}.{m['ext']}") for v, suffix in
                      (("1x", ""), ("2x", "_2_00x"), ("dark", "_dark"), ("dark 2x", "_dark_2_00x"))}
    return found


@pytest.fixture(scope="module")
def files(built_site):
    found = _figure_files()
    assert len(found) >= 80, f"only {len(found)} figures found under {GALLERY}"
    return found


def test_every_figure_has_four_files_in_one_format(files):
    problems = []
    for (example, n), variants in files.items():
        missing = [v for v, p in variants.items() if not p.is_file()]
        if missing:
            problems.append(f"{example} figure {n}: no {missing}")
            continue
        sizes = {}
        for v, path in variants.items():
            with Image.open(path) as img:
                sizes[v] = img.size
        if sizes["2x"] != tuple(2 * s for s in sizes["1x"]) or sizes["dark"] != sizes["1x"] \
                or sizes["dark 2x"] != sizes["2x"]:
            problems.append(f"{example} figure {n}: sizes {sizes}")
    assert not problems, "\n".join(problems)


def test_line_art_is_palette_png_and_photographs_webp(files):
    problems = []
    for (example, n), variants in files.items():
        for v, path in variants.items():
            if not path.is_file():
                continue
            with Image.open(path) as img:
                fmt, mode, info = img.format, img.mode, dict(img.info)
            if fmt == "PNG" and (mode != "P" or "transparency" in info):
                problems.append(f"{path.name}: PNG of mode {mode}{' with transparency' * ('transparency' in info)}, "
                                "not an opaque palette image")
            elif fmt == "WEBP" and example not in PHOTOGRAPHS:
                problems.append(f"{path.name}: WebP, but {example} is line art (a palette PNG)")
            elif fmt not in ("PNG", "WEBP"):
                problems.append(f"{path.name}: {fmt}")
    assert not problems, "\n".join(problems)
    assert any(p.suffix == ".webp" for v in files.values() for p in v.values()), "no photograph is WebP"


def test_no_figure_file_is_over_150_kb(built_site):
    served = sorted(p for p in (built_site / "_images").iterdir() if p.name.startswith("sphx_glr_"))
    assert len(served) >= 4 * 80
    large = {p.name: p.stat().st_size // 1024 for p in served if p.stat().st_size > MAX_BYTES}
    assert not large, f"files over 150 KB (KB): {large}"


def test_every_thumbnail_has_a_dark_twin(built_site):
    thumbs = sorted(p for p in GALLERY.glob("*/images/thumb/sphx_glr_*_thumb.*"))
    assert len(thumbs) >= 50
    lonely = [p.name for p in thumbs if not p.with_name(f"{p.stem}_dark{p.suffix}").is_file()]
    assert not lonely, lonely


# -- screens -------------------------------------------------------------------------------

#: API pages whose examples' thumbnails are checked; the other API pages show the same
#: thumbnail files, in the same markup, as the gallery pages (checked in full).
API_SAMPLE = ("generated/api/dlnotes.activations.relu.html", "generated/api/dlnotes.metrics.roc_auc_score.html")


def _pages(root):
    """The pages that show gallery images (figures or thumbnails), API pages sampled."""
    found = sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html")
                   if p.relative_to(root).parts[0] != "_static"
                   and "_images/sphx_glr_" in p.read_text(encoding="utf-8"))
    return [p for p in found if not p.startswith("generated/api/") or p in API_SAMPLE]


def _problems(reports, scheme, scale=1):
    """What is wrong with the figures of each page in ``scheme``: {page: [problems]}."""
    out = {}
    shown, hidden = ("only-dark", "only-light") if scheme == "dark" else ("only-light", "only-dark")
    for name, report in reports.items():
        problems = []
        if report.theme != scheme:
            problems.append(f"the theme is {report.theme!r}, not {scheme!r}")
        for fig in report.figures:
            src = fig["src"].rsplit("/", 1)[-1]
            if not fig["visible"]:
                continue
            if not fig["loaded"]:
                problems.append(f"{src}: did not load")
                continue
            classes = fig["classes"].split()
            if shown not in classes:
                problems.append(f"{src}: shown in {scheme} mode without {shown} (no {scheme} render)")
            if hidden in classes:
                problems.append(f"{src}: the {hidden} image is visible")
            lum = fig["luminance"]
            if scheme == "dark" and lum > DARK_MAX:
                problems.append(f"{src}: a light rectangle in dark mode (border luminance {lum:.2f})")
            if scheme == "light" and lum < LIGHT_MIN:
                problems.append(f"{src}: a dark rectangle in light mode (border luminance {lum:.2f})")
            if scale == 2 and "_thumb" not in src and "_2_00x" not in fig["current"]:
                problems.append(f"{src}: on a dense screen the browser shows {fig['current'].rsplit('/', 1)[-1]}")
        if not any(f["visible"] for f in report.figures):
            problems.append("no gallery image is visible")
        if problems:
            out[name] = problems
    return out


def _message(failures, scheme):
    lines = [f"{len(failures)} page(s) show figures wrongly in {scheme} mode:"]
    for name, items in sorted(failures.items()):
        lines.append(f"  {name}: " + "; ".join(items[:4]) + (" …" if len(items) > 4 else ""))
    return "\n".join(lines)


@pytest.fixture(scope="module")
def pages(built_site):
    found = _pages(built_site)
    # the example pages, the notes pages that embed figures, the galleries and the home page
    for page in ["index.html", "generated/gallery/index.html", "activations.html", "optimization/optimizers.html",
                 "generated/gallery/regularization/plot_02_zca_image.html", *API_SAMPLE]:
        assert page in found
    return found


def test_no_figure_is_a_light_rectangle_in_dark_mode(server, pages):
    # at 2 device px per CSS px: the dark renders and their 2x files
    reports = _browser.figures(server, pages, "dark", scale=2)
    failures = _problems(reports, "dark", scale=2)
    assert not failures, _message(failures, "dark")
    assert sum(f["visible"] for r in reports.values() for f in r.figures) >= 150


def test_no_figure_is_dark_in_light_mode(server, pages):
    failures = _problems(_browser.figures(server, pages, "light"), "light")
    assert not failures, _message(failures, "light")


EXAMPLE = "generated/gallery/activations/plot_01_activation_functions.html"


def _variant(built_site, tmp_path, edit):
    """A copy of a real example page with ``edit`` applied to its HTML, served with the
    site's own assets."""
    root = tmp_path / "site"
    page = root / EXAMPLE
    page.parent.mkdir(parents=True)
    for assets in ("_static", "_images"):
        (root / assets).symlink_to(built_site / assets)
    page.write_text(edit((built_site / EXAMPLE).read_text(encoding="utf-8")), encoding="utf-8")
    return root


def _without_dark_twins(html):
    # the page as it was before this work: one image per figure, no theme classes
    html = re.sub(r'<img [^>]*class="[^"]*only-dark[^"]*"[^>]*>\n?', "", html)
    return html.replace(" only-light", "")


def _twins_swapped(html):
    return html.replace("only-light", "@@").replace("only-dark", "only-light").replace("@@", "only-dark")


@pytest.mark.parametrize(("edit", "scheme", "expected"), [
    (_without_dark_twins, "dark", "a light rectangle in dark mode"),
    (_twins_swapped, "light", "a dark rectangle in light mode"),
])
def test_the_checks_catch_a_page_whose_figures_are_wrong(built_site, tmp_path, edit, scheme, expected):
    root = _variant(built_site, tmp_path, edit)
    srv = _browser.Server(root)
    try:
        reports = _browser.figures(srv, [EXAMPLE], scheme, concurrency=1)
    finally:
        srv.close()
    problems = _problems(reports, scheme).get(EXAMPLE, [])
    assert sum(expected in p for p in problems) == 2, problems  # both figures of the page
    lum = [f["luminance"] for f in reports[EXAMPLE].figures if f["visible"]]
    assert len(lum) == 2 and all((v > 0.5) if scheme == "dark" else (v < 0.05) for v in lum), lum


def test_border_luminance_reads_the_page_colour_of_a_figure(tmp_path):
    # the in-page measurement on known images: white ring (1.0), the dark page #121212
    # (0.006) and mid grey #767676 (0.1812), whatever the inside holds
    cases = {"white.png": ("white", "black", 1.0), "dark.png": ((18, 18, 18), "white", 0.006),
             "grey.png": ("#767676", "white", 0.1812)}
    body = ""
    for name, (page, inner, _) in cases.items():
        img = Image.new("RGB", (200, 100), page)
        img.paste(inner, (10, 10, 190, 90))
        img.save(tmp_path / f"sphx_glr_{name}")
        body += f'<img src="sphx_glr_{name}" alt="图">'
    # a transparent margin (thumbnails) shows the box behind it: here the dark page colour
    clear = Image.new("RGBA", (200, 100), (255, 255, 255, 0))
    clear.paste((255, 255, 255, 255), (10, 10, 190, 90))
    clear.save(tmp_path / "sphx_glr_clear.png")
    cases["clear.png"] = (None, None, 0.006)
    body += '<div style="background: #121212"><img src="sphx_glr_clear.png" alt="图"></div>'
    (tmp_path / "page.html").write_text(f"<!DOCTYPE html><html><body>{body}</body></html>", encoding="utf-8")
    srv = _browser.Server(tmp_path)
    try:
        report = _browser.figures(srv, ["page.html"], "light", concurrency=1)["page.html"]
    finally:
        srv.close()
    measured = {f["src"].removeprefix("sphx_glr_"): f["luminance"] for f in report.figures}
    for name, (_, _, expected) in cases.items():
        assert measured[name] == pytest.approx(expected, abs=1e-3), (name, measured)


def test_the_photographs_list_names_real_examples():
    for example in PHOTOGRAPHS:
        assert (_browser.ROOT / "gallery" / f"{example}.py").is_file(), example
