"""The tamper-evident history: append-only events chained by SHA-256, each recording the
state it left behind.

Each event's hash covers its own fields (the state digest of its record included) and the
previous event's hash, so editing or deleting an event row behind the tool's back breaks
the chain at that event. The single ``ledger_head`` row holds the newest id and hash;
writers lock it, so events are appended one at a time in id order on SQLite and
PostgreSQL alike. ``verify_ledger`` checks the chain, then compares every claim, article
and setting as it is now with the newest event that recorded it (``state.py``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection
from sqlmodel import Session, select

from factcheck.storage import search
from factcheck.storage.bulk import db_time, insert_sql, mark
from factcheck.storage.models import Event, LedgerHead, Setting, utcnow
from factcheck.storage.records import utc_iso
from factcheck.storage.state import (
    all_article_digests,
    all_claim_digests,
    current_article_digest,
    current_claim_digest,
    short,
)

GENESIS = "0" * 64
# actions whose details record a setting's new value ("to") under "key"
SETTING_ACTIONS = {"config-set": None, "model-use": "model.active"}


def event_hash(*, event_id: int, claim_id: int | None, at: dt.datetime, actor: str,
               action: str, from_status: str | None, to_status: str | None,
               note: str | None, details: str | None, prev_hash: str,
               article_id: int | None = None, state: str | None = None) -> str:
    """The SHA-256 of an event's fields and the hash before it (canonical JSON). Events
    written before states were recorded (no article, no state) keep their original
    payload."""
    fields: list[Any] = [event_id, claim_id, utc_iso(at), actor, action, from_status,
                         to_status, note, details, prev_hash]
    if article_id is not None or state is not None:
        fields += [article_id, state]
    payload = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


EVENT_COLUMNS = ("id", "claim_id", "article_id", "at", "actor", "action", "from_status",
                 "to_status", "note", "details", "state", "prev_hash", "hash")


def append_event_row(conn: Connection, *, actor: str, action: str,
                     claim_id: int | None = None, article_id: int | None = None,
                     state: str | None = None, from_status: str | None = None,
                     to_status: str | None = None, note: str | None = None,
                     details: dict[str, Any] | None = None,
                     at: dt.datetime | None = None) -> Event:
    """Append one event on ``conn`` inside its transaction, with the state given (plain
    SQL: this runs for every write and every ingested article)."""
    m = mark(conn)
    lock = " FOR UPDATE" if conn.dialect.name == "postgresql" else ""
    last_id, last_hash = conn.exec_driver_sql(
        f"SELECT last_event_id, last_hash FROM ledger_head WHERE id = 1{lock}").one()
    at = at or utcnow()
    details_text = json.dumps(details, ensure_ascii=False, sort_keys=True) if details else None
    new_id = last_id + 1
    digest = event_hash(event_id=new_id, claim_id=claim_id, at=at, actor=actor, action=action,
                        from_status=from_status, to_status=to_status, note=note,
                        details=details_text, prev_hash=last_hash, article_id=article_id,
                        state=state)
    row = {"id": new_id, "claim_id": claim_id, "article_id": article_id, "at": at,
           "actor": actor, "action": action, "from_status": from_status,
           "to_status": to_status, "note": note, "details": details_text, "state": state,
           "prev_hash": last_hash, "hash": digest}
    conn.exec_driver_sql(insert_sql("event", EVENT_COLUMNS, m),
                         tuple(db_time(conn, at) if k == "at" else row[k]
                               for k in EVENT_COLUMNS))
    conn.exec_driver_sql(f"UPDATE ledger_head SET last_event_id = {m}, last_hash = {m} "
                         "WHERE id = 1", (new_id, digest))
    return Event(**row)


def append_event_rows(conn: Connection, events: Sequence[dict[str, Any]]) -> None:
    """Append several events at once (an ingest batch's), chained in order: the head read
    once, the rows written by one ``executemany``, the head moved once. Each dict holds
    ``append_event_row``'s keyword arguments."""
    if not events:
        return
    m = mark(conn)
    lock = " FOR UPDATE" if conn.dialect.name == "postgresql" else ""
    last_id, last_hash = conn.exec_driver_sql(
        f"SELECT last_event_id, last_hash FROM ledger_head WHERE id = 1{lock}").one()
    rows = []
    for e in events:
        at = e.get("at") or utcnow()
        details = e.get("details")
        details_text = (json.dumps(details, ensure_ascii=False, sort_keys=True)
                        if details else None)
        last_id += 1
        row = {"id": last_id, "claim_id": e.get("claim_id"), "article_id": e.get("article_id"),
               "at": at, "actor": e["actor"], "action": e["action"],
               "from_status": e.get("from_status"), "to_status": e.get("to_status"),
               "note": e.get("note"), "details": details_text, "state": e.get("state"),
               "prev_hash": last_hash}
        last_hash = event_hash(event_id=last_id, claim_id=row["claim_id"], at=at,
                               actor=row["actor"], action=row["action"],
                               from_status=row["from_status"], to_status=row["to_status"],
                               note=row["note"], details=details_text, prev_hash=row[
                                   "prev_hash"], article_id=row["article_id"],
                               state=row["state"])
        row["hash"] = last_hash
        rows.append(tuple(db_time(conn, at) if k == "at" else row[k] for k in EVENT_COLUMNS))
    conn.exec_driver_sql(insert_sql("event", EVENT_COLUMNS, m), rows)
    conn.exec_driver_sql(f"UPDATE ledger_head SET last_event_id = {m}, last_hash = {m} "
                         "WHERE id = 1", (last_id, last_hash))


def append_event(*, session: Session, actor: str, action: str, claim_id: int | None = None,
                 article_id: int | None = None, from_status: str | None = None,
                 to_status: str | None = None, note: str | None = None,
                 details: dict[str, Any] | None = None,
                 at: dt.datetime | None = None) -> Event:
    """Append one event in the caller's transaction, recording the state its claim (or
    article) is left in by the changes made so far (``at`` defaults to now; an import
    passes the original time)."""
    session.flush()  # the state must see this unit of work's changes
    conn = session.connection()
    state = None
    if claim_id is not None:
        state = current_claim_digest(conn, claim_id)
        search.refresh(conn, [claim_id])  # search sees the claim as this event left it
    elif article_id is not None:
        state = current_article_digest(conn, article_id)
    return append_event_row(conn, actor=actor, action=action, claim_id=claim_id,
                            article_id=article_id, state=state, from_status=from_status,
                            to_status=to_status, note=note, details=details, at=at)


def append_baseline(conn: Connection, *, actor: str, reason: str) -> Event | None:
    """Record the present state of every article and claim in one event (after an upgrade
    from a ledger whose events recorded no states); ``None`` when the ledger is empty."""
    articles = {str(aid): d for aid, d in all_article_digests(conn)}
    claims = {str(cid): short(d) for cid, d in all_claim_digests(conn)}
    s = Setting.__table__
    settings = dict(conn.execute(select(s.c.key, s.c.value)).all())
    if not articles and not claims and not settings:
        return None
    return append_event_row(conn, actor=actor, action="audit-baseline", note=reason,
                            details={"articles": articles, "claims": claims,
                                     "settings": settings})


def head(*, session: Session) -> dict[str, Any]:
    """The newest event: its hash, the number of events, and when it was written."""
    row = session.get(LedgerHead, 1)
    last = session.get(Event, row.last_event_id) if row and row.last_event_id else None
    return {"hash": row.last_hash if row else GENESIS,
            "events": row.last_event_id if row else 0,
            "at": utc_iso(last.at) if last else None}


@dataclass
class AuditResult:
    """The outcome of checking the ledger."""

    events: int
    ok: bool
    first_bad: int | None = None
    problem: str | None = None
    records: int = 0


@dataclass
class Recorded:
    """What the history says each record should be: (event id, state) per claim and
    article, (event id, value) per setting."""

    claims: dict[int, tuple[int, str]]
    articles: dict[int, tuple[int, str]]
    settings: dict[str, tuple[int, str]]


def recorded_states(events: Iterable[Any]) -> Recorded:
    """The newest recorded state of every record, from events in id order (rows or
    records with ``details`` as JSON text or an object)."""
    recorded = Recorded({}, {}, {})
    for e in events:
        details = json.loads(e.details) if isinstance(e.details, str) else e.details
        _note(recorded, e, details)
    return recorded


def _note(recorded: Recorded, e: Any, details: dict[str, Any] | None) -> None:
    """Remember the state an event recorded for its records."""
    if e.claim_id is not None and e.state is not None:
        recorded.claims[e.claim_id] = (e.id, e.state)
    if e.article_id is not None and e.state is not None:
        recorded.articles[e.article_id] = (e.id, e.state)
    if not details:
        return
    claims = details.get("claims")
    if isinstance(claims, dict):  # ingest, import and baseline events list claim digests
        for cid, digest in claims.items():
            recorded.claims[int(cid)] = (e.id, digest)
    if e.action == "audit-baseline":
        for aid, digest in (details.get("articles") or {}).items():
            recorded.articles[int(aid)] = (e.id, digest)
        for key, value in (details.get("settings") or {}).items():
            recorded.settings[key] = (e.id, value)
    if e.action in SETTING_ACTIONS:
        key = SETTING_ACTIONS[e.action] or details.get("key")
        if key:
            recorded.settings[key] = (e.id, details.get("to"))


def verify_ledger(*, session: Session, batch: int = 5000,
                  expect_head: str | None = None) -> AuditResult:
    """Recompute every hash in id order (the first event that does not fit is named), then
    compare every article, claim and setting with the state the newest event recorded for
    it (the first record that differs is named). With ``expect_head`` the chain must
    contain that hash (a head kept elsewhere: a rewound or rewritten history fails)."""
    conn = session.connection()
    t = Event.__table__
    prev, expected_id, count, last_id = GENESIS, 1, 0, 0
    recorded = Recorded({}, {}, {})
    seen_expected = expect_head is None
    while True:
        rows = conn.execute(select(t).where(t.c.id > last_id).order_by(t.c.id).limit(batch)
                            ).all()
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
                                prev_hash=e.prev_hash, article_id=e.article_id,
                                state=e.state)
            if digest != e.hash:
                return AuditResult(count, False, e.id, f"event {e.id} was edited")
            seen_expected = seen_expected or e.hash == expect_head
            _note(recorded, e, json.loads(e.details) if e.details else None)
            prev, expected_id, last_id = e.hash, expected_id + 1, e.id
    ledger_head = session.get(LedgerHead, 1)
    if ledger_head is None or ledger_head.last_event_id != last_id or \
            ledger_head.last_hash != prev:
        if ledger_head is not None and ledger_head.last_event_id > last_id:
            return AuditResult(count, False, last_id + 1,
                               f"event {last_id + 1} is missing (the newest events were "
                               "deleted)")
        return AuditResult(count, False, last_id, "the ledger head does not match the last "
                           "event")
    if not seen_expected:
        return AuditResult(count, False, None,
                           f"the head {expect_head[:12]}… kept elsewhere is not in the "
                           "chain (its newest events were removed or the history rewritten)")
    records = len(recorded.claims) + len(recorded.articles)
    problem = _compare_records(conn, session, recorded)
    if problem is not None:
        return AuditResult(count, False, problem[0], problem[1])
    return AuditResult(count, True, records=records)


def _compare_records(conn: Connection, session: Session, recorded: Recorded
                     ) -> tuple[int | None, str] | None:
    """The first record whose present state is not what its newest event recorded."""
    for aid, digest in all_article_digests(conn):
        if aid not in recorded.articles:
            return None, f"article {aid} is in no event (added or its history removed " \
                         "outside factcheck)"
        event_id, expected = recorded.articles.pop(aid)
        if digest != expected:
            return event_id, f"article {aid} differs from what event {event_id} recorded " \
                             "(changed outside factcheck)"
    if recorded.articles:
        aid = min(recorded.articles)
        return recorded.articles[aid][0], f"article {aid} was deleted outside factcheck"
    for cid, digest in all_claim_digests(conn):
        if cid not in recorded.claims:
            return None, f"claim {cid} is in no event (added or its history removed " \
                         "outside factcheck)"
        event_id, expected = recorded.claims.pop(cid)
        if digest[:len(expected)] != expected:
            return event_id, f"claim {cid} differs from what event {event_id} recorded " \
                             "(changed outside factcheck)"
    if recorded.claims:
        cid = min(recorded.claims)
        return recorded.claims[cid][0], f"claim {cid} was deleted outside factcheck"
    for s in session.exec(select(Setting).order_by(Setting.key)):
        event_id, expected = recorded.settings.get(s.key, (None, None))
        if expected != s.value:
            where = f"event {event_id}" if event_id else "no event"
            return event_id, f"setting {s.key} is not what {where} recorded (changed " \
                             "outside factcheck)"
    return None
