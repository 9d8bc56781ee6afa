"""Bulk writes: an ingested article with its sentences, claims and quantities.

Core statements and the driver's own ``executemany``: the ORM's per-row bookkeeping would
cost more than the detection itself on a large corpus. Everything runs inside the
caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import Connection, Table, text

from factcheck.matching import fingerprint
from factcheck.storage import search
from factcheck.storage.models import Appearance, Claim, Quantity, Sentence, utcnow
from factcheck.storage.records import QuantityRecord

QUANTITY_FIELDS = tuple(QuantityRecord.model_fields)
ARTICLE_COLUMNS = ("title", "url", "outlet", "author", "published", "sha256", "source", "text",
                   "ingested_at")


class PreparedClaimLike(Protocol):
    """What ``insert_article_rows`` reads of a detected claim."""

    quote: str
    start: int
    end: int
    score: float
    kind: str
    claimant: str
    claimant_kind: str | None
    sentence_index: int
    quantities: list


class PreparedArticleLike(Protocol):
    """What ``insert_article_rows`` reads of a prepared article (``ingest.pipeline``)."""

    title: str
    url: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    sha256: str
    source: str
    text: str
    sentences: list
    claims: list


def db_time(conn: Connection, value: dt.datetime) -> Any:
    """A timestamp as the driver takes it for a DateTime column: SQLAlchemy keeps SQLite
    timestamps as naive-UTC text, so bypassing it must write the same text."""
    if conn.dialect.name == "sqlite":
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def mark(conn: Connection) -> str:
    """The driver's positional placeholder: sqlite3 takes ``?``, psycopg ``%s``."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


@lru_cache(maxsize=64)
def insert_sql(table: str, columns: tuple[str, ...], placeholder: str,
                returning: str | None = None) -> str:
    quoted = ", ".join(f'"{c}"' for c in columns)
    sql = (f'INSERT INTO "{table}" ({quoted}) VALUES '
           f"({', '.join(placeholder for _ in columns)})")
    return sql + (f" RETURNING {returning}" if returning else "")


def executemany(conn: Connection, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> None:
    """INSERT many rows with the driver's own executemany: plain SQL, built once per
    table and columns (the per-row work of an ingest must stay small)."""
    rows = list(rows)
    if not rows:
        return
    conn.exec_driver_sql(insert_sql(table.name, tuple(columns), mark(conn)), rows)


def _ids(conn: Connection, table: str, article_id: int, order: str) -> list[int]:
    return [r[0] for r in conn.exec_driver_sql(
        f'SELECT id FROM "{table}" WHERE article_id = {mark(conn)} ORDER BY {order}',
        (article_id,))]


def insert_quantities(conn: Connection, pairs: Iterable[tuple[int, Any]]) -> None:
    """Store quantities: (claim id, an object with the quantity fields) pairs."""
    executemany(conn, Quantity.__table__, ("claim_id", *QUANTITY_FIELDS),
                [(cid, *(getattr(q, f) if not isinstance(q, dict) else q[f]
                         for f in QUANTITY_FIELDS)) for cid, q in pairs])


def insert_sentences(conn: Connection, article_id: int,
                     sentences: Iterable[tuple[int, int, float]]) -> list[int]:
    """Store an article's sentences (start, end, score) in order; return their ids."""
    executemany(conn, Sentence.__table__, ("article_id", "position", "start", "end", "score"),
                [(article_id, i, s[0], s[1], s[2]) for i, s in enumerate(sentences)])
    return _ids(conn, "sentence", article_id, "position")


def insert_article_rows(conn: Connection, prepared: PreparedArticleLike,
                        fingerprints: list[str] | None = None) -> tuple[int, list[int]]:
    """Write one prepared article with its sentences, claims (with their wording's
    ``fingerprints``, computed here when not given), appearances, search documents and
    quantities; return its id and its claims' ids (in the order of ``prepared.claims``).
    Its claims have had matching's quick stage."""
    now = utcnow()
    claim_t = Claim.__table__
    stamp = db_time(conn, now)
    published = prepared.published
    if published is not None and conn.dialect.name == "sqlite":
        published = published.isoformat()  # as SQLAlchemy stores a Date on SQLite
    article_id = conn.exec_driver_sql(
        insert_sql("article", ARTICLE_COLUMNS, mark(conn), "id"),
        (prepared.title, prepared.url, prepared.outlet, prepared.author, published,
         prepared.sha256, prepared.source, prepared.text, stamp)).scalar_one()
    sentence_ids = insert_sentences(conn, article_id, [(s.start, s.end, s.score)
                                                       for s in prepared.sentences])
    claim_ids: list[int] = []
    if prepared.claims:
        executemany(conn, claim_t, ("article_id", "sentence_id", "text", "quote", "start",
                                    "end", "score", "kind", "claimant", "claimant_kind",
                                    "status", "origin", "created_at", "updated_at",
                                    "version", "fingerprint", "match_stage"),
                    [(article_id, sentence_ids[c.sentence_index], c.quote, c.quote, c.start,
                      c.end, c.score, c.kind, c.claimant, c.claimant_kind,
                      "new", "detected", stamp, stamp, 1, fp, "screen")
                     for c, fp in zip(prepared.claims, fingerprints or [
                         fingerprint(c.quote) for c in prepared.claims], strict=True)])
        # the article is new in this transaction: its claims' ids are exactly these, in
        # the order they were inserted
        claim_ids = _ids(conn, "claim", article_id, "id")
        executemany(conn, Appearance.__table__, ("claim_id", "article_id", "start", "end",
                                                 "quote", "origin_claim_id", "added_at"),
                    [(cid, article_id, c.start, c.end, c.quote, cid, stamp)
                     for cid, c in zip(claim_ids, prepared.claims, strict=True)])
        search.write(conn, {cid: (c.quote, c.quote, c.claimant or "", "", "")
                            for cid, c in zip(claim_ids, prepared.claims, strict=True)},
                     replace=False)
        insert_quantities(conn, [(cid, q) for cid, c in zip(claim_ids, prepared.claims,
                                                            strict=True)
                                 for q in c.quantities])
    return article_id, claim_ids


ID_TABLES = ("article", "sentence", "claim", "quantity", "evidence", "verdict",
             "appearance")


def advance_sequences(conn: Connection) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in ID_TABLES:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                          f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
