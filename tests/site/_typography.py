"""Chinese typography of the prose: one spacing rule and Chinese quotation marks.

The rule, for the text a reader sees (``make format-prose`` applies it, ``make test``
checks it in ``tests/site/test_typography.py``):

* one space between Chinese and Latin letters or digits (``ROC 曲线``, ``KL 散度``,
  ``3 层``), half-width punctuation next to Chinese becomes full-width, and no space
  next to full-width punctuation: AutoCorrect (``autocorrect-py``, configured by
  ``.autocorrectrc`` at the repository root) decides, on the prose only;
* inline math, inline code, numbers glued in at build time, citations and API links
  count as Latin: one space between them and Chinese (``在 $x$ 处``, ``用 `np.exp` 算``;
  MathJax adds no space of its own).  Other roles (``{term}``, ``{ref}``, ``{doc}``)
  count as the text they show (``{ref}`act-sigmoid``` shows the section title);
* Chinese prose quotes with “…”, and ‘…’ inside them, never with straight quotes.

AutoCorrect knows Markdown but not MyST (it does not look inside directives, and puts
spaces around roles by their source text), nor the reST prose of sphinx-gallery scripts.
So this module cuts each file into prose segments, replaces every construct (role,
math, code, link target, emphasis marker) by a placeholder whose edges are those of the
text it shows, lets AutoCorrect format the masked text, and carries only its changes to
whitespace and punctuation back, outside the constructs.  What is never touched: code
cells and code blocks, math, role contents (the ``{term}`` links are matched by their
exact text), directive options other than alt texts, labels, HTML comments, front matter,
the code and strings of gallery scripts except the ``describe(fig, "…")`` alt texts.

Command line: ``python tests/site/_typography.py [--check] [files...]`` (default: every
prose source of the site); ``--check`` only reports.
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import tokenize
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import autocorrect_py
from docutils.utils import punctuation_chars as _pc

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".autocorrectrc"

# Chinese characters (ideographs) and Chinese / full-width punctuation.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_PUNCT = "\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2026\u2014"
_HAN_RE = re.compile(f"[{HAN}]")
_CJK_RE = re.compile(f"[{HAN}{CJK_PUNCT}]")

# Placeholders: a private-use character per construct, between two edge characters.
_PUA0 = 0xE000


def _config_loaded(_state={"done": False}):
    if not _state["done"]:
        autocorrect_py.load_config(CONFIG.read_text(encoding="utf-8"))
        _state["done"] = True


# --------------------------------------------------------------------------- tokens
@dataclass
class Text:
    """Prose characters: the formatter may change them."""

    s: str


@dataclass
class Atom:
    """A construct kept byte for byte; ``left``/``right`` are the edges of what it shows.

    ``inner`` (start, end) marks an editable part of ``src`` (the text shown by a
    ``{ref}`text <label>``` role or a link), formatted as a segment of its own.
    """

    src: str
    left: str
    right: str
    inner: tuple[int, int] | None = None
    inner_kind: str = "md"
    markup: bool = False  # reST inline markup: needs whitespace or punctuation around it


@dataclass
class Delim:
    """A markup character run that shows nothing (``**``, ``*``, link brackets)."""

    src: str
    side: str  # "open" or "close"


@dataclass
class Problem:
    path: str
    line: int
    message: str
    old: str = ""
    new: str = ""

    def __str__(self):
        out = f"{self.path}:{self.line}: {self.message}"
        if self.old or self.new:
            out += f"\n    - {self.old}\n    + {self.new}"
        return out


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    spacing: int = 0  # whitespace insertions / deletions
    punctuation: int = 0  # half-width -> full-width and similar
    quote_pairs: int = 0
    quotes: bool = True  # apply and check the quotes rule too


# --------------------------------------------------------------------------- edges
def _edge(ch: str) -> str:
    """The character a placeholder shows AutoCorrect for one edge of a construct."""
    if not ch:
        return "a"
    if _HAN_RE.match(ch):
        return "中"
    if ch.isascii() and ch.isalnum():
        return "0" if ch.isdigit() else "a"
    return ch


def _edges(shown: str) -> tuple[str, str]:
    shown = shown.strip()
    return _edge(shown[:1]), _edge(shown[-1:])


LATIN = ("a", "a")
NUMBER = ("0", "0")


# --------------------------------------------------------------------------- labels
class Titles:
    """What ``{ref}`label``` and ``{doc}`name``` show, read from the sources."""

    def __init__(self, root: Path = ROOT):
        self.labels: dict[str, str] = {}
        self.docs: dict[str, str] = {}
        docs = root / "docs"
        for path in sorted(docs.rglob("*.md")) + sorted(docs.rglob("*.rst")):
            if "generated" in path.relative_to(docs).parts or path.name.startswith("_"):
                continue
            self._read_doc(path, path.relative_to(docs).with_suffix("").as_posix())
        gallery = root / "gallery"
        for path in sorted(gallery.rglob("*.py")):
            rel = path.relative_to(gallery)
            title = _rst_title(ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or "")
            key = "_".join(["sphx_glr_generated_gallery", *rel.parts[:-1], rel.name])
            self.labels[key.lower()] = title
        for path in sorted(gallery.rglob("GALLERY_HEADER.rst")):
            rel = path.parent.relative_to(gallery)
            key = "_".join(["sphx_glr_generated_gallery", *rel.parts])
            self.labels[key.lower()] = _rst_title(path.read_text(encoding="utf-8"))

    def _read_doc(self, path: Path, docname: str):
        lines = path.read_text(encoding="utf-8").split("\n")
        pending: list[str] = []
        title = None
        for i, line in enumerate(lines):
            m = re.match(r"^\((?P<l>[^)]+)\)=\s*$", line) or re.match(r"^\.\. _(?P<l>[^:]+):\s*$", line)
            if m:
                pending.append(m.group("l"))
                continue
            heading = None
            m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
            if m and path.suffix == ".md":
                heading = m.group(1)
            elif (path.suffix == ".rst" and line.strip() and i + 1 < len(lines)
                  and re.match(r"^([=\-~^\"'`#*+])\1{2,}\s*$", lines[i + 1])):
                heading = line.strip()
            if heading is not None:
                title = title or heading
                for label in pending:
                    self.labels[label.lower()] = heading
                pending = []
                continue
            m = re.match(r"^\s*:(name|label):\s*(\S+)", line)
            if m:
                # a named directive: its argument (admonition, exercise) is its title
                for j in range(i - 1, -1, -1):
                    fence = re.match(r"^\s*(`{3,}|:{3,})\{([\w:-]+)\}\s*(.*)$", lines[j])
                    if fence:
                        self.labels[m.group(2).lower()] = fence.group(3).strip() or fence.group(2)
                        break
            fence = re.match(r"^(`{3,}|:{3,})\{([\w:-]+)\}\s*(.*)$", line)
            if fence and pending:
                for label in pending:  # a label right before a directive names it
                    self.labels[label.lower()] = fence.group(3).strip() or fence.group(2)
                pending = []
            elif line.strip() and pending and not line.startswith("%"):
                pending = []
        self.docs[docname] = title or docname

    def label(self, name: str) -> str | None:
        return self.labels.get(name.strip().lower())

    def doc(self, name: str, current: str) -> str | None:
        name = name.strip()
        if name.startswith("/"):
            key = name[1:]
        else:
            key = (Path(current).parent / name).as_posix()
            key = re.sub(r"^\./", "", key)
        return self.docs.get(key)


def _rst_title(text: str) -> str:
    lines = [ln.strip() for ln in text.strip().split("\n")]
    for i, line in enumerate(lines[:-1]):
        if line and re.match(r"^([=\-~^\"'`#*+])\1{2,}$", lines[i + 1]):
            return line
    return lines[0] if lines else ""


_TITLES: Titles | None = None


def titles() -> Titles:
    global _TITLES
    if _TITLES is None:
        _TITLES = Titles()
    return _TITLES


# --------------------------------------------------------------------------- inline
_MD_INLINE = re.compile(
    r"""
    (?P<role>\{(?P<rname>[\w:+.-]+)\}(?P<rtick>`+)(?P<rbody>.+?)(?P=rtick))
  | (?P<code>(?P<ctick>`+).+?(?P=ctick))
  | (?P<dmath>\$\$.+?\$\$)
  | (?P<math>(?<!\\)\$(?:\\.|[^$\\])+?\$)
  | (?P<autolink><(?:https?|mailto):[^>\s]+>)
  | (?P<url>https?://[^\s)\]>，。；、）“”]+)
  | (?P<html><!--.*?-->|</?[a-zA-Z][^>\n]*>)
  | (?P<lclose>\]\([^)\s]*\))
  | (?P<lopen>\[(?=[^\[\]]*\]\([^)\s]*\)))
  | (?P<strong>\*\*)
  | (?P<em>(?<![\\*\w])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![*\w]))
  | (?P<escape>\\[\\`*_{}\[\]()#+\-.!$"'])
    """,
    re.VERBOSE | re.DOTALL,
)

_RST_INLINE = re.compile(
    r"""
    (?P<role>:(?P<rname>[\w:+.-]+):`(?P<rbody>(?:\\.|[^`\\])+?)`)
  | (?P<code>``.+?``)
  | (?P<link>`(?P<lbody>[^`]+?)`__?)
  | (?P<url>https?://[^\s)\]>，。；、）“”]+)
  | (?P<strong>\*\*)
  | (?P<em>(?<![\\*\w])\*(?=[^\s*])|(?<=[^\s*\\])\*(?![*\w]))
  | (?P<escape>\\.)
    """,
    re.VERBOSE | re.DOTALL,
)

_LATIN_ROLES = {
    "math", "eq", "func", "class", "mod", "meth", "attr", "obj", "data", "exc",
    "py:func", "py:class", "py:mod", "py:meth", "py:attr", "py:obj", "py:data",
    "cite:p", "cite:t", "cite:ps", "cite:ts", "cite", "cite:alp", "cite:label",
    "kbd", "file", "command", "program", "envvar",
}
_NUMBER_ROLES = {"glue:text", "glue", "glue:any", "numref"}
_BADGE = re.compile(r"^bdg(-[\w-]+)?$")
_EXPLICIT = re.compile(r"^(?P<text>.*?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


class Unknown(Exception):
    """A construct whose shown text the formatter cannot tell: fix the source or the tool."""


def _role_atom(name: str, body: str, src: str, body_start: int, docname: str, kind: str) -> Atom:
    name = name.lower()
    if name in _LATIN_ROLES or name.startswith(("cite", "py:")):
        return Atom(src, *LATIN)
    if name in _NUMBER_ROLES:
        return Atom(src, *NUMBER)
    if _BADGE.match(name):
        return Atom(src, *LATIN)  # a badge is a box of its own
    if name == "index":
        return Atom(src, *_edges(_EXPLICIT.match(body).group("text") if _EXPLICIT.match(body) else body))
    m = _EXPLICIT.match(body)
    if name == "term":
        shown = m.group("text") if m else body
        return Atom(src, *_edges(shown))  # never edited: the glossary matches its exact text
    if name in {"download", "dlnotes-wheel", "abbr", "sub", "sup", "guilabel", "menuselection", "samp", "dfn"}:
        shown = m.group("text") if m and name in {"download", "dlnotes-wheel"} else re.sub(r"\s*\(.*\)$", "", body)
        return Atom(src, *_edges(shown))
    if name in {"ref", "doc", "std:ref", "std:doc", "any"}:
        if m:
            start = body_start + m.start("text")
            return Atom(src, *_edges(m.group("text")), inner=(start, start + len(m.group("text"))),
                        inner_kind=kind)
        target = body.strip().lstrip("~!")
        shown = (titles().doc(target, docname) if name.endswith("doc")
                 else titles().label(target))
        if shown is None:
            raise Unknown(f"cannot tell what {{{name}}}`{body}` shows (unknown target)")
        return Atom(src, *_edges(shown))
    raise Unknown(f"unknown role {{{name}}}`{body}`: add it to _typography.py")


def tokenize_inline(text: str, kind: str = "md", docname: str = "") -> list:
    """Split one prose segment into Text, Atom and Delim tokens."""
    pattern = _MD_INLINE if kind == "md" else _RST_INLINE
    tokens: list = []
    pos = 0
    for m in pattern.finditer(text):
        if m.start() > pos:
            tokens.append(Text(text[pos:m.start()]))
        src = m.group(0)
        g = m.lastgroup
        if m.group("role") is not None:
            tokens.append(_role_atom(m.group("rname"), m.group("rbody"), src,
                                     m.start("rbody") - m.start(), docname, kind))
            tokens[-1].markup = kind == "rst"
        elif g == "code" or g == "dmath" or g == "math" or g == "autolink" or g == "url":
            tokens.append(Atom(src, *LATIN, markup=kind == "rst" and g == "code"))
        elif g == "html":
            tokens.append(Delim(src, "open"))
        elif g == "link":  # reST `text <url>`_: the text is prose
            body = m.group("lbody")
            lm = _EXPLICIT.match(body)
            shown = lm.group("text") if lm else body
            start = m.start("lbody") - m.start()
            tokens.append(Atom(src, *_edges(shown), inner=(start, start + len(shown)), inner_kind=kind,
                               markup=True))
        elif g == "lopen":
            tokens.append(Delim(src, "open"))
        elif g == "lclose":
            tokens.append(Delim(src, "close"))
        elif g in ("strong", "em"):
            tokens.append(Delim(src, g))  # side decided below by pairing
        elif g == "escape":
            # reST's escaped space joins markup to the next word and shows nothing
            tokens.append(Atom(src, src[1], src[1]) if src[1] != " " else Delim(src, "escape"))
        pos = m.end()
    if pos < len(text):
        tokens.append(Text(text[pos:]))
    # emphasis markers pair up in order: odd ones open, even ones close
    for mark in ("strong", "em"):
        n = 0
        for tok in tokens:
            if isinstance(tok, Delim) and tok.side == mark:
                tok.side = "open" if n % 2 == 0 else "close"
                n += 1
    return tokens


# --------------------------------------------------------------------------- quotes
def _is_apostrophe(text: str, j: int) -> bool:
    before = text[j - 1] if j else ""
    after = text[j + 1] if j + 1 < len(text) else ""
    return before.isascii() and before.isalpha() and after.isascii() and after.isalpha()


_SENTENCE_END = re.compile(r"[。！？]|[.!?](?=\s)")


def _chinese_pairs(masked: str, spots: list[int]) -> list[tuple[int, int]]:
    """Pairs of straight double quotes (in order) in a sentence that has Chinese in it;
    an English sentence inside a Chinese paragraph keeps its quotes."""
    pairs = []
    for a, b in zip(spots[::2], spots[1::2]):
        ends = [m.end() for m in _SENTENCE_END.finditer(masked, 0, a)]
        start = ends[-1] if ends else 0
        m = _SENTENCE_END.search(masked, b + 1)
        stop = m.start() if m else len(masked)
        if _HAN_RE.search(masked[start:stop]):
            pairs.append((a, b))
    return pairs


def _quote_spots(tokens: list):
    masked, owner, _ = _mask(tokens)
    doubles = [i for i, ch in enumerate(masked) if ch == '"' and owner[i][1] >= 0]
    return masked, owner, doubles


def _convert_quotes(tokens: list, where) -> int:
    """Straight quotes in Chinese prose become “…” (and ‘…’ inside them), in place.

    Returns the number of double-quote pairs converted; an odd count is reported.
    """
    masked, owner, doubles = _quote_spots(tokens)
    if not doubles or not _HAN_RE.search(masked):
        return 0
    if len(doubles) % 2:
        where("odd number of straight double quotes in Chinese prose: pair them by hand")
        return 0
    pairs = _chinese_pairs(masked, doubles)

    def put(i, ch):
        ti, off = owner[i]
        s = tokens[ti].s
        tokens[ti].s = s[:off] + ch + s[off + 1:]

    for a, b in pairs:
        put(a, "\u201c")
        put(b, "\u201d")
        # single quotes inside: ‘…’ (never an apostrophe between two letters)
        singles = [i for i in range(a + 1, b) if masked[i] == "'" and owner[i][1] >= 0
                   and not _is_apostrophe(masked, i)]
        if len(singles) % 2 == 0:
            for n, i in enumerate(singles):
                put(i, "\u2018" if n % 2 == 0 else "\u2019")
    return len(pairs)


def straight_quotes(tokens: list) -> list[str]:
    """Straight quotes left in Chinese prose (the quotes rule), with some context."""
    masked, owner, doubles = _quote_spots(tokens)
    if not _HAN_RE.search(masked):
        return []
    if len(doubles) % 2 == 0:
        bad = [i for pair in _chinese_pairs(masked, doubles) for i in pair]
    else:
        bad = [i for i in doubles if _CJK_RE.match(masked[i - 1:i] or " ")
               or _CJK_RE.match(masked[i + 1:i + 2] or " ")]
    for i, ch in enumerate(masked):
        if ch == "'" and owner[i][1] >= 0 and not _is_apostrophe(masked, i) and (
                _CJK_RE.match(masked[i - 1:i] or " ") or _CJK_RE.match(masked[i + 1:i + 2] or " ")):
            bad.append(i)
    return [masked[max(0, i - 8): i + 9].translate(_NO_PUA) for i in sorted(bad)]


_NO_PUA = {c: None for c in range(_PUA0, _PUA0 + 6000)}


# --------------------------------------------------------------------------- spacing
def _mask(tokens: list):
    """The text AutoCorrect sees, the owner of each of its characters, the delimiters
    at each boundary."""
    chars: list[str] = []
    owner: list[tuple[int, int]] = []  # (token index, offset in Text or -1 for atoms)
    delims: dict[int, list[int]] = {}
    for i, tok in enumerate(tokens):
        if isinstance(tok, Text):
            for j, ch in enumerate(tok.s):
                chars.append(ch)
                owner.append((i, j))
        elif isinstance(tok, Atom):
            for ch in (tok.left, chr(_PUA0 + (i % 6000)), tok.right):
                chars.append(ch)
                owner.append((i, -1))
        else:
            delims.setdefault(len(chars), []).append(i)
    return "".join(chars), owner, delims


def _align(old: str, new: str):
    """AutoCorrect's edits: inserted spaces, deleted spaces, replaced characters."""
    i = j = 0
    edits = []
    while i < len(old) or j < len(new):
        a = old[i] if i < len(old) else None
        b = new[j] if j < len(new) else None
        if a == b:
            i += 1
            j += 1
        elif b == " " and (a is None or a != " "):
            edits.append(("insert", i, " "))
            j += 1
        elif a == " " and (b is None or b != " "):
            edits.append(("delete", i, ""))
            i += 1
        elif a is not None and b is not None and not a.isspace() and not b.isspace():
            edits.append(("replace", i, b))
            i += 1
            j += 1
        else:
            raise Unknown(f"cannot align AutoCorrect's output:\n    {old!r}\n    {new!r}")
    return edits


def _format_tokens(tokens: list, kind: str, report: Report | None) -> list:
    """Apply AutoCorrect to the prose tokens of one segment (in place); returns tokens."""
    masked, owner, delims = _mask(tokens)
    if not masked.strip():
        return tokens
    _config_loaded()
    formatted = autocorrect_py.format(masked)
    if formatted == masked:
        return tokens
    if formatted.count("\n") != masked.count("\n"):
        raise Unknown(f"AutoCorrect changed line breaks:\n    {masked!r}\n    {formatted!r}")
    inserts: dict[int, int] = {}
    deletes: set[int] = set()
    replaces: dict[int, str] = {}
    for op, i, ch in _align(masked, formatted):
        if op == "replace":
            if owner[i][1] >= 0:
                replaces[i] = ch
        elif op == "delete":
            if owner[i][1] < 0:
                continue
            prev = masked[i - 1] if i > 0 else "\n"
            nxt = masked[i + 1] if i + 1 < len(masked) else "\n"
            if prev == "\n" or nxt == "\n" or i in delims or (i + 1) in delims:
                continue  # indentation, line ends, emphasis: whitespace is syntax there
            if kind == "rst" and ((i > 0 and owner[i - 1][1] < 0)
                                  or (i + 1 < len(masked) and owner[i + 1][1] < 0)):
                continue  # reST inline markup needs whitespace or punctuation around it
            deletes.add(i)
        else:  # insert before masked[i]
            if 0 < i < len(masked) and owner[i - 1][0] == owner[i][0] and owner[i][1] < 0:
                continue  # between a placeholder's edge and its private-use mark
            inserts[i] = inserts.get(i, 0) + 1
    # rebuild the tokens
    out_text: dict[int, list[str]] = {i: list(t.s) for i, t in enumerate(tokens) if isinstance(t, Text)}
    for i in deletes:
        ti, off = owner[i]
        out_text[ti][off] = ""
        if report:
            report.spacing += 1
    for i, ch in replaces.items():
        ti, off = owner[i]
        out_text[ti][off] = ch
        if report:
            report.punctuation += 1
    new_tokens = []
    pending_space = {}
    for b, n in inserts.items():
        pending_space[b] = " " * n
        if report:
            report.spacing += 1
    # walk the boundaries again, inserting spaces outside emphasis / link delimiters
    pos = 0
    for i, tok in enumerate(tokens):
        if isinstance(tok, Delim):
            continue
        length = len(tok.s) if isinstance(tok, Text) else 3
        # delimiters that sit at the boundary ``pos`` before this token
        before = [tokens[k] for k in delims.get(pos, [])]
        space = pending_space.pop(pos, "")
        _place(new_tokens, before, space)
        if isinstance(tok, Text):
            chars = out_text[i]
            # spaces inserted inside this text token
            buf = []
            for off, ch in enumerate(chars):
                if off and (pos + off) in pending_space:
                    buf.append(pending_space.pop(pos + off))
                buf.append(ch)
            new_tokens.append(Text("".join(buf)))
        else:
            new_tokens.append(tok)
        pos += length
    _place(new_tokens, [tokens[k] for k in delims.get(pos, [])], pending_space.pop(pos, ""))
    if pending_space:
        raise Unknown(f"could not place spaces at {sorted(pending_space)} in {masked!r}")
    return new_tokens


def _place(out: list, delims: list, space: str):
    """Delimiters at one boundary, with the space AutoCorrect wants there put outside
    the emphasis: after closing markers, before opening ones; an escaped space that
    AutoCorrect wants to be a space becomes one."""
    if space and any(d.side == "escape" for d in delims):
        delims = [d for d in delims if d.side != "escape"]
    out.extend(d for d in delims if d.side in ("close", "escape"))
    if space:
        out.append(Text(space))
    out.extend(d for d in delims if d.side not in ("close", "escape"))


def _render(tokens: list) -> str:
    return "".join(t.s if isinstance(t, Text) else t.src for t in tokens)


def format_segment(text: str, kind: str = "md", docname: str = "", report: Report | None = None,
                   where=None) -> str:
    """Format one prose segment: Chinese quotes, then the spacing rule."""
    where = where or (lambda msg: None)
    quotes = report.quotes if report is not None else True
    if kind == "plain":
        tokens = [Text(text)]
    else:
        tokens = tokenize_inline(text, kind, docname)
    # the editable text shown by {ref}`text <label>` and links is a segment of its own
    for tok in tokens:
        if isinstance(tok, Atom) and tok.inner:
            a, b = tok.inner
            inner = format_segment(tok.src[a:b], tok.inner_kind, docname, report, where)
            tok.src = tok.src[:a] + inner + tok.src[b:]
            tok.inner = (a, a + len(inner))
    if quotes:
        n = _convert_quotes(tokens, where)
        if report:
            report.quote_pairs += n
        for spot in straight_quotes(tokens):
            where(f"straight quote in Chinese prose: {spot!r}")
    tokens = _format_tokens(tokens, "rst" if kind == "rst" else "md", report)
    if kind == "rst":
        for spot in unrecognized_rst_markup(tokens):
            where(f"reST shows this markup as plain text (write '\\ ' or a space between it and the text next to it): {spot!r}")
    return _render(tokens)


_RST_BEFORE = re.compile(f"[\\s{_pc.openers}{_pc.delimiters}]")
_RST_AFTER = re.compile(f"[\\s{_pc.closing_delimiters}{_pc.delimiters}{_pc.closers}]")


def unrecognized_rst_markup(tokens: list) -> list[str]:
    """reST inline markup that docutils leaves as plain text: its start must follow
    whitespace or an opening punctuation mark, its end precede whitespace or a closing
    one (``交叉熵**包含**熵`` shows the asterisks; ``交叉熵\\ **包含**\\ 熵`` works)."""
    out = []
    srcs = [t.s if isinstance(t, Text) else t.src for t in tokens]
    for i, tok in enumerate(tokens):
        opens = (isinstance(tok, Atom) and tok.markup) or (isinstance(tok, Delim) and tok.side == "open"
                                                          and tok.src.startswith("*"))
        closes = (isinstance(tok, Atom) and tok.markup) or (isinstance(tok, Delim) and tok.side == "close"
                                                           and tok.src.startswith("*"))
        before = "".join(srcs[:i])[-1:]
        after = "".join(srcs[i + 1:])[:1]
        context = "".join(srcs)[max(0, len("".join(srcs[:i])) - 6): len("".join(srcs[:i + 1])) + 6]
        if opens and before and not _RST_BEFORE.match(before) and not "".join(srcs[:i]).endswith("\\ "):
            out.append(context)
        elif closes and after and not _RST_AFTER.match(after) and not "".join(srcs[i + 1:]).startswith("\\ "):
            out.append(context)
    return out


# --------------------------------------------------------------------------- MyST
# Directives whose body is not prose (skipped whole), and those whose argument is prose.
_SKIP_DIRECTIVES = {
    "code-cell", "code-block", "code", "sourcecode", "literalinclude", "toctree", "math",
    "raw", "index", "eval-rst", "exercise-overview", "bibliography", "autosummary",
    "glue:figure", "glue:math", "mermaid", "include",
}
_PROSE_DIRECTIVES = {
    "figure", "admonition", "note", "tip", "hint", "important", "warning", "caution",
    "attention", "danger", "error", "seealso", "topic", "sidebar", "exercise", "solution",
    "dropdown", "grid", "grid-item", "grid-item-card", "card", "tab-set", "tab-item",
    "list-table", "table", "glossary", "epigraph", "margin", "prf:definition", "pdf-download",
}
_TITLE_ARGUMENT = {
    "admonition", "exercise", "dropdown", "grid-item-card", "card", "tab-item", "list-table",
    "table", "topic", "sidebar",
}
_PROSE_OPTIONS = {"alt", "img-alt", "caption"}
_FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,}|:{3,})\s*(?P<info>.*)$")
_OPTION = re.compile(r"^(?P<head>\s*:(?P<key>[\w-]+):\s*)(?P<value>.*)$")


@dataclass
class Segment:
    """Lines ``start``..``end`` (exclusive) of a file; ``col`` is where the prose starts on
    the first line (``:alt:`` values, directive arguments)."""

    start: int
    end: int
    kind: str  # "md", "rst" or "plain"
    col: int = 0


def myst_segments(lines: list[str]) -> list[Segment]:
    """The prose segments of a MyST page."""
    segs: list[Segment] = []
    i = 0
    n = len(lines)
    if lines and lines[0].strip() == "---":  # front matter
        i = 1
        while i < n and lines[i].strip() != "---":
            i += 1
        i += 1
    stack: list[tuple[str, int, str]] = []  # open prose fences: (char, length, name)
    para: list[int] = []

    def flush():
        if para:
            segs.append(Segment(para[0], para[-1] + 1, "md"))
            para.clear()

    while i < n:
        line = lines[i]
        stripped = line.strip()
        fence = _FENCE.match(line)
        if fence and stack and not fence.group("info").strip():
            char, length, _ = stack[-1]
            mark = fence.group("mark")
            if mark[0] == char and len(mark) >= length:
                flush()
                stack.pop()
                i += 1
                continue
        if fence:
            flush()
            mark = fence.group("mark")
            info = fence.group("info")
            dm = re.match(r"^\{(?P<name>[\w:-]+)\}\s*(?P<arg>.*)$", info)
            name = dm.group("name") if dm else None
            if name is None or name in _SKIP_DIRECTIVES:
                # code block or a non-prose directive: skip to its closing fence
                i += 1
                while i < n:
                    close = _FENCE.match(lines[i])
                    if (close and not close.group("info").strip() and close.group("mark")[0] == mark[0]
                            and len(close.group("mark")) >= len(mark)):
                        break
                    i += 1
                i += 1
                continue
            if name not in _PROSE_DIRECTIVES:
                raise Unknown(f"line {i + 1}: directive {{{name}}} is neither prose nor skipped: "
                              "add it to _typography.py")
            if name in _TITLE_ARGUMENT and dm.group("arg").strip():
                segs.append(Segment(i, i + 1, "md", col=len(line) - len(dm.group("arg"))))
            stack.append((mark[0], len(mark), name))
            i += 1
            # options right after the fence line
            while i < n and _OPTION.match(lines[i]):
                om = _OPTION.match(lines[i])
                if om.group("key") in _PROSE_OPTIONS and om.group("value").strip():
                    segs.append(Segment(i, i + 1, "plain", col=len(om.group("head"))))
                i += 1
            continue
        in_glossary = bool(stack) and stack[-1][2] == "glossary"
        if not stripped:
            flush()
        elif in_glossary and not line[:1].isspace():
            flush()  # a glossary term: {term} roles match it exactly
        elif stripped == "$$" or (stripped.startswith("$$") and not stripped.endswith("$$")):
            flush()
            i += 1
            while i < n and "$$" not in lines[i]:
                i += 1
        elif stripped.startswith("$$") and stripped.endswith("$$") and len(stripped) > 3:
            flush()
        elif stripped.startswith("\\begin{"):
            flush()
            env = re.match(r"\\begin\{([^}]+)\}", stripped).group(1)
            while i < n and f"\\end{{{env}}}" not in lines[i]:
                i += 1
        elif re.match(r"^\([^)]*\)=\s*$", stripped) or stripped.startswith("%") or stripped == "+++":
            flush()
        elif stripped.startswith("<!--"):
            flush()
            while i < n and "-->" not in lines[i]:
                i += 1
        elif re.match(r"^\|?\s*:?-{3,}", stripped):
            flush()  # table delimiter row
        elif stripped.startswith("#"):
            flush()
            segs.append(Segment(i, i + 1, "md"))
        else:
            para.append(i)
        i += 1
    flush()
    return segs


# --------------------------------------------------------------------------- reST
_UNDERLINE = re.compile(r"^([=\-~^\"'`#*+])\1{2,}\s*$")


def rst_segments(lines: list[str]) -> list[Segment]:
    """The prose segments of a reST text (a gallery docstring or text block)."""
    segs: list[Segment] = []
    para: list[int] = []
    i = 0
    n = len(lines)

    def flush():
        if para:
            segs.append(Segment(para[0], para[-1] + 1, "rst"))
            para.clear()

    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            flush()
        elif stripped.startswith(".. "):
            flush()
            indent = len(line) - len(line.lstrip())
            i += 1
            while i < n and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                i += 1
            continue
        elif _UNDERLINE.match(line) and (not para or i == 0):
            flush()
        elif i + 1 < n and _UNDERLINE.match(lines[i + 1]) and not para:
            segs.append(Segment(i, i + 1, "rst"))  # a section title (underline fixed later)
        elif stripped.endswith("::") and not stripped.startswith(".."):
            para.append(i)
            flush()
            # the literal block after it
            i += 1
            while i < n and not lines[i].strip():
                i += 1
            indent = len(line) - len(line.lstrip())
            while i < n and (not lines[i].strip() or len(lines[i]) - len(lines[i].lstrip()) > indent):
                i += 1
            continue
        else:
            para.append(i)
        i += 1
    flush()
    return segs


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


# --------------------------------------------------------------------------- files
def _apply(lines: list[str], segs: list[Segment], docname: str, report: Report, path: str,
           line_offset: int = 0) -> list[str]:
    lines = list(lines)
    for seg in segs:
        first = lines[seg.start]
        head = first[:seg.col]
        text = "\n".join([first[seg.col:]] + lines[seg.start + 1:seg.end])

        def where(msg, _line=seg.start):
            report.problems.append(Problem(path, _line + 1 + line_offset, msg))

        try:
            new = format_segment(text, seg.kind, docname, report, where)
        except Unknown as exc:
            report.problems.append(Problem(path, seg.start + 1 + line_offset, str(exc)))
            continue
        if new != text:
            new_lines = new.split("\n")
            new_lines[0] = head + new_lines[0]
            for k, (old_line, new_line) in enumerate(zip(lines[seg.start:seg.end], new_lines)):
                if old_line != new_line:
                    report.problems.append(Problem(path, seg.start + k + 1 + line_offset,
                                                   "typography", old_line.strip(), new_line.strip()))
            lines[seg.start:seg.end] = new_lines
            # a reST title whose underline is now too short
            if seg.kind == "rst" and seg.end < len(lines) and _UNDERLINE.match(lines[seg.end]):
                under = lines[seg.end].rstrip()
                need = _width(lines[seg.start].strip())
                if len(under) < need:
                    lines[seg.end] = under[0] * need
    return lines


def format_myst(source: str, docname: str = "", report: Report | None = None, path: str = "") -> str:
    report = report if report is not None else Report()
    lines = source.split("\n")
    try:
        segs = myst_segments(lines)
    except Unknown as exc:
        report.problems.append(Problem(path, 0, str(exc)))
        return source
    return "\n".join(_apply(lines, segs, docname, report, path))


def format_rst(source: str, report: Report | None = None, path: str = "", line_offset: int = 0) -> str:
    report = report if report is not None else Report()
    lines = source.split("\n")
    return "\n".join(_apply(lines, rst_segments(lines), "", report, path, line_offset))


def format_gallery_script(source: str, report: Report | None = None, path: str = "") -> str:
    """The reST prose of a sphinx-gallery script (its docstring and ``# %%`` text blocks)
    and its ``describe(fig, "…")`` alt texts; nothing else."""
    report = report if report is not None else Report()
    lines = source.split("\n")
    # 1. text blocks: comment lines right after a "# %%" line
    i = 0
    while i < len(lines):
        if re.match(r"^# %%", lines[i]) or re.match(r"^#{20,}\s*$", lines[i]):
            j = i + 1
            while j < len(lines) and lines[j].startswith("#") and not re.match(r"^# %%", lines[j]):
                j += 1
            body = [ln[2:] if ln.startswith("# ") else ln[1:] for ln in lines[i + 1:j]]
            new_body = format_rst("\n".join(body), report, path, line_offset=i + 1).split("\n")
            lines[i + 1:j] = [("# " + b) if b else "#" for b in new_body]
            i = j
        else:
            i += 1
    source = "\n".join(lines)
    # 2. the module docstring, and 3. describe(...) strings: found with tokenize
    toks = list(tokenize.generate_tokens(io.StringIO(source).readline))
    edits = []  # (start, end, new text) in (row, col)
    doc_tok = next((t for t in toks if t.type not in (tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE,
                                                       tokenize.ENCODING)), None)
    if doc_tok is not None and doc_tok.type == tokenize.STRING:
        m = re.match(r'^(?P<prefix>[rRuU]*)(?P<q>"""|\'\'\')(?P<body>.*)(?P=q)$', doc_tok.string, re.DOTALL)
        if m:
            body = format_rst(m.group("body"), report, path, line_offset=doc_tok.start[0] - 1)
            edits.append((doc_tok.start, doc_tok.end, m.group("prefix") + m.group("q") + body + m.group("q")))
    k = 0
    while k < len(toks):
        t = toks[k]
        if t.type == tokenize.NAME and t.string == "describe" and k + 1 < len(toks) and toks[k + 1].string == "(":
            depth = 0
            seen_comma = False
            k += 1
            while k < len(toks):
                s = toks[k]
                if s.string in "([{" and s.type == tokenize.OP:
                    depth += 1
                elif s.string in ")]}" and s.type == tokenize.OP:
                    depth -= 1
                    if depth == 0:
                        break
                elif s.string == "," and depth == 1:
                    seen_comma = True
                elif s.type == tokenize.STRING and seen_comma and depth == 1:
                    new = _format_string_literal(s.string, report, path, s.start[0])
                    if new != s.string:
                        edits.append((s.start, s.end, new))
                k += 1
        k += 1
    if edits:
        lines = source.split("\n")
        for (r0, c0), (r1, c1), new in sorted(edits, reverse=True):
            before = lines[r0 - 1][:c0]
            after = lines[r1 - 1][c1:]
            lines[r0 - 1:r1] = (before + new + after).split("\n")
        source = "\n".join(lines)
    return source


def _format_string_literal(literal: str, report: Report, path: str, line: int) -> str:
    """An alt text in a Python string literal: the spacing rule on its text, f-string
    fields kept as they are (they show numbers)."""
    m = re.match(r'^(?P<prefix>[a-zA-Z]*)(?P<q>"""|\'\'\'|"|\')(?P<body>.*)(?P=q)$', literal, re.DOTALL)
    if not m or "\\" in m.group("body"):
        return literal
    body = m.group("body")
    tokens: list = []
    if "f" in m.group("prefix").lower():
        pos = 0
        for fm in re.finditer(r"\{\{|\}\}|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}", body):
            if fm.start() > pos:
                tokens.append(Text(body[pos:fm.start()]))
            tokens.append(Atom(fm.group(0), *NUMBER) if fm.group(0) not in ("{{", "}}")
                          else Atom(fm.group(0), fm.group(0)[0], fm.group(0)[0]))
            pos = fm.end()
        if pos < len(body):
            tokens.append(Text(body[pos:]))
    else:
        tokens = [Text(body)]
    old = _render(tokens)
    new = _render(_format_tokens(tokens, "md", report))
    if new != old:
        report.problems.append(Problem(path, line, "typography (alt text)", old, new))
    return m.group("prefix") + m.group("q") + new + m.group("q")


def prose_files(root: Path = ROOT) -> list[Path]:
    """Every source of the site's prose: pages, gallery scripts and their headers."""
    docs = root / "docs"
    files = [p for p in sorted(docs.rglob("*.md")) + sorted(docs.rglob("*.rst"))
             if "generated" not in p.relative_to(docs).parts and not p.relative_to(docs).parts[0].startswith("_")]
    files += sorted((root / "gallery").rglob("*.py"))
    files += sorted((root / "gallery").rglob("GALLERY_HEADER.rst"))
    return files


def lint_file(path: Path, quotes: bool = True) -> list[Problem]:
    """Every place where ``path`` breaks the rule (what ``format_file`` would change,
    and what it cannot fix)."""
    report = Report(quotes=quotes)
    format_file(path, report)
    return report.problems


def format_file(path: Path, report: Report | None = None) -> str:
    report = report if report is not None else Report()
    source = path.read_text(encoding="utf-8")
    rel = path.resolve().relative_to(ROOT).as_posix() if path.resolve().is_relative_to(ROOT) else str(path)
    if path.suffix == ".md":
        docname = path.resolve().relative_to(ROOT / "docs").with_suffix("").as_posix() \
            if path.resolve().is_relative_to(ROOT / "docs") else path.stem
        return format_myst(source, docname, report, rel)
    if path.suffix == ".rst":
        return format_rst(source, report, rel)
    if path.suffix == ".py":
        return format_gallery_script(source, report, rel)
    raise ValueError(f"path: expected a .md, .rst or .py file, got {path}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="report only, change nothing")
    parser.add_argument("--no-quotes", action="store_true", help="the spacing rule only")
    parser.add_argument("files", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = args.files or prose_files()
    total = Report()
    changed = 0
    for path in files:
        report = Report(quotes=not args.no_quotes)
        new = format_file(path, report)
        total.spacing += report.spacing
        total.punctuation += report.punctuation
        total.quote_pairs += report.quote_pairs
        total.problems += report.problems
        if new != path.read_text(encoding="utf-8"):
            changed += 1
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for p in total.problems:
        if args.check or p.message != "typography":
            print(p)
    verb = "would change" if args.check else "changed"
    print(f"{verb} {changed} of {len(files)} files: {total.spacing} spaces, "
          f"{total.punctuation} punctuation marks, {total.quote_pairs} quote pairs", file=sys.stderr)
    errors = [p for p in total.problems if p.message not in ("typography", "typography (alt text)")]
    return 1 if errors or (args.check and changed) else 0


if __name__ == "__main__":
    sys.exit(main())
