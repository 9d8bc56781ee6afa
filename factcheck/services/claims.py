"""Claims and articles as the desk reads and edits them: lists, one claim in full, a
claim added by hand, article metadata, the ledger's counts.

Every function is keyword-only and takes the session of its unit of work.
"""

from __future__ import annotations

import difflib
from typing import Any

from sqlmodel import Session

from factcheck.core.quotes import locate_quote
from factcheck.core.rules import check_actor, check_url
from factcheck.core.vocabulary import KINDS, STATUSES
from factcheck.errors import QuoteError, QuoteNotFound, UsageError
from factcheck.ingest.detect import (
    build_person_index,
    classify_kind,
    find_claimant,
    score_sentences,
)
from factcheck.ingest.metadata import parse_date
from factcheck.ingest.segment import paragraph_around, split_sentences
from factcheck.quantities import extract_quantities
from factcheck.services.models import active_model
from factcheck.storage.bundles import approval_of
from factcheck.storage.events import append_event
from factcheck.storage.models import Claim, Evidence, Quantity, Verdict, utcnow
from factcheck.storage.queries import (
    active_evidence,
    articles_with_counts,
    claim_at,
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


def check_filters(*, status: str | None = None, kind: str | None = None) -> None:
    """Refuse a status or kind filter that no claim can have (usage error)."""
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status '{status}'; use one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}'; use one of {', '.join(KINDS)}")


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
                order: str = "score", assignee: str | None = None) -> list[dict[str, Any]]:
    """Claims matching the filters, highest score first (or in article order)."""
    check_filters(status=status, kind=kind)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
    claims = find_claims(session=session, article_id=article_id, status=status, kind=kind,
                         min_score=min_score, assignee=assignee, order=order, limit=limit)
    ids = [c.id for c in claims]
    quantities = quantities_of(session=session, claim_ids=ids)
    ratings = current_ratings(session=session, claim_ids=ids)
    return [record(ClaimRecord, c, quantities=quantities[c.id], rating=ratings.get(c.id))
            for c in claims]


def show_claim(*, session: Session, claim_id: int) -> dict[str, Any]:
    """One claim with its quantities, review state, article title and the paragraph
    around its quote."""
    claim = get_claim(session=session, claim_id=claim_id)
    article = get_article(session=session, article_id=claim.article_id)
    para = paragraph_around(article.text, claim.start, claim.end)
    verdict = current_verdict(session=session, claim_id=claim.id)
    return record(
        ClaimDetail, claim,
        quantities=quantities_of(session=session, claim_ids=[claim.id])[claim.id],
        rating=verdict.rating if verdict else None,
        summary=verdict.summary if verdict else None, verdict=verdict,
        previous_verdicts=earlier_verdicts(session=session, claim_id=claim.id),
        evidence=active_evidence(session=session, claim_id=claim.id),
        approval=approval_of(claim), article_title=article.title,
        paragraph={"start": para.start, "end": para.end, "text": para.text})


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
    """These claims in the ``claims list`` shape, in the order given."""
    claims = [get_claim(session=session, claim_id=cid) for cid in claim_ids]
    quantities = quantities_of(session=session, claim_ids=claim_ids)
    ratings = current_ratings(session=session, claim_ids=claim_ids)
    return [record(ClaimRecord, c, quantities=quantities[c.id], rating=ratings.get(c.id))
            for c in claims]


def closest_passages(text: str, quote: str, n: int = 3) -> list[str]:
    """The sentences of ``text`` most like ``quote`` (to help fix a mistyped quote)."""
    target = quote.lower()
    scored = []
    for s in split_sentences(text):
        ratio = difflib.SequenceMatcher(None, target, s.text.lower(), autojunk=False).ratio()
        # a short quote inside a long sentence: compare with its best-matching window too
        if len(s.text) > len(quote):
            m = difflib.SequenceMatcher(None, s.text.lower(), target, autojunk=False)
            block = m.find_longest_match(0, len(s.text), 0, len(target))
            ratio = max(ratio, block.size / max(len(target), 1))
        scored.append((ratio, s.text))
    scored.sort(key=lambda x: -x[0])
    return [t for r, t in scored[:n] if r > 0.2]


def add_claim(*, session: Session, article_id: int, quote: str, actor: str,
              claimant: str | None = None) -> dict[str, Any]:
    """Add a claim the detector missed; the quote must occur verbatim exactly once, in
    whole words, and not be a claim already."""
    actor = check_actor(actor)
    article = get_article(session=session, article_id=article_id)
    try:
        start, end = locate_quote(text=article.text, quote=quote, article_id=article_id)
    except QuoteNotFound as exc:
        near = closest_passages(article.text, quote)
        if not near:
            raise
        raise QuoteNotFound(exc.message + "; closest passages:\n"
                            + "\n".join(f"  «{p}»" for p in near)) from None
    dup = claim_at(session=session, article_id=article_id, start=start, end=end)
    if dup is not None:
        raise QuoteError(f"claim {dup} already quotes this passage", hint="claim-show",
                         claim=dup)
    qs = extract_quantities(quote, start)
    [(score, features)] = score_sentences([quote], active_model(session=session), [qs])
    fallback = article.outlet or article.author or "the article"
    who = (claimant.strip() if claimant and claimant.strip() else None) or find_claimant(
        quote, build_person_index(article.text), None) or fallback
    kind = classify_kind(quote, qs, who not in (article.outlet, article.author,
                                                "the article"), features)
    now = utcnow()
    claim = Claim(article_id=article_id, sentence_id=None, text=quote, quote=quote, start=start,
                  end=end, score=score, kind=kind, claimant=who, status="new", origin="manual",
                  created_by=actor, created_at=now, updated_at=now)
    session.add(claim)
    session.flush()
    rows = [Quantity(claim_id=claim.id, **q.to_dict()) for q in qs]
    session.add_all(rows)
    session.flush()
    append_event(session=session, claim_id=claim.id, actor=actor, action="create",
                 from_status=None, to_status="new", details={"origin": "manual",
                                                              "start": start, "end": end})
    return record(ClaimRecord, claim, quantities=rows)


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
        parsed = parse_date(date)
        if parsed != article.published:
            article.published = parsed
            changes["published"] = parsed.isoformat()
    if changes:
        session.add(article)
        session.flush()
        append_event(session=session, actor=actor, action="article-edit",
                     details={"article_id": article_id, **changes})
    return changes
