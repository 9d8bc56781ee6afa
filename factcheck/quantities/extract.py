"""Find quantities in text: value, range, unit, qualifier, normalized value, exact span.

Pure text processing: no database, no network. The extractor scans for number cores
(digits, fractions, number words), then reads the context on either side: a currency
marker or qualifier on the left, a scale word ("billion"), a unit and a rate ("a share",
"per hour") on the right.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from functools import cache, lru_cache

from factcheck.quantities.units import (
    CASE_SENSITIVE,
    CURRENCIES,
    CURRENCY_PREFIXES,
    CURRENCY_SUBUNIT,
    CURRENCY_WORDS,
    GLUED_UNITS,
    MILLION_CODES,
    UNIT_INFO,
    UNIT_SURFACES,
)


@dataclass
class Quantity:
    """One quantity found in text; ``start``/``end`` index the text it was found in."""

    surface: str
    value: float
    high: float | None
    unit: str | None
    qualifier: str
    normalized_value: float | None
    normalized_unit: str | None
    start: int
    end: int

    def to_dict(self) -> dict:
        """The quantity as a plain dict (the JSON contract's field names)."""
        return asdict(self)


SMALL = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}
SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "lakh": 1e5,
          "crore": 1e7, "bn": 1e9, "mn": 1e6, "mln": 1e6, "k": 1e3, "m": 1e6, "b": 1e9,
          "tn": 1e12}
FRACTION_WORDS = {"half": 0.5, "quarter": 0.25, "quarters": 0.25, "third": 1 / 3,
                  "thirds": 1 / 3}
PLURAL_SCALES = {"hundreds": 1e2, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
UNICODE_FRACTIONS = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3}

_WORD = (r"(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
         r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|"
         r"sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillion|"
         r"dozens?|half|quarters?|thirds?|twice)")
_DIGITS = (r"(?:\d{1,3}(?:,\d{3})+(?![\d,]\d)|\d{1,2}(?:,\d{2})+,\d{3}|\d{1,2}, 000(?!\d)|\d+)"
           r"(?:\.\d+)?(?:\s+\d/\d{1,2}(?!\d)|/\d{1,2}(?![\d/]))?|\.\d+")
NUMBER_RE = re.compile(
    r"(?=[-−.\d½¼¾⅓⅔zotfsenhmbdqaZOTFSENHMBDQA])"
    rf"(?:(?P<digits>(?:(?<=[\s(\[{{<$£€¥₹₿])[-−]|(?<=^)[-−])?(?:{_DIGITS})|[½¼¾⅓⅔])"
    rf"|(?P<words>\b(?:an?\s+)?{_WORD}(?:(?:\s*-\s*|\s+(?:and\s+)?){_WORD})*"
    r"(?:[\s-]+and[\s-]+a[\s-]+half)?\b))",
    re.IGNORECASE,
)

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
DATE_BEFORE_RE = re.compile(rf"\b{_MONTH}\.?\s*$", re.IGNORECASE)
DATE_AFTER_RE = re.compile(rf"(?:\s*(?:-|–|or|and|to)\s*\d{{1,2}})?\s*(?:{_MONTH})\b",
                           re.IGNORECASE)
# "one of", "One can understand": a pronoun
ONE_EXCLUDED_AFTER = re.compile(r"(?:\s+(?:of|another|or|by|and\s+only|can|could|would|should|"
                                r"must|might|may|will|does|did)\b|['’]s\b)", re.I)
LABEL_BEFORE_RE = re.compile(r"\b(?:highway|exit|route|interstate|no\.|number|page|chapter|"
                             r"section|article|room|flight|gate|platform|channel|question|"
                             r"step|item|resolution|paragraph|clause|amendment|episode|"
                             r"season|volume|vol\.|p\.|pp\.|grade|level|phase|stage|tier|"
                             r"version|model|line|bus|row|seat|box|unit|apartment|apt\.|"
                             r"suite|floor|track|lane|ward|district|precinct|top|#)\s*$",
                             re.I)
# "the one", "a Tory one": a pronoun
ONE_EXCLUDED_BEFORE = re.compile(r"\b(?:the|this|that|which|each|every|any|no|some|another)"
                                 r"\s+$|\bno-$|\ban?\s+[a-z]+\s+$", re.I)
OF_SCALE_RE = re.compile(r"\s+(?:of\s+)?(?:an?\s+)?(?P<s>thousand|million|billion)s?\b", re.I)
OF_WORD_RE = re.compile(r"\s+of\b", re.I)
TENS_OF_RE = re.compile(r"\btens\s+of\s+$", re.I)
FRACTION_OF_RE = re.compile(r"\s+of\b", re.I)
ORDINAL_BEFORE_RE = re.compile(r"\b(?:first|second|latter|former|other|top|bottom|back|front)"
                               r"\s+$", re.I)
VAGUE_PLURAL_RE = re.compile(r"\b(?:hundreds|thousands|millions|billions|dozens)\b", re.I)
# "one in five", "1 in 50": a proportion
ONE_IN_RE = re.compile(r"\s+in\s+(?:every\s+)?", re.I)
AGED_BEFORE_RE = re.compile(r"\b(?:aged|age\s+of)\s+$", re.I)
# "Kenteris, 31, and Thanou, 30,": an age after a name, between commas
NAME_COMMA_BEFORE_RE = re.compile(r"\b[A-Z][\w'’.-]*,\s?$")
AGE_AFTER_RE = re.compile(r"\s*(?:[,;)]|\.(?!\d)|$)")
LAST_BEFORE_RE = re.compile(r"\b(?:last|final)\s+$", re.I)
RACE_DISTANCES = frozenset([50, 55, 60, 100, 110, 200, 300, 400, 500, 800, 1000, 1500, 1600,
                            2000, 3000, 5000, 10000])
RACE_BEFORE_RE = re.compile(r"\b(?:the|men's|women's|olympic|indoor|outdoor|world|european|"
                            r"commonwealth|aaa|aaas|british|national|her|his|their)\s+$", re.I)
RACE_AFTER_RE = re.compile(r"\s+(?:hope|titles?|champions?|hurdles|races?|finals?|records?|"
                           r"gold|silver|bronze|relay|heats?|crown|specialists?|runners?|"
                           r"medals?|medallists?|events?|freestyle|backstroke|breaststroke|"
                           r"butterfly|medley|sprint|victory|win|ranking|mark|world|indoor|"
                           r"olympic|qualifying)\b", re.I)
STRONG_AFTER_RE = re.compile(r"-strong\b", re.I)
SEED_RE = re.compile(r"(?<=[A-Za-z] )\(\d{1,2}\)")
ADDRESS_AFTER_RE = re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,2}(?:Street|Road|Avenue|Lane|Square|"
                              r"Place|Drive|Way|Terrace|Close)\b")
# "won in 7:39.89": minutes, seconds and hundredths of a race time
RACE_TIME_RE = re.compile(r"(?P<m>\d{1,2}):(?P<s>[0-5]\d\.\d{1,2})(?![\d:])")
# "36 of his 50 matches", "Three of the five nominees": the noun the number counts
OF_DETERMINER_RE = re.compile(r"\s+of\s+(?:the|his|her|their|its|our|your|these|those|my)\s+"
                              r"(?:\d+\s+|(?:two|three|four|five|six|seven|eight|nine|ten)\s+)?",
                              re.I)

_QUALIFIER_WORDS = {
    "lt": r"up\s+to|under|less\s+than|fewer\s+than|below|at\s+most|no\s+more\s+than|lower"
          r"\s+than|as\s+(?:much|many|little|few)\s+as|not\s+more\s+than|maximum\s+of|max\.?",
    "gt": r"over|more\s+than|at\s+least|above|exceeding|exceeds|exceeded|in\s+excess\s+of|several|"
          r"upwards\s+of|greater\s+than|higher\s+than|no\s+less\s+than|minimum\s+of|well\s+over",
    "approx": r"about|around|nearly|almost|approximately|roughly|some|circa|an\s+estimated|"
              r"estimated\s+at|estimated|close\s+to|approx\.?|an\s+approximate|just\s+under|"
              r"just\s+over|more\s+or\s+less",
    # "raised $300m" is money collected, "raised by 2%" a change
    "up": r"(?:(?:rose|rise|rises|risen|rising|increased|increase|increases|grew|grow|grown|"
          r"climbed|jumped|gained|boosted|soared|surged|surge|surges|leapt|leaped|rallied|"
          r"advanced|added|adding|adds|edged\s+up|up)(?:\s+by)?|raised\s+by)",
    "down": r"(?:fell|fall|falls|fallen|dropped|drop|declined|decline|decreased|decrease|cut|"
            r"cuts|slashed|reduced|sank|slid|tumbled|plunged|lost|shrank|slipped|dipped|eased|"
            r"shed|slumped|plummeted|contracted|axe|axed|axing|scrap|scrapped|scrapping|"
            r"shedding|edged\s+down|down)(?:\s+by)?",
}
# one pass over the words before a number; the first alternative that ends there wins
QUALIFIER_RE = re.compile(
    r"(?:\b(?P<lt>" + _QUALIFIER_WORDS["lt"] + r")|\b(?P<gt>" + _QUALIFIER_WORDS["gt"]
    + r")|(?:\b(?P<approx>" + _QUALIFIER_WORDS["approx"] + r")|(?P<tilde>~))|\b(?P<up>"
    + _QUALIFIER_WORDS["up"] + r")|\b(?P<down>" + _QUALIFIER_WORDS["down"] + r"))\s*$",
    re.IGNORECASE)
CHANGE_BEFORE_ONLY_RE = re.compile(r"\b(?:(?P<up>" + _QUALIFIER_WORDS["up"] + r")|(?P<down>"
                                   + _QUALIFIER_WORDS["down"] + r"))\s*$", re.I)
CHANGE_BEFORE_RE = re.compile(r"\b(?:" + _QUALIFIER_WORDS["up"] + "|" + _QUALIFIER_WORDS["down"]
                              + r")\s*\S{0,4}$", re.I)
QUALIFIER_SYMBOL = {"lt": "<", "gt": ">", "approx": "~", "tilde": "~", "up": "up",
                    "down": "down"}

STOPWORDS = frozenset([
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or",
    "but", "nor", "than", "as", "is", "was", "were", "are", "be", "been", "being", "has", "had",
    "have", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "do",
    "does", "did", "that", "which", "who", "whom", "whose", "this", "these", "those", "it",
    "its", "his", "her", "their", "our", "my", "your", "all", "such", "so", "if", "when",
    "into", "over", "under", "about", "after", "before", "since", "until", "while", "more",
    "most", "less", "least", "per", "each", "every", "other", "another", "some", "any", "no",
    "not", "only", "also", "just", "even", "still", "yet", "very", "too", "then", "there",
    "here", "where", "what", "why", "how", "out", "up", "down", "off", "again", "further",
    "once", "both", "either", "neither", "own", "same", "few", "many", "much", "several",
    "against", "between", "through", "during", "above", "below", "among", "within", "without",
    "toward", "towards", "upon", "onto", "via", "o'clock", "am", "pm", "a.m.", "p.m.",
    "percent", "i", "you", "he", "she", "we", "they", "me", "him", "us", "them", "one", "ones"
])

_MAX_UNIT_WORDS = 4


def _surface_pattern(surfaces: list[str], boundary: bool = True) -> re.Pattern[str]:
    parts = []
    for s in sorted(set(surfaces), key=len, reverse=True):
        esc = re.escape(s).replace(r"\ ", r"\s+").replace(r"\-", r"\s*-\s*")
        if boundary and s[-1].isalnum():
            esc += r"(?![A-Za-z0-9])"
        parts.append(esc)
    return re.compile("|".join(parts), re.IGNORECASE)


class SurfaceTable:
    """A surface pattern split by first character: one long alternation per letter instead
    of all of them at every number (matching a unit was a third of extraction time)."""

    def __init__(self, surfaces: list[str]) -> None:
        # a surface starting with a hyphen ("-year-old") may start with spaces too
        loose = [s for s in surfaces if not s[0].isalnum()]
        firsts = {s[0].lower() for s in surfaces if s[0].isalnum()}
        self.by_first = {c: _surface_pattern([s for s in surfaces if s[0].lower() == c] + loose)
                         for c in firsts}
        self.loose = _surface_pattern(loose) if loose else None

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        """Match a surface at ``pos`` (case-insensitively), like one big alternation."""
        pattern = self.by_first.get(text[pos:pos + 1].lower(), self.loose)
        return pattern.match(text, pos) if pattern else None


UNIT_RE = SurfaceTable(list(UNIT_SURFACES))
CURRENCY_WORD_RE = SurfaceTable(list(CURRENCY_WORDS))
CASE_RE = re.compile("|".join(rf"{re.escape(k)}(?![A-Za-z0-9])" for k in CASE_SENSITIVE))
PREFIX_RE = re.compile(
    r"(?<![A-Za-z0-9.])(?P<p>"
    + "|".join(re.escape(k).replace(r"\ ", r"\s*") for k in sorted(CURRENCY_PREFIXES, key=len,
                                                                   reverse=True))
    + r")\s*$", re.IGNORECASE)
# looked up without spaces: PREFIX_RE lets "nz $" match "NZ$" too
_PREFIXES_LOWER = {re.sub(r"\s+", "", k.lower()): v for k, v in CURRENCY_PREFIXES.items()}
MILLION_CODE_RE = re.compile(r"(?<![A-Za-z])(?P<c>" + "|".join(MILLION_CODES) + r")\s*$",
                             re.IGNORECASE)
MILLION_CODE_AFTER_RE = re.compile(r"\s*(?P<c>" + "|".join(MILLION_CODES) + r")(?![A-Za-z])",
                                   re.IGNORECASE)
SCALE_RE = re.compile(r"(?P<sp>\s*-?\s*)(?P<s>thousand|million|billion|trillion|lakh|crore|bn|"
                      r"mln|mn|tn|k|m|b)(?![A-Za-z0-9])", re.IGNORECASE)
RATE_RE = re.compile(r"\s*(?:-\s*a\s*-\s*|\s+(?:a|an|per|each)\s+|\s*/\s*)(?P<r>share|hour|hr|h|"
                     r"day|week|month|year|annum|dozen|barrel|head|person|capita|second|s|"
                     r"gallon|ton|tonne|kg|pound|ounce|litre|liter|unit)(?![A-Za-z])", re.I)
# "a year ago", "a day earlier": a point in time, not a rate
NOT_A_RATE_AFTER_RE = re.compile(r"\s+(?:earlier|ago|before|later|after|from|back|on|"
                                 r"previously)\b", re.I)
TIME_RATES = frozenset(["hour", "hr", "h", "day", "week", "month", "year", "annum", "second",
                        "s"])
RATE_OF_RE = re.compile(r"\s+of\s+[a-z]+(?:\s+[a-z]+)?\s+(?:a|per)\s+(?P<r>year|day|week|month|"
                        r"hour)(?![A-Za-z])(?!\s+(?:earlier|ago|before|later))", re.I)
PER_NOUN_RE = re.compile(r"\s+per\s+(?P<r>[a-z]{3,})(?![A-Za-z])", re.I)
COUNT_RATE_RE = re.compile(r"\s+(?:a|an|per|each)\s+(?P<r>year|month|week|day|hour)(?![A-Za-z])"
                           r"(?!\s+(?:earlier|ago|before|later|after))", re.I)
RATE_CANON = {"hr": "hour", "h": "hour", "annum": "year", "s": "second", "capita": "person",
              "liter": "litre", "tonne": "metric ton", "kg": "kilogram", "pound": "pound-mass"}
NEXT_WORD_RE = re.compile(r"\s*(?:-\s*)?(?P<w>[a-z][a-z'’]*(?:-[a-z]+)*)", re.I)
CENTS_RE = re.compile(r"\s+(?:and\s+)?(?P<n>\d{1,2}|(?:twenty|thirty|forty|fifty|sixty|seventy|"
                      r"eighty|ninety|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                      r"seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|"
                      r"nine)(?:\s*-?\s*(?:one|two|three|four|five|six|seven|eight|nine))?)"
                      r"(?:\s+(?:cents?|pence))?(?![\w$%,.]\w|[\w$%])", re.I)
GLUED_ALNUM_RE = re.compile(r"[A-Za-z0-9]")
POUNDS_MONEY_CONTEXT = re.compile(r"\b(?:cost|costs|paid|pay|fined|worth|price|sold|bought|"
                                  r"million|billion|thousand|profit|revenue|deal|fee|bid|"
                                  r"salary|loan|debt|tax|budget|fund)\b", re.I)


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


def _tail(text: str) -> str:
    """The last word of ``text`` in lower case (a trailing full stop dropped), or its last
    character when that is no letter: "$", "~", "#". Every pattern anchored at the end of
    the words before a number can match only after one of a few such tails, so a set
    lookup spares the pattern search for most numbers."""
    t = text.rstrip()
    if t.endswith("."):
        t = t[:-1]
    parts = t.rsplit(None, 1)
    token = parts[-1] if parts else ""
    if token.isalpha():
        return token.lower()
    i = len(token)
    while i and token[i - 1].isalpha():
        i -= 1
    return token[i:].lower() or token[-1:]


def _words_of(*sources: str) -> frozenset[str]:
    """Every word a pattern's source names (a superset of the words its matches end with)."""
    return frozenset(w for src in sources for w in re.findall(r"[a-z]+",
                                                              re.sub(r"\\[a-zA-Z]", " ", src)))


QUALIFIER_TAILS = _words_of(*_QUALIFIER_WORDS.values()) | {"~"}
LABEL_TAILS = _words_of(LABEL_BEFORE_RE.pattern) | {"#", "no"}
PREFIX_TAILS = frozenset(_tail(k) for k in CURRENCY_PREFIXES)
MONTH_TAILS = _wordset("jan feb mar apr may jun jul aug sep oct nov dec")


def _may_end_qualifier(text: str) -> bool:
    return _tail(text) in QUALIFIER_TAILS


def parse_word_number(words: str) -> tuple[float, bool] | None:
    """Read a number written in words ("ninety five", "a quarter million").

    Returns ``(value, approximate)``; approximate is true for "dozens".
    """
    tokens = [t for t in re.split(r"[\s-]+", words.lower()) if t and t != "and"]
    extra = 0.0
    if len(tokens) > 2 and tokens[-2:] == ["a", "half"]:  # "three-and-a-half"
        tokens, extra = tokens[:-2], 0.5
    if tokens and tokens[0] in ("a", "an"):
        tokens = tokens[1:]
        if not tokens or tokens[0] in SMALL:
            return None
    total = 0.0
    current = 0.0
    approx = False
    seen = False
    for tok in tokens:
        if tok in SMALL:
            current += SMALL[tok]
            seen = True
        elif tok == "hundred":
            current = (current or 1) * 100
            seen = True
        elif tok in ("thousand", "million", "billion", "trillion"):
            total += (current or 1) * SCALES[tok]
            current = 0.0
            seen = True
        elif tok in ("dozen", "dozens"):
            current = (current or 1) * 12
            approx = approx or tok == "dozens"
            seen = True
        elif tok in PLURAL_SCALES:  # "thousands of": at least a thousand
            current = (current or 1) * PLURAL_SCALES[tok]
            approx = True
            seen = True
        elif tok in ("twice", "thrice"):
            current += 2 if tok == "twice" else 3
            seen = True
        elif tok in FRACTION_WORDS:
            # "three quarters", "one third": a count of parts, not an added part
            if tok in ("quarters", "thirds") and current or current == 1:
                current = current * FRACTION_WORDS[tok]
            else:
                current += FRACTION_WORDS[tok]
            seen = True
        else:
            return None
    if not seen:
        return None
    return total + current + extra, approx


def parse_digits(text: str) -> float | None:
    """Read a number written in digits: "7,600", "12,34,567.89", "10 1/2", "1/4", "½"."""
    text = text.strip().replace("−", "-")  # the typographic minus sign
    if text in UNICODE_FRACTIONS:
        return UNICODE_FRACTIONS[text]
    whole_part, frac = text, 0.0
    m = _FRACTION_RE.match(text) if "/" in text else None
    if m:
        num, den = int(m.group(2)), int(m.group(3))
        if den == 0 or num >= den:
            return None
        frac = num / den
        whole_part = m.group(1).strip() or "0"
        if re.match(r"^-?[\d,.]*\d$", whole_part) is None and whole_part not in ("0", "-"):
            return None
    cleaned = whole_part.replace(",", "").replace(" ", "")
    try:
        base = float(cleaned) if cleaned not in ("", "-") else 0.0
    except ValueError:
        return None
    return base - frac if base < 0 else base + frac


def _match_unit(text: str, pos: int) -> tuple[str, int, str] | None:
    """Match a unit right at ``pos`` (after optional spaces or a hyphen).

    Returns ``(canonical name, end, kind)`` where kind is "currency" or "unit".
    """
    m = _UNIT_LEAD_RE.match(text, pos)
    start = m.end() if m else pos
    bracket = m.group("b") if m else None
    glued = GLUED_UNITS.get(text[pos:pos + 1]) if pos > 0 and text[pos - 1].isdigit() else None
    if glued and not GLUED_ALNUM_RE.match(text, pos + 1):
        return glued, pos + 1, "unit"  # "-5C", "98F"
    found = _match_unit_at(text, start)
    if found is None:
        return None
    name, end, kind = found
    quote = text[start:end] in QUOTE_MARKS
    if quote and not _quote_is_length(text, pos, start):
        return None
    if bracket:
        close = _UNIT_CLOSE_RE.match(text, end)
        if not close or _BRACKETS[bracket] != close.group("c"):
            return None
        end = close.end()
    # "L-202", "$ 37,305.97": a code, or the next quantity's currency sign
    if _NEXT_NUMBER_RE.match(text, end, end + 3) and not (
            text[start:end].strip().isalpha() or quote):  # 5' 10": feet, then inches
        return None
    if _HYPHEN_DIGIT_RE.match(text, end):
        return None
    return name, end, kind


QUOTE_MARKS = frozenset(['"', "'"])
# small patterns of the hot path, compiled once
_NEXT_NUMBER_RE = re.compile(r"-\d|\s*\d")
_HYPHEN_DIGIT_RE = re.compile(r"-\d")
_SPACES_RE = re.compile(r"\s+")
_SPACED_HYPHEN_RE = re.compile(r"\s*-\s*")
_POSSESSIVE_RE = re.compile(r"['’]s?$")
_YEAR_RE = re.compile(r"1[5-9]\d\d|20\d\d")
# "3:30", "2004/05", "3-1" (a score), "22nd", "1990s", "747's", glued digits
_NOT_AN_AMOUNT_AFTER_RE = re.compile(r"[:/]\d|\d|st\b|nd\b|rd\b|th\b|s\b|'s\b")
_CLOSING_BRACKET_RE = re.compile(r"\s*\)")
_CODE_AFTER_RE = re.compile(r"\s+[A-Za-z]+\d")
_FRACTION_RE = re.compile(r"^(-?[\d,.]*)\s*(?:(?<=\s)|(?<=^))?(\d+)/(\d+)$")
LOWER_CASE_ONLY = frozenset(["g"])
_UNIT_LEAD_RE = re.compile(r"\s*(?:-\s*)?(?P<b>[(\[{<])?")
_UNIT_CLOSE_RE = re.compile(r"(?P<c>[)\]}>])")
_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}


def _match_unit_at(text: str, start: int) -> tuple[str, int, str] | None:
    cm = CASE_RE.match(text, start)
    if cm:
        return CASE_SENSITIVE[cm.group(0)], cm.end(), "unit"
    um = UNIT_RE.match(text, start)
    cur = CURRENCY_WORD_RE.match(text, start)
    if cur and (not um or cur.end() >= um.end()):
        key = _SPACES_RE.sub(" ", cur.group(0).lower())
        return CURRENCY_WORDS[key], cur.end(), "currency"
    if um:
        key = _SPACES_RE.sub(" ", um.group(0).lower())
        key = _SPACED_HYPHEN_RE.sub("-", key) if key not in UNIT_SURFACES else key
        name = UNIT_SURFACES.get(key) or UNIT_SURFACES.get(key.replace("-", " - "))
        if name is None or (key in LOWER_CASE_ONLY and um.group(0) != key):
            return None  # "3G phones": G is no gram
        return name, um.end(), "unit"
    return None


def singular(word: str) -> str:
    """A rough English singular ("homes" -> "home", "cities" -> "city")."""
    w = word.lower().replace("’", "'")
    irregular = {"people": "people", "feet": "foot", "men": "man", "women": "woman",
                 "children": "child", "mice": "mouse", "teeth": "tooth", "geese": "goose",
                 "police": "police", "series": "series", "news": "news", "species": "species"}
    if w in irregular:
        return irregular[w]
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if re.search(r"(?:ch|sh|x|ss|zz)es$", w):
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        return w[:-1]
    return w


@cache
def _conversion(pint_unit: str, target: str) -> tuple[float, float] | None:
    """Return (factor, offset) converting ``pint_unit`` to ``target``: from the table
    precomputed with pint, else from pint itself (loaded once, only then)."""
    from factcheck.quantities.factors import FACTORS

    if (pint_unit, target) in FACTORS:
        return FACTORS[(pint_unit, target)]
    registry = _registry()
    try:
        zero = registry.Quantity(0.0, pint_unit).to(target).magnitude
        one = registry.Quantity(1.0, pint_unit).to(target).magnitude
    except Exception:  # noqa: BLE001 - an unknown unit simply has no normalization
        return None
    return one - zero, zero


@lru_cache(maxsize=1)
def _registry():
    import pint  # heavy: imported only when a physical unit needs converting

    return pint.UnitRegistry(cache_folder=None)


def normalize(value: float, unit: str | None) -> tuple[float | None, str | None]:
    """Normalize a value in a canonical unit: miles -> km, mph -> km/h, money -> ISO code."""
    if unit is None:
        return value, None
    base, _, rate = unit.partition(" per ")
    if base in CURRENCIES:
        amount = value / CURRENCY_SUBUNIT.get(base, 1.0)
        code = CURRENCIES[base]
        return _round(amount), f"{code}/{rate}" if rate else code
    info = UNIT_INFO.get(unit)
    if info is None:
        if rate and UNIT_INFO.get(base) and UNIT_INFO[base].target:
            nv, nu = normalize(value, base)
            return nv, f"{nu}/{rate}"
        return _round(value), unit
    if info.pint_unit and info.target:
        conv = _conversion(info.pint_unit, info.target)
        if conv:
            factor, offset = conv
            return _round(value * factor + offset), info.normalized_unit
    return _round(value), info.normalized_unit


def _round(x: float) -> float:
    if x == 0 or not (abs(x) < 1e300):
        return x
    return float(f"{x:.6g}") if abs(x) < 1e6 else round(x, 3)


# --- context rules: what the words around a number say about it -------------------------


ARTICLE_RE = re.compile(r"an?\s+", re.I)
MINUS_BEFORE_RE = re.compile(r"\b(?:minus|negative)\s+$", re.I)
BETWEEN_RE = re.compile(r"\bbetween\s+\S{0,4}$", re.I)  # "between 4", "between £2m"
CONVERSION_GAP_RE = re.compile(r"\s*[(\[;]\s*(?:or\s+)?|\s+or\s+")
FROM_TO_RE = re.compile(r"\s+(?:to|and)\s+", re.I)
FROM_ONLY_BEFORE_RE = re.compile(r"\bfrom\s+\S{0,4}$", re.I)
FROM_BEFORE_RE = re.compile(r"\b(?:from|between)\s+$", re.I)
# "No 10", "No. 1" (capitalised: "no 5 people" is rare, "No 10" a label)
NO_LABEL_RE = re.compile(r"\bNo\.?\s*$")
WORD_SCALE_RE = re.compile(r"\b(?P<s>thousand|million|billion|trillion)$", re.I)

# the connector of a range and an optional repeated currency sign ("£2m and £3m")
RANGE_RE = re.compile(r"(?P<sep>\s*[-–—]\s*|\s*\b(?:to|and)\b\s*)(?P<cur>[$£€¥])?"
                      r"(?=[\d.]|(?<=\s)[a-z])", re.I)
# words after "400m" that make it a race distance, not 400 million of something
METRE_EVENT_WORDS = _wordset(
    "hurdles titles races runners heats finals records medals champions events relays swims "
    "sprints runs splits laps metres meters rounds starts wins victories medallists")
# stop words that may stand between a number and its noun ("three other members")
MODIFIER_STOPWORDS = frozenset(["other", "more", "most", "own"])
PLURAL_WITHOUT_S = frozenset(["people", "men", "women", "children", "staff", "police"])
# words that follow a number but name no counted thing ("3 compared with", "two new")
NOT_COUNTED = _wordset(
    "said says say took came went made told saw got gave fell rose won lost left include "
    "includes because now ahead ago later earlier last next previous new main big small "
    "strong top others left sold bought paid held built kept found seen taken given shown known "
    "grown thought brought spent sent lent behind apart apiece clear short together away aside "
    "alone")
# capitalised words that may stand before a number without making it part of a name
NOT_NAME_WORDS = _wordset(
    "monday tuesday wednesday thursday friday saturday sunday yesterday today tomorrow "
    "tonight overall altogether exactly precisely barely fully roughly total totals "
    "however meanwhile but and only just some another")
NAME_BEFORE_RE = re.compile(r"(?<![\w&.'’-])(?P<w>[A-Za-z][\w&.'’-]*) $")
SENTENCE_OPENERS = frozenset(".!?:;\"“‘'(—–-\n")

# a quote mark after a number is an inch or a foot only where the words say it is a length
LENGTH_AFTER_RE = re.compile(
    r"\s*(?:[a-z]+[- ])?(?:tall|high|long|wide|deep|thick|across|in\s+diameter|screens?|"
    r"displays?|monitors?|tvs?|televisions?|plasmas?|lcds?|widescreens?|wheels?|rims?|"
    r"tyres?|tires?|pipes?|singles?|vinyl|records?|floppy|dis[ck]s?|laptops?|notebooks?|"
    r"tablets?|pizzas?|of\s+(?:rain|rainfall|snow|snowfall))\b", re.I)
INCHES_AFTER_FEET_RE = re.compile(r"\s*\d{1,2}(?:\.\d+)?\s*(?:\"|″|in\b|ins\b|inches\b)")
FEET_BEFORE_RE = re.compile(r"\d\s*(?:'|′|ft|feet|foot)\s*$")
DIMENSION_AFTER_RE = re.compile(r"\s*(?:x|×|by)\s*\d")
DIMENSION_BEFORE_RE = re.compile(r"\d\s*[\"″]?\s*(?:x|×|by)\s*$")
NUMBER_BEFORE_RE = re.compile(r"[\d.,/]*\d$")


def _quote_is_length(text: str, number_end: int, mark_start: int) -> bool:
    """'12" wide', "5' 10\"": true; 'worth seven million" and', '2005" campaign': false."""
    num = NUMBER_BEFORE_RE.search(text, max(0, number_end - 12), number_end)
    if num is None or num.end() != number_end or re.search(r"[,/]", num.group(0)):
        return False
    try:
        if float(num.group(0)) >= 1000:
            return False
    except ValueError:
        return False
    after = text[mark_start + 1:mark_start + 41]
    if LENGTH_AFTER_RE.match(after):
        return True
    if text[mark_start] == "'":
        return INCHES_AFTER_FEET_RE.match(after) is not None
    lead = text[max(0, num.start() - 12):num.start()]
    return bool(FEET_BEFORE_RE.search(lead) or DIMENSION_BEFORE_RE.search(lead)
                or DIMENSION_AFTER_RE.match(after))


def _is_label(before: str) -> bool:
    """'highway 35', 'No 10', 'the number one selling': a name for a thing, not an amount."""
    if _tail(before) not in LABEL_TAILS:
        return False
    return bool(LABEL_BEFORE_RE.search(before) or NO_LABEL_RE.search(before))


def _word_number_in_name(text: str, start: int, end: int) -> bool:
    """'BBC Two's', 'Three Gorges', 'Formula One': a number word that is part of a name.

    A possessive, or a capitalised number word inside a sentence (not at its start).
    """
    if text[end:end + 2] in ("'s", "’s"):
        return True
    if not text[start].isupper():
        return False
    prev = text[max(0, start - 3):start].rstrip()
    return bool(prev) and prev[-1] not in SENTENCE_OPENERS


def _follows_a_name(text: str, start: int, raw: str) -> bool:
    """'iPhone 11', 'Stoxx 50', 'S&P 500', 'Big 12': a plain number right after a
    capitalised word (not a qualifier, weekday or currency code) is part of a name."""
    m = NAME_BEFORE_RE.search(text, max(0, start - 30), start)
    if m is None:
        return False
    word = m.group("w")
    if word.islower() or not raw.isdigit():
        return False
    low = word.lower()
    # a possessive ("Italy's 60 million") or an adverb ("Roughly 40") is no name
    return not (low in STOPWORDS or low in NOT_NAME_WORDS or low.endswith(("'s", "’s", "ly"))
                or QUALIFIER_RE.search(word + " ") or DATE_BEFORE_RE.search(word + " ")
                or PREFIX_RE.search(word + " ") or LABEL_BEFORE_RE.search(word + " "))


def _word_scale(raw: str) -> float:
    """The scale a number in words ends with: 'two million' -> 1e6; 'twelve' -> 1."""
    m = WORD_SCALE_RE.search(raw)
    return SCALES[m.group("s").lower()] if m else 1.0


def _same_currency(left: str, right: str) -> bool:
    """A sign and a word after the number that name one currency ('$5 US dollars')."""
    return (left == right or (left.endswith("dollar") and right.endswith("dollar"))
            or (left == "japanese yen" and right == "chinese yuan")
            or right in CURRENCY_SUBUNIT)


def _is_plural(word: str) -> bool:
    low = _POSSESSIVE_RE.sub("", word.lower())
    return low in PLURAL_WITHOUT_S or (low.endswith("s") and not low.endswith("ss"))


def _letter_scale_is_number(text: str, sm: re.Match[str], left_currency: str | None) -> bool:
    """Whether a glued 'm'/'bn'/'k' is a scale: '£3m', '154m naira', '11m voters', '1m
    barrels' are millions; '400m', '4.88m', 'the 60m hurdles', '2.5m high' are metres."""
    if sm.group("sp"):
        return False
    if left_currency:
        return True
    right = _match_unit(text, sm.end())
    if right is not None:
        info = UNIT_INFO.get(right[0])
        return right[2] == "currency" or info is None or info.kind not in (
            "length", "area", "speed")
    counted = _counted_noun(text, sm.end(), False)
    if counted is None:
        return False
    word = NEXT_WORD_RE.match(text, sm.end()).group("w")
    return _is_plural(word) and word.lower() not in METRE_EVENT_WORDS


def _counted_noun(text: str, pos: int, approx: bool) -> tuple[str, int] | None:
    """The counted thing after a number ('14 people', 'dozens of homes', '120 fighter jets',
    'four US radio stations'): its singular name and where it ends.

    A plural noun may follow up to two modifiers (capitalised ones too); the name keeps the
    last modifier ('radio station'). Otherwise the single word after the number.
    """
    nw = NEXT_WORD_RE.match(text, pos)
    if nw and approx and nw.group("w").lower() == "of":  # "dozens of homes"
        nw = NEXT_WORD_RE.match(text, nw.end())
    if nw is None:
        return None
    if singular(nw.group("w")) == "time":  # "four times", "one-time gains": a repetition
        return "count", nw.end()
    words = [nw]
    while len(words) < 3:
        nxt = NEXT_WORD_RE.match(text, words[-1].end())
        if nxt is None or text[words[-1].end():nxt.start("w")].strip(" -"):
            break
        words.append(nxt)
    for i, w in enumerate(words):
        word = _noun_of(w.group("w"))
        low = word.lower()
        if i and _is_plural(word) and len(word) > 3 and not word[0].isupper() and (
                low not in STOPWORDS and low not in NOT_COUNTED):
            return f"{_noun_of(words[i - 1].group('w')).lower()} {singular(word)}", w.end()
        if (low in STOPWORDS and low not in MODIFIER_STOPWORDS or low.endswith("ly")
                or not i and _is_plural(word)):
            break  # "14 people said": the first word is the noun
    word = _noun_of(nw.group("w"))
    low = word.lower()
    if (low in STOPWORDS or low.endswith("ly") or word[0].isupper() or len(word) <= 2
            or low in NOT_COUNTED or (low.endswith("ed") and low != "hundred")):
        return None  # "3 compared with", "two new" alone: no counted thing
    return singular(word), nw.end()


def _noun_of(word: str) -> str:
    return _POSSESSIVE_RE.sub("", word)  # "champion's time": the noun only


def _range_separator(rm: re.Match[str], before: str) -> str | None:
    """The word joining a range's ends, or None where the two numbers are no range:
    'and' needs 'between'; 'to' after 'from' or a change ('fell 2.86 to 41.32') joins a
    change or an old level to a new one."""
    sep = rm.group("sep").strip().lower()
    between = BETWEEN_RE.search(before) is not None
    if sep == "and" and not between:
        return None
    if sep == "to" and not between and (CHANGE_BEFORE_RE.search(before)
                                        or FROM_ONLY_BEFORE_RE.search(before)):
        return None
    return sep


def _read_unit_range(text: str, cursor: int, value: float, unit: str, before: str
                     ) -> tuple[float, int] | None:
    """'between 1% and 3%', '2% to 3%': a second number with the same unit; its value and
    where its unit ends."""
    rm = RANGE_RE.match(text, cursor)
    if rm is None or rm.group("cur") or _range_separator(rm, before) is None:
        return None
    nm = NUMBER_RE.match(text, rm.end())
    if nm is None or nm.group("words"):
        return None
    second = parse_digits(nm.group(0))
    um = _match_unit(text, nm.end())
    if second is None or second <= value or um is None or um[0] != unit:
        return None
    return second, um[1]


def _read_range(text: str, cursor: int, value: float, scale: float,
                left_currency: str | None, before: str
                ) -> tuple[float, float, int, float] | None:
    """A second number that closes a range: 'eight to 10 feet', '4-5%', '10-15 minutes',
    'between 4,000 and 5,000 people', '33-35 billion euros', 'between £2m and £3m'.

    Returns ``(low, high, end, scale)``; a scale written only after the second number
    applies to both ends ('4-5 million').
    """
    rm = RANGE_RE.match(text, cursor)
    if rm is None:
        return None
    sep = _range_separator(rm, before)
    if sep is None or (rm.group("cur") and left_currency is None):
        return None
    between = sep == "and" or BETWEEN_RE.search(before) is not None
    nm = NUMBER_RE.match(text, rm.end())
    if nm is None:
        return None
    if nm.group("words"):
        parsed = parse_word_number(nm.group(0))
        second = parsed[0] if parsed else None
        second_scale = _word_scale(nm.group(0))
    else:
        second = parse_digits(nm.group(0))
        second_scale = 1.0
    if second is None:
        return None
    after = nm.end()
    sm = SCALE_RE.match(text, after) if not nm.group("words") else None
    if sm and (sm.group("s").lower() not in ("m", "b", "k") or (
            not sm.group("sp") and (left_currency or scale == SCALES[sm.group("s").lower()]
                                    or _letter_scale_is_number(text, sm, left_currency)))):
        second_scale = SCALES[sm.group("s").lower()]
        second *= second_scale
        after = sm.end()
    if scale == 1.0 and second_scale != 1.0:
        value *= second_scale
        scale = second_scale
    elif nm.group(0).endswith(",000") and value < 1000 <= second / value:
        value *= 1000  # "$50-100,000": the thousands belong to both ends
    if second <= value:
        return None
    if _match_unit(text, after) is not None or left_currency is not None or (
            between and sep in ("and", "-", "–", "—")):
        return value, second, after, scale
    counted = _counted_noun(text, after, False)
    if counted and (sep == "to" or _is_plural(NEXT_WORD_RE.match(text, after).group("w"))):
        return value, second, after, scale
    return None



# a change and its direction (news convention: the change wins over a hedge, "surged more
# than 8%" is up; a figure after "to" or "from" is a level)
_CHANGE_UP_NOUNS = r"rises?|increases?|jumps?|hikes?|gains?|growth|surges?|boosts?|climbs?"
_CHANGE_DOWN_NOUNS = (r"falls?|drops?|declines?|cuts?|reductions?|decreases?|slumps?|dips?|"
                      r"slides?")
CHANGE_NOUN_BEFORE_RE = re.compile(
    rf"\b(?:(?P<up>{_CHANGE_UP_NOUNS})|(?P<down>{_CHANGE_DOWN_NOUNS}))\s+of\s+(?:between\s+)?$",
    re.I)
CHANGE_NOUN_AFTER_RE = re.compile(
    rf"\s*(?:-\s*)?(?:(?P<up>{_CHANGE_UP_NOUNS}|higher|up)|(?P<down>{_CHANGE_DOWN_NOUNS}|lower|"
    r"down))\b", re.I)
# "cut production in North America by 3%", "increase the price of its steel by 10%"
CHANGE_BY_RE = re.compile(
    r"\b(?:(?P<up>increas\w*|rais\w*|boost\w*|lift\w*|ris\w*|rose|grow\w*|grew|expand\w*)|"
    r"(?P<down>reduc\w*|cut\w*|lower\w*|decreas\w*|slash\w*|trim\w*|shrink\w*|shrank|drop\w*|"
    r"fall\w*|fell))\b[^.,;:()\d]{0,60}?\bby\s+$", re.I)
PARTICLE_VERB_RE = re.compile(
    r"\b(?:make|makes|made|making|take|takes|took|taken|set|sets|pick|picks|picked|end|ends|"
    r"ended|sum|sums|summed|sign|signs|signed|line|lined|open|opened|give|gives|gave|given|put|"
    r"puts|turn|turns|turned|free|freed|team|teamed|split|snap|snapped|buy|buys|bought|use|"
    r"used|draw|drew|drawn|shore|shored|rack|racks|racked|run|runs|ran|bring|brings|brought|"
    r"break|broke|play|played|clock|clocked|chalk|chalked|step|stepped|back|backed|climb|"
    r"climbed|scale|scaled|tone|toned|wind|wound|water|watered|slow|slowed|note|noted|"
    r"write|wrote|written|mark|marked|round|rounded)\s+$", re.I)
LAST_WORD_RE = re.compile(r"(\w+)\s+$")
OVER_VERB_RE = re.compile(r"\b(?:hand|hands|handed|handing|take|takes|took|taken|taking|sign|"
                          r"signs|signed|turn|turns|turned|pass|passed|passing)\s+$", re.I)
OR_MORE_RE = re.compile(r"\s+(?:or|and)\s+(?:(?P<gt>more|over|above)|(?P<lt>less|fewer|under|"
                        r"below))\b", re.I)


def _is_particle(text: str, pos: int, qm: re.Match[str]) -> bool:
    """'racked up $247m', 'makes up two-thirds', 'handed over $103,500': 'up', 'down' or
    'over' completing a verb, neither a change nor a bound."""
    word = qm.group(0).split()[0].lower()
    if qm.lastgroup in ("up", "down") and word in ("up", "down"):
        return PARTICLE_VERB_RE.search(text, max(0, pos - 20), pos) is not None
    return word == "over" and OVER_VERB_RE.search(text, max(0, pos - 20), pos) is not None


def _change_before(text: str, pos: int) -> str | None:
    """'up' or 'down' when the words just before ``pos`` name a change ('rose', 'cut by',
    'growth of', 'reduced output by')."""
    # each pattern ends at ``pos``; a cheap look at the last word says which can match
    # (searching 80 characters for all three on every quantity doubled extraction time)
    window = text[max(0, pos - 24):pos]
    m = CHANGE_BEFORE_ONLY_RE.search(window) if _may_end_qualifier(window) else None
    if m:
        m = CHANGE_BEFORE_ONLY_RE.search(text, max(0, pos - 24), pos)
    if m and not _is_particle(text, m.start(), m):
        return "up" if m.group("up") else "down"
    last = LAST_WORD_RE.search(text, max(0, pos - 12), pos)
    word = last.group(1).lower() if last else ""
    if word in ("of", "between"):
        m = CHANGE_NOUN_BEFORE_RE.search(text, max(0, pos - 40), pos)
    elif word == "by":
        m = CHANGE_BY_RE.search(text, max(0, pos - 80), pos)
    else:
        return None
    return ("up" if m.group("up") else "down") if m else None


def _read_qualifier(text: str, start: int, end: int, unit_kind: str, default: str
                    ) -> tuple[str, int, int]:
    """The qualifier of the quantity at ``start:end``, where its surface starts and ends.

    A hedge or change just before ('about', 'more than', 'rose'), a change named around it
    ('growth of 5%', 'a 35% hike', 'cut ... by 3%') or after it ('five players or more').
    """
    qualifier, qual_start = default, start
    window = text[max(0, start - 24):start]
    qm = QUALIFIER_RE.search(window) if _may_end_qualifier(window) else None
    if qm and not _is_particle(text, start - (len(window) - qm.start()), qm):
        qualifier = QUALIFIER_SYMBOL[qm.lastgroup or "approx"]
        qual_start = start - (len(window) - qm.start())
    if qualifier not in ("up", "down"):
        change = _change_before(text, qual_start)
        if change is None and unit_kind in ("unit", "currency"):
            after = CHANGE_NOUN_AFTER_RE.match(text, end)
            change = ("up" if after.group("up") else "down") if after else None
        if change:
            return change, qual_start, end
    om = OR_MORE_RE.match(text, end)
    if om and qualifier in ("=", "~"):
        return (">" if om.group("gt") else "<"), qual_start, om.end()
    return qualifier, qual_start, end



def _is_year(raw: str, value: float) -> bool:
    return _YEAR_RE.fullmatch(raw.strip()) is not None


def extract_quantities(text: str, offset: int = 0) -> list[Quantity]:
    """Every quantity in ``text``; spans are shifted by ``offset`` (the text's position)."""
    found: list[Quantity] = []
    scales: list[float] = []
    consumed_until = 0
    for m in NUMBER_RE.finditer(text):
        if m.start() < consumed_until:
            continue
        read = _read_quantity(text, m)
        if read is None:
            continue
        q, scale = read
        if found and _borrows_unit(text, found[-1], q):
            _take_unit(found[-1], q, scale if scales[-1] == 1.0 else 1.0)
        if found and _converts(text, found[-1], q):
            q.qualifier = found[-1].qualifier  # "up to $443m (£230.8m)": both "<"
        found.append(q)
        scales.append(scale)
        consumed_until = q.end
    if offset:
        for q in found:
            q.start += offset
            q.end += offset
    return found


def _borrows_unit(text: str, first: Quantity, second: Quantity) -> bool:
    """A bare number that the next quantity completes: "from 24.2 to 33-35 billion euros",
    "fell 2.86 to 41.32 dollars"."""
    if first.unit is not None or second.unit is None:
        return False
    sep = FROM_TO_RE.fullmatch(text, first.end, second.start)
    return sep is not None and (sep.group(0).strip().lower() == "to" or FROM_BEFORE_RE.search(
        text, max(0, first.start - 16), first.start) is not None)


def _converts(text: str, first: Quantity, second: Quantity) -> bool:
    """A conversion of the previous amount: '$1.9bn (£1bn; 1.5bn euros)'."""
    return (second.qualifier == "=" and first.qualifier != "=" and _is_money(first)
            and _is_money(second) and CONVERSION_GAP_RE.fullmatch(text, first.end, second.start)
            is not None)


def _is_money(q: Quantity) -> bool:
    return q.unit is not None and q.unit.partition(" per ")[0] in CURRENCIES


def _take_unit(first: Quantity, second: Quantity, scale: float) -> None:
    first.value = float(f"{first.value * scale:.12g}")
    first.unit = second.unit
    first.normalized_value, first.normalized_unit = normalize(first.value, first.unit)


def _read_quantity(text: str, m: re.Match[str]) -> tuple[Quantity, float] | None:
    """Read the quantity around one number match; returns it and the scale applied."""
    raw = m.group(0)
    start, end = m.span()
    approx = False
    is_words = m.group("words") is not None
    if is_words:
        parsed = parse_word_number(raw)
        article = ARTICLE_RE.match(raw)
        if parsed is None and article:
            # "a five-year-old", "a two-week trial": the article is not part of the number
            start += article.end()
            raw = raw[article.end():]
            parsed = parse_word_number(raw)
        if parsed is None:
            return None
        before = text[max(0, start - 14):start]
        value, approx = parsed
        low = raw.lower()
        # "half a million", "a quarter of a million", "hundreds of thousands"
        of_scale = OF_SCALE_RE.match(text, end)
        if of_scale and (value < 1 or low in PLURAL_SCALES or low == "dozens"):
            value *= SCALES[of_scale.group("s").lower()]
            end = of_scale.end()
        unit_follows = _match_unit(text, end) is not None
        if low == "one" and not unit_follows and (
                ONE_EXCLUDED_AFTER.match(text, end) or ONE_EXCLUDED_BEFORE.search(before)
                or text[end:end + 1] == "."):
            return None
        # a bare fraction is a share only of something: "half of all phones", "a quarter of
        # adults", "two-thirds of output"; not "the second half", "a third term"
        if 0 < value < 1 and not unit_follows and re.split(r"[\s-]+", low)[0] not in SMALL and not (
                FRACTION_OF_RE.match(text, end) and not ORDINAL_BEFORE_RE.search(before)):
            return None  # ("one-third interest", "three quarters": a numerator, a share)
        if _is_label(before) or _word_number_in_name(text, start, end):
            return None
        tens = TENS_OF_RE.search(before) if low in PLURAL_SCALES else None
        if tens:
            value *= 10
            start -= len(before) - tens.start()
    else:
        before = text[max(0, start - 14):start]
        # a number glued to letters on the left ("Tu-160", "MiG-31", "scp-173") is a name
        if start > 0 and (text[start - 1].isalpha() or text[start - 1] in "_#") and not (
                PREFIX_RE.search(text[max(0, start - 8):start])
                or MILLION_CODE_RE.search(text[max(0, start - 8):start])):
            return None
        if start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
            return None
        if start > 1 and text[start - 1] in ".:/" and text[start - 2].isdigit():
            return None
        race = RACE_TIME_RE.match(text, start)
        if race:
            return _race_time(text, race), 1.0
        # "3-1" (a score), "2004-05", "0800-123" are not amounts; "4-5%" is a range (below)
        if _NOT_AN_AMOUNT_AFTER_RE.match(text, end, end + 3):
            return None
        # glued letters must be a unit or scale ("5km", "1.8M"), not a code ("24703L202")
        if end < len(text) and text[end].isalpha():
            glued = _match_unit(text, end) or SCALE_RE.match(text, end)
            if glued is None:
                return None
        # a label, not an amount: "highway 35", "exit 436", "No. 1", list markers "2 )"
        if _is_label(before) or (_CLOSING_BRACKET_RE.match(text, end, end + 3)
                                 and "(" not in before[-12:]):
            return None
        # a code: "24703 m212"
        if _CODE_AFTER_RE.match(text, end, end + 12):
            return None
        value = parse_digits(raw)
        if value is None:
            return None
    tail = _tail(before)
    if (tail[:3] in MONTH_TAILS and DATE_BEFORE_RE.search(before)) or (
            not is_words and value <= 31 and DATE_AFTER_RE.match(text, end)):
        return None

    cursor = end
    unit: str | None = None
    unit_kind = ""
    high: float | None = None
    scale = 1.0

    # currency written before the number
    prefix_start = start
    pm = PREFIX_RE.search(before) if tail in PREFIX_TAILS else None
    left_currency = None
    if pm:
        key = re.sub(r"\s+", " ", pm.group("p"))
        if key.lower() == "a$" and key != "A$":  # "a $700 million": the article, not A$
            left_currency = "dollar"
            prefix_start = start - (len(before) - pm.start("p")) + 1
        else:
            left_currency = _PREFIXES_LOWER[re.sub(r"\s+", "", key.lower())]
            prefix_start = start - (len(before) - pm.start("p"))
    else:
        mc = MILLION_CODE_RE.search(before) if tail in MILLION_CODES else None
        if mc:
            left_currency = MILLION_CODES[mc.group("c").lower()]
            value *= 1e6
            prefix_start = start - (len(before) - mc.start("c"))

    if value == 1 and left_currency is None:
        share = _one_in(text, end)
        if share:  # "one in five": a proportion, no unit
            value, cursor = share
            return _finish(text, prefix_start, cursor, value, None, None, "",
                           "~" if approx else "="), 1.0

    # scale words after digits: "$24 billion", "1.8M dollars", "75 USD million"
    sm = SCALE_RE.match(text, cursor)
    if sm and not is_words:
        word = sm.group("s").lower()
        if word not in ("m", "b", "k") or _letter_scale_is_number(text, sm, left_currency):
            scale = SCALES[word]
            value *= scale
            cursor = sm.end()
    elif sm is None and is_words:
        scale = _word_scale(raw)

    # a range: "eight to 10 feet", "40 - 50 years old", "4-5%", "between £2m and £3m"
    um = _match_unit(text, cursor)
    if um is None and approx and is_words:
        of = OF_WORD_RE.match(text, cursor)  # "thousands of pounds", "dozens of miles"
        um = _match_unit(text, of.end()) if of else None
    if um is None:
        rng = _read_range(text, cursor, value, scale, left_currency, before)
        if rng:
            value, high, cursor, scale = rng
            um = _match_unit(text, cursor)

    mc_after = MILLION_CODE_AFTER_RE.match(text, cursor)
    if mc_after and left_currency is None:
        unit, unit_kind = MILLION_CODES[mc_after.group("c").lower()], "currency"
        value *= 1e6
        cursor = mc_after.end()
    else:
        if um:
            name, uend, kind = um
            if name == "pound-mass" and (left_currency or scale != 1.0
                                         or VAGUE_PLURAL_RE.search(raw)
                                         or POUNDS_MONEY_CONTEXT.search(
                                             text[max(0, start - 60):uend + 20])):
                name, kind = "pound sterling", "currency"
            if left_currency and (kind != "currency" or re.match(r"\s*\d", text[uend:uend + 3])
                                  or (not pm.group("p")[-1].isalpha()
                                      and not _same_currency(left_currency, name))):
                # "$ 48 \"", "£3.3 trillion mark", "rmb 10 usd 20": the sign names the currency
                # ("dollar 40 rmb": a word before is the previous amount's unit)
                name, kind, uend = left_currency, "currency", cursor
            if kind == "currency" and left_currency and name == "dollar":
                name = left_currency if left_currency.endswith("dollar") else name
            unit, unit_kind, cursor = name, kind, uend
            # "75 USD million"
            sm3 = SCALE_RE.match(text, cursor)
            if kind == "currency" and sm3 and sm3.group("s").lower() in (
                    "thousand", "million", "billion", "trillion", "bn", "mn") and scale == 1.0:
                scale = SCALES[sm3.group("s").lower()]
                value *= scale
                cursor = sm3.end()
        elif left_currency:
            unit, unit_kind = left_currency, "currency"
    if unit == "metre" and _is_race_name(text, start, end, value, before):
        return None  # "the 60m hurdles", "10,000m hope": an event, not a distance
    if unit is not None and high is None and unit_kind in ("unit", "currency"):
        both = _read_unit_range(text, cursor, value, unit, before)
        if both:
            high, cursor = both

    # "3 dollars 50 cents", "15 dollars and 50"
    if unit_kind == "currency" and unit not in ("cent", "penny") and high is None:
        cm = CENTS_RE.match(text, cursor)
        if cm and not re.match(r"\s*(?:[$%€£]|[a-z])", text[cm.end():cm.end() + 2], re.I):
            n = cm.group("n")
            cents = parse_word_number(n) if not n.isdigit() else (float(n), False)
            if cents is not None and 0 < cents[0] < 100:
                value += cents[0] / 100
                cursor = cm.end()

    # rates: "$70 a share", "miles an hour", "barrels a day"
    if unit is not None:
        rm2 = RATE_RE.match(text, cursor)
        if rm2 and rm2.group("r").lower() in TIME_RATES and NOT_A_RATE_AFTER_RE.match(
                text, rm2.end()):
            rm2 = None
        if rm2:
            rate = rm2.group("r").lower()
            rate = RATE_CANON.get(rate, rate)
            if unit == "percentage" and rate == "year":
                unit = "percentage per year"
            elif unit == "mile" and rate == "hour":
                unit = "mile per hour"
            elif unit == "kilometre" and rate == "hour":
                unit = "kilometre per hour"
            else:
                unit = f"{unit} per {rate}"
            cursor = rm2.end()
        else:
            rm3 = RATE_OF_RE.match(text, cursor)
            pn = PER_NOUN_RE.match(text, cursor)
            if rm3 and unit_kind == "unit":
                unit = f"{unit} per {rm3.group('r').lower()}"
            elif pn and pn.group("r").lower() not in STOPWORDS:
                unit = f"{unit} per {singular(pn.group('r'))}"  # "£140 per household"
                cursor = pn.end()

    if unit is None:
        if not is_words and _is_year(raw, value) and scale == 1.0:
            return None
        counted = _counted_noun(text, cursor, approx)
        if counted and is_words and value == 1 and text[end:end + 1] == "-":
            return None  # "one-click shopping", "one-man show": a compound, not a count
        if counted:
            unit, cursor = counted
            unit_kind = "count"
            rc = COUNT_RATE_RE.match(text, cursor)
            if rc:  # "1.7 trillion cigarettes a year"
                unit = f"{unit} per {rc.group('r').lower()}"
                cursor = rc.end()
        elif raw.lower() in ("twice", "thrice"):
            unit, unit_kind = "count", "count"
        elif _is_age(text, start, cursor, raw, before):
            unit, unit_kind = "year of age", "unit"
        elif STRONG_AFTER_RE.match(text, cursor):
            unit, unit_kind = "person", "count"  # "a 32-strong squad"
            cursor = STRONG_AFTER_RE.match(text, cursor).end()
        elif (LAST_BEFORE_RE.search(before) or ADDRESS_AFTER_RE.match(text, cursor)
              or (is_words and re.match(r"-[A-Za-z]", text[cursor:cursor + 2]))
              or SEED_RE.match(text, start - 1)):
            return None  # "the last eight", "10 Downing Street", "a one-off", "Argentina (4)"
        elif value >= 2 and float(value).is_integer():
            unit = _elided_noun(text, cursor)  # "won 36 of his 50 matches"
    # "iPhone 11", "Stoxx 50 index", "Big 12": a number after a capitalised word names a thing
    if not is_words and unit_kind not in ("unit", "currency") and _follows_a_name(text, start, raw):
        return None
    if high is None and _HYPHEN_DIGIT_RE.match(text, end):
        return None

    sign_start = prefix_start
    minus = MINUS_BEFORE_RE.search(text, max(0, prefix_start - 8), prefix_start)
    if minus and not left_currency:
        # "minus 12 degrees"; a range keeps its ends ordered ("minus 5 to 10" stays as read)
        value = -value
        sign_start = minus.start()
    default = ">" if VAGUE_PLURAL_RE.search(raw) else ("~" if approx else "=")
    return _finish(text, sign_start, cursor, value, high, unit, unit_kind, default), scale


def _finish(text: str, start: int, end: int, value: float, high: float | None,
            unit: str | None, unit_kind: str, default: str) -> Quantity:
    """The quantity at ``start:end`` (from its sign or currency on): its qualifier, exact
    surface and normalized value."""
    qualifier, qual_start, end = _read_qualifier(text, start, end, unit_kind, default)
    surface = text[qual_start:end].strip()
    surface_start = qual_start + len(text[qual_start:end]) - len(text[qual_start:end].lstrip())
    value = float(f"{value:.12g}")
    nv, nu = normalize(value, unit)
    if high is not None:
        high = float(f"{high:.12g}")
    return Quantity(surface=surface, value=value, high=high, unit=unit, qualifier=qualifier,
                    normalized_value=nv, normalized_unit=nu, start=surface_start,
                    end=surface_start + len(surface))


def _race_time(text: str, m: re.Match[str]) -> Quantity:
    seconds = int(m.group("m")) * 60 + float(m.group("s"))
    return _finish(text, m.start(), m.end(), seconds, None, "second", "unit", "=")


def _one_in(text: str, end: int) -> tuple[float, int] | None:
    """'one in five', '1 in 50', 'one in every four': the share and where it ends."""
    m = ONE_IN_RE.match(text, end)
    nm = NUMBER_RE.match(text, m.end()) if m else None
    if nm is None:
        return None
    parsed = parse_word_number(nm.group(0)) if nm.group("words") else (
        parse_digits(nm.group(0)), False)
    if not parsed or not parsed[0] or parsed[0] <= 1:
        return None
    return 1 / parsed[0], nm.end()


def _is_race_name(text: str, start: int, end: int, value: float, before: str) -> bool:
    """'the 60m', 'Olympic 100m champion', '10,000m hope': an athletics event's name."""
    if text[end:end + 1] != "m" or value not in RACE_DISTANCES or QUALIFIER_RE.search(before):
        return False
    return bool(RACE_BEFORE_RE.search(before) or RACE_AFTER_RE.match(text, end + 1))


def _is_age(text: str, start: int, end: int, raw: str, before: str) -> bool:
    """'aged 91', 'Kenteris, 31, and Thanou, 30,': a person's age."""
    if not re.fullmatch(r"\d{1,3}", raw) or int(raw) > 120:
        return False
    return bool(AGED_BEFORE_RE.search(before) or (
        NAME_COMMA_BEFORE_RE.search(before) and AGE_AFTER_RE.match(text, end)))


def _elided_noun(text: str, end: int) -> str | None:
    """The counted noun a bare number refers to: '36 of his 50 matches' counts matches."""
    m = OF_DETERMINER_RE.match(text, end)
    if m is None:
        return None
    counted = _counted_noun(text, m.end(), False)
    word = NEXT_WORD_RE.match(text, m.end())
    return counted[0] if counted and word and _is_plural(word.group("w")) else None
