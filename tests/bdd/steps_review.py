"""Steps of the editorial review: triage, evidence, verdicts, sign-off, publication,
corrections, assignment and the review queue (features/review.feature).

Every step acts on the claim under review, the ``claim_under_review`` fixture set by
"the Kinzhal claim is the claim under review" (tests/bdd/conftest.py). Each Given step
reads the claim back and fails unless its action took effect.
"""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import (
    EVIDENCE,
    STANCES,
    Cli,
    accept,
    add_evidence,
    all_claims,
    approve,
    claim_history,
    last_event,
    ok,
    publish,
    rate,
    read_json,
    show_claim,
)

# --- given -----------------------------------------------------------------------------


@given(parsers.parse('"{who}" has accepted the claim'))
def has_accepted(cli: Cli, claim_under_review: int, who: str) -> None:
    """``who`` accepts the claim; it must be triaged, with the move on record in her name."""
    ok(accept(cli, claim_under_review, who))
    assert show_claim(cli, claim_under_review)["status"] == "triaged"
    event = last_event(cli, claim_under_review)
    assert (event["actor"], event["action"], event["to_status"]) == (who, "accept", "triaged")


def _evidence_like(cli: Cli, claim_id: int, who: str, stance_words: str) -> list[dict]:
    url = EVIDENCE[stance_words][0]
    return [e for e in show_claim(cli, claim_id)["evidence"]
            if (e["url"], e["stance"], e["added_by"]) == (url, STANCES[stance_words], who)]


@given(parsers.parse('"{who}" has added evidence that {stance_words} the claim'))
def has_added_evidence(cli: Cli, claim_under_review: int, who: str, stance_words: str) -> None:
    """``who`` attaches a made-up source; the claim must list one more such source."""
    before = len(_evidence_like(cli, claim_under_review, who, stance_words))
    ok(add_evidence(cli, claim_under_review, who, stance_words))
    assert len(_evidence_like(cli, claim_under_review, who, stance_words)) == before + 1


@given(parsers.parse('"{who}" has rated the claim "{rating}" on supporting evidence'))
def has_rated(cli: Cli, claim_under_review: int, who: str, rating: str) -> None:
    """``who`` accepts, supports and rates the claim; it must be rated, her verdict current."""
    has_accepted(cli, claim_under_review, who)
    has_added_evidence(cli, claim_under_review, who, "supports")
    ok(rate(cli, claim_under_review, who, rating,
            "Fixture summary: matches the fixture source."))
    claim = show_claim(cli, claim_under_review)
    assert claim["status"] == "rated", claim["status"]
    assert claim["rating"] == rating and claim["verdict"]["author"] == who


@given(parsers.parse('"{who}" has approved the claim'))
def has_approved(cli: Cli, claim_under_review: int, who: str) -> None:
    """``who`` signs off the verdict; the claim must be approved and the approval hers."""
    ok(approve(cli, claim_under_review, who))
    claim = show_claim(cli, claim_under_review)
    assert claim["status"] == "approved", claim["status"]
    assert claim["approval"] is not None and claim["approval"]["by"] == who, claim["approval"]


@given(parsers.parse('the reviewer name comes from FACTCHECK_REVIEWER as "{name}"'))
def reviewer_env(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Set FACTCHECK_REVIEWER; the CLI must then take ``name`` as the one acting."""
    from factcheck.cli.common import actor

    monkeypatch.setenv("FACTCHECK_REVIEWER", name)
    assert actor(None) == name


@given(parsers.parse('"{who}" has read the claim at its current version'),
       target_fixture="read_version")
def reads_version(cli: Cli, claim_under_review: int, who: str) -> int:
    """The version ``who`` saw, for a later write that expects it."""
    version = show_claim(cli, claim_under_review)["version"]
    assert isinstance(version, int) and version >= 1, version
    return version


# --- when ------------------------------------------------------------------------------


@when(parsers.parse('"{who}" accepts the claim'), target_fixture="result")
def accepts(cli: Cli, claim_under_review: int, who: str) -> Result:
    """``who`` accepts the claim for checking."""
    result = accept(cli, claim_under_review, who)
    ok(result)
    return result


@when(parsers.parse('"{who}" adds evidence that {stance_words} the claim'),
      target_fixture="result")
def adds_evidence(cli: Cli, claim_under_review: int, who: str, stance_words: str) -> Result:
    """``who`` attaches a made-up source to the claim."""
    result = add_evidence(cli, claim_under_review, who, stance_words)
    ok(result)
    return result


@when(parsers.parse('"{who}" rates the claim "{rating}" with the summary "{summary}"'),
      target_fixture="result")
def rates(cli: Cli, claim_under_review: int, who: str, rating: str, summary: str) -> Result:
    """``who`` tries to write a verdict (the scenario says whether it may)."""
    return rate(cli, claim_under_review, who, rating, summary)


@when(parsers.parse('"{who}" approves the claim'), target_fixture="result")
def approves(cli: Cli, claim_under_review: int, who: str) -> Result:
    """``who`` tries to sign off the verdict."""
    return approve(cli, claim_under_review, who)


@when(parsers.parse('"{who}" publishes the claim'), target_fixture="result")
def publishes(cli: Cli, claim_under_review: int, who: str) -> Result:
    """``who`` tries to publish the verdict."""
    return publish(cli, claim_under_review, who)


@when(parsers.parse('"{who}" dismisses every new claim of article {article:d} scoring below '
                    '{score:g}'), target_fixture="result")
def bulk_dismiss(cli: Cli, who: str, article: int, score: float) -> Result:
    """``who`` dismisses a whole band of low-scoring claims at once."""
    result = cli("review", "triage", "--dismiss", "--below", str(score),
                 "--article", str(article), "--as", who)
    ok(result)
    return result


@when(parsers.parse('"{who}" rewords the claim as "{text}"'), target_fixture="result")
def rewords(cli: Cli, claim_under_review: int, who: str, text: str) -> Result:
    """``who`` edits the claim's wording."""
    result = cli("claims", "edit", str(claim_under_review), "--text", text, "--as", who)
    ok(result)
    return result


@when(parsers.parse('"{who}" corrects the claim to "{rating}" with the note "{note}"'),
      target_fixture="result")
def corrects(cli: Cli, claim_under_review: int, who: str, rating: str, note: str) -> Result:
    """``who`` replaces a published verdict with a correction."""
    result = cli("review", "correct", str(claim_under_review), "--rating", rating,
                 "--summary", "Fixture summary: the figure is a claimed maximum.",
                 "--note", note, "--as", who)
    ok(result)
    return result


@when("the claim is accepted without --as", target_fixture="result")
def accept_without_as(cli: Cli, claim_under_review: int) -> Result:
    """Accept the claim leaving the CLI to find who is acting."""
    result = cli("review", "triage", str(claim_under_review), "--accept")
    ok(result)
    return result


@when(parsers.parse('"{who}" assigns the claim to "{assignee}"'), target_fixture="result")
def assigns(cli: Cli, claim_under_review: int, who: str, assignee: str) -> Result:
    """``who`` hands the claim to ``assignee``."""
    result = cli("claims", "assign", str(claim_under_review), assignee, "--as", who)
    ok(result)
    return result


@when(parsers.parse('"{who}" dismisses the claim expecting the version she read'),
      target_fixture="result")
def stale_dismiss(cli: Cli, claim_under_review: int, read_version: int, who: str) -> Result:
    """``who`` dismisses the claim, but only if it is still at the version she read."""
    return cli("review", "triage", str(claim_under_review), "--dismiss", "--as", who,
               "--expect-version", str(read_version))


@when(parsers.parse('"{who}" walks her queue pressing accept on the first claim and then '
                    'quit'), target_fixture="result")
def walk_queue(cli: Cli, who: str) -> Result:
    """``who`` works through her queue with single keys: accept, then quit."""
    result = cli("review", "--as", who, input="a\nq\n")
    ok(result)
    return result


# --- then ------------------------------------------------------------------------------


@then(parsers.parse('the claim is "{status}"'))
@then(parsers.parse('the Kinzhal claim is "{status}"'))
def claim_status(cli: Cli, claim_under_review: int, status: str) -> None:
    """The claim under review has the status."""
    assert show_claim(cli, claim_under_review)["status"] == status


@then(parsers.parse('the highest-scoring claim is "{status}"'))
def top_claim_status(cli: Cli, status: str) -> None:
    """The first claim of the ranked list has the status."""
    assert all_claims(cli)[0]["status"] == status


@then(parsers.parse('every claim of article {article:d} scoring below {score:g} is "{status}"'))
def band_status(cli: Cli, article: int, score: float, status: str) -> None:
    """Every claim of the article under the score has the status (and there is one)."""
    low = [c for c in read_json(cli, "claims", "list", "--article", str(article))
           if c["score"] < score]
    assert low and all(c["status"] == status for c in low)


@then(parsers.parse('its history shows "{who}" moved it from "{before}" to "{after}"'))
def history_shows(cli: Cli, claim_under_review: int, who: str, before: str,
                  after: str) -> None:
    """A timed event names ``who`` moving the claim between the two statuses."""
    events = claim_history(cli, claim_under_review)
    assert any(e["actor"] == who and e["from_status"] == before and e["to_status"] == after
               and e["at"] for e in events), events


@then(parsers.parse('the approval by "{who}" records a hash of what was approved'))
def approval_hash(cli: Cli, claim_under_review: int, who: str) -> None:
    """The approval names ``who`` and holds a SHA-256 of the approved content."""
    approval = show_claim(cli, claim_under_review)["approval"]
    assert approval["by"] == who and len(approval["hash"]) == 64


@then("the approval is gone")
def approval_gone(cli: Cli, claim_under_review: int) -> None:
    """The claim carries no approval."""
    assert show_claim(cli, claim_under_review)["approval"] is None


@then(parsers.parse('its verdict is "{rating}" with the correction note "{note}"'))
def verdict_note(cli: Cli, claim_under_review: int, rating: str, note: str) -> None:
    """The current verdict is the correction."""
    claim = show_claim(cli, claim_under_review)
    assert claim["rating"] == rating and claim["verdict"]["correction_note"] == note


@then(parsers.parse('the earlier verdict "{rating}" is still on record'))
def earlier_verdict(cli: Cli, claim_under_review: int, rating: str) -> None:
    """The superseded, published verdict is kept."""
    earlier = show_claim(cli, claim_under_review)["previous_verdicts"]
    assert [v["rating"] for v in earlier] == [rating]
    assert earlier[0]["published_at"] is not None


@then(parsers.parse('"{who}" sees the claim among their own claims'))
def sees_own(cli: Cli, claim_under_review: int, who: str) -> None:
    """``who``'s own list is exactly the claim under review."""
    mine = read_json(cli, "claims", "list", "--mine", "--as", who)
    assert [c["id"] for c in mine] == [claim_under_review]


@then(parsers.parse('"{who}" does not'))
def does_not_see(cli: Cli, who: str) -> None:
    """``who`` has no claims of her own."""
    assert read_json(cli, "claims", "list", "--mine", "--as", who) == []


@then(parsers.parse('the queue said "{text}"'))
def queue_said(result: Result, text: str) -> None:
    """The queue's output contains the text."""
    assert text in result.stdout
