"""Reading and writing the ledger through the CLI, for the step modules.

Plain helpers and the small typed objects that steps hand to later steps through
``target_fixture``; no step is defined here. Every read goes through ``--json`` so a
step checks what a fact-checker would see, not what the code meant to write.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Protocol

from typer.testing import Result


class Cli(Protocol):
    """The ``cli`` fixture of tests/conftest.py: runs ``factcheck ARGS...`` in-process."""

    def __call__(self, *args: str, input: str | None = None,
                 catch: bool = True) -> Result: ...


@dataclass(frozen=True)
class IngestedArticle:
    """An article a Given step put into the ledger, and how many claims the ledger then
    held (so a later step can tell whether a claim was added)."""

    id: int
    claims_in_ledger: int


@dataclass(frozen=True)
class ImportedLedger:
    """A second ledger filled by importing a JSON export of the first one."""

    url: str
    imported_export: str


def ok(result: Result) -> None:
    """Assert the command succeeded, showing both streams when it did not."""
    assert result.exit_code == 0, (result.stdout, result.stderr)


def read_json(cli: Cli, *args: str) -> Any:
    """Run a read command with ``--json``; assert it succeeded and return the data."""
    result = cli(*args, "--json", catch=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def all_claims(cli: Cli) -> list[dict]:
    """Every claim in the ledger, highest score first (as ``claims list`` orders them)."""
    return read_json(cli, "claims", "list")


def claim_quoting(cli: Cli, words: str) -> dict:
    """The one claim whose quote contains ``words``; fails unless exactly one does."""
    matches = [c for c in all_claims(cli) if words in c["quote"]]
    assert len(matches) == 1, f"{len(matches)} claims quote {words!r}"
    return matches[0]


def show_claim(cli: Cli, claim_id: int) -> dict:
    """One claim as ``claims show --json`` gives it (status, verdict, approval...)."""
    return read_json(cli, "claims", "show", str(claim_id))


def claim_history(cli: Cli, claim_id: int) -> list[dict]:
    """The claim's audit events, oldest first."""
    return read_json(cli, "claims", "history", str(claim_id))


def last_event(cli: Cli, claim_id: int) -> dict:
    """The claim's most recent audit event."""
    events = claim_history(cli, claim_id)
    assert events, f"claim {claim_id} has no history"
    return events[-1]


def ingest_checked(cli: Cli, path: str) -> IngestedArticle:
    """Ingest ``path``, assert the ledger now holds it with claims, and say which it is."""
    result = cli("ingest", path, catch=False)
    ok(result)
    [article] = [a for a in read_json(cli, "articles", "list") if a["source"] == path]
    claims = read_json(cli, "claims", "list", "--article", str(article["id"]))
    assert claims, f"article {article['id']} was ingested without any claim"
    return IngestedArticle(id=article["id"], claims_in_ledger=len(all_claims(cli)))


# made-up fixture sources, marked as such
EVIDENCE = {
    "supports": ("https://example.org/fixture-supports", "Fixture Wire (made up)",
                 "Fixture text saying the missile flies faster than 7,600 mph."),
    "refutes": ("https://example.org/fixture-refutes", "Fixture Review (made up)",
                "Fixture text saying the speed was never measured in flight."),
    "gives context to": ("https://example.org/fixture-context", "Fixture Notes (made up)",
                         "Fixture text about how hypersonic speeds are quoted."),
}
STANCES = {"supports": "supports", "refutes": "refutes", "gives context to": "context"}


def accept(cli: Cli, claim_id: int, who: str) -> Result:
    """``who`` accepts the claim for checking."""
    return cli("review", "triage", str(claim_id), "--accept", "--as", who)


def add_evidence(cli: Cli, claim_id: int, who: str, stance_words: str) -> Result:
    """``who`` attaches the made-up source whose stance the words name."""
    url, publisher, quote = EVIDENCE[stance_words]
    return cli("evidence", "add", str(claim_id), "--url", url, "--publisher", publisher,
               "--quote", quote, "--stance", STANCES[stance_words], "--as", who)


def rate(cli: Cli, claim_id: int, who: str, rating: str, summary: str) -> Result:
    """``who`` writes a verdict on the claim."""
    return cli("review", "rate", str(claim_id), "--rating", rating, "--summary", summary,
               "--as", who)


def approve(cli: Cli, claim_id: int, who: str) -> Result:
    """``who`` signs off the claim's verdict."""
    return cli("review", "approve", str(claim_id), "--as", who)


def publish(cli: Cli, claim_id: int, who: str) -> Result:
    """``who`` publishes the approved verdict."""
    return cli("review", "publish", str(claim_id), "--as", who)
