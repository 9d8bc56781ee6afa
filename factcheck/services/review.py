"""The editorial workflow: triage, evidence, verdicts, sign-off, publication, corrections.

Each action locks the claim row, checks the rules of ``core.rules``, writes, and appends a
hash-chained event, all in the caller's transaction. Any change to what was approved
(claim text, quote, rating, summary, evidence) withdraws the approval: the claim goes back
to ``rated``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from sqlalchemy import case, update
from sqlmodel import Session, select

from factcheck.core.rules import (
    check_actor,
    check_evidence,
    check_link,
    check_rating,
    check_stance,
    check_url,
    next_status,
    same_reviewer,
)
from factcheck.core.vocabulary import QUEUE_STATUSES
from factcheck.errors import ConflictError, NotFoundError, UsageError, WorkflowError
from factcheck.storage.events import append_event
from factcheck.storage.models import Appearance, Claim, Evidence, Verdict, utcnow
from factcheck.storage.queries import (
    active_evidence,
    appearances_of,
    current_verdict,
    get_article,
    last_event_of,
    merged_into_this,
)
from factcheck.storage.queries import lock_claim as _lock


def lock_claim(*, session: Session, claim_id: int, expected_version: int | None = None
               ) -> Claim:
    """Load the claim for writing (row locked) and check it is still at
    ``expected_version`` if one is given."""
    claim = _lock(session=session, claim_id=claim_id)
    if expected_version is not None and claim.version != expected_version:
        raise ConflictError(conflict_message(session=session, claim=claim))
    return claim


def conflict_message(*, session: Session, claim: Claim) -> str:
    """"claim 12 was changed by <reviewer> at <time>; re-run"."""
    last = last_event_of(session=session, claim_id=claim.id)
    who = last.actor if last else "someone"
    when = (last.at if last else claim.updated_at).astimezone(dt.UTC)
    return (f"claim {claim.id} was changed by {who} at {when:%Y-%m-%d %H:%M:%S} UTC; "
            "re-run")


def _touch(claim: Claim) -> None:
    claim.version += 1
    claim.updated_at = utcnow()


def _move(session: Session, claim: Claim, action: str, to: str, actor: str,
          note: str | None = None, details: dict[str, Any] | None = None) -> None:
    before = claim.status
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action=action,
                 from_status=before, to_status=to, note=note, details=details)


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
          note=f"{reason} changed what was approved", details={"was": was})
    return True


def _stances(session: Session, claim: Claim) -> list[str]:
    return [e.stance for e in active_evidence(session=session, claim_id=claim.id)]


def _required(value: str | None, what: str) -> str:
    if not value or not value.strip():
        raise UsageError(f"empty {what}", hint=what.replace(" ", "-"))
    return value.strip()


# --- actions --------------------------------------------------------------------------

def triage(*, session: Session, claim_id: int, accept: bool, actor: str,
           note: str | None = None, expected_version: int | None = None) -> Claim:
    """Accept a claim for checking (``triaged``) or dismiss it."""
    actor = check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    action = "accept" if accept else "dismiss"
    to = next_status(claim_id=claim.id, status=claim.status, action=action)
    _move(session, claim, action, to, actor, note=note)
    return claim


def bulk_triage(*, session: Session, accept: bool, actor: str, below: float | None = None,
                above: float | None = None, article_id: int | None = None,
                note: str | None = None) -> list[int]:
    """Triage every ``new`` claim in a score band at once; returns the claim ids moved."""
    if below is None and above is None:
        raise UsageError("no score band to choose the claims by", hint="score-band")
    query = select(Claim.id).where(Claim.status == "new", Claim.merged_into.is_(None))
    if below is not None:
        query = query.where(Claim.score < below)
    if above is not None:
        query = query.where(Claim.score >= above)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
        query = query.where(Claim.article_id == article_id)
    ids = list(session.exec(query.order_by(Claim.id)))
    for cid in ids:
        triage(session=session, claim_id=cid, accept=accept, actor=actor, note=note)
    return ids


def assign(*, session: Session, claim_id: int, assignee: str | None, actor: str,
           expected_version: int | None = None) -> Claim:
    """Give a claim to a reviewer (``None`` to unassign)."""
    actor = check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    before = claim.assignee
    claim.assignee = assignee.strip() if assignee and assignee.strip() else None
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="assign",
                 from_status=claim.status, to_status=claim.status,
                 details={"from": before, "to": claim.assignee})
    return claim


def edit_claim(*, session: Session, claim_id: int, actor: str, text: str | None = None,
               claimant: str | None = None, expected_version: int | None = None) -> Claim:
    """Reword the claim's statement and/or correct its claimant (the quote never
    changes). Rewording withdraws an approval; both are recorded in the history."""
    actor = check_actor(actor)
    if text is None and claimant is None:
        raise UsageError("nothing to change", hint="edit-what")
    if text is not None:
        text = _required(text, "claim text")
    if claimant is not None:
        claimant = _required(claimant, "claimant")
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    if text is not None and text != claim.text:
        before = claim.text
        claim.text = text
        _touch(claim)
        session.add(claim)
        append_event(session=session, claim_id=claim.id, actor=actor, action="edit-text",
                     from_status=claim.status, to_status=claim.status,
                     details={"from": before, "to": claim.text})
        _withdraw_if_changed(session, claim, actor, "editing the claim text")
    if claimant is not None and claimant != claim.claimant:
        before = claim.claimant
        claim.claimant = claimant
        _touch(claim)
        session.add(claim)
        append_event(session=session, claim_id=claim.id, actor=actor, action="edit-claimant",
                     from_status=claim.status, to_status=claim.status,
                     details={"from": before, "to": claimant})
    return claim


def add_evidence(*, session: Session, claim_id: int, url: str, publisher: str, quote: str,
                 stance: str, actor: str, title: str | None = None,
                 published: dt.date | None = None, expected_version: int | None = None
                 ) -> Evidence:
    """Attach a source to the claim."""
    actor = check_actor(actor)
    check_stance(stance)
    url = check_url(_required(url, "evidence url"), what="url")
    publisher = _required(publisher, "evidence publisher")
    quote = _required(quote, "evidence quote")
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    if claim.status == "dismissed":
        raise WorkflowError(f"claim {claim.id} is dismissed; accept it first", hint="accept")
    evidence = Evidence(claim_id=claim.id, url=url, publisher=publisher,
                        title=title.strip() if title else None, quote=quote,
                        stance=stance, published=published, added_by=actor, added_at=utcnow())
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
    actor = check_actor(actor)
    evidence = session.get(Evidence, evidence_id)
    if evidence is None or evidence.removed_at is not None:
        raise NotFoundError(f"no evidence {evidence_id}", hint="evidence-list")
    claim = lock_claim(session=session, claim_id=evidence.claim_id)
    evidence.removed_by, evidence.removed_at = actor, utcnow()
    session.add(evidence)
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="evidence-remove",
                 from_status=claim.status, to_status=claim.status, note=note,
                 details={"evidence_id": evidence.id})
    _withdraw_if_changed(session, claim, actor, "removing evidence")
    return evidence


def _new_verdict(session: Session, claim: Claim, rating: str, summary: str, actor: str,
                 note: str | None) -> Verdict:
    summary = _required(summary, "summary")
    previous = current_verdict(session=session, claim_id=claim.id)
    now = utcnow()
    if previous is not None:
        previous.superseded_at = now
        session.add(previous)
    verdict = Verdict(claim_id=claim.id, rating=rating, summary=summary, author=actor,
                      created_at=now, correction_note=note)
    session.add(verdict)
    session.flush()
    return verdict


def rate(*, session: Session, claim_id: int, rating: str, summary: str, actor: str,
         expected_version: int | None = None) -> Verdict:
    """Write (or rewrite, before publication) the claim's verdict."""
    actor = check_actor(actor)
    check_rating(rating)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = next_status(claim_id=claim.id, status=claim.status, action="rate")
    previous = current_verdict(session=session, claim_id=claim.id)
    if previous is not None and previous.published_at is not None:
        raise WorkflowError(f"claim {claim.id}'s verdict was published; correct it so the "
                            "published verdict stays on record", hint="correct")
    check_evidence(claim_id=claim.id, rating=rating, stances=_stances(session, claim))
    before = claim.status
    verdict = _new_verdict(session, claim, rating, summary, actor, None)
    claim.approved_by = claim.approved_at = claim.approval_hash = None
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="rate",
                 from_status=before, to_status=to,
                 details={"verdict_id": verdict.id, "rating": rating,
                          "summary": verdict.summary})
    return verdict


def approve(*, session: Session, claim_id: int, actor: str,
            expected_version: int | None = None) -> Claim:
    """Sign off a verdict; the approver must not be its author (names compared without
    case or surrounding space)."""
    actor = check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = next_status(claim_id=claim.id, status=claim.status, action="approve")
    verdict = current_verdict(session=session, claim_id=claim.id)
    if verdict is None:  # a rated claim always has one; guard against hand-edited rows
        raise WorkflowError(f"claim {claim.id} has no verdict to approve")
    if same_reviewer(verdict.author, actor):
        raise WorkflowError(f"{actor} wrote this verdict and cannot approve it; a second "
                            "reviewer must", hint="approve")
    check_evidence(claim_id=claim.id, rating=verdict.rating, stances=_stances(session, claim))
    claim.approval_hash = content_hash(session=session, claim=claim)
    claim.approved_by, claim.approved_at = actor, utcnow()
    _move(session, claim, "approve", to, actor,
          details={"verdict_id": verdict.id, "approval_hash": claim.approval_hash})
    return claim


def publish(*, session: Session, claim_id: int, actor: str,
            expected_version: int | None = None) -> Claim:
    """Publish an approved verdict whose approved content is unchanged."""
    actor = check_actor(actor)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = next_status(claim_id=claim.id, status=claim.status, action="publish")
    if claim.approval_hash != content_hash(session=session, claim=claim):
        _withdraw_if_changed(session, claim, actor, "a change after approval")
        raise WorkflowError(f"claim {claim.id} changed after its approval; it needs a new "
                            "approval")
    verdict = current_verdict(session=session, claim_id=claim.id)
    now = utcnow()
    claim.published_at = now
    if verdict is not None:
        verdict.published_at = now
        session.add(verdict)
    _move(session, claim, "publish", to, actor,
          details={"verdict_id": verdict.id if verdict else None})
    return claim


def correct(*, session: Session, claim_id: int, rating: str, summary: str, note: str,
            actor: str, expected_version: int | None = None) -> Verdict:
    """Correct a published verdict (the claim may since have gone back to ``rated``): a new
    verdict with a correction note; the published one stays on record. The correction
    needs a second reviewer's approval to be published."""
    actor = check_actor(actor)
    note = _required(note, "correction note")
    check_rating(rating)
    claim = lock_claim(session=session, claim_id=claim_id, expected_version=expected_version)
    to = next_status(claim_id=claim.id, status=claim.status, action="correct")
    previous = current_verdict(session=session, claim_id=claim.id)
    if previous is None or previous.published_at is None:
        raise WorkflowError(f"claim {claim.id} has no published verdict to correct; rate "
                            "it instead", hint="rate")
    check_evidence(claim_id=claim.id, rating=rating, stances=_stances(session, claim))
    verdict = _new_verdict(session, claim, rating, summary, actor, note)
    claim.approved_by = claim.approved_at = claim.approval_hash = None
    before = claim.status
    claim.status = to
    _touch(claim)
    session.add(claim)
    append_event(session=session, claim_id=claim.id, actor=actor, action="correct",
                 from_status=before, to_status=to, note=note,
                 details={"verdict_id": verdict.id, "rating": rating,
                          "corrects_verdict_id": previous.id})
    return verdict


def link(*, session: Session, claim_id: int, other_id: int, actor: str) -> Claim:
    """Make ``other`` one claim with ``claim``: its appearances become the claim's and it is
    kept on record as merged into it (recorded in both histories). Refused when ``other``
    has a verdict of its own that differs."""
    actor = check_actor(actor)
    first, second = sorted((claim_id, other_id))  # lock in id order: no deadlock
    locked = {cid: lock_claim(session=session, claim_id=cid) for cid in (first, second)}
    claim, other = locked[claim_id], locked[other_id]
    mine = current_verdict(session=session, claim_id=claim.id)
    theirs = current_verdict(session=session, claim_id=other.id)
    check_link(claim_id=claim.id, other_id=other.id, claim_merged_into=claim.merged_into,
               other_merged_into=other.merged_into, claim_rating=mine.rating if mine else None,
               other_rating=theirs.rating if theirs else None)
    moved = [ap.id for ap, _, _ in appearances_of(session=session,
                                                  claim_ids=[other.id])[other.id]]
    session.execute(update(Appearance).where(Appearance.claim_id == other.id)
                    .values(claim_id=claim.id).execution_options(synchronize_session=False))
    for merged in merged_into_this(session=session, claim_id=other.id):
        merged.merged_into = claim.id  # what was merged into other now lies under claim
        session.add(merged)
    other.merged_into = claim.id
    _touch(other)
    _touch(claim)
    session.add_all([other, claim])
    append_event(session=session, claim_id=other.id, actor=actor, action="merged",
                 from_status=other.status, to_status=other.status,
                 details={"into": claim.id, "appearances": moved})
    append_event(session=session, claim_id=claim.id, actor=actor, action="link",
                 from_status=claim.status, to_status=claim.status,
                 details={"merged": other.id, "appearances": moved})
    return claim


def unlink(*, session: Session, claim_id: int, appearance_id: int, actor: str) -> Claim:
    """Give an appearance back to the claim it was found as (which is no longer merged);
    the appearance where ``claim`` itself was found cannot be unlinked. Returns the claim
    the appearance went back to."""
    actor = check_actor(actor)
    appearance = session.get(Appearance, appearance_id)
    if appearance is None or appearance.claim_id != claim_id:
        raise NotFoundError(f"claim {claim_id} has no appearance {appearance_id}",
                            hint="claim-show", claim=claim_id)
    origin_id = appearance.origin_claim_id
    if origin_id is None or origin_id == claim_id:
        raise WorkflowError(f"appearance {appearance_id} is where claim {claim_id} was "
                            "found; it cannot be unlinked from it")
    first, second = sorted((claim_id, origin_id))
    locked = {cid: lock_claim(session=session, claim_id=cid) for cid in (first, second)}
    claim, origin = locked[claim_id], locked[origin_id]
    appearance.claim_id = origin.id
    session.add(appearance)
    if origin.merged_into == claim.id:
        origin.merged_into = None
    _touch(origin)
    _touch(claim)
    session.add_all([origin, claim])
    append_event(session=session, claim_id=claim.id, actor=actor, action="unlink",
                 from_status=claim.status, to_status=claim.status,
                 details={"appearance": appearance_id, "to": origin.id})
    append_event(session=session, claim_id=origin.id, actor=actor, action="unmerged",
                 from_status=origin.status, to_status=origin.status,
                 details={"appearance": appearance_id, "from": claim.id})
    return origin


def review_queue(*, session: Session, reviewer: str, article_id: int | None = None,
                 statuses: tuple[str, ...] = QUEUE_STATUSES) -> list[int]:
    """Claim ids waiting for ``reviewer``: unassigned or theirs, their own first, then by
    score; verdicts they wrote are left to a second reviewer."""
    mine = case((Claim.assignee == reviewer, 0), else_=1)
    query = select(Claim.id).where(Claim.status.in_(statuses), Claim.merged_into.is_(None))
    if article_id is not None:
        get_article(session=session, article_id=article_id)
        query = query.where(Claim.article_id == article_id)
    query = query.where((Claim.assignee.is_(None)) | (Claim.assignee == reviewer))
    ids = list(session.exec(query.order_by(mine, Claim.score.desc(), Claim.id)))
    if not any(s in ("rated", "approved") for s in statuses):
        return ids
    # a verdict's author does not sign it off: leave rated claims they wrote to others
    authors = dict(session.exec(select(Verdict.claim_id, Verdict.author).where(
        Verdict.superseded_at.is_(None), Verdict.claim_id.in_(
            select(Claim.id).where(Claim.status == "rated")))).all())
    return [cid for cid in ids if not same_reviewer(authors.get(cid), reviewer)]
