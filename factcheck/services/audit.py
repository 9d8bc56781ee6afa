"""Checking the ledger's history: the hash chain verified end to end."""

from __future__ import annotations

from sqlmodel import Session

from factcheck.storage.events import AuditResult, verify_chain


def verify(*, session: Session) -> AuditResult:
    """Recompute the chain; the result names the first event that does not fit."""
    return verify_chain(session=session)
