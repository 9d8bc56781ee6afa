"""Reads shared by the services: look-ups that refuse a missing record, claim lists with
their quantities and ratings, the review state of a claim, counts.

Every function is keyword-only and takes the session it reads in.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from factcheck.errors import NotFoundError
from factcheck.storage.models import (
    Appearance,
    Article,
    Claim,
    Event,
    Evidence,
    Quantity,
    Sentence,
    Verdict,
)

# SQLite allows 999 bound parameters in older builds: IN lists go in chunks below that
CHUNK = 900


def chunks(items: Sequence, size: int = CHUNK) -> Iterator[Sequence]:
    """``items`` in slices of at most ``size``."""
    for i in range(0, len(items), size):
        yield items[i:i + size]


def get_article(*, session: Session, article_id: int) -> Article:
    """The article, or ``NotFoundError``."""
    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id}", hint="articles-list")
    return article


def get_claim(*, session: Session, claim_id: int) -> Claim:
    """The claim, or ``NotFoundError``."""
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id}", hint="claims-list")
    return claim


def lock_claim(*, session: Session, claim_id: int) -> Claim:
    """The claim loaded for writing: its row locked on PostgreSQL (SQLite writers already
    hold the database lock), or ``NotFoundError``."""
    claim = session.exec(select(Claim).where(Claim.id == claim_id).with_for_update()).first()
    if claim is None:
        raise NotFoundError(f"no claim {claim_id}", hint="claims-list")
    return claim


def claim_at(*, session: Session, article_id: int, start: int, end: int) -> int | None:
    """The id of the claim that has exactly ``start``-``end`` of an article as one of its
    appearances, if any."""
    return session.exec(select(Appearance.claim_id).where(
        Appearance.article_id == article_id, Appearance.start == start,
        Appearance.end == end)).first()


def articles_with_counts(*, session: Session) -> list[tuple[Article, int]]:
    """Every article with its number of claims, oldest first."""
    counts = (select(Claim.article_id, func.count(Claim.id).label("n"))
              .group_by(Claim.article_id).subquery())
    return list(session.exec(
        select(Article, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.article_id == Article.id).order_by(Article.id)).all())


def count_claims(*, session: Session, article_id: int) -> int:
    """How many claims an article has."""
    return session.exec(select(func.count(Claim.id)).where(Claim.article_id == article_id)
                        ).one()


def find_claims(*, session: Session, article_id: int | None = None, status: str | None = None,
                kind: str | None = None, min_score: float | None = None,
                assignee: str | None = None, order: str = "score",
                limit: int | None = None, claimant: str | None = None,
                rating: str | None = None, ids: Sequence[int] | None = None) -> list[Claim]:
    """Claims matching the filters (merged ones left out), highest score first (or in
    article order). ``article_id`` finds claims appearing in that article."""
    query = select(Claim).where(Claim.merged_into.is_(None))
    if ids is not None:
        query = query.where(Claim.id.in_(list(ids)))
    if article_id is not None:
        query = query.where(Claim.id.in_(select(Appearance.claim_id).where(
            Appearance.article_id == article_id)))
    if status:
        query = query.where(Claim.status == status)
    if claimant:
        query = query.where(func.lower(Claim.claimant).contains(claimant.lower(),
                                                                autoescape=True))
    if rating:
        query = query.where(Claim.id.in_(select(Verdict.claim_id).where(
            Verdict.rating == rating, Verdict.superseded_at.is_(None))))
    if kind:
        query = query.where(Claim.kind == kind)
    if min_score is not None:
        query = query.where(Claim.score >= min_score)
    if assignee is not None:
        query = query.where(Claim.assignee == assignee)
    if order == "position":
        query = query.order_by(Claim.article_id, Claim.start, Claim.id)
    else:
        query = query.order_by(Claim.score.desc(), Claim.article_id, Claim.start, Claim.id)
    if limit:
        query = query.limit(limit)
    return list(session.exec(query))


def quantities_of(*, session: Session, claim_ids: Sequence[int]) -> dict[int, list[Any]]:
    """Each claim's quantities in text order, as read-only rows (attribute access like the
    model's: a report reads a hundred thousand of them, too many to build ORM objects)."""
    out: dict[int, list[Any]] = {cid: [] for cid in claim_ids}
    t = Quantity.__table__
    conn = session.connection()
    for chunk in chunks(list(claim_ids)):
        for q in conn.execute(select(t).where(t.c.claim_id.in_(chunk))
                              .order_by(t.c.claim_id, t.c.start, t.c.id)):
            out[q.claim_id].append(q)
    return out


def current_ratings(*, session: Session, claim_ids: Sequence[int]) -> dict[int, str]:
    """The rating of each claim's verdict in force (claims without one are absent)."""
    out: dict[int, str] = {}
    for chunk in chunks(list(claim_ids)):
        out.update(session.exec(select(Verdict.claim_id, Verdict.rating).where(
            Verdict.claim_id.in_(chunk), Verdict.superseded_at.is_(None))).all())
    return out


def current_verdict(*, session: Session, claim_id: int) -> Verdict | None:
    """The claim's verdict in force (not superseded), if any."""
    return session.exec(select(Verdict).where(Verdict.claim_id == claim_id,
                                              Verdict.superseded_at.is_(None))
                        .order_by(Verdict.id.desc())).first()


def earlier_verdicts(*, session: Session, claim_id: int) -> list[Verdict]:
    """The claim's superseded verdicts, oldest first."""
    return list(session.exec(select(Verdict).where(Verdict.claim_id == claim_id,
                                                   Verdict.superseded_at.is_not(None))
                             .order_by(Verdict.id)))


def active_evidence(*, session: Session, claim_id: int) -> list[Evidence]:
    """The claim's evidence that has not been removed, oldest first."""
    return list(session.exec(select(Evidence).where(Evidence.claim_id == claim_id,
                                                    Evidence.removed_at.is_(None))
                             .order_by(Evidence.id)))


def claim_events(*, session: Session, claim_id: int) -> list[Event]:
    """Every event of one claim, oldest first."""
    return list(session.exec(select(Event).where(Event.claim_id == claim_id)
                             .order_by(Event.id)))


def last_event_of(*, session: Session, claim_id: int) -> Event | None:
    """The claim's newest event."""
    return session.exec(select(Event).where(Event.claim_id == claim_id)
                        .order_by(Event.id.desc()).limit(1)).first()


def sentences_of(*, session: Session, article_id: int) -> list[Sentence]:
    """An article's sentences in order."""
    return list(session.exec(select(Sentence).where(Sentence.article_id == article_id)
                             .order_by(Sentence.position)))


def table_counts(*, session: Session) -> dict[str, Any]:
    """How many articles, sentences, claims and quantities the ledger holds."""
    def count(model) -> int:
        return session.exec(select(func.count()).select_from(model)).one()

    return {"articles": count(Article), "sentences": count(Sentence), "claims": count(Claim),
            "quantities": count(Quantity)}


def known_hashes(*, session: Session, hashes: set[str]) -> dict[str, int]:
    """Which of these article SHA-256s are stored, with their article ids."""
    known: dict[str, int] = {}
    ordered = sorted(hashes)
    for chunk in chunks(ordered, 500):
        known.update(session.exec(select(Article.sha256, Article.id)
                                  .where(Article.sha256.in_(chunk))).all())
    return known


def appearances_of(*, session: Session, claim_ids: Sequence[int]
                   ) -> dict[int, list[tuple[Appearance, str, str | None]]]:
    """Each claim's appearances (with their article's title and URL), first found first."""
    out: dict[int, list] = {cid: [] for cid in claim_ids}
    for chunk in chunks(list(claim_ids)):
        for ap, title, url in session.exec(
                select(Appearance, Article.title, Article.url)
                .join(Article, Article.id == Appearance.article_id)
                .where(Appearance.claim_id.in_(chunk)).order_by(Appearance.id)):
            out[ap.claim_id].append((ap, title, url))
    return out


def merged_into_this(*, session: Session, claim_id: int) -> list[Claim]:
    """The claims merged into ``claim_id``."""
    return list(session.exec(select(Claim).where(Claim.merged_into == claim_id)
                             .order_by(Claim.id)))
