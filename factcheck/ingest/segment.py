"""Split article text into sentences and paragraphs with exact character offsets.

A sentence ends at ``.``, ``!`` or ``?`` (plus any closing quotes or brackets) followed by
white space, unless the word before the full stop is an abbreviation ("Gen.", "Adm.",
"U.S. general") or the next word starts in lower case; decimals never split because no
space follows their point. Blank lines always end a sentence; a single line break ends one
when the line is complete (ends in punctuation) or the next line starts an FAQ ``Q:``/``A:``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Titles and abbreviations after which a full stop never ends a sentence.
NEVER_END = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "lt", "col", "capt", "maj", "sgt", "cpl",
    "pvt", "cmdr", "sen", "rep", "gov", "pres", "supt", "insp", "det", "st", "mt", "ft", "no",
    "nos", "vs", "v", "e.g", "i.e", "cf", "approx", "est", "dept", "fig", "figs", "vol", "vols",
    "pp", "p", "ed", "eds", "rev", "hon", "fr", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "messrs", "sr", "jr"
])
# Abbreviations that end a sentence only when a capitalised word follows ("in the U.S. The").
MAYBE_END = frozenset([
    "u.s", "u.k", "u.n", "e.u", "inc", "corp", "co", "ltd", "plc", "llc", "bros", "etc", "a.m",
    "p.m"
])

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)|\n[ \t]*\n\s*|\n")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_NEXT_WORD_RE = re.compile(r"\s*[\"'“‘(\[]*(\S)")
_FAQ_LINE_RE = re.compile(r"\s*(?:Q|A|Question|Answer)\s*:", re.I)


@dataclass(frozen=True)
class Span:
    """A stretch of the article: ``text[start:end]``."""

    start: int
    end: int
    text: str


def split_sentences(text: str) -> list[Span]:
    """Return the sentences of ``text``, each with exact offsets and no outer white space."""
    spans: list[Span] = []
    seg_start = 0
    for m in _BOUNDARY_RE.finditer(text):
        token = m.group(0)
        if token[0] == "\n":
            if not _ends_at_newline(text, m):
                continue
            cut = m.start()
        else:
            if not _ends_sentence(text, m.start(), m.end()):
                continue
            cut = m.end()
        _append(spans, text, seg_start, cut)
        seg_start = cut
    _append(spans, text, seg_start, len(text))
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    s = start + lead
    spans.append(Span(s, s + len(stripped), stripped))


def _ends_at_newline(text: str, m: re.Match[str]) -> bool:
    if "\n" in m.group(0)[1:]:  # a blank line: a paragraph ends
        return True
    before = text[max(0, m.start() - 3):m.start()].rstrip()
    if not before:
        return True
    if before[-1] in ".!?:;\"”’)]…":
        return True
    # a heading or a short line of its own; a following FAQ line always starts anew
    line_start = text.rfind("\n", 0, m.start()) + 1
    line = text[line_start:m.start()]
    return bool(_FAQ_LINE_RE.match(text, m.end())) or (
        len(line) < 60 and not line.rstrip().endswith(","))


def _ends_sentence(text: str, dot_start: int, dot_end: int) -> bool:
    punct = text[dot_start:dot_end]
    nm = _NEXT_WORD_RE.match(text, dot_end)
    nxt = nm.group(1) if nm else ""
    if nxt.islower() and punct[-1] in "\"'”’)]":
        return False  # '"Really?" she asked.'
    if "." not in punct or punct.strip(".\"'”’)]") != "" or punct.startswith("..."):
        return True  # "!", "?", an ellipsis: always a boundary when space follows
    wm = _WORD_BEFORE_RE.search(text, max(0, dot_start - 20), dot_start)
    word = wm.group(1).lower().rstrip(".") if wm else ""
    if word in NEVER_END:
        return False
    if len(word) == 1 and word.isalpha() and text[dot_start - 1].isupper():
        return False  # an initial: "John F. Kennedy"
    if word in MAYBE_END or ("." in word and len(word) <= 6):
        return nxt.isupper() and not _continues_name(text, dot_end)
    return not (nxt.islower() or nxt.isdigit() and text[dot_start - 1].isdigit())


def _continues_name(text: str, pos: int) -> bool:
    # "U.S. Army", "U.S. Navy": a capitalised word after U.S. that belongs to it
    m = re.match(r"\s*(Army|Navy|Air Force|Marines?|Congress|Senate|House|Treasury|"
                 r"Department|Embassy|Open|Supreme Court|Constitution|President|Secretary|"
                 r"Ambassador|officials?|dollars?)\b", text[pos:pos + 20])
    return m is not None


def split_paragraphs(text: str) -> list[Span]:
    """Return the paragraphs (blocks separated by blank lines) with exact offsets."""
    spans: list[Span] = []
    start = 0
    for m in re.finditer(r"\n[ \t]*\n\s*", text):
        _append(spans, text, start, m.start())
        start = m.end()
    _append(spans, text, start, len(text))
    return spans


def paragraph_around(text: str, start: int, end: int) -> Span:
    """The paragraph that contains ``text[start:end]`` (the whole text if none)."""
    for p in split_paragraphs(text):
        if p.start <= start and end <= p.end:
            return p
    return Span(0, len(text), text)
