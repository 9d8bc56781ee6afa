"""Checking the ledger's history: the hash chain end to end, and every record against the
state its newest event recorded; the head for the desk to keep elsewhere."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from factcheck.errors import UsageError
from factcheck.storage.events import AuditResult, head, verify_ledger


def verify(*, session: Session, expect_head: str | None = None) -> AuditResult:
    """Verify the chain and the records; the result names the first problem. With
    ``expect_head`` (a head printed earlier by ``ledger_head``) the chain must contain it."""
    if expect_head is not None:
        expect_head = expect_head.strip().lower()
        if len(expect_head) != 64 or any(c not in "0123456789abcdef" for c in expect_head):
            raise UsageError(f"'{expect_head}' is not a head hash (64 hexadecimal digits)")
    return verify_ledger(session=session, expect_head=expect_head)


def ledger_head(*, session: Session) -> dict[str, Any]:
    """The newest event's hash, the number of events and its time."""
    return head(session=session)
