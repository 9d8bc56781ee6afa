"""Article metadata: front matter, the leading ``date YYYY-MM-DD`` marker, titles, hashes,
and headlines glued to the body.

The body that is returned is exactly the text that claim offsets will index; metadata
markers are taken off the front of the file, never out of the middle. A glued headline is
never cut off: ``split_headline`` only says where it ends.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import cache
from pathlib import Path

from factcheck.ingest.claimant import DEMONYMS, ORG_NOUNS, PERSON_NOUNS, ROLE_NOUNS, ROLE_WORDS
from factcheck.ingest.wordre import alternation

FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)",
                             re.S)
DATE_MARKER_RE = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+", re.I)
KNOWN_KEYS = {"title", "url", "outlet", "author", "date", "published", "source", "section"}



def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


# A headline never ends on one of these words ("... for", "... the"); seldom on these
# ("... drags on", "... blocked outside").
_HEADLINE_NEVER_ENDS = _wordset("""
a an the of to for with from by at and or but nor its his her their our my your this that
these those is are was were be been has have had as than into onto per via between against
says say said not no will would can could may might must should shall do does did very
more most less least
""")
_HEADLINE_SELDOM_ENDS = _wordset("""
on in up out off down over under back away after before outside inside above below near
behind beyond without within through across around about toward towards amid like
""")
# Capitalised words that open a body sentence but seldom sit inside a sentence-case headline.
_OPENERS = _wordset("""
The A An This These Those It Its He She They We I There Here In On At For As After Before
Despite But And One Two Three Four Five Six Seven Eight Nine Ten Some Most Many More Several
Shares Former Plans New When While Although Though If Since Until During Over Under With
Without By From Not All Both Each Every Such What Why How Who Where Meanwhile However
""")
_COMPOUND_RE = re.compile(r"[A-Z][a-z]+-[a-z][\w-]*")
_HEADLINE_WORDS = 16      # a headline is read within the first words of the text
_HEADLINE_CHARS = 90


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Take ``key: value`` front matter (between ``---`` lines) off the start of ``text``."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return text, {}
    meta: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in KNOWN_KEYS:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return text[m.end():], meta


def split_date_marker(text: str) -> tuple[str, str | None]:
    """Take a leading ``date YYYY-MM-DD`` marker (glued to the first line) off ``text``."""
    m = DATE_MARKER_RE.match(text)
    if not m:
        return text, None
    return text[m.end():], m.group("date")


def parse_date(value: str | None) -> dt.date | None:
    """Read an ISO date (or the date part of an ISO timestamp); ``None`` when absent."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        from factcheck.errors import InputError
        raise InputError(f"date '{value}' is not YYYY-MM-DD; write it as e.g. 2023-11-12")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        from factcheck.errors import InputError
        raise InputError(f"date '{value}' does not exist; check the day and month") from None


def title_from(source: str, body: str, meta: dict[str, str]) -> str:
    """A title: front matter, else the file name ("kim-russia-arsenal-2023-11-12" ->
    "Kim russia arsenal"), else the start of the first sentence."""
    if meta.get("title"):
        return meta["title"]
    if source and not source.startswith("<") and ":" not in Path(source).name:
        stem = re.sub(r"[-_ ]?\d{4}-\d{2}-\d{2}$", "", Path(source).stem)
        words = re.sub(r"[-_]+", " ", stem).strip()
        if words:
            return words[0].upper() + words[1:]
    first = body.strip().split("\n", 1)[0]
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"


def split_headline(text: str) -> int:
    """Where a headline glued to the body of a corpus row ends ("Sella wants Michalak recall
    Former France centre Philippe Sella believes ..." -> 27); 0 when there is none.

    Corpus rows often hold "headline body" with no line break between them. The headline is
    a short run of words without final punctuation; the body opens with a capitalised word.
    Each place where a capitalised word follows is scored: a word that opens sentences
    ("The", "Former", or any word the article also writes in lower case), the headline's own
    words coming back ("Navratilova ... Martina Navratilova"), a headline that ends in a
    lower-case word or a closing quotation mark, a body that opens with a role ("Wales coach
    Mike Ruddock") count for it; splitting a name or a role from its name counts against.
    A question or exclamation mark ends a headline outright; a full stop first means the
    text opens with an ordinary sentence (no headline)."""
    lead = len(text) - len(text.lstrip())
    line_end = text.find("\n", lead)
    line = text[:line_end if line_end >= 0 else len(text)]
    words = [(m.start(), m.end(), m.group(0))
             for m, _ in zip(re.finditer(r"\S+", line), range(_HEADLINE_WORDS), strict=False)]
    scorer = _HeadlineBreaks(text, words)
    best, best_score = 0, 0.0
    for k in range(1, len(words)):
        prev = words[k - 1][2]
        if words[k - 1][1] - lead > _HEADLINE_CHARS:
            break
        if prev[-1] in "?!" or prev[-2:] in ("?'", '?"', "!'", '!"'):
            return words[k - 1][1]
        if prev[-1] == "." and not re.fullmatch(r"(?:[A-Z]\.)+|Mr\.|Mrs\.|Dr\.|St\.", prev):
            break
        score = scorer.score(k)
        if score is not None and score > best_score:
            best, best_score = words[k - 1][1], score
    return best


@cache
def _role_res() -> tuple[frozenset[str], re.Pattern[str], re.Pattern[str], frozenset[str]]:
    # a role or a description written before a name: "coach", "Software giant Microsoft"
    single = ROLE_WORDS | PERSON_NOUNS | ORG_NOUNS
    roles = f"(?:{ROLE_NOUNS}|{alternation(sorted(PERSON_NOUNS | ORG_NOUNS))})"
    return (single,
            re.compile(rf"\S+\s+(?:[a-z-]+\s+)?{roles}\s+[A-Z]"),
            re.compile(rf"\S+\s+\S+\s+{roles}\s"), DEMONYMS)


class _HeadlineBreaks:
    """Scores the places where the headline of ``text`` could end (see ``split_headline``);
    what it counts in the text is counted once."""

    def __init__(self, text: str, words: list[tuple[int, int, str]]) -> None:
        self.text = text
        self.words = words
        self.roles, self.role_next_re, self.role_follows_re, self.demonyms = _role_res()
        self._lower: set[str] | None = None
        self._counts: dict[str, int] = {}

    def _in_lower_case(self, word: str) -> bool:
        # the article also writes this word in lower case
        if "-" in word:
            return bool(re.search(rf"(?<![\w-]){re.escape(word)}\b", self.text))
        if self._lower is None:
            self._lower = set(re.findall(r"(?<![\w-])[a-z]\w*", self.text))
        return word in self._lower

    def _count(self, words: str) -> int:
        # how often the text holds these words (a plain substring count is close enough)
        if words not in self._counts:
            self._counts[words] = self.text.count(words)
        return self._counts[words]

    def score(self, k: int) -> float | None:
        """How likely the headline ends before word ``k`` (None: it cannot)."""
        text, words, roles = self.text, self.words, self.roles
        word, prev = words[k][2], words[k - 1][2]
        bare = word.lstrip("'\"‘“")
        if not bare[:1].isupper() or prev[-1] in ",;:-–(" or \
                prev.lower() in _HEADLINE_NEVER_ENDS:
            return None
        score = -1.5 if prev.lower() in _HEADLINE_SELDOM_ENDS else 0.0
        headline = {_stem(w) for _, _, w in words[:k]}
        stem = _stem(word)
        nxt = words[k + 1][2] if k + 1 < len(words) else ""
        # an opener, a compound adjective ("Newly-crowned"), a word the article also
        # writes in lower case ("Controversial", "Plans") unless a capitalised word follows
        # ("World Cup": a name), or a role before a name ("Actor Stephen Fry")
        compound = bool(_COMPOUND_RE.fullmatch(stem))
        common = stem in _OPENERS or compound or (
            not nxt[:1].isupper() and self._in_lower_case(stem.lower())) or (
            nxt[:1].isupper() and stem.lower() in roles)
        prev_bare = prev.strip("'\"‘’“”")
        prev_capital = prev_bare[:1].isupper() and prev[-1] not in "'\"’”" and \
            sum(c.isupper() for c in prev_bare) < 2     # "MPs", "GB": acronyms end headlines
        score += 0.5 if 4 <= k <= 8 else -0.5 if k <= 2 else 0.0 if k <= 10 else -1.5
        if word[0] in "\"“":
            score += 2      # a quotation opens the body
        if common:
            # after a capitalised word only a true opener is sure ("Battlefront The");
            # another common word may still be part of a name ("Sumitomo Mitsui Financial")
            score += 3 if stem in _OPENERS or not prev_capital else 1.5
        # the name that opens the body: "Paula Radcliffe", "South Korea's Hyundai"
        possessive = k + 1 < len(words) and words[k + 1][2].endswith(("'s", "’s"))
        run = [_stem(w) for _, _, w in words[k:k + (3 if possessive else 2)]]
        run = run[:next((i for i, w in enumerate(run) if not w[:1].isupper()), len(run))]
        # "Wales coach Mike Ruddock", "Newcastle's teenage centre Mathew Tait"
        after = text[words[k][0]:words[k][0] + 80]
        role_next = bool(self.role_next_re.match(after))
        role_follows = role_next or bool(self.role_follows_re.match(after))
        if stem in headline:
            score += 1 if prev_capital else 2     # the headline's words come back
            if stem == _stem(words[0][2]) and not prev_capital:
                score += 1.5                      # its subject first of all
        elif role_follows or stem.lower() in roles:
            pass
        elif len(run) > 1 and run[-1] in headline:
            score += 2                            # "Radcliffe ... Paula Radcliffe"
        elif any(w in headline for w in run[1:]):
            score += 1
        if not prev_capital:
            score += 1      # headlines end on a lower-case word, a number, a quotation mark
        elif not common:
            score -= 1      # between two capitalised words: likely inside a name
        if prev_capital and self._count(f"{prev_bare} {stem}") > 1:
            score -= 3      # a name the article writes again ("Mittal Steel", "Roxy Music")
        # a capitalised word inside a sentence-case headline is a name, and names come
        # back; one that the article never writes again more likely opened the body
        for i in range(1, k - 1):
            w = _stem(words[i][2])
            if w[:1].isupper() and w not in self.demonyms and words[i + 1][2][:1].islower() \
                    and sum(c.isupper() for c in w) < 2 and \
                    self._count(w) < 2:
                score -= 1.5
        if prev.lower() in roles:
            score -= 2      # "captain | Gareth Thomas": a role stays with its name
        if role_next:
            score += 2
        return score


def _stem(word: str) -> str:
    word = word.strip("'\"‘’“”,.:;")
    return word.removesuffix("'s").removesuffix("’s")


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the stored article text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
