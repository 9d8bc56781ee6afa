"""Bulk writes: ingested articles with their sentences, claims and quantities.

Plain SQL and the driver's own ``executemany``, a few statements per batch of articles:
the ORM's per-row bookkeeping, or a round trip per row, would cost more than the
detection itself on a large corpus (on PostgreSQL every statement is a round trip).
Everything runs inside the caller's transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, Protocol

from sqlalchemy import Connection, Table, text

from factcheck.matching import fingerprint
from factcheck.storage import search
from factcheck.storage.models import Appearance, Article, Claim, Quantity, Sentence, utcnow
from factcheck.storage.records import QuantityRecord

QUANTITY_FIELDS = tuple(QuantityRecord.model_fields)
ARTICLE_COLUMNS = ("title", "url", "outlet", "author", "published", "sha256", "source", "text",
                   "ingested_at")


def prepare_for_bulk(conn: Connection) -> None:
    """Settings for a connection about to write many batches (outside a transaction).
    SQLite: 64 MB of page cache (its default is 2 MB), so a large ledger's index pages stay
    in memory from batch to batch (a million-claim ledger ingested at 0.83 of an empty
    one's speed before, 0.86-0.91 after); the cache fills only with pages read."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("PRAGMA cache_size=-65536")
        conn.commit()  # the connection's setting; the batches begin their own transactions


def bulk_transaction_settings(conn: Connection) -> None:
    """Settings for one bulk transaction. PostgreSQL: commits without waiting for the
    write-ahead log's flush, as SQLite in WAL mode with synchronous=NORMAL does; a crash of
    the server may lose the last batches committed, never half of one (atomicity is kept),
    and a re-run stores them again."""
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("SET LOCAL synchronous_commit TO OFF")


class PreparedClaimLike(Protocol):
    """What ``insert_articles`` reads of a detected claim."""

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
    """What ``insert_articles`` reads of a prepared article (``ingest.pipeline``)."""

    title: str
    url: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    sha256: str
    source: str
    text: str
    sentences: list
    claims: list[PreparedClaimLike]


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


def reserve_ids(conn: Connection, table: str, n: int) -> list[int]:
    """``n`` new ids for ``table``, to insert rows with their ids known beforehand (SQLite:
    the writer holds the database lock, so the next ids are free; PostgreSQL: drawn from
    the table's sequence)."""
    if n == 0:
        return []
    if conn.dialect.name == "sqlite":
        first = conn.exec_driver_sql(f'SELECT COALESCE(MAX(id), 0) + 1 FROM "{table}"'
                                     ).scalar_one()
        return list(range(first, first + n))
    return [r[0] for r in conn.exec_driver_sql(
        f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)",
        (n,))]


CLAIM_COLUMNS = ("id", "article_id", "sentence_id", "text", "quote", "start", "end", "score",
                 "kind", "claimant", "claimant_kind", "status", "origin", "created_at",
                 "updated_at", "version", "fingerprint", "match_stage")
APPEARANCE_COLUMNS = ("id", "claim_id", "article_id", "start", "end", "quote",
                      "origin_claim_id", "added_at")


def insert_articles(conn: Connection, items: Sequence[tuple[PreparedArticleLike, list[str]]]
                    ) -> list[tuple[int, list[int]]]:
    """Write prepared articles with their sentences, claims (with their wording's
    fingerprints), appearances, search documents and quantities, a few statements for the
    whole batch (ids reserved first, rows written by ``executemany``); return each
    article's id and its claims' ids (in the order of its ``claims``). The claims have had
    matching's quick stage."""
    if not items:
        return []
    stamp = db_time(conn, utcnow())
    sqlite = conn.dialect.name == "sqlite"
    article_ids = reserve_ids(conn, "article", len(items))
    sentence_ids = iter(reserve_ids(conn, "sentence", sum(len(p.sentences) for p, _ in items)))
    claim_ids = iter(reserve_ids(conn, "claim", sum(len(p.claims) for p, _ in items)))
    appearance_ids = iter(reserve_ids(conn, "appearance",
                                      sum(len(p.claims) for p, _ in items)))
    articles, sentences, claims, appearances, docs, quantities = [], [], [], [], {}, []
    out = []
    for article_id, (p, prints) in zip(article_ids, items, strict=True):
        published = p.published.isoformat() if sqlite and p.published else p.published
        articles.append((article_id, p.title, p.url, p.outlet, p.author, published, p.sha256,
                         p.source, p.text, stamp))
        sids = [next(sentence_ids) for _ in p.sentences]
        sentences += [(sid, article_id, i, s.start, s.end, s.score)
                      for i, (sid, s) in enumerate(zip(sids, p.sentences, strict=True))]
        cids = [next(claim_ids) for _ in p.claims]
        for cid, c, fp in zip(cids, p.claims, prints, strict=True):
            claims.append((cid, article_id, sids[c.sentence_index], c.quote, c.quote, c.start,
                           c.end, c.score, c.kind, c.claimant, c.claimant_kind, "new",
                           "detected", stamp, stamp, 1, fp, "screen"))
            appearances.append((next(appearance_ids), cid, article_id, c.start, c.end,
                                c.quote, cid, stamp))
            docs[cid] = (c.quote, "", c.claimant or "", "", "")
            quantities += [(cid, *(getattr(q, f) for f in QUANTITY_FIELDS))
                           for q in c.quantities]
        out.append((article_id, cids))
    executemany(conn, Article.__table__, ("id", *ARTICLE_COLUMNS), articles)
    executemany(conn, Sentence.__table__, ("id", "article_id", "position", "start", "end",
                                           "score"), sentences)
    executemany(conn, Claim.__table__, CLAIM_COLUMNS, claims)
    executemany(conn, Appearance.__table__, APPEARANCE_COLUMNS, appearances)
    executemany(conn, Quantity.__table__, ("claim_id", *QUANTITY_FIELDS), quantities)
    search.write(conn, docs, replace=False)
    return out


def insert_article_rows(conn: Connection, prepared: PreparedArticleLike,
                        fingerprints: list[str] | None = None) -> tuple[int, list[int]]:
    """``insert_articles`` for one article (fingerprints computed when not given)."""
    prints = fingerprints or [fingerprint(c.quote) for c in prepared.claims]
    return insert_articles(conn, [(prepared, prints)])[0]


ID_TABLES = ("article", "sentence", "claim", "quantity", "evidence", "verdict",
             "appearance")


def advance_sequences(conn: Connection) -> None:
    """After inserting explicit ids on PostgreSQL, move each id sequence past them."""
    if conn.dialect.name != "postgresql":
        return
    for table in ID_TABLES:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                          f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
