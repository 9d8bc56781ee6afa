"""Steps used by the features of more than one area.

The area modules (steps_ingest, steps_claims, steps_review, steps_audit, steps_export,
steps_model) are loaded as plugins by tests/conftest.py; tests/bdd/ledger.py holds the
helpers they share. State flows between steps through fixtures, never a shared dict: a
step that produces something a later step needs returns it under ``target_fixture``
(``result``: what the last command answered; ``claim_under_review``: the id of the claim
a scenario is about; ``ingested_article``, ``article_path``, ``read_version``,
``imported_ledger``, ``first_model``, ``retrained_model``). Every Given step asserts
that its action took effect, reading the ledger back through the CLI.
"""

from __future__ import annotations

import pytest
from pytest_bdd import given, parsers, then
from typer.testing import Result

from tests.bdd.ledger import (
    Cli,
    IngestedArticle,
    all_claims,
    claim_quoting,
    ingest_checked,
    ok,
    publish,
    read_json,
    show_claim,
)
from tests.bdd.steps_review import has_approved, has_rated
from tests.conftest import SAMPLE

# --- given -----------------------------------------------------------------------------


@given("the sample article has been ingested", target_fixture="ingested_article")
def sample_ingested(cli: Cli) -> IngestedArticle:
    """Ingest the sample article; the ledger must then hold it with its claims."""
    return ingest_checked(cli, str(SAMPLE))


@given("the Kinzhal claim is the claim under review", target_fixture="claim_under_review")
def kinzhal_under_review(cli: Cli) -> int:
    """The one claim quoting the Kinzhal's speed; the ledger must show it by its id."""
    claim_id = claim_quoting(cli, "7,600 mph")["id"]
    assert "7,600 mph" in show_claim(cli, claim_id)["quote"]
    return claim_id


@given(parsers.parse('the claim has been rated by "{author}", approved by "{approver}" and '
                     'published'))
def rated_approved_published(cli: Cli, claim_under_review: int, author: str,
                             approver: str) -> None:
    """Take the claim through the whole review; it must end published under both names."""
    has_rated(cli, claim_under_review, author, "true")
    has_approved(cli, claim_under_review, approver)
    ok(publish(cli, claim_under_review, approver))
    claim = show_claim(cli, claim_under_review)
    assert claim["status"] == "published", claim["status"]
    assert claim["verdict"]["author"] == author and claim["verdict"]["published_at"]
    assert claim["approval"]["by"] == approver


# --- then ------------------------------------------------------------------------------


@then("every claim quotes the article exactly at its offsets")
@then("the stored claim quotes the article exactly at its offsets")
def quotes_exact(cli: Cli) -> None:
    """Each claim's quote and each quantity's surface sit at their offsets in the text."""
    text = read_json(cli, "articles", "show", "1")["text"]
    claims = all_claims(cli)
    assert claims
    for c in claims:
        assert text[c["start"]:c["end"]] == c["quote"]
        for q in c["quantities"]:
            assert text[q["start"]:q["end"]] == q["surface"]


@then(parsers.parse('the command is refused with "{message}"'))
def refused(result: Result, message: str, request: pytest.FixtureRequest) -> None:
    """Exit code 1 and an error starting with the message; "this claim" in the wording
    stands for the claim under review."""
    assert result.exit_code == 1
    if "this claim" in message:
        claim_id = request.getfixturevalue("claim_under_review")
        message = message.replace("this claim", f"claim {claim_id}")
    assert result.stderr.startswith(f"Error: {message}"), result.stderr
