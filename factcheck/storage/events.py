"""The tamper-evident history: append-only events chained by SHA-256.

Each event's hash covers its own fields and the previous event's hash, so editing or
deleting an event row behind the tool's back breaks the chain at that event. The single
``ledger_head`` row holds the newest id and hash; writers lock it, so events are appended
one at a time in id order on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import Session, select

from factcheck.storage.models import Event, LedgerHead, utcnow
from factcheck.storage.records import utc_iso

GENESIS = "0" * 64


def event_hash(*, event_id: int, claim_id: int | None, at: dt.datetime, actor: str,
               action: str, from_status: str | None, to_status: str | None,
               note: str | None, details: str | None, prev_hash: str) -> str:
    """The SHA-256 of an event's fields and the hash before it (canonical JSON)."""
    payload = json.dumps([event_id, claim_id, utc_iso(at), actor, action, from_status,
                          to_status, note, details, prev_hash], ensure_ascii=False,
                         separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append_event(*, session: Session, actor: str, action: str, claim_id: int | None = None,
                 from_status: str | None = None, to_status: str | None = None,
                 note: str | None = None, details: dict[str, Any] | None = None,
                 at: dt.datetime | None = None) -> Event:
    """Append one event to the chain, inside the caller's transaction (``at`` defaults to
    now; an import passes the original time)."""
    # Core statements: this runs once per write (and per ingested article), so keep it lean
    conn = session.connection()
    head_t, event_t = LedgerHead.__table__, Event.__table__
    last_id, last_hash = conn.execute(
        select(head_t.c.last_event_id, head_t.c.last_hash).where(head_t.c.id == 1)
        .with_for_update()).one()
    at = at or utcnow()
    details_text = json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None
    new_id = last_id + 1
    digest = event_hash(event_id=new_id, claim_id=claim_id, at=at, actor=actor, action=action,
                        from_status=from_status, to_status=to_status, note=note,
                        details=details_text, prev_hash=last_hash)
    row = {"id": new_id, "claim_id": claim_id, "at": at, "actor": actor, "action": action,
           "from_status": from_status, "to_status": to_status, "note": note,
           "details": details_text, "prev_hash": last_hash, "hash": digest}
    conn.execute(insert(event_t), row)
    conn.execute(update(head_t).where(head_t.c.id == 1)
                 .values(last_event_id=new_id, last_hash=digest))
    return Event(**row)


@dataclass
class AuditResult:
    """The outcome of checking the chain."""

    events: int
    ok: bool
    first_bad: int | None = None
    problem: str | None = None


def verify_chain(*, session: Session, batch: int = 5000) -> AuditResult:
    """Recompute every hash in id order; report the first event that does not fit."""
    prev = GENESIS
    expected_id = 1
    count = 0
    last_id = 0
    while True:
        rows = list(session.exec(select(Event).where(Event.id >= last_id + 1)
                                 .order_by(Event.id).limit(batch)))
        if not rows:
            break
        for e in rows:
            count += 1
            if e.id != expected_id:
                return AuditResult(count, False, expected_id,
                                   f"event {expected_id} is missing (deleted)")
            if e.prev_hash != prev:
                return AuditResult(count, False, e.id,
                                   f"event {e.id} does not follow event {e.id - 1} "
                                   "(an event before it was changed or removed)")
            digest = event_hash(event_id=e.id, claim_id=e.claim_id, at=e.at, actor=e.actor,
                                action=e.action, from_status=e.from_status,
                                to_status=e.to_status, note=e.note, details=e.details,
                                prev_hash=e.prev_hash)
            if digest != e.hash:
                return AuditResult(count, False, e.id, f"event {e.id} was edited")
            prev = e.hash
            expected_id += 1
            last_id = e.id
    head = session.get(LedgerHead, 1)
    if head is None or head.last_event_id != last_id or head.last_hash != prev:
        if head is not None and head.last_event_id > last_id:
            return AuditResult(count, False, last_id + 1,
                               f"event {last_id + 1} is missing (the newest events were "
                               "deleted)")
        return AuditResult(count, False, last_id, "the ledger head does not match the last "
                           "event")
    return AuditResult(count, True)
