"""The hand-labelled development set for sentence splitting, and its boundary score.

``fixtures/segment-dev.json`` holds documents whose ``breaks`` are the offsets where a
sentence starts (the first sentence's start is not a boundary and is not listed). Texts
written for the set are stored inline; the BBC excerpts are not copied into the project:
each names its row of ``../shared/data/news/bbc-train.csv`` and the offset the excerpt
starts at (it runs to the row's end), with a SHA-1 to notice a changed file. The sample
article is read from ``claims/``.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV_SET = ROOT / "tests" / "fixtures" / "segment-dev.json"
GOLDEN_RULES = ("data", "segmentation", "golden-rules-en.json")


@dataclass(frozen=True)
class DevDocument:
    """One labelled text: where each sentence after the first starts."""

    id: str
    genre: str
    part: str  # "tune": the rules were developed on it; "check": held back to measure them
    text: str
    breaks: frozenset[int]


@dataclass(frozen=True)
class Score:
    """Boundary counts of one splitter over some documents."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        """Share of predicted boundaries that are gold boundaries."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Share of gold boundaries predicted."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)


def load_dev_set(shared: Path) -> tuple[list[DevDocument], list[str]]:
    """The development documents, and a note for each group that could not be read."""
    data = json.loads(DEV_SET.read_text(encoding="utf-8"))
    docs: list[DevDocument] = []
    missing: list[str] = []
    rows: dict[str, list[str]] = {}
    for d in data["documents"]:
        if "text" in d:
            text = d["text"]
        elif "file" in d:
            text = (ROOT / d["file"]).read_text(encoding="utf-8")[d["offset"]:]
        else:
            path = shared / d["shared"]
            if not path.exists():
                if str(path) not in missing:
                    missing.append(str(path))
                continue
            if d["shared"] not in rows:
                with path.open(encoding="utf-8", newline="") as f:
                    rows[d["shared"]] = [r["text"] for r in csv.DictReader(f)]
            text = rows[d["shared"]][d["row"]][d["offset"]:]
            if hashlib.sha1(text.encode()).hexdigest() != d["sha1"]:
                raise ValueError(f"{path} row {d['row']} changed; the labels no longer fit")
        docs.append(DevDocument(d["id"], d["genre"], d["part"], text, frozenset(d["breaks"])))
    return docs, missing


def score_starts(doc: DevDocument, starts: Iterable[int]) -> Score:
    """Compare predicted sentence starts with ``doc``'s gold ones (the first start aside)."""
    first = len(doc.text) - len(doc.text.lstrip())
    predicted = {s for s in starts if s != first and s < len(doc.text)}
    tp = len(predicted & doc.breaks)
    return Score(tp, len(predicted) - tp, len(doc.breaks) - tp)


def score_splitter(docs: Iterable[DevDocument],
                   starts_of: Callable[[str], Iterable[int]]) -> dict[str, Score]:
    """Boundary counts per genre, per part (``"all tune"``, ``"all check"``) and in total."""
    by_genre: dict[str, Score] = {}
    by_part: dict[str, Score] = {}
    total = Score(0, 0, 0)
    for doc in docs:
        s = score_starts(doc, starts_of(doc.text))
        by_genre[doc.genre] = by_genre.get(doc.genre, Score(0, 0, 0)) + s
        key = f"all {doc.part}"
        by_part[key] = by_part.get(key, Score(0, 0, 0)) + s
        total += s
    return {**dict(sorted(by_genre.items())), **dict(sorted(by_part.items(), reverse=True)),
            "all": total}


def golden_rules_passed(rules: list[dict], split: Callable[[str], list[str]]) -> list[int]:
    """Indices of the golden rules whose sentences ``split`` reproduces (white space aside)."""
    return [i for i, rule in enumerate(rules)
            if [s.strip() for s in split(rule["text"])] == [s.strip() for s in rule["sentences"]]]
