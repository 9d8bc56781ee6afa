"""Desk statistics: claims by status and rating, per article and overall, and the median
time from a claim's detection to its first verdict."""

from __future__ import annotations

import statistics
from typing import Any

from sqlalchemy import func, select
from sqlmodel import Session

from factcheck.storage.models import Article, Claim, Verdict


def desk_stats(*, session: Session) -> dict[str, Any]:
    """Counts per article and overall (aggregated in the database; plain rows, as a
    million-claim ledger has a hundred thousand articles to list)."""
    conn = session.connection()
    per_article: dict[int, dict[str, Any]] = {
        aid: {"id": aid, "title": title, "claims": 0, "by_status": {}, "by_rating": {}}
        for aid, title in conn.execute(select(Article.id, Article.title)
                                      .order_by(Article.id)).all()}
    overall: dict[str, Any] = {"claims": 0, "by_status": {}, "by_rating": {}}
    totals: dict[str, int] = {}
    for aid, status, n in conn.execute(select(Claim.article_id, Claim.status,
                                              func.count(Claim.id))
                                       .group_by(Claim.article_id, Claim.status)).all():
        bucket = per_article[aid]
        bucket["by_status"][status] = n
        bucket["claims"] += n
        totals[status] = totals.get(status, 0) + n
    overall["by_status"] = totals
    overall["claims"] = sum(totals.values())
    for aid, rating, n in conn.execute(
            select(Claim.article_id, Verdict.rating, func.count(Verdict.id))
            .join(Claim, Claim.id == Verdict.claim_id)
            .where(Verdict.superseded_at.is_(None))
            .group_by(Claim.article_id, Verdict.rating)):
        for bucket in (per_article[aid], overall):
            bucket["by_rating"][rating] = bucket["by_rating"].get(rating, 0) + n
    first_verdicts = session.exec(
        select(Claim.created_at, func.min(Verdict.created_at))
        .join(Verdict, Verdict.claim_id == Claim.id).group_by(Claim.id, Claim.created_at)).all()
    hours = [(v - c).total_seconds() / 3600 for c, v in first_verdicts if c and v]
    overall["verdicts"] = len(hours)
    overall["median_hours_to_verdict"] = round(statistics.median(hours), 2) if hours else None
    return {"overall": overall, "articles": list(per_article.values())}
