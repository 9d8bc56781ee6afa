"""Bulk writes: an ingested article with its sentences, claims and quantities.

Core statements and the driver's own ``executemany``: the ORM's per-row bookkeeping would
cost more than the detection itself on a large corpus. Everything runs inside the
caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from sqlalchemy import Connection, Table, insert, select, text

from factcheck.matching import fingerprint
from factcheck.storage import search
from factcheck.storage.models import Appearance, Article, Claim, Quantity, Sentence, utcnow
from factcheck.storage.records import QuantityRecord

QUANTITY_FIELDS = tuple(QuantityRecord.model_fields)


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
        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def executemany(conn: Connection, table: Table, columns: Sequence[str],
                rows: Iterable[Sequence[Any]]) -> None:
    """INSERT many rows with the driver's own executemany (positional placeholders:
    sqlite3 takes ``?``, psycopg ``%s``)."""
    rows = list(rows)
    if not rows:
        return
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(mark for _ in columns)})")
    conn.exec_driver_sql(sql, rows)


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
    t = Sentence.__table__
    return list(conn.execute(select(t.c.id).where(t.c.article_id == article_id)
                             .order_by(t.c.position)).scalars())


def insert_article_rows(conn: Connection, prepared: PreparedArticleLike
                        ) -> tuple[int, list[int]]:
    """Write one prepared article with its sentences, claims and quantities; return its
    id and its claims' ids (in the order of ``prepared.claims``)."""
    now = utcnow()
    article_t, claim_t = Article.__table__, Claim.__table__
    article_id = conn.execute(insert(article_t).values(
        title=prepared.title, url=prepared.url, outlet=prepared.outlet,
        author=prepared.author, published=prepared.published, sha256=prepared.sha256,
        source=prepared.source, text=prepared.text, ingested_at=now,
    ).returning(article_t.c.id)).scalar_one()
    sentence_ids = insert_sentences(conn, article_id, [(s.start, s.end, s.score)
                                                       for s in prepared.sentences])
    claim_ids: list[int] = []
    if prepared.claims:
        stamp = db_time(conn, now)
        executemany(conn, claim_t, ("article_id", "sentence_id", "text", "quote", "start",
                                    "end", "score", "kind", "claimant", "claimant_kind",
                                    "status", "origin", "created_at", "updated_at",
                                    "version", "fingerprint"),
                    [(article_id, sentence_ids[c.sentence_index], c.quote, c.quote, c.start,
                      c.end, c.score, c.kind, c.claimant, c.claimant_kind,
                      "new", "detected", stamp, stamp, 1, fingerprint(c.quote))
                     for c in prepared.claims])
        # the article is new in this transaction: its claims' ids are exactly these, in
        # the order they were inserted
        claim_ids = list(conn.execute(select(claim_t.c.id).where(
            claim_t.c.article_id == article_id).order_by(claim_t.c.id)).scalars())
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
