"""Steps of adding and listing claims (features/claim_add.feature, and the database
scenarios of features/bad_input.feature)."""

from __future__ import annotations

import json

import pytest
from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import Cli, IngestedArticle, all_claims, ok

# --- given -----------------------------------------------------------------------------


@given(parsers.parse('the database URL "{url}"'))
def database_url_is(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    """Point FACTCHECK_DB at ``url``; factcheck must then look for the ledger there."""
    from factcheck.config import resolve_db_url

    monkeypatch.setenv("FACTCHECK_DB", url)
    assert resolve_db_url() == url


# --- when ------------------------------------------------------------------------------


@when(parsers.parse('the fact-checker adds the claim "{quote}"'), target_fixture="result")
def add_claim(cli: Cli, ingested_article: IngestedArticle, quote: str) -> Result:
    """Add a claim to the ingested article by its quote (it may be refused)."""
    return cli("claims", "add", str(ingested_article.id), "--quote", quote, "--json")


@when("the fact-checker lists the claims", target_fixture="result")
def list_claims(cli: Cli) -> Result:
    """List the claims (it may fail)."""
    return cli("claims", "list")


# --- then ------------------------------------------------------------------------------


@then(parsers.parse('a claim is stored with status "{status}" quoting "{quote}"'))
def claim_stored(result: Result, cli: Cli, status: str, quote: str) -> None:
    """The added claim has the status and quote, and the ledger lists it."""
    ok(result)
    added = json.loads(result.stdout)
    assert added["status"] == status and added["quote"] == quote
    assert any(c["id"] == added["id"] for c in all_claims(cli))


@then(parsers.parse('the claim records that "{who}" added it'))
def added_by(result: Result, who: str) -> None:
    """The added claim names ``who`` and was added by hand."""
    added = json.loads(result.stdout)
    assert added["created_by"] == who and added["origin"] == "manual"


@then(parsers.parse('the passage "{passage}" is suggested'))
def suggested(result: Result, passage: str) -> None:
    """The refusal quotes the passage as a suggestion."""
    assert f"«{passage}»" in result.stderr


@then("no claim was added")
def no_claim_added(cli: Cli, ingested_article: IngestedArticle) -> None:
    """The ledger holds as many claims as right after ingest."""
    assert len(all_claims(cli)) == ingested_article.claims_in_ledger
