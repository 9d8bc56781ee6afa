"""Read the ledger as plain data, one article bundle at a time (what every export renders
and what the JSON export writes), in the shapes of ``records``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlmodel import Session, select

from factcheck.storage.models import (
    Appearance,
    Article,
    Claim,
    Event,
    Evidence,
    Sentence,
    Verdict,
)
from factcheck.storage.queries import chunks, current_ratings, get_article, quantities_of
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
    # read-only rows (attribute access like the models'), not ORM objects: a report of a
    # hundred thousand claims reads half a million rows, and building an ORM object for
    # each took more than half of the export's time
    conn = session.connection()
    ct, st = Claim.__table__, Sentence.__table__
    cq = select(ct).where(ct.c.article_id.in_(article_ids))
    if status is not None:
        cq = cq.where(ct.c.status == status)
    claims = conn.execute(cq.order_by(ct.c.article_id, ct.c.start, ct.c.id)).all()
    claim_ids = [c.id for c in claims]
    per_claim: dict[int, dict[str, list]] = {
        cid: {"evidence": [], "verdicts": [], "history": [], "appearances": []}
        for cid in claim_ids}
    sentences: dict[int, list] = {a: [] for a in article_ids}
    positions: dict[int, int] = {}
    for sid, aid, start, end, score, position in conn.execute(
            select(st.c.id, st.c.article_id, st.c.start, st.c.end, st.c.score, st.c.position)
            .where(st.c.article_id.in_(article_ids))
            .order_by(st.c.article_id, st.c.position)):
        sentences[aid].append([start, end, score])
        positions[sid] = position
    quantities = quantities_of(session=session, claim_ids=claim_ids)
    for chunk in chunks(claim_ids):
        for key, model in (("evidence", Evidence), ("verdicts", Verdict), ("history", Event),
                           ("appearances", Appearance)):
            t = model.__table__
            for row in conn.execute(select(t).where(t.c.claim_id.in_(chunk))
                                    .order_by(t.c.id)):
                per_claim[row.claim_id][key].append(row)
    by_article: dict[int, list] = {a: [] for a in article_ids}
    for c in claims:
        extra = per_claim[c.id]
        current = next((v for v in reversed(extra["verdicts"]) if v.superseded_at is None),
                       None)
        by_article[c.article_id].append(record(
            ClaimExport, {**c._mapping, "sentence_position": positions.get(c.sentence_id),
                          "rating": current.rating if current else None,
                          "summary": current.summary if current else None,
                          "approval": approval_of(c), "quantities": quantities[c.id],
                          **extra}))
    here = _appearances_in(session, article_ids)
    elsewhere = _articles_of(session, {ap.article_id for cid in claim_ids
                                       for ap in per_claim[cid]["appearances"]})
    for a in articles:
        yield {"article": {**record(ArticleBase, a), "text": a.text},
               "sentences": sentences[a.id], "claims": by_article[a.id],
               "appearances": here[a.id], "appearance_articles": elsewhere}


def _articles_of(session: Session, ids: set[int]) -> dict[int, dict[str, Any]]:
    """The title, URL and date of articles the claims appear in (for ClaimReview's
    appearance and firstAppearance)."""
    if not ids:
        return {}
    return {aid: {"title": title, "url": url,
                  "published": published.isoformat() if published else None}
            for aid, title, url, published in session.exec(
                select(Article.id, Article.title, Article.url, Article.published)
                .where(Article.id.in_(list(ids))))}


def _appearances_in(session: Session, article_ids: list[int]) -> dict[int, list[dict]]:
    """Every appearance located in these articles, whichever article its claim was found
    in, with what a report shows of the claim (merged claims are shown as the claim they
    were merged into)."""
    here: dict[int, list[dict]] = {a: [] for a in article_ids}
    rows = session.exec(
        select(Appearance.article_id, Appearance.start, Appearance.end, Claim.id,
               Claim.status, Claim.text, Claim.claimant)
        .join(Claim, Claim.id == Appearance.claim_id)
        .where(Appearance.article_id.in_(article_ids), Claim.merged_into.is_(None))
        .order_by(Appearance.article_id, Appearance.start)).all()
    ratings = current_ratings(session=session, claim_ids=sorted({r[3] for r in rows}))
    for article_id, start, end, cid, status, text, claimant in rows:
        here[article_id].append({"start": start, "end": end, "claim_id": cid,
                                 "status": status, "rating": ratings.get(cid),
                                 "text": text, "claimant": claimant})
    return here


def approval_of(claim: Any) -> Approval | None:
    """The claim's sign-off (who, when, the approved hash), or ``None`` (``claim``: the
    model or a row of its table)."""
    if not claim.approved_by:
        return None
    return Approval(by=claim.approved_by, at=claim.approved_at, hash=claim.approval_hash)


def ledger_events(*, session: Session) -> Iterator[dict[str, Any]]:
    """Events that belong to no claim (ingest runs, settings), oldest first."""
    for ev in session.exec(select(Event).where(Event.claim_id.is_(None)).order_by(Event.id)):
        yield record(EventExport, ev)
