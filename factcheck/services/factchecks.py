"""The fact-checks a desk already has: imported from schema.org ClaimReview (JSON-LD: one
object, an array, ``@graph``, a ``DataFeed``, or Google's Fact Check Tools ``claims``
list) or from CSV/TSV/JSON Lines with a ``claim`` column, then listed, shown, removed.

An import is read and checked as a whole first (a bad item: one line naming it, nothing
written), then written in one transaction keyed by each item's URL (else its id), so
importing the same items again changes nothing and a changed item is updated. Sentence
embeddings for matching are computed afterwards in committed batches (resumable: what an
interrupted run left is finished by the next import or ``factcheck match --pending``).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, delete
from sqlmodel import Session, select

from factcheck.core.rules import check_actor, is_http_url, text_problem
from factcheck.errors import InputError, NotFoundError
from factcheck.ingest.readers import read_text_file
from factcheck.matching import MODEL_NAME, embedding_to_bytes, figures_of, get_encoder
from factcheck.storage.db import session_scope
from factcheck.storage.events import append_event
from factcheck.storage.models import ClaimMatch, FactCheck, utcnow

FIELDS = ("claim", "id", "title", "rating", "url", "publisher", "date", "claimant")
EMBED_BATCH = 256


@dataclass
class Item:
    """One fact-check as read, before it is stored."""

    claim: str
    key: str
    external_id: str | None = None
    title: str | None = None
    rating: str | None = None
    rating_value: float | None = None
    url: str | None = None
    publisher: str | None = None
    published: dt.date | None = None
    claimant: str | None = None
    appearances: list[str] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        """The columns it is stored in (the appearances as a JSON list)."""
        return {"key": self.key, "external_id": self.external_id, "claim": self.claim,
                "title": self.title, "rating": self.rating,
                "rating_value": self.rating_value, "url": self.url,
                "publisher": self.publisher, "published": self.published,
                "claimant": self.claimant,
                "appearances": json.dumps(self.appearances) if self.appearances else None}


@dataclass
class ImportSummary:
    """What a fact-check import did."""

    added: int
    updated: int
    unchanged: int
    embedded: int = 0
    embedding_skipped: str | None = None


# --- reading ----------------------------------------------------------------------------

def read_items(path: Path, *, publisher: str | None = None) -> list[Item]:
    """Every fact-check in a file, checked; ``InputError`` naming the first bad item."""
    text = read_text_file(path)
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        rows = _csv_rows(path, text, "\t" if suffix == ".tsv" else ",")
    elif suffix in (".jsonl", ".ndjson"):
        rows = _jsonl_rows(path, text)
    else:
        rows = _claimreview_rows(path, text)
    items, seen = [], {}
    for where, raw in rows:
        item = _item(where, raw, publisher)
        if item.key in seen:
            raise InputError(f"{where}: the same fact-check as {seen[item.key]} (key "
                             f"{item.key}); remove one of them")
        seen[item.key] = where
        items.append(item)
    if not items:
        raise InputError(f"{path}: no fact-checks found; give ClaimReview JSON-LD or a "
                         "CSV/TSV/JSONL file with a 'claim' column")
    return items


def _csv_rows(path: Path, text: str, delimiter: str) -> Iterator[tuple[str, dict]]:
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter,
                                strict=True)
        if "claim" not in (reader.fieldnames or []):
            raise InputError(f"{path}: no 'claim' column (columns: "
                             f"{', '.join(reader.fieldnames or []) or 'none'})")
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: unreadable CSV ({exc}); check its quoting") from None
    for i, row in enumerate(rows, start=2):
        if None in row:
            raise InputError(f"{path}: row {i}: more cells than columns")
        yield f"{path}: row {i}", {k: v for k, v in row.items() if k in FIELDS}


def _jsonl_rows(path: Path, text: str) -> Iterator[tuple[str, dict]]:
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: line {i}: not valid JSON ({exc.msg})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}: line {i}: not a JSON object")
        yield f"{path}: line {i}", obj


def _claimreview_rows(path: Path, text: str) -> Iterator[tuple[str, dict]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); give "
                         "ClaimReview JSON-LD or a CSV/TSV/JSONL file") from None
    found = list(_reviews(data))
    if not found and not (isinstance(data, list) and not data):
        raise InputError(f"{path}: no ClaimReview found (schema.org JSON-LD with "
                         "\"@type\": \"ClaimReview\")")
    for i, review in enumerate(found):
        yield f"{path}: ClaimReview {i + 1}", _from_claimreview(review)


def _reviews(node: Any) -> Iterator[dict]:
    """ClaimReview objects wherever JSON-LD and feeds put them."""
    if isinstance(node, list):
        for x in node:
            yield from _reviews(x)
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "ClaimReview" in kinds:
        yield node
        return
    for key in ("@graph", "dataFeedElement", "item", "itemListElement"):
        if key in node:
            yield from _reviews(node[key])
    if isinstance(node.get("claims"), list):  # Google's Fact Check Tools API
        for claim in node["claims"]:
            if not isinstance(claim, dict):
                continue
            for review in claim.get("claimReview") or []:
                if isinstance(review, dict):
                    yield {"@type": "ClaimReview", "claimReviewed": claim.get("text"),
                           "url": review.get("url"), "name": review.get("title"),
                           "datePublished": review.get("reviewDate"),
                           "author": review.get("publisher"),
                           "reviewRating": {"alternateName": review.get("textualRating")},
                           "itemReviewed": {"author": {"name": claim.get("claimant")}}}


def _name(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value if isinstance(value, str) and value.strip() else None


def _from_claimreview(review: dict) -> dict:
    rating = review.get("reviewRating") if isinstance(review.get("reviewRating"), dict) else {}
    item = review.get("itemReviewed") if isinstance(review.get("itemReviewed"), dict) else {}
    appearance = item.get("appearance") or item.get("firstAppearance") or []
    appearances = appearance if isinstance(appearance, list) else [appearance]
    return {"claim": review.get("claimReviewed"), "id": review.get("@id"),
            "title": review.get("name") or review.get("headline"),
            "rating": rating.get("alternateName") or rating.get("name"),
            "rating_value": rating.get("ratingValue"), "url": review.get("url"),
            "publisher": _name(review.get("author")) or _name(review.get("publisher")),
            "date": review.get("datePublished"), "claimant": _name(item.get("author")),
            "appearances": [a.get("url") if isinstance(a, dict) else a for a in appearances]}


def _text(where: str, name: str, value: Any, *, required: bool = False) -> str | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise InputError(f"{where}: no {name}; every fact-check needs the claim it "
                             "checked")
        return None
    if isinstance(value, int | float) and not isinstance(value, bool) and name != "claim":
        value = str(value)
    if not isinstance(value, str):
        raise InputError(f"{where}: {name} is not text")
    problem = text_problem(value)
    if problem:
        raise InputError(f"{where}: {name} {problem}")
    return value.strip()


def _item(where: str, raw: dict, publisher: str | None) -> Item:
    claim = _text(where, "claim", raw.get("claim"), required=True)
    url = _text(where, "url", raw.get("url"))
    if url is not None and not is_http_url(url):
        raise InputError(f"{where}: url '{url}' is not an http(s) address")
    external_id = _text(where, "id", raw.get("id"))
    key = url or external_id
    if key is None:
        raise InputError(f"{where}: no url and no id; one is needed to import it again "
                         "without duplicates")
    value = raw.get("rating_value")
    try:
        rating_value = float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        raise InputError(f"{where}: ratingValue '{value}' is not a number") from None
    date = _text(where, "date", raw.get("date"))
    try:
        published = dt.date.fromisoformat(date[:10]) if date else None
    except ValueError:
        raise InputError(f"{where}: date '{date}' is not YYYY-MM-DD") from None
    appearances = [a for a in (raw.get("appearances") or []) if isinstance(a, str)
                   and is_http_url(a)]
    return Item(claim=claim, key=key, external_id=external_id,
                title=_text(where, "title", raw.get("title")),
                rating=_text(where, "rating", raw.get("rating")), rating_value=rating_value,
                url=url, publisher=_text(where, "publisher", raw.get("publisher")) or publisher,
                published=published, claimant=_text(where, "claimant", raw.get("claimant")),
                appearances=appearances)


# --- storing ----------------------------------------------------------------------------

def store_items(*, session: Session, items: list[Item], source: str, actor: str
                ) -> ImportSummary:
    """Add new fact-checks and update changed ones (by key), in the caller's
    transaction; recorded in the history."""
    actor = check_actor(actor)
    existing = {f.key: f for f in session.exec(select(FactCheck).where(
        FactCheck.key.in_([i.key for i in items])))} if len(items) < 900 else {
        f.key: f for f in session.exec(select(FactCheck))}
    added = updated = unchanged = 0
    now = utcnow()
    new_rows = []
    for item in items:
        row = item.row()
        old = existing.get(item.key)
        if old is None:
            new_rows.append({**row, "source": source, "imported_by": actor, "imported_at": now,
                             "figures": _figures(item)})
            added += 1
        elif all(getattr(old, k) == v for k, v in row.items()):
            unchanged += 1
        else:
            for k, v in row.items():
                setattr(old, k, v)
            old.figures, old.embedding, old.embedding_model = _figures(item), None, None
            old.source, old.imported_by, old.imported_at = source, actor, now
            session.add(old)
            updated += 1
    if new_rows:
        session.connection().execute(FactCheck.__table__.insert(), new_rows)
    if added or updated:
        append_event(session=session, actor=actor, action="factchecks-import",
                     details={"source": source, "added": added, "updated": updated,
                              "unchanged": unchanged})
    return ImportSummary(added, updated, unchanged)


def _figures(item: Item) -> str:
    return json.dumps([f.to_dict() for f in figures_of(f"{item.claim} {item.title or ''}")])


def import_file(*, engine: Engine, path: Path, actor: str, publisher: str | None = None,
                embed: bool = True, on_progress: Callable[[int, int], None] | None = None
                ) -> ImportSummary:
    """Read and check a file, store its fact-checks in one transaction, then (``embed``,
    with the matching extra) compute their embeddings in committed batches."""
    items = read_items(path, publisher=publisher)
    source = f"{path.name} (sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:12]})"
    with session_scope(engine) as session:
        summary = store_items(session=session, items=items, source=source, actor=actor)
    if embed:
        summary.embedded, summary.embedding_skipped = embed_pending(
            engine=engine, on_progress=on_progress)
    return summary


def embed_pending(*, engine: Engine, on_progress: Callable[[int, int], None] | None = None
                  ) -> tuple[int, str | None]:
    """Compute the missing fact-check embeddings, a committed batch at a time; (how many,
    why none could be: the extra is missing) ."""
    from factcheck.matching import EncoderUnavailable

    try:
        encoder = get_encoder()
    except EncoderUnavailable as exc:
        return 0, exc.message
    done = 0
    with session_scope(engine) as session:
        total = len(list(session.exec(select(FactCheck.id).where(
            FactCheck.embedding.is_(None)))))
    while True:
        with session_scope(engine) as session:
            batch = list(session.exec(select(FactCheck).where(FactCheck.embedding.is_(None))
                                      .order_by(FactCheck.id).limit(EMBED_BATCH)))
            if not batch:
                return done, None
            vectors = encoder.encode([f.claim for f in batch])
            for f, vector in zip(batch, vectors, strict=True):
                f.embedding, f.embedding_model = embedding_to_bytes(vector), MODEL_NAME
                session.add(f)
            done += len(batch)
        if on_progress:
            on_progress(done, total)


# --- reading back -----------------------------------------------------------------------

def factcheck_record(f: FactCheck) -> dict[str, Any]:
    """A fact-check in the JSON contract of ``factchecks list/show``."""
    return {"id": f.id, "key": f.key, "external_id": f.external_id, "claim": f.claim,
            "title": f.title, "rating": f.rating, "rating_value": f.rating_value,
            "url": f.url, "publisher": f.publisher,
            "published": f.published.isoformat() if f.published else None,
            "claimant": f.claimant,
            "appearances": json.loads(f.appearances) if f.appearances else [],
            "source": f.source, "imported_by": f.imported_by,
            "imported_at": f.imported_at.isoformat() if f.imported_at else None,
            "embedded": f.embedding is not None}


def list_factchecks(*, session: Session, limit: int | None = None) -> list[dict[str, Any]]:
    """The imported fact-checks, newest first."""
    query = select(FactCheck).order_by(FactCheck.id.desc())
    if limit:
        query = query.limit(limit)
    return [factcheck_record(f) for f in session.exec(query)]


def get_factcheck(*, session: Session, factcheck_id: int) -> FactCheck:
    """The fact-check, or ``NotFoundError``."""
    f = session.get(FactCheck, factcheck_id)
    if f is None:
        raise NotFoundError(f"no fact-check {factcheck_id}", hint="factchecks-list")
    return f


def remove_factcheck(*, session: Session, factcheck_id: int, actor: str) -> dict[str, Any]:
    """Remove a fact-check and the matches to it (recorded in the history)."""
    actor = check_actor(actor)
    f = get_factcheck(session=session, factcheck_id=factcheck_id)
    data = factcheck_record(f)
    session.execute(delete(ClaimMatch).where(ClaimMatch.kind == "factcheck",
                                             ClaimMatch.target_id == f.id))
    session.delete(f)
    append_event(session=session, actor=actor, action="factcheck-remove",
                 details={"id": f.id, "key": f.key, "claim": f.claim})
    return data
