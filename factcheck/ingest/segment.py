"""Split article text into sentences and paragraphs with exact character offsets.

A sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any closing quotes or brackets)
followed by white space, unless what comes next shows the sentence goes on:

* a lower-case word ("Yahoo! in the accounting department", "slowly... he was"), except in
  casual writing (a lower-case "i" gives it away), where "ago. battery died" is two;
* after an abbreviation: titles and the like never end one ("Gen. Mark Milley", "p. 55");
  "U.S.", "Inc." or an initial end one only before a word that usually opens a sentence
  ("in the U.S. How about you?" but "the U.S. Government"); "etc.", "No." or "Sept." end
  one before any capitalised word but not before a number ("No. 10", "Sept. 30");
* brackets opened inside the sentence ("(and the song!) I think", "[...]"), or a question
  in quotes followed by who asked it ('"Why?" Tom asked.');
* a list enumerator: "1. Water the plant" at a line start, or "1.) first 2.) second"
  (each later item of such a run starts a sentence, as does a bullet •).

A smiley after the full stop stays with its sentence ("my age. :-)").

Decimals never split because no space follows their point. A blank line always ends a
sentence; so does a single line break when the next line starts an FAQ ``Q:``/``A:`` or a
list item, or the line ends in ``:``/``;``, or the text is not hard-wrapped (it has long
lines), or the line is short (a heading) and does not end in a comma; after a full stop it
leaves the decision to the full stop ("Gen.\nMark Milley").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

# Titles and abbreviations that a name, a number or more of the sentence always follows.
NEVER_END = frozenset([
    "mr", "mrs", "ms", "dr", "prof", "gen", "adm", "lt", "col", "capt", "maj", "sgt", "cpl",
    "pvt", "cmdr", "sen", "rep", "gov", "pres", "supt", "insp", "det", "st", "mt", "ft",
    "vs", "v", "e.g", "i.e", "cf", "approx", "est", "dept", "fig", "figs", "vol", "vols",
    "pp", "p", "ed", "eds", "rev", "hon", "fr", "messrs", "sr", "jr", "n°", "nº", "p.s",
    "ca", "c", "incl", "esp", "viz", "para", "paras", "sec", "ch", "supp", "eq", "eqs", "tel",
    "ext",
])
# Abbreviations that end a sentence before a capitalised word, not before a number.
ENDS_BEFORE_CAPITAL = frozenset([
    "etc", "no", "nos", "al", "seq", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri",
    "sat", "sun", "min", "mins", "hr", "hrs", "yr", "yrs", "rd", "ave", "blvd",
])
# Abbreviations usually followed by a name ("U.S. Army", "Apple Inc. Chief Executive",
# "5 p.m. Eastern time"): they end a sentence only before a word that opens one. Dotted
# capitals ("U.K.", "J.R.R.") count as well.
ENDS_BEFORE_OPENER = frozenset([
    "inc", "corp", "co", "ltd", "plc", "llc", "bros", "a.m", "p.m",
])
_PLAIN_STOPS = frozenset([".", '."', ".”", ".'", ".’"])
_ABBREVIATIONS = NEVER_END | ENDS_BEFORE_CAPITAL | ENDS_BEFORE_OPENER
# Words that often open a sentence and are rarely part of a name: after "U.S." or an
# initial they show a new sentence has begun ("you and I. Did you see").
OPENERS = frozenset([
    "a", "an", "the", "this", "that", "these", "those", "there", "here", "it", "its", "he",
    "she", "they", "we", "i", "you", "his", "her", "their", "our", "my", "your", "one", "two",
    "three", "some", "many", "most", "all", "any", "each", "every", "no", "none", "both",
    "few", "several", "such", "other", "others", "another", "what", "when", "where", "why",
    "how", "who", "whom", "whose", "which", "while", "if", "as", "at", "in", "on", "of", "for",
    "from", "by", "with", "without", "within", "after", "before", "during", "since", "until",
    "although", "though", "because", "but", "and", "or", "nor", "so", "yet", "then", "now",
    "still", "also", "however", "meanwhile", "moreover", "furthermore", "nevertheless",
    "instead", "indeed", "thus", "hence", "therefore", "later", "earlier", "today",
    "yesterday", "tomorrow", "last", "next", "first", "finally", "overall", "even", "only",
    "just", "not", "do", "does", "did", "is", "are", "was", "were", "has", "have", "had",
    "could", "would", "should", "must", "might", "shall", "following", "according", "despite",
    "under", "over", "among", "between", "against", "mr", "mrs", "ms", "dr", "officials",
])

# Lower-case words that show a casual writer has started a sentence after "!" or "?".
PRONOUNS = frozenset([
    "i", "it", "we", "you", "he", "she", "they", "this", "that", "there", "my", "your", "our",
    "his", "her",
])

CLOSERS = "\"'”’)]"
BULLETS = "•◦▪‣⁃"
_TERM_RE = re.compile(
    r"(?=[.!?…\n•◦▪‣⁃])"  # a cheap first look, which lets the regex engine skip ahead fast
    r"(?:[.!?…]+(?:[ \t][.…](?=[\s.\"'”’)\]]|$))*[\"'”’)\]]*(?=\s|$)"  # ". . ." is one
    r"|\n[ \t]*\n\s*|\n|[•◦▪‣⁃])")
_WORD_BEFORE_RE = re.compile(r"([A-Za-z][A-Za-z.°º]*)$")
_NEXT_WORD_RE = re.compile(r"\s*[\"'“‘(\[]*(\w[\w'’-]*\.?|\S?)")
_LINE_ITEM_RE = re.compile(
    r"[ \t]*(?:(?:Q|A|Question|Answer)[ \t]*:|[-•◦▪‣⁃*][ \t]|\(?(?:\d{1,3}|[a-zA-Z])[.)][ \t])")
_ENUMERATOR_LINE_RE = re.compile(
    r"[ \t]*(?:[-–—•◦▪‣⁃*][ \t]*)?(?:(?:section|chapter|part|step|article|rule|appendix|"
    r"question|lesson|unit|book|act|scene|day|stage|phase)[ \t]+)?"
    r"(?:\d{1,3}(?:\.\d{1,3})*|[a-zA-Z]|[ivxlcIVXLC]{1,6})", re.I)
_LIST_ITEM_RE = re.compile(r"(?<!\S)([•◦▪‣⁃][ \t]*)?(\d{1,2}|[a-z])(\.\)|[.)])(?=\s)")
# Cheap looks for a list's first item, so that most texts skip the full search.
_FIRST_ITEM_RE = re.compile(r"1(?:\.\)?|\))\s")
# '"Why?" Tom asked.' / '"Why?" I asked her,': who spoke, then nothing more than a comma
_SPEAKER_RE = re.compile(
    r"\s*(I|[A-Z][a-z]+(?: [A-Z][a-z]+)?) (?:said|says|asked|asks|replied|added|cried|"
    r"shouted|whispered|told|wrote|explained|insisted|continued|answered|muttered|called|"
    r"yelled|demanded|wondered|admitted|recalled|laughed)(?: (?:him|her|them|me|us|\w+ly))?"
    r"(?=[.,;:!?])")
_EMOTICON_RE = re.compile(r"[ \t]*[:;=][-o^']?[()\[\]DPp/\\|](?=\s|$)")
_CASUAL_I_RE = re.compile(r"i(?:['’](?:m|ve|d|ll)\b|[ \t]+[a-z])")
_WRAPPED_RE = re.compile(r"[^\n]{40}[a-z,]\n[a-z]")
_LONG_LINE_RE = re.compile(r"[^\n]{121}")
_APOSTROPHE_RE = re.compile(r"['’]")


@dataclass(frozen=True)
class Span:
    """A stretch of the article: ``text[start:end]``."""

    start: int
    end: int
    text: str


class _Style:
    """What the whole text says about how to read its line breaks and full stops.

    Each answer is worked out the first time a rule asks for it: most news texts never
    need them, and ``split_sentences`` runs on every article.
    """

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def casual(self) -> bool:
        """A lower-case "i" as a word: sentences may start in lower case."""
        text = self.text
        return any(m.start() == 0 or text[m.start() - 1] in " \t\n\"“("
                   for m in _CASUAL_I_RE.finditer(text))

    @cached_property
    def unwrapped(self) -> bool:
        """Long lines and no sign of hard wrapping: every line break ends a sentence."""
        return (_LONG_LINE_RE.search(self.text) is not None
                and len(_WRAPPED_RE.findall(self.text)) < 2)

    @cached_property
    def lists(self) -> tuple[frozenset[int], tuple[int, ...]]:
        """The points of "1." / "a." enumerators in numbered runs; where later items start."""
        return _numbered_lists(self.text)

    @cached_property
    def may_hold_list(self) -> bool:
        """Whether a cheap look finds a bullet or a first item "1." / "1)" / "a)"."""
        return _may_hold_list(self.text)

    def in_list(self, dot: int, letter: bool) -> bool:
        """Whether ``dot`` is the point of an enumerator in a numbered run."""
        # a lettered run ("a. The first item b. ...") is looked for when its "a." asks
        return (letter or self.may_hold_list) and dot in self.lists[0]

    def list_starts(self) -> tuple[int, ...]:
        """Where the items of a numbered or bulleted run start, after the first."""
        return self.lists[1] if "lists" in self.__dict__ or self.may_hold_list else ()


def split_sentences(text: str) -> list[Span]:
    """Return the sentences of ``text``, each with exact offsets and no outer white space."""
    style = _Style(text)
    cuts = []
    seg_start = 0
    for m in _TERM_RE.finditer(text):
        start, end = m.span()
        token = m.group()
        first = token[0]
        if token in _PLAIN_STOPS and _plain_word_ends(text, start, end):
            cut = end
        elif first == "\n":
            cut = start if _ends_at_newline(text, m, style) else None
        elif first in BULLETS:  # a bullet starts an item, unless it sits inside a word
            cut = start if start and text[start - 1].isspace() else None
        else:
            cut = _term_cut(text, start, end, seg_start, style)
        if cut is not None:
            cuts.append(cut)
            seg_start = cut
    list_starts = style.list_starts()
    if list_starts:
        cuts = sorted(set(cuts).union(list_starts))
    spans: list[Span] = []
    start = 0
    cuts.append(len(text))
    for cut in cuts:  # _append, written out: this loop runs once per sentence
        stripped = text[start:cut].lstrip()
        if stripped:
            s = cut - len(stripped)
            stripped = stripped.rstrip()
            spans.append(Span(s, s + len(stripped), stripped))
        start = cut
    return spans


def _append(spans: list[Span], text: str, start: int, end: int) -> None:
    stripped = text[start:end].lstrip()
    if not stripped:
        return
    s = end - len(stripped)
    stripped = stripped.rstrip()
    spans.append(Span(s, s + len(stripped), stripped))


def _plain_word_ends(text: str, dot: int, end: int) -> bool:
    # The common case, decided without the full rules: 'word. The', 'word." "The' where
    # "word" is no abbreviation and could be no enumerator (what _term_cut would say).
    if end == len(text):
        return True
    nxt = text[end + 1:end + 2]
    if nxt and nxt in "\"“'‘":
        nxt = text[end + 2:end + 3]
    if text[end] != " " or not nxt.isupper():
        return False
    word = text[text.rfind(" ", max(0, dot - 24), dot) + 1:dot]
    key = word.lower()
    return (len(word) > 1 and word.isalpha() and key not in _ABBREVIATIONS
            and bool(key.strip("ivxlc")))


def _may_hold_list(text: str) -> bool:
    # A bullet, or a first item ("1.", "1)", "a)") after white space: cheap scans. A run
    # of "a.", "b." items is found when its first full stop asks (``_Style.lists``).
    if any(b in text for b in BULLETS) or text.startswith(("1", "a)")):
        return True
    for m in _FIRST_ITEM_RE.finditer(text):
        if m.start() == 0 or text[m.start() - 1] in " \t\n":
            return True
    i = text.find("a)")
    while i > 0:
        if text[i - 1] in " \t\n":
            return True
        i = text.find("a)", i + 2)
    return False


def _numbered_lists(text: str) -> tuple[frozenset[int], tuple[int, ...]]:
    # "1.) The first item 2.) The second item": a run of enumerators counting up from 1 (or
    # a), or bulleted, each within a few lines of the last, is a list, not sentence ends.
    dots: set[int] = set()
    starts: list[int] = []
    run: list[re.Match[str]] = []
    for m in _LIST_ITEM_RE.finditer(text):
        if run and _continues_run(run[-1], m):
            run.append(m)
            continue
        _close_run(text, run, dots, starts)
        run = [m]
    _close_run(text, run, dots, starts)
    return frozenset(dots), tuple(starts)


def _continues_run(prev: re.Match[str], m: re.Match[str]) -> bool:
    a, b = prev.group(2), m.group(2)
    step = (int(b) - int(a) == 1) if a.isdigit() and b.isdigit() else (
        not a.isdigit() and not b.isdigit() and ord(b) - ord(a) == 1)
    return (step and prev.group(3) == m.group(3) and bool(prev.group(1)) == bool(m.group(1))
            and m.start() - prev.end() < 400)


def _close_run(text: str, run: list[re.Match[str]], dots: set[int], starts: list[int]) -> None:
    # a list starts at the start of the text or of a line, after a colon or a sentence, or
    # at a bullet ("He finished 1. Then he came 2." is no list)
    if len(run) < 2 or not (run[0].group(1) or run[0].group(2) in ("1", "a")
                            and _opens_item(text, run[0].start())):
        return
    for m in run:
        if "." in m.group(3):
            dots.add(m.start(3))
    starts.extend(m.start() for m in run[1:])


def _opens_item(text: str, i: int) -> bool:
    before = text[max(0, i - 200):i]
    kept = before.rstrip()
    return not kept or "\n" in before[len(kept):] or kept[-1] in ":.!?"


def _ends_at_newline(text: str, m: re.Match[str], style: _Style) -> bool:
    if "\n" in m.group(0)[1:]:  # a blank line: a paragraph ends
        return True
    if _LINE_ITEM_RE.match(text, m.end()):  # an FAQ line, a bullet or a numbered item
        return True
    line_start = text.rfind("\n", 0, m.start()) + 1
    line = text[line_start:m.start()].rstrip()
    if not line:
        return True
    core = line.rstrip(CLOSERS)
    if core and core[-1] in ".!?…":
        return False  # the full stop before decided already ("Gen.\nMark Milley")
    if line[-1] in ":;" or style.unwrapped:
        return True
    if line[-1] == ",":  # "Cheers,\nPriya": a greeting or sign-off, not a wrapped line
        return len(line.split()) <= 3
    return len(line) < 60  # a heading or a short line of its own


def _term_cut(text: str, start: int, end: int, seg_start: int, style: _Style) -> int | None:
    """Where the sentence ending with ``text[start:end]`` ends, or None if it goes on."""
    punct = text[start:end].rstrip(CLOSERS)
    closers = text[start + len(punct):end]
    nm = _NEXT_WORD_RE.match(text, end)
    word_after = nm.group(1) if nm else ""
    lower = word_after[:1].islower() and not _is_camel(word_after)  # "iPhone" opens one
    if closers and closers[0] in ")]" and _opened_inside(text, seg_start, start, closers[0]):
        return None  # "(and the song!) I think": the brackets belong to the sentence
    if punct == ".":
        ends = _full_stop_ends(text, start, word_after, lower, bool(closers), style)
    elif "?" in punct or "!" in punct:
        goes_on = lower and not (style.casual and _bare(word_after) in PRONOUNS)  # "Yahoo! in"
        quoted = bool(closers) and closers[-1] not in ")]"
        ends = not goes_on and not (quoted and _speaker_follows(text, end))  # '"Why?" I asked'
    else:  # "...", ". . .", "…" and the sloppy ".."
        return _ellipsis_cut(text, start, end, punct, closers, word_after, lower)
    if not ends:
        return None
    if text.startswith((":", ";", "="), end + 1):  # "my age. :-) Noggin": the smiley stays
        em = _EMOTICON_RE.match(text, end)
        return em.end() if em else end
    return end


def _full_stop_ends(text: str, start: int, word_after: str, lower: bool, quoted: bool,
                    style: _Style) -> bool:
    wm = _WORD_BEFORE_RE.search(text, max(0, start - 20), start)
    word = wm.group(1).rstrip(".") if wm else ""
    key = word.lower()
    # "the SEC.", "°C.": capitals, not the abbreviations "Sec." or "c."
    caps = word.isalpha() and word.isupper()
    abbr = "" if caps and (len(word) > 1 or not _starts_word(text, start - 1)) else key
    if abbr in NEVER_END:
        return False
    if _looks_enumerated(text, start, key) and (
            _enumerator_at_line_start(text, start) or style.in_list(start, key.isalpha())):
        return False  # "1. Introduction", "a. The first item", "iv. Results"
    if len(word) == 1 and word.isupper() and _starts_word(text, start - 1):
        # an initial ("John F. Kennedy", "R. A. Lindsay") unless a sentence opens after it
        return _opens_sentence(word_after)
    if abbr in ENDS_BEFORE_OPENER or ("." in word and word.replace(".", "").isupper()):
        return _opens_sentence(word_after)  # "U.S. Government" but "U.S. How about you?"
    if abbr in ENDS_BEFORE_CAPITAL or ("." in word and len(word) <= 6):
        return word_after[:1].isupper() or _is_camel(word_after)
    if lower:
        # casual writing starts sentences in lower case; an abbreviation would be short
        return style.casual and not quoted and len(word) != 1
    return not (word_after[:1].isdigit() and text[start - 1].isdigit())


def _looks_enumerated(text: str, dot: int, key: str) -> bool:
    # a number, or a letter or roman numeral of its own, before the point (a cheap test
    # before the real ones; "Blair's." is no "s.")
    if not key:
        return text[dot - 1:dot].isdigit()
    return (len(key) == 1 or len(key) <= 6 and not key.strip("ivxlc")) and _starts_word(
        text, dot - len(key))


def _speaker_follows(text: str, end: int) -> bool:
    m = _SPEAKER_RE.match(text, end)  # a pronoun ("He said: ...") opens a new sentence
    return m is not None and (m.group(1) == "I" or m.group(1).lower() not in OPENERS)


def _opens_sentence(word: str) -> bool:
    return word[:1].isupper() and _bare(word) in OPENERS and not _is_initial(word)


def _ellipsis_cut(text: str, start: int, end: int, punct: str, closers: str,
                  word_after: str, lower: bool) -> int | None:
    if start and text[start - 1] in "[(" and closers[:1] in (")", "]"):
        return None  # "[...]" marks words left out, inside a sentence
    if lower or not word_after:
        return None  # "slowly... he was not a young man"
    dots = punct.count(".") + 3 * punct.count("…")
    if dots == 3 and _bare(word_after) == "i":
        return None  # "the thing is . . . I didn't mean it": no sign either way; go on
    if " " in punct and dots >= 4 and not closers and not text[start - 1].isspace():
        return start + 1  # "compounds. . . . The practice": a full stop, then an ellipsis
    return end


def _enumerator_at_line_start(text: str, dot: int) -> bool:
    # "1. Introduction", "SECTION 4. DEFINITIONS", "2.1. Sources": a label, not an ending
    line_start = text.rfind("\n", max(0, dot - 40), dot) + 1
    if line_start == 0 and dot > 40:
        return False
    return _ENUMERATOR_LINE_RE.fullmatch(text, line_start, dot) is not None


def _opened_inside(text: str, seg_start: int, pos: int, closer: str) -> bool:
    opener = "(" if closer == ")" else "["
    i = text.rfind(opener, seg_start, pos)
    return i > seg_start and text.find(closer, i, pos) < 0 and bool(text[seg_start:i].strip())


def _starts_word(text: str, i: int) -> bool:
    return i == 0 or text[i - 1] in " \t\n(\"'“‘.-–—"


def _bare(word: str) -> str:
    """``word`` in lower case without its full stop or an ending after an apostrophe."""
    return _APOSTROPHE_RE.split(word.rstrip("."), 1)[0].lower()


def _is_initial(word: str) -> bool:
    return len(word) == 2 and word[0].isupper() and word[1] == "."


def _is_camel(word: str) -> bool:
    return len(word) > 1 and word[0].islower() and any(c.isupper() for c in word[1:3])


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
