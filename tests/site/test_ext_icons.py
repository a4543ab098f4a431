"""dlnotes_site.icons: the theme's icon font cut down to the icons the site shows."""

import io

from fontTools.ttLib import TTFont

from dlnotes_site import icons

THEME = icons.theme_static()


def test_the_class_table_is_read_from_the_themes_stylesheet():
    table = icons.class_table((THEME / icons.THEME_CSS).read_text(encoding="utf-8"))
    # Font Awesome's code points (fontawesome.com/icons): bars f0c9, magnifying-glass f002,
    # and an alias that shares a rule with its icon (navicon = bars)
    assert table["fa-bars"] == 0xF0C9 == table["fa-navicon"]
    assert table["fa-magnifying-glass"] == 0xF002
    assert table["fa-circle-half-stroke"] == 0xF042
    assert len(table) > 1000


def test_icon_characters_written_in_stylesheets_are_found_literal_or_escaped():
    css = ('html{--pst-icon-search-minus:"\uf010";--pst-color:"#fff"}'
           '.a:after{content:"\\f35d"}.b:before{content:"\\f0c9 "}.c:after{content:"x"}'
           '.fa-bars{--fa:"\\f0c9"}')
    assert icons.css_icons(css) == {0xF010, 0xF35D, 0xF0C9}


THEME_CSS = ('.fa-bars,.fa-navicon{--fa:"\\f0c9"}.fa-moon{--fa:"\\f186"}.fa-xmark{--fa:"\\f00d"}'
             ':root{--pst-icon-download:"\uf019"}.fa-solid{font-weight:900}\n'
             '/*# sourceMappingURL=pydata-sphinx-theme.css.map*/')


def _site(tmp_path):
    static = tmp_path / "_static"
    (static / "styles").mkdir(parents=True)
    (static / "theme.js").write_text('i.classList="fa-solid fa-xmark"', encoding="utf-8")
    (static / "other.css").write_text('.x:after{content:"\\f35d"}', encoding="utf-8")
    (tmp_path / "index.html").write_text('<i class="fa-solid fa-navicon"></i>', encoding="utf-8")
    return tmp_path


def test_the_icons_of_a_site_are_its_classes_and_its_stylesheet_icons(tmp_path):
    site = _site(tmp_path)
    classes = icons.used_classes(site)
    assert classes == {"fa-solid", "fa-navicon", "fa-xmark"}
    assert icons.used_icons(site, THEME_CSS, classes) == {0xF0C9, 0xF00D, 0xF019, 0xF35D}


def test_the_class_table_keeps_the_rules_of_used_classes_only(tmp_path):
    cut = icons.cut_class_table(THEME_CSS, icons.used_classes(_site(tmp_path)))
    assert cut == ('.fa-bars,.fa-navicon{--fa:"\\f0c9"}.fa-xmark{--fa:"\\f00d"}'
                   ':root{--pst-icon-download:"\uf019"}.fa-solid{font-weight:900}\n')


def test_the_themes_table_shrinks_and_keeps_everything_else():
    css = (THEME / icons.THEME_CSS).read_text(encoding="utf-8")
    cut = icons.cut_class_table(css, {"fa-bars", "fa-moon"})
    assert len(cut) < 0.85 * len(css)
    assert '.fa-bars,.fa-navicon{--fa:"\\f0c9"}' in cut and ".fa-moon{" in cut
    assert ".fa-sun{" not in cut and "sourceMappingURL" not in cut
    # every other rule is untouched: removing the whole table from both gives the same text
    strip = lambda text: icons._CLASS_TABLE.sub("", text).rstrip()
    assert strip(cut) == strip(css.replace("/*# sourceMappingURL=pydata-sphinx-theme.css.map*/", ""))


def test_the_subset_holds_exactly_the_requested_icons():
    original = (THEME / icons.FONT).read_bytes()
    wanted = {0xF0C9, 0xF002, 0xF185, 0xF186}
    data = icons.subset(original, wanted)
    assert data[:4] == b"wOF2" and len(data) < len(original) / 20
    font = TTFont(io.BytesIO(data))
    assert set(font.getBestCmap()) == wanted
    full = TTFont(io.BytesIO(original))
    # each icon keeps its outline: the same advance width as in the full font
    for cp in wanted:
        glyph, full_glyph = font.getBestCmap()[cp], full.getBestCmap()[cp]
        assert font["hmtx"][glyph] == full["hmtx"][full_glyph]
    assert icons.subset(original, wanted) == data  # same bytes every build


def test_the_output_gets_the_cut_files_and_loses_the_unused_ones(tmp_path):
    import shutil
    from types import SimpleNamespace

    static = tmp_path / "_static"
    for rel in (icons.FONT, icons.THEME_CSS, *icons.UNUSED):
        (static / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(THEME / rel, static / rel)
    (tmp_path / "index.html").write_text('<i class="fa-solid fa-bars"></i>', encoding="utf-8")
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(tmp_path))
    icons.cut(app, None)
    assert not any((static / rel).exists() for rel in icons.UNUSED)
    assert (static / icons.FONT).stat().st_size < 10_000
    css = (static / icons.THEME_CSS).read_text(encoding="utf-8")
    assert ".fa-bars,.fa-navicon{" in css and ".fa-sun{" not in css
    stamp = (static / icons.FONT).stat().st_mtime_ns
    icons.cut(app, None)  # the same site again: nothing rewritten
    assert (static / icons.FONT).stat().st_mtime_ns == stamp
