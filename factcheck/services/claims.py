"""Claims and articles as the desk reads and edits them: lists, one claim in full, its
history and evidence, article metadata.

Every function is keyword-only and takes the session of its unit of work.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from factcheck.core.rules import check_actor, check_url
from factcheck.core.vocabulary import KINDS, RATINGS, STATUSES
from factcheck.errors import UsageError
from factcheck.ingest.segment import paragraph_around
from factcheck.storage.bundles import approval_of
from factcheck.storage.events import append_event
from factcheck.storage.matches import matches_of
from factcheck.storage.models import Claim, Evidence, Verdict
from factcheck.storage.queries import (
    active_evidence,
    appearances_of,
    articles_with_counts,
    claim_events,
    count_claims,
    current_ratings,
    current_verdict,
    earlier_verdicts,
    find_claims,
    get_article,
    get_claim,
    quantities_of,
)
from factcheck.storage.records import (
    ArticleDetail,
    ArticleRecord,
    ClaimDetail,
    ClaimRecord,
    EventRecord,
    EvidenceRecord,
    VerdictRecord,
    record,
)


def check_filters(*, status: str | None = None, kind: str | None = None,
                  rating: str | None = None) -> None:
    """Refuse a status, kind or rating filter that no claim can have (usage error)."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status '{status}'; use one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}'; use one of {', '.join(KINDS)}")
    if rating is not None and rating not in RATINGS:
        raise UsageError(f"unknown rating '{rating}'; use one of {', '.join(RATINGS)}")


def list_articles(*, session: Session) -> list[dict[str, Any]]:
    """Every article with its number of claims, oldest first."""
    return [record(ArticleRecord, a, claims=n)
            for a, n in articles_with_counts(session=session)]


def show_article(*, session: Session, article_id: int) -> dict[str, Any]:
    """One article with its text and number of claims."""
    article = get_article(session=session, article_id=article_id)
    return record(ArticleDetail, article,
                  claims=count_claims(session=session, article_id=article_id))


def list_claims(*, session: Session, article_id: int | None = None,
                status: str | None = None, kind: str | None = None,
                min_score: float | None = None, limit: int | None = None,
                order: str = "score", assignee: str | None = None,
                claimant: str | None = None, rating: str | None = None
                ) -> list[dict[str, Any]]:
    """Claims matching the filters, highest score first (or in article order); a claim
    merged into another is listed under that one."""
    check_filters(status=status, kind=kind, rating=rating)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
    claims = find_claims(session=session, article_id=article_id, status=status, kind=kind,
                         min_score=min_score, assignee=assignee, order=order, limit=limit,
                         claimant=claimant, rating=rating)
    return _records(session, claims)


def _records(session: Session, claims: list[Claim]) -> list[dict[str, Any]]:
    """Claims in the ``claims list`` shape, with their stored matches."""
    ids = [c.id for c in claims]
    quantities = quantities_of(session=session, claim_ids=ids)
    ratings = current_ratings(session=session, claim_ids=ids)
    matches = matches_of(session=session, claim_ids=ids)
    return [{**record(ClaimRecord, c, quantities=quantities[c.id], rating=ratings.get(c.id)),
             "matches": matches[c.id]} for c in claims]


def show_claim(*, session: Session, claim_id: int) -> dict[str, Any]:
    """One claim with its quantities, review state, appearances, matches (the full
    matching stage runs first if the claim has not had it), article title and the
    paragraph around its quote."""
    claim = get_claim(session=session, claim_id=claim_id)
    if claim.merged_into is None:
        # here, not at the top: listing claims must not load the matcher
        from factcheck.services.matching import ensure_matched

        ensure_matched(session=session, claim_id=claim.id)
    article = get_article(session=session, article_id=claim.article_id)
    para = paragraph_around(article.text, claim.start, claim.end)
    verdict = current_verdict(session=session, claim_id=claim.id)
    appearances = [{"id": ap.id, "article_id": ap.article_id, "article_title": title,
                    "article_url": url, "quote": ap.quote, "start": ap.start, "end": ap.end}
                   for ap, title, url in appearances_of(session=session,
                                                        claim_ids=[claim.id])[claim.id]]
    return {**record(
        ClaimDetail, claim, appearances=appearances,
        quantities=quantities_of(session=session, claim_ids=[claim.id])[claim.id],
        rating=verdict.rating if verdict else None,
        summary=verdict.summary if verdict else None, verdict=verdict,
        previous_verdicts=earlier_verdicts(session=session, claim_id=claim.id),
        evidence=active_evidence(session=session, claim_id=claim.id),
        approval=approval_of(claim), article_title=article.title,
        paragraph={"start": para.start, "end": para.end, "text": para.text}),
        "matches": matches_of(session=session, claim_ids=[claim.id])[claim.id]}


def claim_history(*, session: Session, claim_id: int) -> list[dict[str, Any]]:
    """Every event of one claim, oldest first."""
    get_claim(session=session, claim_id=claim_id)
    return [record(EventRecord, e) for e in claim_events(session=session, claim_id=claim_id)]


def list_evidence(*, session: Session, claim_id: int) -> list[dict[str, Any]]:
    """The claim's current evidence."""
    get_claim(session=session, claim_id=claim_id)
    return [record(EvidenceRecord, e)
            for e in active_evidence(session=session, claim_id=claim_id)]


def evidence_record(evidence: Evidence) -> dict[str, Any]:
    """An evidence item in the ``evidence list`` shape."""
    return record(EvidenceRecord, evidence)


def verdict_record(verdict: Verdict) -> dict[str, Any]:
    """A verdict in the shape ``claims show`` gives it."""
    return record(VerdictRecord, verdict)


def claim_record(*, session: Session, claim_id: int) -> dict[str, Any]:
    """One claim in the ``claims list`` shape (what write commands answer with)."""
    return list_claims_by_id(session=session, claim_ids=[claim_id])[0]


def list_claims_by_id(*, session: Session, claim_ids: list[int]) -> list[dict[str, Any]]:
    """These claims in the ``claims list`` shape, in the order given (merged ones too)."""
    return _records(session, [get_claim(session=session, claim_id=cid) for cid in claim_ids])


def set_article_metadata(*, session: Session, article_id: int, actor: str,
                         title: str | None = None, url: str | None = None,
                         outlet: str | None = None, author: str | None = None,
                         date: str | None = None) -> dict[str, str]:
    """Change an article's metadata (recorded in the history); returns what changed."""
    actor = check_actor(actor)
    article = get_article(session=session, article_id=article_id)
    if url is not None:
        url = check_url(url)
    changes: dict[str, str] = {}
    for field_name, value in (("title", title), ("url", url), ("outlet", outlet),
                              ("author", author)):
        if value is not None and value != getattr(article, field_name):
            setattr(article, field_name, value)
            changes[field_name] = value
    if date is not None:
        from factcheck.ingest.metadata import parse_date  # the name lists load only here

        parsed = parse_date(date)
        if parsed != article.published:
            article.published = parsed
            changes["published"] = parsed.isoformat()
    if changes:
        session.add(article)
        session.flush()
        append_event(session=session, actor=actor, action="article-edit",
                     article_id=article_id, details={"article_id": article_id, **changes})
    return changes
