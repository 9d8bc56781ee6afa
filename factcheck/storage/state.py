"""The state of a record as the history vouches for it: a SHA-256 digest of what was
decided about a claim or an article.

A claim's digest covers its statement, quote, offsets, status, claimant, assignee,
approval and publication, and every verdict and evidence item it has had (removed and
superseded ones too); an article's covers its metadata and its text (re-hashed, so an
edited text shows even if the stored SHA-256 is edited with it). Scores, versions and
update times are bookkeeping and left out. Every event records the digest of the record
it left behind (``Event.state``); an ingest event also lists the first digest of each
claim found in its article. ``audit verify`` recomputes the digests of the rows as they
are and compares them with the newest event of each record.

Changing what a digest covers changes every digest: a release that does so must append
a new baseline (``append_baseline``) when it upgrades a ledger.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, select

from factcheck.storage.models import Appearance, Article, Claim, Evidence, Verdict
from factcheck.storage.records import utc_iso

CLAIM_FIELDS = ("article_id", "text", "quote", "start", "end", "status", "claimant",
                "claimant_kind", "assignee", "approved_by", "approved_at", "approval_hash",
                "published_at", "merged_into")
APPEARANCE_FIELDS = ("article_id", "start", "end", "quote", "origin_claim_id")
VERDICT_FIELDS = ("id", "rating", "summary", "author", "created_at", "superseded_at",
                  "correction_note", "published_at")
EVIDENCE_FIELDS = ("id", "url", "publisher", "title", "quote", "stance", "published",
                   "added_by", "added_at", "removed_by", "removed_at")
ARTICLE_FIELDS = ("title", "url", "outlet", "author", "published", "sha256")
# an ingest event lists each claim's first digest cut to this many hex digits (128 bits)
SHORT = 32


def _get(row: Any, name: str) -> Any:
    value = row[name] if isinstance(row, Mapping) else getattr(row, name)
    if isinstance(value, dt.datetime):
        return utc_iso(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _digest(payload: list) -> str:
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim_digest(claim_id: int, claim: Any, verdicts: Iterable[Any] = (),
                 evidence: Iterable[Any] = (), appearances: Iterable[Any] = ()) -> str:
    """The digest of a claim: its fields, its verdicts and evidence (each in id order)
    and its appearances (in article and offset order), given as rows, objects or
    mappings."""
    return _digest(["claim", claim_id, [_get(claim, f) for f in CLAIM_FIELDS],
                    [[_get(v, f) for f in VERDICT_FIELDS]
                     for v in sorted(verdicts, key=lambda v: _get(v, "id"))],
                    [[_get(e, f) for f in EVIDENCE_FIELDS]
                     for e in sorted(evidence, key=lambda e: _get(e, "id"))],
                    sorted([_get(a, f) for f in APPEARANCE_FIELDS] for a in appearances)])


def article_digest(article_id: int, article: Any, text: str) -> str:
    """The digest of an article: its metadata and the SHA-256 of its text."""
    return _digest(["article", article_id, [_get(article, f) for f in ARTICLE_FIELDS],
                    hashlib.sha256(text.encode("utf-8")).hexdigest()])


def current_claim_digest(conn: Connection, claim_id: int) -> str | None:
    """The digest of a stored claim as it is now (``None`` when it does not exist)."""
    c = Claim.__table__
    row = conn.execute(select(c).where(c.c.id == claim_id)).mappings().first()
    if row is None:
        return None
    v, e, p = Verdict.__table__, Evidence.__table__, Appearance.__table__
    verdicts = conn.execute(select(v).where(v.c.claim_id == claim_id)).mappings().all()
    evidence = conn.execute(select(e).where(e.c.claim_id == claim_id)).mappings().all()
    appearances = conn.execute(select(p).where(p.c.claim_id == claim_id)).mappings().all()
    return claim_digest(claim_id, row, verdicts, evidence, appearances)


def current_article_digest(conn: Connection, article_id: int) -> str | None:
    """The digest of a stored article as it is now (``None`` when it does not exist)."""
    a = Article.__table__
    row = conn.execute(select(a).where(a.c.id == article_id)).mappings().first()
    return None if row is None else article_digest(article_id, row, row["text"])


def all_article_digests(conn: Connection, batch: int = 500) -> Iterator[tuple[int, str]]:
    """(id, digest) of every stored article, in id order."""
    a = Article.__table__
    last = 0
    while True:
        rows = conn.execute(select(a).where(a.c.id > last).order_by(a.c.id).limit(batch)
                            ).mappings().all()
        if not rows:
            return
        for row in rows:
            yield row["id"], article_digest(row["id"], row, row["text"])
        last = rows[-1]["id"]


def all_claim_digests(conn: Connection, batch: int = 2000) -> Iterator[tuple[int, str]]:
    """(id, digest) of every stored claim, in id order (verdicts and evidence read in
    the same batches)."""
    c, v, e, p = Claim.__table__, Verdict.__table__, Evidence.__table__, Appearance.__table__
    last = 0
    while True:
        rows = conn.execute(select(c).where(c.c.id > last).order_by(c.c.id).limit(batch)
                            ).mappings().all()
        if not rows:
            return
        lo, hi = rows[0]["id"], rows[-1]["id"]
        verdicts: dict[int, list] = {}
        for r in conn.execute(select(v).where(v.c.claim_id.between(lo, hi))).mappings():
            verdicts.setdefault(r["claim_id"], []).append(r)
        evidence: dict[int, list] = {}
        for r in conn.execute(select(e).where(e.c.claim_id.between(lo, hi))).mappings():
            evidence.setdefault(r["claim_id"], []).append(r)
        appearances: dict[int, list] = {}
        for r in conn.execute(select(p).where(p.c.claim_id.between(lo, hi))).mappings():
            appearances.setdefault(r["claim_id"], []).append(r)
        for row in rows:
            cid = row["id"]
            yield cid, claim_digest(cid, row, verdicts.get(cid, ()), evidence.get(cid, ()),
                                    appearances.get(cid, ()))
        last = hi


def short(digest: str) -> str:
    """A claim digest as an ingest event lists it."""
    return digest[:SHORT]


def new_claim_digests(article_id: int, claim_ids: Sequence[int], claims: Sequence[Any]
                      ) -> dict[str, str]:
    """The short digests of claims just stored by ingest (status new, no review yet),
    keyed by claim id as text (JSON object keys): ``claim_digest`` of each, the payload
    written out directly (this runs for every claim an ingest stores)."""
    out = {}
    for cid, c in zip(claim_ids, claims, strict=True):
        payload = ["claim", cid, [article_id, c.quote, c.quote, c.start, c.end, "new",
                                  c.claimant, c.claimant_kind, None, None, None, None, None,
                                  None], [], [],
                   [[article_id, c.start, c.end, c.quote, cid]]]
        out[str(cid)] = short(_digest(payload))
    return out
