"""Check-worthiness, claim kind and claimant for sentences (a transparent heuristic).

``score_sentence`` adds up named features (quantities, attribution, named entities,
factual verbs) and subtracts hedges and opinion; every weight is in ``WEIGHTS`` so a
fact-checker can read why a sentence scored as it did. Questions score 0.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.core.scoring import HEURISTIC_THRESHOLD, blend
from factcheck.core.scoring import claim_threshold as core_claim_threshold
from factcheck.quantities import Quantity, extract_quantities

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


REPORTING_VERBS = (r"said|says|say|emphasized|emphasised|stressed|suggested|suggests|"
                   r"highlighted|highlights|pointed\s+out|points\s+out|noted|notes|claimed|"
                   r"claims|argued|argues|warned|warns|stated|states|told|tells|added|insisted|"
                   r"downplayed|acknowledged|announced|announces|confirmed|confirms|estimated|"
                   r"predicted|reported|reports|revealed|wrote|writes|explained|explains|"
                   r"admitted|denied|denies|believes|believed|thinks|maintained|contended|"
                   r"asserted|alleged|testified|tweeted|posted|cautioned|conceded")
REPORTING_RE = re.compile(rf"\b(?:{REPORTING_VERBS})\b")
ACCORDING_RE = re.compile(r"\b(?i:according)\s+to\s+(?P<who>(?:[A-Z][\w.’'-]*\s*)+)")
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
_FEATURE_RE = re.compile(
    rf"\b(?:(?P<attribution>{REPORTING_VERBS}|according\s+to)"
    rf"|(?P<factual_verb>{FACTUAL_VERBS})|(?P<superlative>{SUPERLATIVES})"
    rf"|(?P<hedge>{HEDGES})|(?P<prediction>{PREDICTIONS}))\b")
QUESTION_RE = re.compile(r"^\s*(?:Q|Question)\s*:|\?[\"'”’)]*\s*$")
FAQ_ANSWER_RE = re.compile(r"^\s*(?:A|Answer)\s*:")
CAPITALISED_RE = re.compile(r"\b[A-Z][a-z]")

TITLES = (r"(?:Gen|Adm|Lt|Col|Maj|Capt|Sgt|Dr|Mr|Mrs|Ms|Sen|Rep|Gov|Prof|Cmdr)\.|"
          r"President|Prime\s+Minister|(?:[A-Z][a-z]+\s+)?Minister|Secretary(?:\s+of\s+"
          r"[A-Z][a-z]+)?|Chancellor|King|Queen|Pope|Senator|General|Admiral|Ambassador|"
          r"Governor|Mayor|Judge|Justice|Chairman|Chairwoman|Director|Spokesman|Spokeswoman|"
          r"Commander|Colonel|Captain|Leader|leader")
PERSON_RE = re.compile(
    rf"(?=[A-Z])(?:(?P<title>{TITLES})\s+)?"
    r"(?P<name>[A-Z][a-z’'-]+(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z’'-]+){0,2})")
ORG_WORDS = frozenset([
    "Committee", "Assembly", "Nations", "States", "Union", "Ministry", "Department", "Council",
    "Congress", "Parliament", "Senate", "House", "Army", "Navy", "Force", "Forces", "NATO",
    "Kingdom", "Republic", "Korea", "Russia", "Ukraine", "America", "Europe", "Asia", "Africa",
    "China", "Bank", "Party", "Court", "Agency", "Office", "Group", "Corporation", "Company",
    "Inc", "University", "Times", "Post", "News", "BBC", "Reuters", "Kremlin", "Pentagon",
    "Moscow", "Washington", "Defense", "Defence", "General", "Military", "United",
    "International", "Ukrainian", "Russian", "American", "North", "South", "East", "West",
    "Korean", "Chinese", "British", "French", "German", "European", "Israeli", "Iranian",
    "Indian", "Japanese"
])
NOT_NAMES = frozenset([
    "The", "A", "An", "This", "That", "These", "Those", "It", "He", "She", "They", "We", "I",
    "In", "On", "At", "For", "By", "With", "From", "As", "But", "And", "Or", "If", "When",
    "While", "Though", "Although", "Of", "Additionally", "Furthermore", "However", "Meanwhile",
    "Concurrently", "Amidst", "During", "One", "Yes", "No", "Q", "FAQ", "Adm", "Gen"
])
PRONOUN_SUBJECT_RE = re.compile(r"^\s*(?:He|She)\b")


def build_person_index(text: str) -> dict[str, str]:
    """Map each name token of every person mentioned in ``text`` to the fullest mention
    ("Milley" -> "Gen. Mark Milley")."""
    index: dict[str, str] = {}
    for m in PERSON_RE.finditer(text):
        name = m.group("name")
        tokens = name.split()
        if any(t in ORG_WORDS or t in NOT_NAMES for t in tokens):
            continue
        if len(tokens) < 2 and not m.group("title"):
            continue
        name = re.sub(r"[’']s$", "", name)
        tokens = name.split()
        full = f"{m.group('title')} {name}" if m.group("title") else name
        full = re.sub(r"\s+", " ", full)
        for t in tokens:
            if len(t) > 2 and (t not in index or len(full) > len(index[t])):
                index[t] = full
    return index


@dataclass
class SentenceAnalysis:
    """What the detector found in one sentence."""

    score: float
    kind: str
    claimant: str | None
    quantities: list[Quantity]
    features: dict[str, float]


def score_sentence(text: str, quantities: list[Quantity] | None = None,
                   ) -> tuple[float, dict[str, float]]:
    """Score ``text`` 0-1 for check-worthiness; return the score and its feature weights."""
    if QUESTION_RE.search(text):
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
    for m in _FEATURE_RE.finditer(text.lower()):
        counts[m.lastgroup] = counts.get(m.lastgroup, 0) + 1
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
_NUMERIC_HINT_RE = re.compile(r"\d|\b(?:hundred|thousand|million|billion|trillion|dozens?)\b",
                              re.I)
_ANY_NUMBER_RE = re.compile(r"\d|[½¼¾⅓⅔]|\b(?:zero|one|two|three|four|five|six|seven|eight|"
                            r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
                            r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|"
                            r"seventy|eighty|ninety|hundred|thousand|million|billion|"
                            r"trillion|dozens?|half|quarters?)\b", re.I)


def _quantities_if_numeric(text: str, offset: int = 0) -> list[Quantity]:
    return extract_quantities(text, offset) if _NUMERIC_HINT_RE.search(text) else []


def claim_quantities(text: str, offset: int, found: list[Quantity]) -> list[Quantity]:
    """All quantities of a claim's quote (``found`` when scoring already read them)."""
    if found or not _ANY_NUMBER_RE.search(text) or _NUMERIC_HINT_RE.search(text):
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


def find_claimant(text: str, persons: dict[str, str], previous: str | None) -> str | None:
    """Who makes the claim in ``text``: the subject of a reporting verb, resolved to the
    fullest name in the article; a leading He/She takes the previous speaker."""
    acc = ACCORDING_RE.search(text)
    if acc:
        who = acc.group("who").strip().rstrip(",.")
        return _resolve(who, persons) or who
    for vm in REPORTING_RE.finditer(text):
        head = text[:vm.start()]
        clause = re.split(r"[;:]|\bthat\b", head)[-1]
        if PRONOUN_SUBJECT_RE.match(clause) and previous:
            return previous
        best = None
        for pm in PERSON_RE.finditer(clause):
            resolved = _resolve(pm.group(0), persons)
            if resolved:
                best = resolved
        if best:
            return best
    return None


def _resolve(mention: str, persons: dict[str, str]) -> str | None:
    tokens = [t for t in re.split(r"\s+", mention) if t]
    for t in reversed(tokens):
        t = t.strip(",.’'")
        if t in persons:
            return persons[t]
    return None


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


def analyze_sentences(text: str, spans: list, model=None) -> list[SentenceAnalysis]:
    """Analyse every sentence span of an article: score, kind, claimant, quantities.

    With a trained ``model`` the score blends its probability with the heuristic."""
    persons: dict[str, str] | None = None
    out: list[SentenceAnalysis] = []
    previous_speaker: str | None = None
    found = [_quantities_if_numeric(span.text, span.start) for span in spans]
    scores = score_sentences([s.text for s in spans], model, found)
    for span, qs, (score, features) in zip(spans, found, scores, strict=True):
        claimant = None
        if "attribution" in features:
            if persons is None:
                persons = build_person_index(text)
            claimant = find_claimant(span.text, persons, previous_speaker)
        if claimant:
            previous_speaker = claimant
        kind = classify_kind(span.text, qs, claimant is not None, features)
        out.append(SentenceAnalysis(score, kind, claimant, qs, features))
    return out
