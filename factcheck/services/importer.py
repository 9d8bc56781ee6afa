"""Import a JSON export into a ledger without duplicates.

The file is validated as a whole against the export's record shapes (``storage.records``)
before anything is written. Into an empty ledger a complete export is restored exactly:
the same ids, the same hash-chained events, so exporting again gives the same document.
Into a ledger that already holds data, articles are matched by SHA-256 and claims by
their offsets; what is new gets fresh ids, and its history is appended to this ledger's
own chain (original time and actor kept, the original event id recorded in the details).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, func, insert, update
from sqlmodel import Session, select

from factcheck.core.quotes import quote_matches
from factcheck.errors import InputError
from factcheck.ingest.metadata import sha256_of
from factcheck.storage import search
from factcheck.storage.bulk import advance_sequences, insert_quantities, insert_sentences
from factcheck.storage.events import (
    GENESIS,
    append_baseline,
    append_event,
    event_hash,
    recorded_states,
)
from factcheck.storage.models import (
    Appearance,
    Article,
    Claim,
    Event,
    Evidence,
    LedgerHead,
    Sentence,
    Verdict,
)
from factcheck.storage.records import (
    ArticleExport,
    ClaimExport,
    EventExport,
    ExportDocument,
)
from factcheck.storage.state import article_digest, claim_digest


@dataclass
class ImportResult:
    """What an import did."""

    mode: str
    articles: int
    articles_skipped: int
    claims: int
    claims_skipped: int
    events: int
    appearances_skipped: int = 0


def ledger_is_empty(session: Session) -> bool:
    """True when the ledger holds no article and no event."""
    return (session.exec(select(func.count()).select_from(Article)).one() == 0 and
            session.exec(select(func.count()).select_from(Event)).one() == 0)


def check_document(doc: ExportDocument) -> None:
    """Refuse, naming the first bad place, what the record shapes cannot say: an article
    whose SHA-256 is not its text's, offsets outside the text or a quote that is not
    ``text[start:end]``, ids used twice, an event whose hash does not fit its fields, a
    chain that does not link up (complete exports) and a record that is not in the state
    its history recorded (the file was edited after it was exported)."""
    seen: dict[str, set] = {"article": set(), "sha256": set(), "claim": set(),
                            "evidence": set(), "verdict": set(), "event": set()}

    def once(kind: str, value: Any, where: str) -> None:
        if value in seen[kind]:
            raise InputError(f"{where}: {kind} {value} appears twice in the file")
        seen[kind].add(value)

    events: list[tuple[str, EventExport]] = [(f"events[{i}]", e)
                                             for i, e in enumerate(doc.events)]
    texts = {a.id: a.text for a in doc.articles}
    for i, a in enumerate(doc.articles):
        where = f"articles[{i}]"
        once("article", a.id, f"{where}.id")
        once("sha256", a.sha256, f"{where}.sha256")
        if sha256_of(a.text) != a.sha256:
            raise InputError(f"{where}.sha256: does not match the article's text")
        n = len(a.text)
        for j, (start, end, _) in enumerate(a.sentences):
            if not start <= end <= n:
                raise InputError(f"{where}.sentences[{j}]: offsets {start}–{end} lie outside "
                                 f"the text ({n} characters)")
        for k, c in enumerate(a.claims):
            cw = f"{where}.claims[{k}]"
            once("claim", c.id, f"{cw}.id")
            if not quote_matches(a.text, c.start, c.end, c.quote):
                raise InputError(f"{cw}.quote: is not the article's text[{c.start}:{c.end}]")
            if c.sentence_position is not None and c.sentence_position >= len(a.sentences):
                raise InputError(f"{cw}.sentence_position: there is no sentence "
                                 f"{c.sentence_position}")
            for m, q in enumerate(c.quantities):
                if not quote_matches(a.text, q.start, q.end, q.surface):
                    raise InputError(f"{cw}.quantities[{m}].surface: is not the article's "
                                     f"text[{q.start}:{q.end}]")
            for m, e in enumerate(c.evidence):
                once("evidence", e.id, f"{cw}.evidence[{m}].id")
            for m, v in enumerate(c.verdicts):
                once("verdict", v.id, f"{cw}.verdicts[{m}].id")
            for m, ap in enumerate(c.appearances or ()):
                text = texts.get(ap.article_id)
                if text is not None and not quote_matches(text, ap.start, ap.end, ap.quote):
                    raise InputError(f"{cw}.appearances[{m}].quote: is not article "
                                     f"{ap.article_id}'s text[{ap.start}:{ap.end}]")
            for m, e in enumerate(c.history):
                if e.claim_id != c.id:
                    raise InputError(f"{cw}.history[{m}].claim_id: is {e.claim_id}, not the "
                                     f"claim's id {c.id}")
                events.append((f"{cw}.history[{m}]", e))
    _check_events(doc, events, once)
    if doc.schema_version >= 2:
        _check_states(doc, [e for _, e in sorted(events, key=lambda x: x[1].id)])


def _check_events(doc: ExportDocument, events: list[tuple[str, EventExport]], once) -> None:
    for where, e in events:
        once("event", e.id, f"{where}.id")
        if event_hash_of(e) != e.hash:
            raise InputError(f"{where}: event {e.id}'s hash does not match its fields (it "
                             "was edited after it was exported)")
    if not doc.selection.complete:
        return
    prev = GENESIS
    for n, (where, e) in enumerate(sorted(events, key=lambda x: x[1].id), start=1):
        if e.id != n:
            raise InputError(f"{where}: the history skips from event {n - 1} to {e.id}")
        if e.prev_hash != prev:
            raise InputError(f"{where}: event {e.id} does not follow event {n - 1}")
        prev = e.hash
    head = doc.ledger_head
    if head is not None and (head.hash != prev or head.events != len(events)):
        raise InputError("ledger_head: does not match the file's last event")


def _check_states(doc: ExportDocument, events: list[EventExport]) -> None:
    recorded = recorded_states(events)
    for i, a in enumerate(doc.articles):
        if a.id in recorded.articles:
            event_id, state = recorded.articles[a.id]
            if article_digest(a.id, a, a.text) != state:
                raise InputError(f"articles[{i}]: is not what event {event_id} recorded (the "
                                 "file was edited after it was exported)")
        for k, c in enumerate(a.claims):
            if c.id not in recorded.claims:
                continue
            event_id, state = recorded.claims[c.id]
            approval = c.approval
            row = {**{f: getattr(c, f) for f in ("text", "quote", "start", "end", "status",
                                                   "claimant", "claimant_kind", "assignee",
                                                   "published_at", "merged_into")},
                   "article_id": a.id, "approved_by": approval.by if approval else None,
                   "approved_at": approval.at if approval else None,
                   "approval_hash": approval.hash if approval else None}
            digest = claim_digest(c.id, row, c.verdicts, c.evidence, c.appearances or ())
            if digest[:len(state)] != state:
                raise InputError(f"articles[{i}].claims[{k}]: is not what event {event_id} "
                                 "recorded (the file was edited after it was exported)")


def event_hash_of(e: EventExport) -> str:
    """The hash an exported event must have, from its own fields."""
    details = json.dumps(e.details, ensure_ascii=False, sort_keys=True) \
        if e.details is not None else None
    return event_hash(event_id=e.id, claim_id=e.claim_id, at=e.at, actor=e.actor,
                      action=e.action, from_status=e.from_status, to_status=e.to_status,
                      note=e.note, details=details, prev_hash=e.prev_hash,
                      article_id=e.article_id, state=e.state)


def import_document(*, session: Session, doc: ExportDocument, actor: str) -> ImportResult:
    """Check a validated export as a whole, then import it in the caller's transaction."""
    check_document(doc)
    if doc.selection.complete and ledger_is_empty(session):
        return _restore(session, doc, actor)
    return _merge(session, doc, actor)


ARTICLE_COLUMNS = ("title", "url", "outlet", "author", "published", "sha256", "source",
                   "text", "ingested_at")
CLAIM_COLUMNS = ("text", "quote", "start", "end", "score", "kind", "claimant",
                 "claimant_kind", "status", "origin", "created_by", "created_at",
                 "updated_at", "version", "assignee", "published_at")
APPEARANCE_COLUMNS = ("start", "end", "quote", "added_at")
EVIDENCE_COLUMNS = ("url", "publisher", "title", "quote", "stance", "published", "added_by",
                    "added_at", "removed_by", "removed_at")
VERDICT_COLUMNS = ("rating", "summary", "author", "created_at", "superseded_at",
                   "correction_note", "published_at")


def _row(model: Any, columns: tuple[str, ...], **extra: Any) -> dict[str, Any]:
    return {**{c: getattr(model, c) for c in columns}, **extra}


def _article_row(a: ArticleExport, with_id: bool) -> dict[str, Any]:
    return _row(a, ARTICLE_COLUMNS, **({"id": a.id} if with_id else {}))


def _claim_row(c: ClaimExport, article_id: int, sentence_id: int | None,
               with_id: bool) -> dict[str, Any]:
    approval = c.approval
    return _row(c, CLAIM_COLUMNS, article_id=article_id, sentence_id=sentence_id,
                approved_by=approval.by if approval else None,
                approved_at=approval.at if approval else None,
                approval_hash=approval.hash if approval else None,
                **({"id": c.id} if with_id else {}))


def _insert_children(conn: Connection, c: ClaimExport, claim_id: int, with_id: bool) -> None:
    insert_quantities(conn, [(claim_id, q) for q in c.quantities])
    for table, columns, items in ((Evidence, EVIDENCE_COLUMNS, c.evidence),
                                  (Verdict, VERDICT_COLUMNS, c.verdicts)):
        rows = [_row(x, columns, claim_id=claim_id, **({"id": x.id} if with_id else {}))
                for x in items]
        if rows:
            conn.execute(insert(table.__table__), rows)


def _event_row(e: EventExport) -> dict[str, Any]:
    return {"id": e.id, "claim_id": e.claim_id, "article_id": e.article_id, "at": e.at,
            "actor": e.actor, "action": e.action, "from_status": e.from_status,
            "to_status": e.to_status, "note": e.note, "state": e.state,
            "details": json.dumps(e.details, ensure_ascii=False, sort_keys=True)
            if e.details is not None else None,
            "prev_hash": e.prev_hash, "hash": e.hash}


def _appearances(c: ClaimExport, article_id: int) -> list[dict[str, Any]]:
    """A claim's appearances as rows (a version 1 export has only where it was found)."""
    if c.appearances is None:
        return [{"claim_id": c.id, "article_id": article_id, "start": c.start, "end": c.end,
                 "quote": c.quote, "origin_claim_id": c.id, "added_at": c.created_at}]
    return [_row(ap, APPEARANCE_COLUMNS, id=ap.id, claim_id=c.id, article_id=ap.article_id,
                 origin_claim_id=ap.origin_claim_id) for ap in c.appearances]


def _restore(session: Session, doc: ExportDocument, actor: str) -> ImportResult:
    conn = session.connection()
    n_claims = 0
    events = [_event_row(e) for e in doc.events]
    appearances: list[dict[str, Any]] = []
    merged: list[tuple[int, int]] = []
    for a in doc.articles:
        conn.execute(insert(Article.__table__), [_article_row(a, True)])
        sentence_ids = insert_sentences(conn, a.id, a.sentences)
        for c in a.claims:
            sid = sentence_ids[c.sentence_position] if c.sentence_position is not None \
                else None
            conn.execute(insert(Claim.__table__), [_claim_row(c, a.id, sid, True)])
            _insert_children(conn, c, c.id, True)
            events.extend(_event_row(e) for e in c.history)
            appearances.extend(_appearances(c, a.id))
            if c.merged_into is not None:
                merged.append((c.id, c.merged_into))
            n_claims += 1
    # after every article and claim: an appearance may lie in a later article, a claim
    # may be merged into a later one
    for group in ([r for r in appearances if "id" in r], [r for r in appearances
                                                          if "id" not in r]):
        if group:
            conn.execute(insert(Appearance.__table__), group)
    for cid, into in merged:
        conn.execute(update(Claim.__table__).where(Claim.__table__.c.id == cid)
                     .values(merged_into=into))
    restored = [c.id for a in doc.articles for c in a.claims]
    for i in range(0, len(restored), 500):
        search.refresh(conn, restored[i:i + 500])
    events.sort(key=lambda e: e["id"])
    if events:
        conn.execute(insert(Event.__table__), events)
        conn.execute(update(LedgerHead.__table__).where(LedgerHead.__table__.c.id == 1)
                     .values(last_event_id=events[-1]["id"], last_hash=events[-1]["hash"]))
    advance_sequences(conn)
    baseline = None
    if doc.schema_version < 2:  # its events recorded no states: record them now
        baseline = append_baseline(conn, actor=actor, reason="restored from a "
                                   "schema_version 1 export: the state of every record as "
                                   "restored")
    return ImportResult("restore", len(doc.articles), 0, n_claims, 0,
                        len(events) + (baseline is not None))


def _merge(session: Session, doc: ExportDocument, actor: str) -> ImportResult:
    conn = session.connection()
    at, ct, st, pt = (Article.__table__, Claim.__table__, Sentence.__table__,
                      Appearance.__table__)
    added_a = skipped_a = added_c = skipped_c = n_events = skipped_ap = 0
    articles: dict[int, int] = {}  # the file's article id -> this ledger's
    claims: dict[int, int] = {}  # the file's claim id -> this ledger's
    added: list[tuple[ClaimExport, int, int]] = []  # (claim, file's article, new id)
    for a in doc.articles:
        existing = conn.execute(select(at.c.id).where(at.c.sha256 == a.sha256)).scalar()
        if existing is None:
            article_id = conn.execute(insert(at).values(**_article_row(a, False))
                                      .returning(at.c.id)).scalar_one()
            sentence_ids = insert_sentences(conn, article_id, a.sentences)
            added_a += 1
        else:
            article_id = existing
            skipped_a += 1
            sentence_ids = list(conn.execute(
                select(st.c.id).where(st.c.article_id == article_id)
                .order_by(st.c.position)).scalars())
        articles[a.id] = article_id
        for c in a.claims:
            present = conn.execute(select(pt.c.claim_id).where(
                pt.c.article_id == article_id, pt.c.start == c.start, pt.c.end == c.end)
            ).scalar()
            if present is not None:
                claims[c.id] = present
                skipped_c += 1
                continue
            pos = c.sentence_position
            sid = sentence_ids[pos] if pos is not None and pos < len(sentence_ids) else None
            claim_id = conn.execute(insert(ct).values(**_claim_row(c, article_id, sid, False))
                                    .returning(ct.c.id)).scalar_one()
            claims[c.id] = claim_id
            added.append((c, a.id, claim_id))
            _insert_children(conn, c, claim_id, False)
            for e in c.history:
                details = dict(e.details or {})
                details["imported_event"] = e.id
                append_event(session=session, claim_id=claim_id, actor=e.actor,
                             action=e.action, from_status=e.from_status,
                             to_status=e.to_status, note=e.note, details=details, at=e.at)
                n_events += 1
            added_c += 1
        if existing is None:
            append_event(session=session, article_id=article_id, actor=actor,
                         action="import", details={"sha256": a.sha256})
            n_events += 1
    # appearances and links once every article and claim of the file has its id here
    for c, file_article, claim_id in added:
        for row in _appearances(c, file_article):
            local = articles.get(row["article_id"])
            if local is None or conn.execute(select(pt.c.id).where(
                    pt.c.article_id == local, pt.c.start == row["start"],
                    pt.c.end == row["end"])).first() is not None:
                skipped_ap += local is None  # its article is not in the file
                continue
            row.pop("id", None)
            conn.execute(insert(pt).values(**{**row, "claim_id": claim_id,
                                              "article_id": local,
                                              "origin_claim_id": claims.get(
                                                  row["origin_claim_id"], claim_id)}))
        if c.merged_into is not None and c.merged_into in claims:
            conn.execute(update(ct).where(ct.c.id == claim_id)
                         .values(merged_into=claims[c.merged_into]))
        # who imported it, and the state it arrived in (also for a claim with no history
        # of its own)
        append_event(session=session, claim_id=claim_id, actor=actor, action="import",
                     to_status=c.status, details={"article_id": articles[file_article]})
        n_events += 1
    append_event(session=session, actor=actor, action="import",
                 details={"articles": added_a, "articles_skipped": skipped_a,
                          "claims": added_c, "claims_skipped": skipped_c})
    return ImportResult("merge", added_a, skipped_a, added_c, skipped_c, n_events + 1,
                        skipped_ap)
