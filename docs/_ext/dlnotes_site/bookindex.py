"""The book's index in pinyin order: ``python bookindex.py makeindex ...`` (run by latexmk).

makeindex sorts by bytes: Chinese terms come out in code-point order, and its letter
groups cut a UTF-8 character in half (a heading of one stray byte).  ``make pdf`` has
latexmk run this file instead: each sort key becomes its reading (pinyin with tone
numbers, from pypinyin; Greek letters by name; Latin letters lower-cased), followed by
the original key to keep equal readings apart, and makeindex does the rest with Sphinx's
style, so Chinese and English terms interleave under A-Z.  Not a Sphinx extension.
"""

import re
from pathlib import Path

_ENTRY = re.compile(r"^\\indexentry\{(?P<entry>.*)\}\{(?P<page>[^{}]*)\}\s*$")
_TEX_COMMAND = re.compile(r"\\sphinxhyphen\s*\{\}|\\[A-Za-z@]+\s*|\\(?=[^A-Za-z])|[{}]")
_MAKEINDEX_SPECIAL = re.compile(r'[@!|"{}\\]')


def _split_unquoted(text, sep):
    """Split at ``sep`` where makeindex does: not after its quote character ``"``."""
    parts, current, quoted = [], "", False
    for char in text:
        if quoted:
            current, quoted = current + char, False
        elif char == '"':
            current, quoted = current + char, True
        elif char == sep:
            parts.append(current)
            current = ""
        else:
            current += char
    return [*parts, current]


def reading(key):
    """The sort string of an index key: pinyin for Chinese, names for Greek, lower case."""
    import unicodedata

    from pypinyin import Style, lazy_pinyin

    text = _TEX_COMMAND.sub(lambda m: "-" if m.group().startswith("\\sphinxhyphen") else "", key)
    text = _MAKEINDEX_SPECIAL.sub("", text)
    words = []
    for piece in lazy_pinyin(text, style=Style.TONE3, neutral_tone_with_five=True, errors=lambda s: [s]):
        for char in piece:
            if unicodedata.category(char).startswith("L") and not char.isascii():
                name = unicodedata.name(char, "")
                if name.startswith("GREEK"):
                    words.append(" " + name.split()[-1].lower() + " ")
                    continue
            words.append(char.lower())
        words.append(" ")
    return re.sub(r"\s+", " ", "".join(words)).strip()


def pinyin_index_line(line):
    """One ``\\indexentry`` line of a ``.idx`` file with reading-first sort keys."""
    match = _ENTRY.match(line)
    if not match:
        return line
    entry = match.group("entry")
    levels_encap = _split_unquoted(entry, "|")
    levels, encap = levels_encap[0], "|".join(levels_encap[1:])
    new_levels = []
    for level in _split_unquoted(levels, "!"):
        key, *actual = _split_unquoted(level, "@")
        actual = "@".join(actual) if actual else key
        # "#" sorts before any letter or digit: a term comes before the longer ones it starts
        new_levels.append(f"{reading(key)} # {key}@{actual}")
    entry = "!".join(new_levels) + (f"|{encap}" if encap else "")
    return "\\indexentry{%s}{%s}\n" % (entry, match.group("page"))


def makeindex(argv):
    """``makeindex`` with pinyin sort keys: ``bookindex.py makeindex [options] -o OUT IN.idx``."""
    import subprocess

    *options, source = argv
    source = Path(source if source.endswith(".idx") else source + ".idx")
    keyed = source.with_name(source.stem + "-pinyin.idx")
    with source.open(encoding="utf-8") as f:
        keyed.write_text("".join(pinyin_index_line(line) for line in f), encoding="utf-8")
    log = ["-t", str(source.with_suffix(".ilg"))]
    return subprocess.run(["makeindex", "-s", "python.ist", *log, *options, str(keyed)]).returncode


if __name__ == "__main__":
    import sys

    if sys.argv[1:2] != ["makeindex"]:
        sys.exit("usage: bookindex.py makeindex [makeindex options] -o OUT.ind IN.idx")
    sys.exit(makeindex(sys.argv[2:]))
