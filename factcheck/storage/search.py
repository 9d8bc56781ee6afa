"""Full-text search over claims, in the database's own engine.

SQLite: an FTS5 table (``claim_search``, rowid = claim id) with the Porter stemmer, ranked
by BM25. PostgreSQL: a ``claim_search`` table holding a weighted ``tsvector`` with a GIN
index, English stemming, ranked by ``ts_rank_cd``. Either way a claim's search document
is its statement, every quote of it worded otherwise, its claimant, its verdicts'
summaries and notes and its evidence (publisher, title, quote), and it is rewritten in the
same transaction as any change to the claim (``refresh``, called by
``events.append_event``, and ``write``, called by the bulk writers).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select, text

from factcheck.errors import UsageError
from factcheck.storage.models import Appearance, Claim, Evidence, Verdict

TABLE = "claim_search"
# column weights, statement first (SQLite bm25 weights; PostgreSQL tsvector labels A-D)
COLUMNS = ("statement", "quote", "claimant", "verdicts", "evidence")
SQLITE_WEIGHTS = (4.0, 2.0, 2.0, 1.0, 1.0)
PG_LABELS = ("A", "B", "B", "C", "D")
CHUNK = 500


def _sqlite(conn: Connection) -> bool:
    return conn.dialect.name == "sqlite"


def create_search_table(conn: Connection) -> None:
    """Create the search table for this database and fill it for every claim."""
    if _sqlite(conn):
        conn.exec_driver_sql(f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
                             f"{', '.join(COLUMNS)}, tokenize='porter unicode61 "
                             "remove_diacritics 2')")
    else:
        conn.exec_driver_sql(f"CREATE TABLE {TABLE} (claim_id integer PRIMARY KEY "
                             "REFERENCES claim(id) ON DELETE CASCADE, content text NOT NULL, "
                             "document tsvector NOT NULL)")
        conn.exec_driver_sql(f"CREATE INDEX ix_{TABLE} ON {TABLE} USING GIN (document)")
    ids = list(conn.execute(select(Claim.__table__.c.id)).scalars())
    for i in range(0, len(ids), CHUNK):
        refresh(conn, ids[i:i + CHUNK])


def drop_search_table(conn: Connection) -> None:
    """Remove the search table (migration downgrade)."""
    conn.exec_driver_sql(f"DROP TABLE IF EXISTS {TABLE}")


def documents(conn: Connection, claim_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """Each claim's search document, one text per column of ``COLUMNS``."""
    c, a, v, e = (Claim.__table__, Appearance.__table__, Verdict.__table__,
                  Evidence.__table__)
    ids = list(claim_ids)
    parts: dict[int, dict[str, list[str]]] = {
        cid: {col: [] for col in COLUMNS} for cid in ids}
    for cid, statement, claimant in conn.execute(
            select(c.c.id, c.c.text, c.c.claimant).where(c.c.id.in_(ids))):
        parts[cid]["statement"].append(statement)
        parts[cid]["claimant"].append(claimant or "")
    for cid, quote in conn.execute(select(a.c.claim_id, a.c.quote).where(
            a.c.claim_id.in_(ids)).order_by(a.c.id)):
        parts[cid]["quote"].append(quote)
    for cid, summary, note in conn.execute(select(v.c.claim_id, v.c.summary,
                                                  v.c.correction_note)
                                           .where(v.c.claim_id.in_(ids)).order_by(v.c.id)):
        parts[cid]["verdicts"] += [summary, note or ""]
    for cid, publisher, title, quote in conn.execute(
            select(e.c.claim_id, e.c.publisher, e.c.title, e.c.quote)
            .where(e.c.claim_id.in_(ids), e.c.removed_at.is_(None)).order_by(e.c.id)):
        parts[cid]["evidence"] += [publisher, title or "", quote]
    for cols in parts.values():  # a quote worded as the statement is not indexed twice
        cols["quote"] = [q for q in cols["quote"] if q not in cols["statement"]]
    return {cid: tuple(" ".join(p for p in cols[col] if p) for col in COLUMNS)
            for cid, cols in parts.items() if cols["statement"]}


def refresh(conn: Connection, claim_ids: Iterable[int]) -> None:
    """Rewrite the search documents of these claims from what is stored (inside the
    caller's transaction)."""
    ids = sorted(set(claim_ids))
    if not ids:
        return
    write(conn, documents(conn, ids), replace=True)


def write(conn: Connection, docs: dict[int, tuple[str, ...]], *, replace: bool) -> None:
    """Store search documents (claim id -> one text per column); ``replace`` drops what
    the claims had first (new claims need not)."""
    if not docs:
        return
    ids = list(docs)
    if _sqlite(conn):
        if replace:
            conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE rowid IN "
                                 f"({', '.join('?' for _ in ids)})", tuple(ids))
        conn.exec_driver_sql(f"INSERT INTO {TABLE} (rowid, {', '.join(COLUMNS)}) VALUES "
                             f"(?, {', '.join('?' for _ in COLUMNS)})",
                             [(cid, *cols) for cid, cols in docs.items()])
        return
    vector = " || ".join(f"setweight(to_tsvector('english', %s), '{label}')"
                         for label in PG_LABELS)
    sql = (f"INSERT INTO {TABLE} (claim_id, content, document) VALUES (%s, %s, {vector}) "
           "ON CONFLICT (claim_id) DO UPDATE SET content = EXCLUDED.content, "
           "document = EXCLUDED.document")
    conn.exec_driver_sql(sql, [(cid, " … ".join(p for p in cols if p), *cols)
                               for cid, cols in docs.items()])


@dataclass(frozen=True)
class Hit:
    """A claim found by a search: its id, its rank (higher is better) and a snippet with
    the matched words in «guillemets»."""

    claim_id: int
    rank: float
    snippet: str


_TOKEN = re.compile(r'"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def parse_query(query: str) -> list[list[str]]:
    """A search query as a list of phrases (each a list of words): ``"..."`` is a
    phrase, every other word its own; punctuation and operators are not syntax."""
    phrases = []
    for quoted, bare in _TOKEN.findall(query):
        if quoted:
            words = _WORD.findall(quoted)
            if words:
                phrases.append(words)
        else:
            phrases.extend([w] for w in _WORD.findall(bare))
    if not phrases:
        raise UsageError(f"nothing to search for in '{query}'; give words or a \"phrase\"")
    return phrases


def _fts5(phrases: list[list[str]], joiner: str = " AND ") -> str:
    return joiner.join('"' + " ".join(words) + '"' for words in phrases)


def search(conn: Connection, query: str, *, limit: int = 20,
           filters: dict[str, Any] | None = None, snippets: bool = True) -> list[Hit]:
    """Claims matching every word and phrase of ``query`` (word forms too: "missiles"
    finds "missile"), best first; merged claims are left out. ``filters``: article_id,
    status, kind, claimant (SQL conditions on the claim)."""
    phrases = parse_query(query)
    where, params = _filters(filters or {})
    if _sqlite(conn):
        snippet = (f"snippet({TABLE}, -1, '«', '»', '…', 14)" if snippets else "''")
        weights = ", ".join(map(str, SQLITE_WEIGHTS))
        sql = (f"SELECT c.id, -bm25({TABLE}, {weights}) AS rank, {snippet} FROM {TABLE} "
               f"JOIN claim c ON c.id = {TABLE}.rowid WHERE {TABLE} MATCH :q {where} "
               "ORDER BY rank DESC, c.id LIMIT :n")
        params.update(q=_fts5(phrases), n=limit)
    else:
        snippet = ("ts_headline('english', s.content, qq.q, 'StartSel=«, StopSel=», "
                   "MaxWords=24, MinWords=10, MaxFragments=1')" if snippets else "''")
        tsquery = " && ".join(f"phraseto_tsquery('english', :p{i})"
                              for i in range(len(phrases)))
        params.update({f"p{i}": " ".join(words) for i, words in enumerate(phrases)})
        sql = (f"SELECT c.id, ts_rank_cd(s.document, qq.q) AS rank, {snippet} FROM {TABLE} s "
               f"JOIN claim c ON c.id = s.claim_id, (SELECT {tsquery} AS q) qq "
               f"WHERE s.document @@ qq.q {where} ORDER BY rank DESC, c.id LIMIT :n")
        params["n"] = limit
    # highlighted words next to each other read as one highlight, as FTS5 writes phrases
    return [Hit(cid, float(rank), (snip or "").replace("» «", " ")) for cid, rank, snip in
            conn.execute(text(sql), params)]


def _filters(filters: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    where = ["AND c.merged_into IS NULL"]
    params: dict[str, Any] = {}
    if filters.get("article_id") is not None:
        where.append("AND c.id IN (SELECT claim_id FROM appearance WHERE article_id = :aid)")
        params["aid"] = filters["article_id"]
    for key in ("status", "kind"):
        if filters.get(key):
            where.append(f"AND c.{key} = :{key}")
            params[key] = filters[key]
    if filters.get("claimant"):
        where.append("AND lower(c.claimant) LIKE :claimant")
        params["claimant"] = "%" + filters["claimant"].lower().replace("%", "") + "%"
    return " ".join(where), params


def similar(conn: Connection, terms: Sequence[str], *, limit: int = 50,
            exclude: Iterable[int] = ()) -> list[int]:
    """Claim ids sharing any of ``terms`` (matching's first stage over the ledger), the
    most similar first; merged claims and ``exclude`` left out."""
    words = [w for t in terms for w in _WORD.findall(t)][:40]
    if not words:
        return []
    skip = set(exclude)
    if _sqlite(conn):
        sql = (f"SELECT c.id FROM {TABLE} JOIN claim c ON c.id = {TABLE}.rowid WHERE "
               f"{TABLE} MATCH :q AND c.merged_into IS NULL ORDER BY "
               f"bm25({TABLE}, {', '.join(map(str, SQLITE_WEIGHTS))}) LIMIT :n")
        params = {"q": _fts5([[w] for w in words], " OR "), "n": limit + len(skip)}
    else:
        sql = (f"SELECT c.id FROM {TABLE} s JOIN claim c ON c.id = s.claim_id, "
               "to_tsquery('english', :q) q WHERE s.document @@ q AND c.merged_into IS NULL "
               "ORDER BY ts_rank_cd(s.document, q) DESC LIMIT :n")
        params = {"q": " | ".join(words), "n": limit + len(skip)}
    return [cid for (cid,) in conn.execute(text(sql), params) if cid not in skip][:limit]
