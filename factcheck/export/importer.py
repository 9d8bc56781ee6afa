"""Import a JSON export into a ledger without duplicates.

Into an empty ledger a complete export is restored exactly: the same ids, the same
hash-chained events, so exporting again gives the same document. Into a ledger that
already holds data, articles are matched by SHA-256 and claims by their offsets; what is
new gets fresh ids, and its history is appended to this ledger's own chain (original
time and actor kept, the original event id recorded in the details).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass
class ImportResult:
    """What an import did."""

    mode: str
    articles: int
    articles_skipped: int
    claims: int
    claims_skipped: int
    events: int


def _dt(value: str | None) -> dt.datetime | None:
    return dt.datetime.fromisoformat(value) if value else None


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def ledger_is_empty(session: Session) -> bool:
    """True when the ledger holds no article and no event."""
    from sqlalchemy import func
    from sqlmodel import select

    from factcheck.models import Article, Event

    return (session.exec(select(func.count()).select_from(Article)).one() == 0 and
            session.exec(select(func.count()).select_from(Event)).one() == 0)


def import_export(*, session: Session, data: dict[str, Any], actor: str) -> ImportResult:
    """Import ``data`` (a loaded JSON export) in the caller's transaction."""
    if data["selection"].get("complete") and ledger_is_empty(session):
        return _restore(session, data)
    return _merge(session, data, actor)


def _article_row(a: dict[str, Any], with_id: bool) -> dict[str, Any]:
    row = {"title": a["title"], "url": a["url"], "outlet": a["outlet"], "author": a["author"],
           "published": _date(a["published"]), "sha256": a["sha256"], "source": a["source"],
           "text": a["text"], "ingested_at": _dt(a["ingested_at"])}
    if with_id:
        row["id"] = a["id"]
    return row


def _claim_row(c: dict[str, Any], article_id: int, sentence_id: int | None,
               with_id: bool) -> dict[str, Any]:
    approval = c.get("approval") or {}
    row = {"article_id": article_id, "sentence_id": sentence_id, "text": c["text"],
           "quote": c["quote"], "start": c["start"], "end": c["end"], "score": c["score"],
           "kind": c["kind"], "claimant": c["claimant"], "status": c["status"],
           "origin": c["origin"], "created_by": c["created_by"],
           "created_at": _dt(c["created_at"]), "updated_at": _dt(c["updated_at"]),
           "version": c["version"], "assignee": c["assignee"],
           "approved_by": approval.get("by"), "approved_at": _dt(approval.get("at")),
           "approval_hash": approval.get("hash"), "published_at": _dt(c["published_at"])}
    if with_id:
        row["id"] = c["id"]
    return row


def _children(c: dict[str, Any], claim_id: int, with_id: bool):
    quantities = []
    for q in c["quantities"]:
        row = {k: q[k] for k in ("surface", "value", "high", "unit", "qualifier",
                                 "normalized_value", "normalized_unit", "start", "end")}
        row["claim_id"] = claim_id
        quantities.append(row)
    evidence = [{**({"id": e["id"]} if with_id else {}), "claim_id": claim_id, "url": e["url"],
                 "publisher": e["publisher"], "title": e["title"], "quote": e["quote"],
                 "stance": e["stance"], "published": _date(e["published"]),
                 "added_by": e["added_by"], "added_at": _dt(e["added_at"]),
                 "removed_by": e["removed_by"], "removed_at": _dt(e["removed_at"])}
                for e in c["evidence"]]
    verdicts = [{**({"id": v["id"]} if with_id else {}), "claim_id": claim_id,
                 "rating": v["rating"], "summary": v["summary"], "author": v["author"],
                 "created_at": _dt(v["created_at"]), "superseded_at": _dt(v["superseded_at"]),
                 "correction_note": v["correction_note"],
                 "published_at": _dt(v["published_at"])} for v in c["verdicts"]]
    return quantities, evidence, verdicts


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    import json

    return {"id": e["id"], "claim_id": e["claim_id"], "at": _dt(e["at"]), "actor": e["actor"],
            "action": e["action"], "from_status": e["from_status"],
            "to_status": e["to_status"], "note": e["note"],
            "details": json.dumps(e["details"], ensure_ascii=False, sort_keys=True)
            if e["details"] is not None else None,
            "prev_hash": e["prev_hash"], "hash": e["hash"]}


def _restore(session: Session, data: dict[str, Any]) -> ImportResult:
    from sqlalchemy import insert, update

    from factcheck.models import Article, Claim, Event, Evidence, LedgerHead, Quantity, Verdict

    conn = session.connection()
    n_claims = 0
    events: list[dict[str, Any]] = [_event_row(e) for e in data.get("events", [])]
    for a in data["articles"]:
        conn.execute(insert(Article.__table__), [_article_row(a, True)])
        sentence_ids = _insert_sentences(conn, a["id"], a["sentences"])
        for c in a["claims"]:
            sid = sentence_ids[c["sentence_position"]] if c.get("sentence_position") is not \
                None else None
            conn.execute(insert(Claim.__table__), [_claim_row(c, a["id"], sid, True)])
            quantities, evidence, verdicts = _children(c, c["id"], True)
            for table, rows in ((Quantity, quantities), (Evidence, evidence),
                                (Verdict, verdicts)):
                if rows:
                    conn.execute(insert(table.__table__), rows)
            events.extend(_event_row(e) for e in c["history"])
            n_claims += 1
    events.sort(key=lambda e: e["id"])
    if events:
        conn.execute(insert(Event.__table__), events)
        conn.execute(update(LedgerHead.__table__).where(LedgerHead.__table__.c.id == 1)
                     .values(last_event_id=events[-1]["id"], last_hash=events[-1]["hash"]))
    _advance_sequences(conn)
    return ImportResult("restore", len(data["articles"]), 0, n_claims, 0, len(events))


def _insert_sentences(conn, article_id: int, sentences: list[list]) -> list[int]:
    from sqlalchemy import select

    from factcheck.ledger import _executemany
    from factcheck.models import Sentence

    t = Sentence.__table__
    if sentences:
        _executemany(conn, t, ["article_id", "position", "start", "end", "score"],
                     [(article_id, i, s[0], s[1], s[2]) for i, s in enumerate(sentences)])
    return list(conn.execute(select(t.c.id).where(t.c.article_id == article_id)
                             .order_by(t.c.position)).scalars())


def _advance_sequences(conn) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them."""
    if conn.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in ("article", "sentence", "claim", "quantity", "evidence", "verdict"):
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                          f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))


def _merge(session: Session, data: dict[str, Any], actor: str) -> ImportResult:
    from sqlalchemy import insert, select

    from factcheck.audit import append_event
    from factcheck.models import Article, Claim, Evidence, Quantity, Sentence, Verdict

    conn = session.connection()
    at, ct, st = Article.__table__, Claim.__table__, Sentence.__table__
    added_a = skipped_a = added_c = skipped_c = n_events = 0
    for a in data["articles"]:
        existing = conn.execute(select(at.c.id).where(at.c.sha256 == a["sha256"])).scalar()
        if existing is None:
            article_id = conn.execute(insert(at).values(**_article_row(a, False))
                                      .returning(at.c.id)).scalar_one()
            sentence_ids = _insert_sentences(conn, article_id, a["sentences"])
            added_a += 1
        else:
            article_id = existing
            skipped_a += 1
            sentence_ids = list(conn.execute(
                select(st.c.id).where(st.c.article_id == article_id)
                .order_by(st.c.position)).scalars())
        present = {(start, end) for start, end in conn.execute(
            select(ct.c.start, ct.c.end).where(ct.c.article_id == article_id))}
        for c in a["claims"]:
            if (c["start"], c["end"]) in present:
                skipped_c += 1
                continue
            present.add((c["start"], c["end"]))
            pos = c.get("sentence_position")
            sid = sentence_ids[pos] if pos is not None and pos < len(sentence_ids) else None
            row = _claim_row(c, article_id, sid, False)
            claim_id = conn.execute(insert(ct).values(**row).returning(ct.c.id)).scalar_one()
            quantities, evidence, verdicts = _children(c, claim_id, False)
            for table, rows in ((Quantity, quantities), (Evidence, evidence),
                                (Verdict, verdicts)):
                if rows:
                    conn.execute(insert(table.__table__), rows)
            for e in c["history"]:
                details = dict(e["details"] or {})
                details["imported_event"] = e["id"]
                append_event(session=session, claim_id=claim_id, actor=e["actor"],
                             action=e["action"], from_status=e["from_status"],
                             to_status=e["to_status"], note=e["note"], details=details,
                             at=_dt(e["at"]))
                n_events += 1
            added_c += 1
    append_event(session=session, actor=actor, action="import",
                 details={"articles": added_a, "articles_skipped": skipped_a,
                          "claims": added_c, "claims_skipped": skipped_c})
    return ImportResult("merge", added_a, skipped_a, added_c, skipped_c, n_events + 1)
