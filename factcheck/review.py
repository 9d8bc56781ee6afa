"""The editorial workflow: every rule about statuses, verdicts, evidence and sign-off.

This module is the only place that decides whether an action is allowed. Each action
locks the claim row, checks the rule, writes, and appends a hash-chained event, all in the
caller's transaction. Any change to what was approved (claim text, quote, rating,
summary, evidence) withdraws the approval: the claim goes back to ``rated``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcheck.audit import append_event
from factcheck.errors import ConflictError, NotFoundError, UsageError, WorkflowError

if TYPE_CHECKING:
    from sqlmodel import Session

    from factcheck.models import Claim, Evidence, Verdict

STATUSES = ("new", "triaged", "dismissed", "rated", "approved", "published")

# status -> {action: next status}; the one table of allowed moves
TRANSITIONS: dict[str, dict[str, str]] = {
    "new": {"accept": "triaged", "dismiss": "dismissed"},
    "triaged": {"dismiss": "dismissed", "rate": "rated"},
    "dismissed": {"accept": "triaged"},
    "rated": {"rate": "rated", "approve": "approved", "dismiss": "dismissed",
              "correct": "rated"},
    "approved": {"publish": "published", "rate": "rated", "correct": "rated"},
    "published": {"correct": "rated"},
}
# Once a verdict has been published it is never silently replaced: "rate" is refused and
# "correct" (which needs a note and keeps the published verdict on record) is the way.
ACTION_COMMANDS = {
    "accept": "review triage ID --accept", "dismiss": "review triage ID --dismiss",
    "rate": "review rate", "approve": "review approve", "publish": "review publish",
    "correct": "review correct",
}


@dataclass(frozen=True)
class Rating:
    """A verdict's rating and its place on the ClaimReview scale."""

    name: str
    label: str
    value: int | None
    needs: str | None  # the stance at least one evidence item must have


# ClaimReview scale: worstRating 1 (false) .. bestRating 6 (true). "unverifiable" is not a
# point on that scale: ClaimReview carries it as alternateName only (no ratingValue).
RATINGS: dict[str, Rating] = {r.name: r for r in [
    Rating("true", "True", 6, "supports"),
    Rating("mostly-true", "Mostly true", 5, "supports"),
    Rating("half-true", "Half true", 4, None),
    Rating("misleading", "Misleading", 3, None),
    Rating("mostly-false", "Mostly false", 2, "refutes"),
    Rating("false", "False", 1, "refutes"),
    Rating("unverifiable", "Unverifiable", None, None),
]}
BEST_RATING = 6
WORST_RATING = 1
STANCES = ("supports", "refutes", "context")


def _now() -> dt.datetime:
    from factcheck.models import utcnow

    return utcnow()


def lock_claim(*, session: Session, claim_id: int, expected_version: int | None = None
               ) -> Claim:
    """Load the claim for writing: lock its row (PostgreSQL; SQLite writers already hold
    the database lock) and check it is still at ``expected_version`` if one is given."""
    from sqlmodel import select

    from factcheck.models import Claim

    claim = session.exec(select(Claim).where(Claim.id == claim_id).with_for_update()).first()
    if claim is None:
        raise NotFoundError(f"no claim {claim_id}; see 'factcheck claims list'")
    if expected_version is not None and claim.version != expected_version:
        raise ConflictError(conflict_message(session=session, claim=claim))
    return claim


def conflict_message(*, session: Session, claim: Claim) -> str:
    """"claim 12 was changed by <reviewer> at <time>; re-run"."""
    from sqlmodel import select

    from factcheck.models import Event

    last = session.exec(select(Event).where(Event.claim_id == claim.id)
                        .order_by(Event.id.desc()).limit(1)).first()
    who = last.actor if last else "someone"
    when = (last.at if last else claim.updated_at).astimezone(dt.UTC)
    return (f"claim {claim.id} was changed by {who} at {when:%Y-%m-%d %H:%M:%S} UTC; "
            "re-run")


def _check_move(claim: Claim, action: str) -> str:
    allowed = TRANSITIONS.get(claim.status, {})
    if action not in allowed:
        nxt = ", ".join(f"{a} ('factcheck {ACTION_COMMANDS[a]}')" for a in allowed) or "none"
        raise WorkflowError(f"claim {claim.id} is {claim.status}; cannot {action} it. "
                            f"Allowed next: {nxt}")
    return allowed[action]


def _touch(claim: Claim) -> None:
    claim.version += 1
    claim.updated_at = _now()


def _move(session: Session, claim: Claim, action: str, to: str, actor: str,
          note: str | None = None, details: dict[str, Any] | None = None) -> None:
    before = claim.status
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action=action,
                 from_status=before, to_status=to, note=note, details=details)


def current_verdict(*, session: Session, claim_id: int) -> Verdict | None:
    """The claim's verdict in force (not superseded), if any."""
    from sqlmodel import select

    from factcheck.models import Verdict

    return session.exec(select(Verdict).where(Verdict.claim_id == claim_id,
                                              Verdict.superseded_at.is_(None))
                        .order_by(Verdict.id.desc())).first()


def active_evidence(*, session: Session, claim_id: int) -> list[Evidence]:
    """The claim's evidence that has not been removed, oldest first."""
    from sqlmodel import select

    from factcheck.models import Evidence

    return list(session.exec(select(Evidence).where(Evidence.claim_id == claim_id,
                                                    Evidence.removed_at.is_(None))
                             .order_by(Evidence.id)))


def content_hash(*, session: Session, claim: Claim) -> str:
    """SHA-256 of what a sign-off approves: claim text, quote, rating, summary, evidence."""
    verdict = current_verdict(session=session, claim_id=claim.id)
    evidence = [[e.id, e.url, e.publisher, e.title, e.quote, e.stance,
                 e.published.isoformat() if e.published else None]
                for e in active_evidence(session=session, claim_id=claim.id)]
    payload = json.dumps([claim.text, claim.quote, verdict.rating if verdict else None,
                          verdict.summary if verdict else None, evidence],
                         ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _withdraw_if_changed(session: Session, claim: Claim, actor: str, reason: str) -> bool:
    """After a change, drop a sign-off whose approved content no longer matches."""
    if claim.status not in ("approved", "published") or claim.approval_hash is None:
        return False
    if content_hash(session=session, claim=claim) == claim.approval_hash:
        return False
    was = claim.status
    claim.approved_by = claim.approved_at = claim.approval_hash = None
    _move(session, claim, "approval-withdrawn", "rated", actor,
          note=f"{reason} changed what was approved",
          details={"was": was})
    return True


def _check_actor(actor: str) -> str:
    if not actor or not actor.strip():
        raise UsageError("no reviewer name; pass --as NAME or set FACTCHECK_REVIEWER")
    return actor.strip()


# --- actions --------------------------------------------------------------------------

def triage(*, session: Session, claim_id: int, accept: bool, actor: str,
           note: str | None = None, expected_version: int | None = None) -> Claim:
    """Accept a claim for checking (``triaged``) or dismiss it."""
    actor = _check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    action = "accept" if accept else "dismiss"
    to = _check_move(claim, action)
    _move(session, claim, action, to, actor, note=note)
    return claim


def bulk_triage(*, session: Session, accept: bool, actor: str, below: float | None = None,
                above: float | None = None, article_id: int | None = None,
                note: str | None = None) -> list[int]:
    """Triage every ``new`` claim in a score band at once; returns the claim ids moved."""
    from sqlmodel import select

    from factcheck.models import Claim

    if below is None and above is None:
        raise UsageError("give --below SCORE or --above SCORE to choose the claims")
    query = select(Claim.id).where(Claim.status == "new")
    if below is not None:
        query = query.where(Claim.score < below)
    if above is not None:
        query = query.where(Claim.score >= above)
    if article_id is not None:
        from factcheck.ledger import get_article

        get_article(session=session, article_id=article_id)
        query = query.where(Claim.article_id == article_id)
    ids = list(session.exec(query.order_by(Claim.id)))
    for cid in ids:
        triage(session=session, claim_id=cid, accept=accept, actor=actor, note=note)
    return ids


def assign(*, session: Session, claim_id: int, assignee: str | None, actor: str,
           expected_version: int | None = None) -> Claim:
    """Give a claim to a reviewer (``None`` to unassign)."""
    actor = _check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    before = claim.assignee
    claim.assignee = assignee.strip() if assignee and assignee.strip() else None
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="assign",
                 from_status=claim.status, to_status=claim.status,
                 details={"from": before, "to": claim.assignee})
    return claim


def edit_text(*, session: Session, claim_id: int, text: str, actor: str,
              expected_version: int | None = None) -> Claim:
    """Reword the claim's statement (the quote never changes)."""
    actor = _check_actor(actor)
    if not text.strip():
        raise UsageError("empty claim text; pass the claim as a sentence")
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    before = claim.text
    claim.text = text.strip()
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="edit-text",
                 from_status=claim.status, to_status=claim.status,
                 details={"from": before, "to": claim.text})
    _withdraw_if_changed(session, claim, actor, "editing the claim text")
    return claim


def add_evidence(*, session: Session, claim_id: int, url: str, publisher: str, quote: str,
                 stance: str, actor: str, title: str | None = None,
                 published: dt.date | None = None, expected_version: int | None = None
                 ) -> Evidence:
    """Attach a source to the claim."""
    from factcheck.models import Evidence

    actor = _check_actor(actor)
    if stance not in STANCES:
        raise UsageError(f"stance '{stance}' is not one of {', '.join(STANCES)}")
    for name, value in (("url", url), ("publisher", publisher), ("quote", quote)):
        if not value or not value.strip():
            raise UsageError(f"empty --{name}; evidence needs a url, a publisher and a quote")
    if not url.strip().lower().startswith(("http://", "https://")):
        raise UsageError(f"url '{url}' is not an http(s) address; give the source's link")
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    if claim.status == "dismissed":
        raise WorkflowError(f"claim {claim.id} is dismissed; accept it first ('factcheck "
                            "review triage ID --accept')")
    evidence = Evidence(claim_id=claim.id, url=url.strip(), publisher=publisher.strip(),
                        title=title.strip() if title else None, quote=quote.strip(),
                        stance=stance, published=published, added_by=actor, added_at=_now())
    session.add(evidence)
    _touch(claim)
    session.add(claim)
    session.flush()
    append_event(session=session, claim_id=claim.id, actor=actor, action="evidence-add",
                 from_status=claim.status, to_status=claim.status,
                 details={"evidence_id": evidence.id, "url": evidence.url,
                          "stance": stance})
    _withdraw_if_changed(session, claim, actor, "adding evidence")
    return evidence


def remove_evidence(*, session: Session, evidence_id: int, actor: str,
                    note: str | None = None) -> Evidence:
    """Take a source off a claim (kept on record as removed)."""
    from factcheck.models import Evidence

    actor = _check_actor(actor)
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.removed_at is not None:
        raise NotFoundError(f"no evidence {evidence_id}; see 'factcheck evidence list CLAIM'")
    claim = lock_claim(session=session, claim_id=evidence.claim_id)
    evidence.removed_by, evidence.removed_at = actor, _now()
    session.add(evidence)
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="evidence-remove",
                 from_status=claim.status, to_status=claim.status, note=note,
                 details={"evidence_id": evidence.id})
    _withdraw_if_changed(session, claim, actor, "removing evidence")
    return evidence


def _check_evidence_for(session: Session, claim: Claim, rating: str) -> None:
    if rating not in RATINGS:
        raise UsageError(f"rating '{rating}' is not one of {', '.join(RATINGS)}")
    r = RATINGS[rating]
    if rating == "unverifiable":
        return
    evidence = active_evidence(session=session, claim_id=claim.id)
    if not evidence:
        raise WorkflowError(f"claim {claim.id} has no evidence; a '{rating}' verdict needs "
                            "at least one source ('factcheck evidence add')")
    if r.needs and not any(e.stance == r.needs for e in evidence):
        raise WorkflowError(f"a '{rating}' verdict needs at least one evidence item that "
                            f"{r.needs[:-1]}s the claim; claim {claim.id} has none")


def _new_verdict(session: Session, claim: Claim, rating: str, summary: str, actor: str,
                 note: str | None) -> Verdict:
    from factcheck.models import Verdict

    if not summary or not summary.strip():
        raise UsageError("empty --summary; say in a sentence why the claim earns its rating")
    previous = current_verdict(session=session, claim_id=claim.id)
    now = _now()
    if previous is not None:
        previous.superseded_at = now
        session.add(previous)
    verdict = Verdict(claim_id=claim.id, rating=rating, summary=summary.strip(), author=actor,
                      created_at=now, correction_note=note)
    session.add(verdict)
    session.flush()
    return verdict


def rate(*, session: Session, claim_id: int, rating: str, summary: str, actor: str,
         expected_version: int | None = None) -> Verdict:
    """Write (or rewrite, before publication) the claim's verdict."""
    actor = _check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = _check_move(claim, "rate")
    previous = current_verdict(session=session, claim_id=claim.id)
    if previous is not None and previous.published_at is not None:
        raise WorkflowError(f"claim {claim.id}'s verdict was published; correct it with "
                            "'factcheck review correct ID --rating R --summary S --note N' so "
                            "the published verdict stays on record")
    _check_evidence_for(session, claim, rating)
    before = claim.status
    verdict = _new_verdict(session, claim, rating, summary, actor, None)
    claim.approved_by = claim.approved_at = claim.approval_hash = None
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="rate",
                 from_status=before, to_status=to,
                 details={"verdict_id": verdict.id, "rating": rating, "summary": summary})
    return verdict


def approve(*, session: Session, claim_id: int, actor: str,
            expected_version: int | None = None) -> Claim:
    """Sign off a verdict; the approver must not be its author."""
    actor = _check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = _check_move(claim, "approve")
    verdict = current_verdict(session=session, claim_id=claim.id)
    if verdict is None:  # a rated claim always has one; guard against hand-edited rows
        raise WorkflowError(f"claim {claim.id} has no verdict to approve")
    if verdict.author == actor:
        raise WorkflowError(f"{actor} wrote this verdict and cannot approve it; a second "
                            "reviewer must ('factcheck review approve ID --as NAME')")
    _check_evidence_for(session, claim, verdict.rating)
    claim.approval_hash = content_hash(session=session, claim=claim)
    claim.approved_by, claim.approved_at = actor, _now()
    _move(session, claim, "approve", to, actor,
          details={"verdict_id": verdict.id, "approval_hash": claim.approval_hash})
    return claim


def publish(*, session: Session, claim_id: int, actor: str,
            expected_version: int | None = None) -> Claim:
    """Publish an approved verdict whose approved content is unchanged."""
    actor = _check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = _check_move(claim, "publish")
    if claim.approval_hash != content_hash(session=session, claim=claim):
        _withdraw_if_changed(session, claim, actor, "a change after approval")
        raise WorkflowError(f"claim {claim.id} changed after its approval; it needs a new "
                            "approval")
    verdict = current_verdict(session=session, claim_id=claim.id)
    now = _now()
    claim.published_at = now
    if verdict is not None:
        verdict.published_at = now
        session.add(verdict)
    _move(session, claim, "publish", to, actor, details={"verdict_id": verdict.id
                                                          if verdict else None})
    return claim


def correct(*, session: Session, claim_id: int, rating: str, summary: str, note: str,
            actor: str, expected_version: int | None = None) -> Verdict:
    """Correct a published verdict (the claim may since have gone back to ``rated``): a new
    verdict with a correction note; the published one stays on record. The correction
    needs a second reviewer's approval to be published."""
    actor = _check_actor(actor)
    if not note or not note.strip():
        raise UsageError("empty --note; a correction must say what was corrected")
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = _check_move(claim, "correct")
    previous = current_verdict(session=session, claim_id=claim.id)
    if previous is None or previous.published_at is None:
        raise WorkflowError(f"claim {claim.id} has no published verdict to correct; rate it "
                            "with 'factcheck review rate'")
    _check_evidence_for(session, claim, rating)
    verdict = _new_verdict(session, claim, rating, summary, actor, note.strip())
    claim.approved_by = claim.approved_at = claim.approval_hash = None
    before = claim.status
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="correct",
                 from_status=before, to_status=to, note=note.strip(),
                 details={"verdict_id": verdict.id, "rating": rating,
                          "corrects_verdict_id": previous.id if previous else None})
    return verdict


# --- reading --------------------------------------------------------------------------

def evidence_to_dict(e: Evidence) -> dict[str, Any]:
    """An evidence item in the JSON contract."""
    return {"id": e.id, "claim_id": e.claim_id, "url": e.url, "publisher": e.publisher,
            "title": e.title, "quote": e.quote, "stance": e.stance,
            "published": e.published.isoformat() if e.published else None,
            "added_by": e.added_by, "added_at": e.added_at.isoformat() if e.added_at else None}


def verdict_to_dict(v: Verdict) -> dict[str, Any]:
    """A verdict in the JSON contract (rating number on the 1-6 ClaimReview scale)."""
    r = RATINGS.get(v.rating)
    return {"id": v.id, "rating": v.rating, "rating_value": r.value if r else None,
            "summary": v.summary, "author": v.author,
            "created_at": v.created_at.isoformat() if v.created_at else None,
            "superseded_at": v.superseded_at.isoformat() if v.superseded_at else None,
            "correction_note": v.correction_note,
            "published_at": v.published_at.isoformat() if v.published_at else None}


def review_state(*, session: Session, claim: Claim) -> dict[str, Any]:
    """The review fields of ``claims show``: verdict, evidence, approval, earlier verdicts."""
    from sqlmodel import select

    from factcheck.models import Verdict

    verdict = current_verdict(session=session, claim_id=claim.id)
    earlier = session.exec(select(Verdict).where(Verdict.claim_id == claim.id,
                                                 Verdict.superseded_at.is_not(None))
                           .order_by(Verdict.id)).all()
    approval = None
    if claim.approved_by:
        approval = {"by": claim.approved_by,
                    "at": claim.approved_at.isoformat() if claim.approved_at else None,
                    "hash": claim.approval_hash}
    return {"version": claim.version, "assignee": claim.assignee,
            "rating": verdict.rating if verdict else None,
            "summary": verdict.summary if verdict else None,
            "verdict": verdict_to_dict(verdict) if verdict else None,
            "previous_verdicts": [verdict_to_dict(v) for v in earlier],
            "evidence": [evidence_to_dict(e) for e in
                         active_evidence(session=session, claim_id=claim.id)],
            "approval": approval,
            "published_at": claim.published_at.isoformat() if claim.published_at else None}


def list_evidence(*, session: Session, claim_id: int) -> list[dict[str, Any]]:
    """The claim's current evidence."""
    from factcheck.ledger import get_claim

    get_claim(session=session, claim_id=claim_id)
    return [evidence_to_dict(e) for e in active_evidence(session=session, claim_id=claim_id)]


def review_queue(*, session: Session, reviewer: str, article_id: int | None = None,
                 statuses: tuple[str, ...] = ("new", "triaged")) -> list[int]:
    """Claim ids waiting for work: the reviewer's own first, then by score."""
    from sqlalchemy import case
    from sqlmodel import select

    from factcheck.models import Claim

    mine = case((Claim.assignee == reviewer, 0), else_=1)
    query = select(Claim.id).where(Claim.status.in_(statuses))
    if article_id is not None:
        query = query.where(Claim.article_id == article_id)
    query = query.where((Claim.assignee.is_(None)) | (Claim.assignee == reviewer))
    return list(session.exec(query.order_by(mine, Claim.score.desc(), Claim.id)))
