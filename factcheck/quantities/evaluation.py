"""Score the quantity extractor against gold sentences (the CQE-formatted data sets, and
hand-labelled news sentences in the dev-set format of ``tests/devsets``).

Matching, per sentence: a predicted quantity matches a gold one when their values agree
(relative tolerance 1 %, ranges compare both ends) and, for the value+unit score, their
units agree too. Units agree when their canonical names are equal after lower-casing and
singular forms, or, for counted things ("14 people", "126 fighter jets"), when the head
noun (last word) is the same. Each gold quantity matches at most one prediction.

The dev-set format (one JSON object per sentence, its gold quantities with ``value``,
``high``, ``unit`` and ``qualifier``) adds a value+qualifier score, and is stricter about
ranges: a range matches only a range, a single value only a single value.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from factcheck.quantities.extract import Quantity, extract_quantities, singular

# spellings of one unit: the CQE data's and the dev set's names beside the extractor's
UNIT_ALIASES = {"people": "person", "%": "percentage", "percent": "percentage",
                "netherlands guilde": "netherlands guilder", "tonne": "metric ton"}


@dataclass
class Scores:
    """Precision, recall and F1 for values and for value+unit, over a set of sentences."""

    sentences: int
    gold: int
    predicted: int
    value_tp: int
    unit_tp: int

    @staticmethod
    def _f1(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def as_dict(self) -> dict:
        """The scores as a plain dict, rounded to three decimals."""
        vp, vr, vf = self._f1(self.value_tp, self.predicted, self.gold)
        up, ur, uf = self._f1(self.unit_tp, self.predicted, self.gold)
        return {"sentences": self.sentences, "gold": self.gold, "predicted": self.predicted,
                "value_precision": round(vp, 3), "value_recall": round(vr, 3),
                "value_f1": round(vf, 3), "unit_precision": round(up, 3),
                "unit_recall": round(ur, 3), "value_unit_f1": round(uf, 3)}


def _gold_range(value: str) -> tuple[float, float | None]:
    text = str(value).strip()
    if "-" in text[1:]:
        lo, hi = text[0] + text[1:].split("-", 1)[0], text[1:].split("-", 1)[1]
        return float(lo), float(hi)
    return float(text), None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b)) or abs(a - b) < 1e-9


def values_agree(pred: Quantity, gold_value: str) -> bool:
    """True when the predicted value (and range end) agrees with the gold value string."""
    lo, hi = _gold_range(gold_value)
    if not _close(pred.value, lo):
        return False
    if hi is None:
        return True
    return pred.high is not None and _close(pred.high, hi)


# the dev set names ages as durations ("20-year-old": year) and repetitions "time"
DEV_UNIT_ALIASES = {**UNIT_ALIASES, "year of age": "year", "month of age": "month",
                    "week of age": "week", "day of age": "day", "count": "time"}


def _canon_unit(unit: str | None, aliases: dict[str, str] = UNIT_ALIASES) -> str:
    if not unit or unit == "-":
        return "-"
    # each side of a rate on its own: "tonne per year" is "metric ton per year"
    parts = [aliases.get(part, part) for part in unit.lower().strip().split(" per ")]
    return " ".join(singular(w) if len(w) > 3 else w for w in " per ".join(parts).split())


def units_agree(pred: Quantity, gold_unit: str, aliases: dict[str, str] = UNIT_ALIASES) -> bool:
    """True when the predicted unit names the same unit as the gold one."""
    p, g = _canon_unit(pred.unit, aliases), _canon_unit(gold_unit, aliases)
    if p == g:
        return True
    if p == "-" or g == "-":
        return False
    return p.split()[-1] == g.split()[-1] and (" " in p or " " in g) and \
        not any(w in ("per", "of") for w in (p + " " + g).split())


def score_file(path: Path) -> Scores:
    """Run the extractor over one gold file and count matches."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    gold_n = pred_n = value_tp = unit_tp = 0
    for item in data:
        preds = extract_quantities(item["text"])
        gold = item["quantities"]
        gold_n += len(gold)
        pred_n += len(preds)
        value_tp += _match(preds, gold, with_unit=False)
        unit_tp += _match(preds, gold, with_unit=True)
    return Scores(len(data), gold_n, pred_n, value_tp, unit_tp)


def _match(preds: list[Quantity], gold: list[dict], *, with_unit: bool) -> int:
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(preds):
            if i in used or not values_agree(p, g["value"]):
                continue
            if with_unit and not units_agree(p, g["normalized_unit"]):
                continue
            used.add(i)
            tp += 1
            break
    return tp


@dataclass
class DevScores:
    """Counts and F1 scores over dev-set sentences: value, value+qualifier, value+unit."""

    sentences: int
    gold: int
    predicted: int
    value_tp: int
    qualifier_tp: int
    unit_tp: int

    def as_dict(self) -> dict:
        """The scores as a plain dict, rounded to three decimals."""
        out: dict = {"sentences": self.sentences, "gold": self.gold,
                     "predicted": self.predicted}
        for name, tp in (("value", self.value_tp), ("value_qualifier", self.qualifier_tp),
                         ("value_unit", self.unit_tp)):
            p, r, f = Scores._f1(tp, self.predicted, self.gold)
            out.update({f"{name}_precision": round(p, 3), f"{name}_recall": round(r, 3),
                        f"{name}_f1": round(f, 3)})
        return out


def load_devset(labels: Path, corpus: Path) -> list[dict]:
    """Read a dev set stored as labels only, taking each sentence's text from the corpus.

    Each line of ``labels`` holds ``row`` (0-based data row of the corpus CSV), ``start``
    and ``end`` (the sentence's offsets in that row's ``text``) and ``quantities``. The
    news text itself stays in the corpus, which the project may not redistribute.
    """
    csv.field_size_limit(1 << 30)
    with open(corpus, encoding="utf-8", newline="") as f:
        texts = [row["text"] for row in csv.DictReader(f)]
    items = []
    for line in Path(labels).read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        item["sentence"] = texts[item["row"]][item["start"]:item["end"]]
        items.append(item)
    return items


def score_devset(items: Iterable[dict],
                 extract: Callable[[str], list[Quantity]] = extract_quantities) -> DevScores:
    """Run ``extract`` over each dev-set sentence and count matches against its gold."""
    n = gold_n = pred_n = value_tp = qualifier_tp = unit_tp = 0
    for item in items:
        preds = extract(item["sentence"])
        gold = item["quantities"]
        n += 1
        gold_n += len(gold)
        pred_n += len(preds)
        value_tp += match_dev(preds, gold)
        qualifier_tp += match_dev(preds, gold, with_qualifier=True)
        unit_tp += match_dev(preds, gold, with_unit=True)
    return DevScores(n, gold_n, pred_n, value_tp, qualifier_tp, unit_tp)


def dev_values_agree(pred: Quantity, gold: dict) -> bool:
    """Values agree within 1 %; a range agrees only with a range whose ends both agree."""
    if not _close(pred.value, float(gold["value"])):
        return False
    if gold.get("high") is None or pred.high is None:
        return gold.get("high") is None and pred.high is None
    return _close(pred.high, float(gold["high"]))


def match_dev(preds: list[Quantity], gold: list[dict], *, with_qualifier: bool = False,
              with_unit: bool = False) -> int:
    """How many gold quantities find a prediction of their own (greedy, in order)."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(preds):
            if i in used or not dev_values_agree(p, g):
                continue
            if with_qualifier and p.qualifier != g["qualifier"]:
                continue
            if with_unit and not units_agree(p, g["unit"] or "-", DEV_UNIT_ALIASES):
                continue
            used.add(i)
            tp += 1
            break
    return tp
