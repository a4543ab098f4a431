"""Interface strings in the site's language, through gettext catalogues (issue 16.3).

Everything here goes through Sphinx's own translation machinery (``locale_dirs``,
``.po`` catalogues compiled to ``.mo``); no HTML is rewritten.  Three gaps:

1. sphinx-book-theme (1.4.0) looks up its strings in its own message domain
   ``booktheme``, whose zh_CN catalogue lacks some ("Search", the search field's
   placeholder).  Sphinx reads ``locale_dirs`` only for its ``sphinx`` domain, so the
   project's ``booktheme.po`` is compiled and registered here with
   ``app.add_message_catalog`` (the public API themes use), ahead of the theme's.
   Delete when the theme's catalogue has them.
2. sphinx-gallery (0.22.1) writes English sentences into the reST of every example page
   ("Go to the end", "Download Jupyter notebook: plot_01.ipynb", ...; no option for
   their text, sphinx-gallery issue 949 points to CSS) and numpydoc (1.11) its section
   headings ("Parameters", "Returns", ...).  Being document text, Sphinx translates them
   from the catalogue of the pages' domain, one entry per paragraph source, and those
   sources hold each example's file name.  The committed template
   ``locale/<language>/generated.po`` says each sentence once with placeholders
   (``{file}``); :func:`write_catalogue` fills them with every value found in the
   generated gallery pages (``builder-inited``, after sphinx-gallery has written them)
   and writes the domain's catalogue into a locale folder under ``docs/generated/``,
   which Sphinx compiles (``gettext_auto_build``) and reads.  A template entry that
   matches nothing fails the build: the upstream wording changed.  The catalogue is
   rewritten only when its text changes, so an unchanged build re-reads nothing.
   Delete when sphinx-gallery and numpydoc translate their own strings.
3. Theme templates whose strings are not passed through ``_()`` are overridden in
   ``docs/_templates/`` (listed in tests/site/test_ext_templates.py), and their strings
   are in ``locale/<language>/LC_MESSAGES/sphinx.po``, which Sphinx reads itself.
"""

import re
from pathlib import Path

from babel.messages.pofile import read_po
from sphinx.errors import ExtensionError
from sphinx.util import logging
from sphinx.util.i18n import CatalogRepository, docname_to_domain

logger = logging.getLogger(__name__)

# message domains of the theme (its add_message_catalog calls) that the project completes
THEME_DOMAINS = ("booktheme",)
# where the filled catalogue of the generated pages goes (relative to the source folder);
# conf.py lists it in locale_dirs
GENERATED_LOCALE_DIR = "generated/locale"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def register_theme_catalogues(app):
    """Compile and register the project's catalogues for the theme's message domains."""
    repo = CatalogRepository(app.srcdir, app.config.locale_dirs, app.config.language,
                             app.config.source_encoding)
    for catalog in repo.catalogs:
        if catalog.domain in THEME_DOMAINS:
            if catalog.is_outdated():
                catalog.write_mo(app.config.language, app.config.gettext_allow_fuzzy_translations)
            app.add_message_catalog(catalog.domain, str(Path(catalog.base_dir).parent.parent))


def template_pattern(msgid):
    """A regex matching ``msgid``'s text in reST source, placeholders as named groups.

    Whitespace matches any run of whitespace (a paragraph may be wrapped and indented);
    a placeholder matches a run of characters without whitespace, ``<``, ``>`` or a
    backquote, and the same placeholder twice must match the same text.
    """
    out, seen, pos = [], set(), 0
    for m in _PLACEHOLDER.finditer(msgid):
        out.append(_literal(msgid[pos:m.start()]))
        name = m.group(1)
        out.append(f"(?P={name})" if name in seen else rf"(?P<{name}>[^\s<>`]+)")
        seen.add(name)
        pos = m.end()
    out.append(_literal(msgid[pos:]))
    return re.compile("".join(out))


def _literal(text):
    return r"\s+".join(re.escape(part) for part in re.split(r"\s+", text))


def fill(template_messages, sources):
    """``[(msgid, msgstr)]`` of the template, its placeholders filled from ``sources``.

    ``template_messages`` is ``[(msgid, msgstr)]``; ``sources`` is a list of reST texts.
    An entry without placeholders is kept as it is.  Returns the filled messages (sorted,
    without duplicates) and the template msgids that matched nothing.
    """
    filled, unmatched = {}, []
    for msgid, msgstr in template_messages:
        if not _PLACEHOLDER.search(msgid):
            filled[msgid] = msgstr
            continue
        pattern = template_pattern(msgid)
        found = False
        for text in sources:
            for m in pattern.finditer(text):
                values = m.groupdict()
                filled[msgid.format(**values)] = msgstr.format(**values)
                found = True
        if not found:
            unmatched.append(msgid)
    return sorted(filled.items()), unmatched


def po_text(messages, language):
    """A ``.po`` file of ``messages`` (``[(msgid, msgstr)]``), always the same bytes."""

    def quote(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

    lines = ["# Generated by dlnotes_site.i18n from the template in locale/; do not edit.",
             'msgid ""', 'msgstr ""', quote(f"Language: {language}\n"),
             quote("MIME-Version: 1.0\n"), quote("Content-Type: text/plain; charset=UTF-8\n"),
             quote("Content-Transfer-Encoding: 8bit\n"), ""]
    for msgid, msgstr in messages:
        lines += [f"msgid {quote(msgid)}", f"msgstr {quote(msgstr)}", ""]
    return "\n".join(lines)


def _gallery_dirs(app):
    dirs = app.config.sphinx_gallery_conf["gallery_dirs"]
    return [d for d in ([dirs] if isinstance(dirs, str) else dirs)]


def write_catalogue(app):
    """builder-inited, after sphinx-gallery: the filled catalogue of the generated pages."""
    language = app.config.language
    if not language or language == "en":
        return
    if GENERATED_LOCALE_DIR not in app.config.locale_dirs:
        raise ExtensionError(f"dlnotes_site.i18n: conf.py's locale_dirs must list "
                             f"{GENERATED_LOCALE_DIR!r}, where the generated pages' catalogue goes")
    gallery_dirs = _gallery_dirs(app)
    domains = {docname_to_domain(f"{d}/index", app.config.gettext_compact) for d in gallery_dirs}
    for domain in sorted(domains):
        template = _find_template(app, language, domain)
        if template is None:
            continue
        with open(template, "rb") as f:
            catalog = read_po(f)
        messages = [(m.id, m.string) for m in catalog if m.id and m.string]
        sources = [p.read_text(encoding="utf-8")
                   for d in gallery_dirs for p in sorted(Path(app.srcdir, d).rglob("*.rst"))]
        filled, unmatched = fill(messages, sources)
        if sources:
            for msgid in unmatched:
                logger.warning("dlnotes_site.i18n: the message %r of %s matches no generated "
                               "page; did sphinx-gallery change its wording?", msgid, template,
                               type="dlnotes", subtype="i18n")
        target = Path(app.srcdir, GENERATED_LOCALE_DIR, language, "LC_MESSAGES", f"{domain}.po")
        text = po_text(filled, language)
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


def _find_template(app, language, domain):
    for locale_dir in app.config.locale_dirs:
        if locale_dir == GENERATED_LOCALE_DIR:
            continue
        path = Path(app.srcdir, locale_dir, language, f"{domain}.po")
        if path.is_file():
            return path
    return None


def setup(app):
    app.setup_extension("sphinx_gallery.gen_gallery")
    register_theme_catalogues(app)
    # after sphinx-gallery has written the example pages (it runs at priority 500)
    app.connect("builder-inited", write_catalogue, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
