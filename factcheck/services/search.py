"""Searching the ledger: full text over claims' statements, quotes, claimants, verdicts and
evidence, ranked by the database's own engine (``storage/search.py``)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from factcheck.services.claims import check_filters, list_claims_by_id
from factcheck.storage import search
from factcheck.storage.queries import get_article


def search_claims(*, session: Session, query: str, article_id: int | None = None,
                  status: str | None = None, kind: str | None = None,
                  claimant: str | None = None, limit: int = 20) -> list[dict[str, Any]]:
    """Claims matching ``query`` best first, in the ``claims list`` shape plus ``snippet``
    (the matched words in «guillemets») and ``rank``."""
    check_filters(status=status, kind=kind)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
    hits = search.search(session.connection(), query, limit=limit,
                         filters={"article_id": article_id, "status": status, "kind": kind,
                                  "claimant": claimant})
    records = list_claims_by_id(session=session, claim_ids=[h.claim_id for h in hits])
    return [{**r, "snippet": h.snippet, "rank": round(h.rank, 4)}
            for r, h in zip(records, hits, strict=True)]
