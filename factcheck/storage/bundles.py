"""Read the ledger as plain data, one article bundle at a time (what every export renders
and what the JSON export writes), in the shapes of ``records``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, select

from factcheck.storage.models import Article, Claim, Event, Evidence, Sentence, Verdict
from factcheck.storage.queries import chunks, get_article, quantities_of
from factcheck.storage.records import (
    Approval,
    ArticleBase,
    ClaimExport,
    EventExport,
    record,
)


def iter_bundles(*, session: Session, article_id: int | None = None,
                 status: str | None = None, batch: int = 50) -> Iterator[dict[str, Any]]:
    """Yield ``{"article": ..., "sentences": ..., "claims": [...]}`` per article, claims
    complete with quantities, evidence (removed items too), verdicts and history."""
    query = select(Article.id).order_by(Article.id)
    if article_id is not None:
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
    articles = session.exec(select(Article).where(Article.id.in_(article_ids))
                            .order_by(Article.id)).all()
    cq = select(Claim).where(Claim.article_id.in_(article_ids))
    if status is not None:
        cq = cq.where(Claim.status == status)
    claims = session.exec(cq.order_by(Claim.article_id, Claim.start, Claim.id)).all()
    claim_ids = [c.id for c in claims]
    per_claim: dict[int, dict[str, list]] = {
        cid: {"evidence": [], "verdicts": [], "history": []} for cid in claim_ids}
    sentences: dict[int, list] = {a: [] for a in article_ids}
    positions: dict[int, int] = {}
    for s in session.exec(select(Sentence).where(Sentence.article_id.in_(article_ids))
                          .order_by(Sentence.article_id, Sentence.position)):
        sentences[s.article_id].append([s.start, s.end, s.score])
        positions[s.id] = s.position
    quantities = quantities_of(session=session, claim_ids=claim_ids)
    for chunk in chunks(claim_ids):
        for e in session.exec(select(Evidence).where(Evidence.claim_id.in_(chunk))
                              .order_by(Evidence.id)):
            per_claim[e.claim_id]["evidence"].append(e)
        for v in session.exec(select(Verdict).where(Verdict.claim_id.in_(chunk))
                              .order_by(Verdict.id)):
            per_claim[v.claim_id]["verdicts"].append(v)
        for ev in session.exec(select(Event).where(Event.claim_id.in_(chunk))
                               .order_by(Event.id)):
            per_claim[ev.claim_id]["history"].append(ev)
    by_article: dict[int, list] = {a: [] for a in article_ids}
    for c in claims:
        extra = per_claim[c.id]
        current = next((v for v in reversed(extra["verdicts"]) if v.superseded_at is None),
                       None)
        by_article[c.article_id].append(record(
            ClaimExport, {**c.model_dump(), "sentence_position": positions.get(c.sentence_id),
                          "rating": current.rating if current else None,
                          "summary": current.summary if current else None,
                          "approval": approval_of(c), "quantities": quantities[c.id],
                          **extra}))
    for a in articles:
        yield {"article": {**record(ArticleBase, a), "text": a.text},
               "sentences": sentences[a.id], "claims": by_article[a.id]}


def approval_of(claim: Claim) -> Approval | None:
    """The claim's sign-off (who, when, the approved hash), or ``None``."""
    if not claim.approved_by:
        return None
    return Approval(by=claim.approved_by, at=claim.approved_at, hash=claim.approval_hash)


def ledger_events(*, session: Session) -> Iterator[dict[str, Any]]:
    """Events that belong to no claim (ingest runs, settings), oldest first."""
    for ev in session.exec(select(Event).where(Event.claim_id.is_(None)).order_by(Event.id)):
        yield record(EventExport, ev)
