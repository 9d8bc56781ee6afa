"""Read the ledger as plain data, one article bundle at a time (the only export code that
touches the database)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlmodel import Session


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def iter_bundles(*, session: Session, article_id: int | None = None,
                 status: str | None = None, batch: int = 50) -> Iterator[dict[str, Any]]:
    """Yield ``{"article": ..., "sentences": ..., "claims": [...]}`` per article, claims
    complete with quantities, evidence (removed items too), verdicts and history."""
    from sqlmodel import select

    from factcheck.models import Article, Claim

    query = select(Article.id).order_by(Article.id)
    if article_id is not None:
        from factcheck.ledger import get_article

        get_article(session=session, article_id=article_id)
        query = query.where(Article.id == article_id)
    if status is not None:
        query = query.where(Article.id.in_(select(Claim.article_id).where(
            Claim.status == status)))
    ids = list(session.exec(query))
    for i in range(0, len(ids), batch):
        yield from _bundles(session, ids[i:i + batch], status)
        session.expunge_all()  # keep memory flat on large ledgers


def _bundles(session: Session, article_ids: list[int], status: str | None
             ) -> Iterator[dict[str, Any]]:
    from sqlmodel import select

    from factcheck.audit import event_to_dict
    from factcheck.ledger import quantity_to_dict
    from factcheck.models import Article, Claim, Event, Evidence, Quantity, Sentence, Verdict
    from factcheck.review import RATINGS

    articles = session.exec(select(Article).where(Article.id.in_(article_ids))
                            .order_by(Article.id)).all()
    cq = select(Claim).where(Claim.article_id.in_(article_ids))
    if status is not None:
        cq = cq.where(Claim.status == status)
    claims = session.exec(cq.order_by(Claim.article_id, Claim.start, Claim.id)).all()
    claim_ids = [c.id for c in claims]
    per_claim: dict[int, dict[str, list]] = {
        cid: {"quantities": [], "evidence": [], "verdicts": [], "history": []}
        for cid in claim_ids}
    sentences: dict[int, list] = {a: [] for a in article_ids}
    positions: dict[int, int] = {}
    for s in session.exec(select(Sentence).where(Sentence.article_id.in_(article_ids))
                          .order_by(Sentence.article_id, Sentence.position)):
        sentences[s.article_id].append([s.start, s.end, s.score])
        positions[s.id] = s.position
    for chunk in _chunks(claim_ids, 900):
        for q in session.exec(select(Quantity).where(Quantity.claim_id.in_(chunk))
                              .order_by(Quantity.claim_id, Quantity.start, Quantity.id)):
            per_claim[q.claim_id]["quantities"].append(quantity_to_dict(q))
        for e in session.exec(select(Evidence).where(Evidence.claim_id.in_(chunk))
                              .order_by(Evidence.id)):
            per_claim[e.claim_id]["evidence"].append({
                "id": e.id, "url": e.url, "publisher": e.publisher, "title": e.title,
                "quote": e.quote, "stance": e.stance, "published": _iso(e.published),
                "added_by": e.added_by, "added_at": _iso(e.added_at),
                "removed_by": e.removed_by, "removed_at": _iso(e.removed_at)})
        for v in session.exec(select(Verdict).where(Verdict.claim_id.in_(chunk))
                              .order_by(Verdict.id)):
            r = RATINGS.get(v.rating)
            per_claim[v.claim_id]["verdicts"].append({
                "id": v.id, "rating": v.rating, "rating_value": r.value if r else None,
                "summary": v.summary, "author": v.author, "created_at": _iso(v.created_at),
                "superseded_at": _iso(v.superseded_at), "correction_note": v.correction_note,
                "published_at": _iso(v.published_at)})
        for ev in session.exec(select(Event).where(Event.claim_id.in_(chunk))
                               .order_by(Event.id)):
            d = event_to_dict(ev)
            d["prev_hash"] = ev.prev_hash
            per_claim[ev.claim_id]["history"].append(d)
    by_article: dict[int, list] = {a: [] for a in article_ids}
    for c in claims:
        extra = per_claim[c.id]
        current = next((v for v in reversed(extra["verdicts"]) if v["superseded_at"] is None),
                       None)
        by_article[c.article_id].append({
            "id": c.id, "text": c.text, "quote": c.quote, "start": c.start, "end": c.end,
            "status": c.status, "score": c.score, "kind": c.kind, "claimant": c.claimant,
            "origin": c.origin, "created_by": c.created_by, "created_at": _iso(c.created_at),
            "updated_at": _iso(c.updated_at), "version": c.version, "assignee": c.assignee,
            "sentence_position": positions.get(c.sentence_id),
            "rating": current["rating"] if current else None,
            "summary": current["summary"] if current else None,
            "approval": ({"by": c.approved_by, "at": _iso(c.approved_at),
                          "hash": c.approval_hash} if c.approved_by else None),
            "published_at": _iso(c.published_at),
            **extra})
    for a in articles:
        yield {"article": {"id": a.id, "title": a.title, "url": a.url, "outlet": a.outlet,
                           "author": a.author, "published": _iso(a.published),
                           "sha256": a.sha256, "source": a.source,
                           "ingested_at": _iso(a.ingested_at), "text": a.text},
               "sentences": sentences[a.id], "claims": by_article[a.id]}


def _chunks(items: list, size: int) -> Iterator[list]:
    for i in range(0, len(items), size):
        yield items[i:i + size]


def ledger_events(*, session: Session) -> Iterator[dict[str, Any]]:
    """Events that belong to no claim (ingest runs, settings), oldest first."""
    from sqlmodel import select

    from factcheck.audit import event_to_dict
    from factcheck.models import Event

    for ev in session.exec(select(Event).where(Event.claim_id.is_(None)).order_by(Event.id)):
        d = event_to_dict(ev)
        d["prev_hash"] = ev.prev_hash
        yield d
