"""Score the quantity extractor against gold sentences (the CQE-formatted data sets).

Matching, per sentence: a predicted quantity matches a gold one when their values agree
(relative tolerance 1 %, ranges compare both ends) and, for the value+unit score, their
units agree too. Units agree when their canonical names are equal after lower-casing and
singular forms, or, for counted things ("14 people", "126 fighter jets"), when the head
noun (last word) is the same. Each gold quantity matches at most one prediction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from factcheck.quantities.extract import Quantity, extract_quantities, singular

UNIT_ALIASES = {"people": "person", "%": "percentage", "percent": "percentage",
                "netherlands guilde": "netherlands guilder"}


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


def _canon_unit(unit: str | None) -> str:
    if not unit or unit == "-":
        return "-"
    u = unit.lower().strip()
    u = UNIT_ALIASES.get(u, u)
    return " ".join(singular(w) if len(w) > 3 else w for w in u.split())


def units_agree(pred: Quantity, gold_unit: str) -> bool:
    """True when the predicted unit names the same unit as the gold one."""
    p, g = _canon_unit(pred.unit), _canon_unit(gold_unit)
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
