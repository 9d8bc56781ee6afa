"""Quantity extraction on the hand-labelled BBC development set (tests/devsets).

The labels are stored without the news text: each sentence is read from
``../shared/data/news/bbc-train.csv`` by row and offsets, and the tests skip where the
corpus is absent. The floors are the figures reached after developing on the set
(before: value F1 0.918, value+qualifier 0.811, value+unit 0.762); a change that loses
accuracy fails here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck.quantities.evaluation import (
    dev_values_agree,
    load_devset,
    match_dev,
    score_devset,
)
from factcheck.quantities.extract import Quantity
from tests.conftest import shared_or_skip

DEVSETS = Path(__file__).resolve().parent / "devsets"
LABELS = DEVSETS / "quantities-bbc.labels.jsonl"
NEGATIVES = DEVSETS / "quantities-bbc.negatives-extra.labels.jsonl"


@pytest.fixture(scope="module")
def devset() -> list[dict]:
    return load_devset(LABELS, shared_or_skip("data", "news", "bbc-train.csv"))


def test_every_label_sits_in_its_sentence(devset):
    assert len(devset) == 309
    for item in devset:
        for q in item["quantities"]:
            assert item["sentence"][q["start"]:q["start"] + len(q["surface"])] == q["surface"]


def test_dev_figures_do_not_fall(devset):
    scores = score_devset(devset).as_dict()
    assert scores["value_f1"] >= 0.981, scores
    assert scores["value_qualifier_f1"] >= 0.956, scores
    assert scores["value_unit_f1"] >= 0.888, scores


def test_precision_holds_with_the_sentences_that_hold_no_quantity(devset):
    negatives = load_devset(NEGATIVES, shared_or_skip("data", "news", "bbc-train.csv"))
    assert all(not item["quantities"] for item in negatives)
    scores = score_devset(devset + negatives).as_dict()
    assert scores["value_precision"] >= 0.965, scores


def _q(value: float, high: float | None = None, unit: str | None = None,
       qualifier: str = "=") -> Quantity:
    return Quantity("x", value, high, unit, qualifier, None, None, 0, 1)


def test_dev_matching_rules():
    gold = [{"value": 4, "high": 5, "unit": "percentage", "qualifier": "up"},
            {"value": 20, "high": None, "unit": "year", "qualifier": "="}]
    # a range matches only a range; a single value only a single value
    assert not dev_values_agree(_q(4), gold[0])
    assert not dev_values_agree(_q(20, 21), gold[1])
    assert dev_values_agree(_q(4.02, 5), gold[0])
    preds = [_q(4, 5, "percentage", "="), _q(20, None, "year of age", "=")]
    assert match_dev(preds, gold) == 2
    assert match_dev(preds, gold, with_qualifier=True) == 1
    # the dev set's "year" for an age is the extractor's "year of age"
    assert match_dev(preds, gold, with_unit=True) == 2
    # each prediction serves one gold quantity only
    assert match_dev([_q(20)], gold + [dict(gold[1])]) == 1
