"""The check-worthiness heuristic, claim kinds and claimants on the sample article."""

from __future__ import annotations

from factcheck.ingest import RawArticle, prepare_article
from factcheck.ingest.detect import build_person_index, find_claimant, score_sentence
from tests.conftest import SAMPLE


def sample():
    return prepare_article(RawArticle(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE)))


def test_numeric_claims_rank_first():
    ranked = sorted(sample().claims, key=lambda c: -c.score)
    top = " ".join(c.quote for c in ranked[:3])
    assert "7,600 mph" in top and "4,040 miles" in top and "$24 billion" in top
    assert all(c.kind == "quantity" for c in ranked[:3])


def test_questions_and_headings_score_zero():
    assert score_sentence("Q: What weapons did Kim Jong Un explore?")[0] == 0.0
    assert score_sentence("Is this true?")[0] == 0.0
    assert score_sentence("FAQ:")[0] == 0.0


def test_no_claim_is_a_question():
    assert not any(c.quote.startswith("Q:") or c.quote.endswith("?") for c in sample().claims)


def test_faq_answers_score_below_the_article_sentence_they_restate():
    answer = score_sentence("A: Kim inspected hypersonic missiles, nuclear bombers, and "
                            "warships.")[0]
    original = score_sentence("Kim inspected hypersonic missiles, nuclear bombers, and "
                              "warships.")[0]
    assert answer < original


def test_hedged_opinion_scores_below_a_plain_fact():
    fact = score_sentence("The ministry said exports rose 12% to $4 billion in 2022.")[0]
    opinion = score_sentence("It seems the impact might perhaps be significant.")[0]
    assert fact > opinion


def test_claimants_resolve_to_full_names():
    text = SAMPLE.read_text(encoding="utf-8")
    persons = build_person_index(text)
    assert persons["Milley"] == "Gen. Mark Milley"
    assert find_claimant("Furthermore, Milley suggested that Kim would gain.", persons,
                         None) == "Gen. Mark Milley"
    assert find_claimant("He pointed out the complexities.", persons,
                         "Adm. Rob Bauer") == "Adm. Rob Bauer"
    assert find_claimant("According to Milley, the risk is low.", persons,
                         None) == "Gen. Mark Milley"


def test_unattributed_claims_fall_back_to_the_outlet():
    raw = RawArticle("---\noutlet: Example Times (made-up fixture)\n---\nThe bridge cost "
                     "$4 billion to build in 2019.", "fixture.md")
    claims = prepare_article(raw).claims
    assert claims and claims[0].claimant == "Example Times (made-up fixture)"


def test_threshold_controls_what_becomes_a_claim():
    raw = RawArticle(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE))
    everything = prepare_article(raw, threshold=0.0)
    nothing = prepare_article(raw, threshold=1.01)
    assert len(everything.claims) == len(everything.sentences)
    assert nothing.claims == []
