"""Steps of the ledger audit: tampering behind the tool's back and detecting it
(the audit scenarios of features/review.feature)."""

from __future__ import annotations

from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import Cli, ok


def _raw_sql(url: str, statement: str, **params: object) -> int:
    """Run one statement straight on the database, bypassing factcheck; rows affected."""
    import sqlalchemy as sa

    from factcheck.storage.db import dispose_engines

    # drop factcheck's pooled connections so the tampering writer is the only one open
    dispose_engines()
    engine = sa.create_engine(url)
    try:
        with engine.begin() as conn:
            return conn.execute(sa.text(statement), params).rowcount
    finally:
        engine.dispose()


def _event_actor(url: str, event_id: int) -> str | None:
    """The actor stored for an event, or None if the event is gone."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(sa.text("SELECT actor FROM event WHERE id = :id"),
                                {"id": event_id}).scalar_one_or_none()
    finally:
        engine.dispose()


@given(parsers.parse("someone edits event {n:d} directly in the database"))
def tamper_edit(database_url: str, n: int) -> None:
    """Rewrite an event's actor in SQL; the row must now name mallory."""
    changed = _raw_sql(database_url, "UPDATE event SET actor = 'mallory' WHERE id = :id", id=n)
    assert changed == 1, f"{changed} events have id {n}"
    assert _event_actor(database_url, n) == "mallory"


@given(parsers.parse("someone deletes event {n:d} directly in the database"))
def tamper_delete(database_url: str, n: int) -> None:
    """Delete an event in SQL; the row must be gone."""
    deleted = _raw_sql(database_url, "DELETE FROM event WHERE id = :id", id=n)
    assert deleted == 1, f"{deleted} events have id {n}"
    assert _event_actor(database_url, n) is None


@when("the auditor verifies the ledger", target_fixture="result")
def audit(cli: Cli) -> Result:
    """Check the event chain."""
    return cli("audit", "verify")


@then("the audit passes")
def audit_passes(result: Result) -> None:
    """Exit code 0 and the audit's OK line."""
    ok(result)
    assert result.stdout.startswith("Audit OK: ")


@then(parsers.parse("the audit fails at event {n:d}"))
def audit_fails(result: Result, n: int) -> None:
    """Exit code 1 and an error naming the first broken event."""
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: audit failed at event {n}: ")
