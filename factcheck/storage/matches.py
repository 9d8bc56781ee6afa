"""Reading stored matches back, in the JSON contract (no matching code: listing claims
with their matches stays as light as listing claims)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import select
from sqlmodel import Session

from factcheck.storage.models import Article, Claim, ClaimMatch, FactCheck, Verdict


def matches_of(*, session: Session, claim_ids: Sequence[int]) -> dict[int, list[dict]]:
    """Each claim's stored matches, best first, in the JSON contract: kind, id, score,
    text, rating, url, external_id (fact-checks), and what else a reviewer needs
    (publisher, published, conflicts, stage)."""
    out: dict[int, list[dict]] = {cid: [] for cid in claim_ids}
    if not claim_ids:
        return out
    t = ClaimMatch.__table__
    rows = session.connection().execute(select(t).where(t.c.claim_id.in_(list(claim_ids)))
                                        .order_by(t.c.claim_id, t.c.score.desc())).all()
    claims = claim_targets(session, {r.target_id for r in rows if r.kind == "claim"})
    checks = factcheck_targets(session, {r.target_id for r in rows if r.kind == "factcheck"})
    for r in rows:
        target = (claims if r.kind == "claim" else checks).get(r.target_id)
        if target is None:  # merged away or removed since
            continue
        out[r.claim_id].append({"kind": r.kind, "id": r.target_id,
                                "score": round(r.score, 4), **target,
                                "conflicts": json.loads(r.conflicts) if r.conflicts else [],
                                "stage": r.stage})
    return out


def claim_targets(session: Session, ids: set[int]) -> dict[int, dict]:
    """What a match shows of each ledger claim in ``ids`` (merged ones left out)."""
    if not ids:
        return {}
    c, v, a = Claim.__table__, Verdict.__table__, Article.__table__
    conn = session.connection()
    out = {}
    for cid, text, status, published_at, url in conn.execute(
            select(c.c.id, c.c.text, c.c.status, c.c.published_at, a.c.url)
            .join(a, a.c.id == c.c.article_id)
            .where(c.c.id.in_(list(ids)), c.c.merged_into.is_(None))):
        out[cid] = {"text": text, "rating": None, "url": url, "external_id": None,
                    "status": status, "publisher": None,
                    "published": published_at.isoformat()[:10] if published_at else None}
    for cid, rating in conn.execute(select(v.c.claim_id, v.c.rating).where(
            v.c.claim_id.in_(list(out)), v.c.superseded_at.is_(None))):
        out[cid]["rating"] = rating
    return out


def factcheck_targets(session: Session, ids: set[int]) -> dict[int, dict]:
    """What a match shows of each imported fact-check in ``ids``."""
    if not ids:
        return {}
    f = FactCheck.__table__
    return {r.id: {"text": r.claim, "rating": r.rating, "url": r.url,
                   "external_id": r.external_id or r.key, "status": None,
                   "publisher": r.publisher,
                   "published": r.published.isoformat() if r.published else None}
            for r in session.connection().execute(select(f).where(f.c.id.in_(list(ids))))}
