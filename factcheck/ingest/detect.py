"""Check-worthiness, claim kind and claimant for sentences (a transparent heuristic).

``score_sentence`` adds up named features (quantities, attribution, named entities,
factual verbs) and subtracts hedges and opinion; every weight is in ``WEIGHTS`` so a
fact-checker can read why a sentence scored as it did. Questions and headings score 0.
Who makes each claim is read by ``factcheck.ingest.claimant``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.core.scoring import HEURISTIC_THRESHOLD, blend
from factcheck.core.scoring import claim_threshold as core_claim_threshold
from factcheck.ingest.claimant import (
    OUTLET,
    REPORTING_VERBS,
    attribute_sentences,
    build_person_index,
    find_claimant,
)
from factcheck.ingest.wordre import alternation, split_words
from factcheck.quantities import Quantity, extract_quantities

__all__ = ["DEFAULT_THRESHOLD", "WEIGHTS", "SentenceAnalysis", "analyze_sentences",
           "blend", "build_person_index", "claim_quantities", "claim_threshold",
           "classify_kind", "find_claimant", "score_sentence", "score_sentences"]

WEIGHTS = {
    "base": 0.20,
    "measured_quantity": 0.45,   # a number with a unit or currency: the most checkable
    "count": 0.20,               # a bare number or counted thing
    "attribution": 0.15,         # someone said it
    "named_entity": 0.04,        # each capitalised name, up to three
    "factual_verb": 0.10,
    "superlative": 0.08,
    "hedge": -0.08,              # each hedge or opinion word, up to three
    "prediction": -0.05,
    "faq_answer": -0.30,         # FAQ answers restate the article
    "short": -0.25,
    "long": -0.05,
}
DEFAULT_THRESHOLD = HEURISTIC_THRESHOLD


def claim_threshold(model=None) -> float:
    """The score from which a sentence becomes a claim with ``model`` (or the heuristic
    alone)."""
    return core_claim_threshold(model.threshold if model is not None else None)




def _trie(alternatives: str) -> str:
    return alternation(split_words(alternatives))


# Word lists of the features (regex alternations); matched on lower-cased text, one pass
FACTUAL_VERBS = (r"confirmed|unveiled|upgraded|deployed|signed|killed|voted|approved|announced|"
                 r"rose|fell|increased|decreased|spent|paid|won|lost|cost|launched|tested|"
                 r"fired|built|sold|bought|accompanied|showcased|inspected|visited|met|"
                 r"reached|carried|passed|rejected|banned|recorded|measured|grew|doubled|"
                 r"tripled|halved")
SUPERLATIVES = (r"first|largest|biggest|highest|lowest|most|least|record|only|fastest|"
                r"longest|smallest|worst|best|never|always|every")
HEDGES = (r"may|might|could|perhaps|possibly|likely|potential|potentially|uncertain|feared|"
          r"fears|concerns?|seems?|appears?|believe|think|feel|hope|should|formidable|"
          r"impressive|significant|critical|considerable|rising|tensions?|amidst|sparked|"
          r"complexities")
PREDICTIONS = (r"will|is\s+expected\s+to|are\s+expected\s+to|is\s+set\s+to|going\s+to|"
               r"plans?\s+to|upcoming|forecast|would\s+likely")
# All the lists are folded into one trie (``wordre``) and a word's feature is looked up
# after the match: one scan that tries each position once, not once per list. A word in
# two lists counts for the first ("announced" is attribution, not a factual verb).
_FEATURE_LISTS = {"attribution": REPORTING_VERBS + r"|according\s+to",
                  "factual_verb": FACTUAL_VERBS, "superlative": SUPERLATIVES,
                  "hedge": HEDGES, "prediction": PREDICTIONS}
_FEATURE_OF = {word: name for name, words in reversed(_FEATURE_LISTS.items())
               for word in split_words(words)}
_FEATURE_RE = re.compile(rf"\b(?:{alternation(_FEATURE_OF)})\b")
# (the patterns of a question and of a numeric hint; the tests check that the faster
# ``_is_question`` and ``_numeric_hint`` answer as they do)
QUESTION_RE = re.compile(r"^\s*(?:Q|Question)\s*:|\?[\"'”’)]*\s*$")
_QUESTION_MARK_RE = re.compile(r"\s*(?:Q|Question)\s*:")
FAQ_ANSWER_RE = re.compile(r"^\s*(?:A|Answer)\s*:")
CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]")

@dataclass
class SentenceAnalysis:
    """What the detector found in one sentence."""

    score: float
    kind: str
    claimant: str | None
    quantities: list[Quantity]
    features: dict[str, float]
    claimant_kind: str = OUTLET   # person, organisation, or outlet (claimant None)


def score_sentence(text: str, quantities: list[Quantity] | None = None,
                   ) -> tuple[float, dict[str, float]]:
    """Score ``text`` 0-1 for check-worthiness; return the score and its feature weights."""
    if _is_question(text):
        return 0.0, {"question": 0.0}
    if text.rstrip().endswith(":") and len(text.split()) <= 4:
        return 0.0, {"heading": 0.0}
    qs = quantities if quantities is not None else _quantities_if_numeric(text)
    f: dict[str, float] = {"base": WEIGHTS["base"]}
    if any(q.unit and q.qualifier != "" and _is_measured(q) for q in qs):
        f["measured_quantity"] = WEIGHTS["measured_quantity"]
    elif qs:
        f["count"] = WEIGHTS["count"]
    counts: dict[str, int] = {}
    for word in _FEATURE_RE.findall(text.lower()):
        name = _FEATURE_OF.get(word) or _FEATURE_OF[" ".join(word.split())]
        counts[name] = counts.get(name, 0) + 1
    if counts.get("attribution"):
        f["attribution"] = WEIGHTS["attribution"]
    names = len(CAPITALISED_RE.findall(text)) - (1 if text[:1].isupper() else 0)
    if names > 0:
        f["named_entity"] = WEIGHTS["named_entity"] * min(names, 3)
    for name in ("factual_verb", "superlative", "prediction"):
        if counts.get(name):
            f[name] = WEIGHTS[name]
    if counts.get("hedge"):
        f["hedge"] = WEIGHTS["hedge"] * min(counts["hedge"], 3)
    if FAQ_ANSWER_RE.match(text):
        f["faq_answer"] = WEIGHTS["faq_answer"]
    words = len(text.split())
    if words < 6:
        f["short"] = WEIGHTS["short"]
    elif words > 60:
        f["long"] = WEIGHTS["long"]
    score = max(0.0, min(1.0, sum(f.values())))
    return round(score, 4), f


# Scoring reads quantities only where digits or large number words make one likely;
# small spelled-out numbers ("one of", "two nations") are too common in prose to be worth
# the time. Every claim's quantities are read in full (``claim_quantities``).
_LARGE_NUMBERS = _trie("hundred|thousand|million|billion|trillion|dozens?")
_NUMERIC_HINT_RE = re.compile(rf"\d|\b(?:{_LARGE_NUMBERS})\b", re.I)
_DIGIT_RE = re.compile(r"\d")
_LARGE_NUMBER_RE = re.compile(rf"\b(?:{_LARGE_NUMBERS})\b", re.I)
_NUMBER_WORDS = (r"zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|"
                 r"fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|"
                 r"fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion|"
                 r"trillion|dozens?|half|quarters?")
_ANY_NUMBER_RE = re.compile(rf"\d|[½¼¾⅓⅔]|\b(?:{_trie(_NUMBER_WORDS)})\b", re.I)


def _is_question(text: str) -> bool:
    """``QUESTION_RE.search(text)``, without trying the pattern at every position: "Q:" or
    "Question:" first, or a question mark last (before closing quotes and white space)."""
    return bool(_QUESTION_MARK_RE.match(text)) or \
        text.rstrip().rstrip("\"'”’)").endswith("?")


def _numeric_hint(text: str) -> bool:
    """``_NUMERIC_HINT_RE.search(text)``, faster: a digit, or a large number's word (looked
    for by its letters before the word pattern runs)."""
    if _DIGIT_RE.search(text):
        return True
    lower = text.lower()
    return ("hundred" in lower or "thousand" in lower or "illion" in lower or
            "dozen" in lower) and _LARGE_NUMBER_RE.search(text) is not None


def _quantities_if_numeric(text: str, offset: int = 0) -> list[Quantity]:
    return extract_quantities(text, offset) if _numeric_hint(text) else []


def claim_quantities(text: str, offset: int, found: list[Quantity]) -> list[Quantity]:
    """All quantities of a claim's quote (``found`` when scoring already read them)."""
    if found or _numeric_hint(text) or not _ANY_NUMBER_RE.search(text):
        return found
    return extract_quantities(text, offset)


def _is_measured(q: Quantity) -> bool:
    from factcheck.quantities.units import CURRENCIES, UNIT_INFO

    base = (q.unit or "").split(" per ")[0]
    return base in UNIT_INFO or base in CURRENCIES


def classify_kind(text: str, quantities: list[Quantity], claimant_found: bool,
                  features: dict[str, float]) -> str:
    """The claim's kind, one of ``KINDS``."""
    if "measured_quantity" in features:
        return "quantity"
    if claimant_found:
        return "attribution"
    if "prediction" in features:
        return "prediction"
    if features.get("hedge", 0) <= 2 * WEIGHTS["hedge"]:
        return "opinion"
    if quantities:
        return "quantity"
    return "event"


def score_sentences(texts: list[str], model=None,
                    quantities: list[list[Quantity]] | None = None,
                    ) -> list[tuple[float, dict[str, float]]]:
    """The check-worthiness score and features of each text: the heuristic, blended with
    ``model``'s probability when a trained model is in use (the one scorer of ingest,
    hand-added claims and rescoring). ``quantities`` may pass what was already read."""
    probabilities = model.score(texts) if model is not None and texts else None
    out = []
    for i, text in enumerate(texts):
        score, features = score_sentence(text, quantities[i] if quantities else None)
        if probabilities is not None:
            score = blend(probabilities[i], score, features)
        out.append((score, features))
    return out


def analyze_sentences(text: str, spans: list, model=None, *, headings: int = 0,
                      threshold: float | None = None) -> list[SentenceAnalysis]:
    """Analyse every sentence span of an article: score, kind, claimant, quantities.

    With a trained ``model`` the score blends its probability with the heuristic. The
    first ``headings`` spans are headings (a headline kept apart from the body): they score
    0 and credit nobody. With ``threshold``, only sentences scoring at least that (the
    claims) are attributed; the others credit nobody (attribution is the costly part, and
    only a claim keeps its claimant)."""
    out: list[SentenceAnalysis] = []
    body = spans[headings:]
    found = [_quantities_if_numeric(span.text, span.start) for span in body]
    scores = score_sentences([s.text for s in body], model, found)
    needed = None if threshold is None else [score >= threshold for score, _ in scores]
    attributions = attribute_sentences(text, body, needed=needed)
    for _heading in spans[:headings]:
        out.append(SentenceAnalysis(0.0, "event", None, [], {"heading": 0.0}))
    for span, qs, (score, features), who in zip(body, found, scores, attributions,
                                                 strict=True):
        kind = classify_kind(span.text, qs, who.claimant is not None, features)
        out.append(SentenceAnalysis(score, kind, who.claimant, qs, features, who.kind))
    return out
