"""The claim ledger's services: store prepared articles, list and show claims, add claims.

Every function is keyword-only and takes the session it works in; the caller decides the
transaction. Serialisation to the JSON contract lives here too (one place for field names).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from factcheck.errors import NotFoundError, QuoteError

if TYPE_CHECKING:
    from sqlmodel import Session

    from factcheck.ingest.pipeline import PreparedArticle
    from factcheck.models import Article, Claim, Quantity


@dataclass
class StoreResult:
    """What storing one article did."""

    article_id: int
    claims: int
    already: bool


def insert_article_rows(conn, prepared: PreparedArticle) -> int:
    """Write one prepared article on ``conn`` (inside the caller's transaction).

    Core statements, and plain ``executemany`` for the bulk rows: the ORM's per-row
    bookkeeping would cost more than the detection itself on a large corpus.
    """
    from sqlalchemy import insert, select

    from factcheck.models import Article, Claim, Quantity, Sentence, utcnow

    now = utcnow()
    article_t, sentence_t, claim_t = Article.__table__, Sentence.__table__, Claim.__table__
    article_id = conn.execute(insert(article_t).values(
        title=prepared.title, url=prepared.url, outlet=prepared.outlet,
        author=prepared.author, published=prepared.published, sha256=prepared.sha256,
        source=prepared.source, text=prepared.text, ingested_at=now,
    ).returning(article_t.c.id)).scalar_one()
    if prepared.sentences:
        _executemany(conn, sentence_t, ["article_id", "position", "start", "end", "score"],
                     [(article_id, i, s.start, s.end, s.score)
                      for i, s in enumerate(prepared.sentences)])
    if prepared.claims:
        sentence_ids = list(conn.execute(
            select(sentence_t.c.id).where(sentence_t.c.article_id == article_id)
            .order_by(sentence_t.c.position)).scalars())
        stamp = _db_time(conn, now)
        _executemany(conn, claim_t, ["article_id", "sentence_id", "text", "quote", "start",
                                     "end", "score", "kind", "claimant", "status", "origin",
                                     "created_at", "updated_at", "version"],
                     [(article_id, sentence_ids[c.sentence_index], c.quote, c.quote, c.start,
                       c.end, c.score, c.kind, c.claimant, "new", "detected", stamp, stamp, 1)
                      for c in prepared.claims])
        # the article is new in this transaction: its claims' ids are exactly these, in
        # the order they were inserted
        claim_ids = list(conn.execute(select(claim_t.c.id).where(
            claim_t.c.article_id == article_id).order_by(claim_t.c.id)).scalars())
        rows = [_quantity_row(cid, q) for cid, c in zip(claim_ids, prepared.claims, strict=True)
                for q in c.quantities]
        if rows:
            _executemany(conn, Quantity.__table__, list(rows[0]), [tuple(r.values())
                                                                  for r in rows])
    return article_id


def _db_time(conn, value):
    """A timestamp as the driver takes it for a DateTime column: SQLAlchemy keeps SQLite
    timestamps as naive-UTC text, so bypassing it must write the same text."""
    if conn.dialect.name == "sqlite":
        import datetime as dt

        return value.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    return value


def _executemany(conn, table, columns: list[str], rows: list[tuple]) -> None:
    """INSERT many rows with the driver's own executemany (positional placeholders:
    sqlite3 takes ``?``, psycopg ``%s``)."""
    quote = conn.dialect.identifier_preparer.quote
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(quote(c) for c in columns)}) "
           f"VALUES ({', '.join(mark for _ in columns)})")
    conn.exec_driver_sql(sql, rows)


def _quantity_row(claim_id: int, q) -> dict[str, Any]:
    return {"claim_id": claim_id, "surface": q.surface, "value": q.value, "high": q.high,
            "unit": q.unit, "qualifier": q.qualifier, "normalized_value": q.normalized_value,
            "normalized_unit": q.normalized_unit, "start": q.start, "end": q.end}


def get_article(*, session: Session, article_id: int) -> Article:
    """The article, or ``NotFoundError`` naming how to list them."""
    from factcheck.models import Article

    article = session.get(Article, article_id)
    if article is None:
        raise NotFoundError(f"no article {article_id}; see 'factcheck articles list'")
    return article


def list_articles(*, session: Session) -> list[dict[str, Any]]:
    """Every article with its number of claims, oldest first."""
    from sqlalchemy import func
    from sqlmodel import select

    from factcheck.models import Article, Claim

    counts = (select(Claim.article_id, func.count(Claim.id).label("n"))
              .group_by(Claim.article_id).subquery())
    rows = session.exec(
        select(Article.id, Article.title, Article.url, Article.outlet, Article.author,
               Article.published, Article.sha256, Article.source, Article.ingested_at,
               func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.article_id == Article.id).order_by(Article.id)).all()
    return [{"id": r[0], "title": r[1], "url": r[2], "outlet": r[3], "author": r[4],
             "published": r[5].isoformat() if r[5] else None, "sha256": r[6], "source": r[7],
             "ingested_at": r[8].isoformat() if r[8] else None, "claims": r[9]} for r in rows]


def article_to_dict(article: Article, *, claims: int, with_text: bool) -> dict[str, Any]:
    """An article in the JSON contract."""
    d = {"id": article.id, "title": article.title, "url": article.url,
         "outlet": article.outlet, "author": article.author,
         "published": article.published.isoformat() if article.published else None,
         "sha256": article.sha256, "source": article.source,
         "ingested_at": article.ingested_at.isoformat() if article.ingested_at else None,
         "claims": claims}
    if with_text:
        d["text"] = article.text
    return d


def show_article(*, session: Session, article_id: int) -> dict[str, Any]:
    """One article with its text and number of claims."""
    from sqlalchemy import func
    from sqlmodel import select

    from factcheck.models import Claim

    article = get_article(session=session, article_id=article_id)
    n = session.exec(select(func.count(Claim.id)).where(Claim.article_id == article_id)).one()
    return article_to_dict(article, claims=n, with_text=True)


def quantity_to_dict(q: Quantity) -> dict[str, Any]:
    """A stored quantity in the JSON contract."""
    return {"surface": q.surface, "value": q.value, "high": q.high, "unit": q.unit,
            "qualifier": q.qualifier, "normalized_value": q.normalized_value,
            "normalized_unit": q.normalized_unit, "start": q.start, "end": q.end}


def claim_to_dict(claim: Claim, quantities: list[Quantity]) -> dict[str, Any]:
    """A claim in the JSON contract (offsets index the article text)."""
    return {"id": claim.id, "article_id": claim.article_id, "text": claim.text,
            "quote": claim.quote, "start": claim.start, "end": claim.end,
            "status": claim.status, "score": claim.score, "kind": claim.kind,
            "claimant": claim.claimant, "origin": claim.origin,
            "created_by": claim.created_by,
            "created_at": claim.created_at.isoformat() if claim.created_at else None,
            "assignee": claim.assignee, "version": claim.version,
            "quantities": [quantity_to_dict(q) for q in quantities]}


def list_claims(*, session: Session, article_id: int | None = None,
                status: str | None = None, kind: str | None = None,
                min_score: float | None = None, limit: int | None = None,
                order: str = "score", assignee: str | None = None) -> list[dict[str, Any]]:
    """Claims matching the filters, highest score first (or in article order)."""
    from sqlmodel import select

    from factcheck.errors import UsageError
    from factcheck.ingest.detect import KINDS
    from factcheck.models import Claim, Quantity
    from factcheck.review import STATUSES

    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status '{status}'; use one of {', '.join(STATUSES)}")
    if kind is not None and kind not in KINDS:
        raise UsageError(f"unknown kind '{kind}'; use one of {', '.join(KINDS)}")
    query = select(Claim)
    if article_id is not None:
        get_article(session=session, article_id=article_id)
        query = query.where(Claim.article_id == article_id)
    if status:
        query = query.where(Claim.status == status)
    if kind:
        query = query.where(Claim.kind == kind)
    if min_score is not None:
        query = query.where(Claim.score >= min_score)
    if assignee is not None:
        query = query.where(Claim.assignee == assignee)
    if order == "position":
        query = query.order_by(Claim.article_id, Claim.start, Claim.id)
    else:
        query = query.order_by(Claim.score.desc(), Claim.article_id, Claim.start, Claim.id)
    if limit:
        query = query.limit(limit)
    claims = list(session.exec(query))
    from factcheck.models import Verdict

    by_claim: dict[int, list[Quantity]] = {c.id: [] for c in claims}
    ratings: dict[int, str] = {}
    ids = list(by_claim)
    for chunk_start in range(0, len(ids), 900):
        chunk = ids[chunk_start:chunk_start + 900]
        for q in session.exec(select(Quantity).where(Quantity.claim_id.in_(chunk))
                              .order_by(Quantity.claim_id, Quantity.start)):
            by_claim[q.claim_id].append(q)
        ratings.update(session.exec(select(Verdict.claim_id, Verdict.rating).where(
            Verdict.claim_id.in_(chunk), Verdict.superseded_at.is_(None))).all())
    out = []
    for c in claims:
        d = claim_to_dict(c, by_claim[c.id])
        d["rating"] = ratings.get(c.id)
        out.append(d)
    return out


def get_claim(*, session: Session, claim_id: int) -> Claim:
    """The claim, or ``NotFoundError`` naming how to list them."""
    from factcheck.models import Claim

    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFoundError(f"no claim {claim_id}; see 'factcheck claims list'")
    return claim


def show_claim(*, session: Session, claim_id: int) -> dict[str, Any]:
    """One claim with its quantities, its article's title and the paragraph around it."""
    from sqlmodel import select

    from factcheck.ingest.segment import paragraph_around
    from factcheck.models import Quantity

    claim = get_claim(session=session, claim_id=claim_id)
    article = get_article(session=session, article_id=claim.article_id)
    qs = list(session.exec(select(Quantity).where(Quantity.claim_id == claim.id)
                           .order_by(Quantity.start)))
    para = paragraph_around(article.text, claim.start, claim.end)
    from factcheck.review import review_state

    d = claim_to_dict(claim, qs)
    d.update(review_state(session=session, claim=claim))
    d["article_title"] = article.title
    d["paragraph"] = {"start": para.start, "end": para.end, "text": para.text}
    return d


def find_quote(text: str, quote: str) -> list[int]:
    """Every offset where ``quote`` occurs verbatim in ``text``."""
    hits, pos = [], text.find(quote)
    while pos != -1:
        hits.append(pos)
        pos = text.find(quote, pos + 1)
    return hits


def closest_passages(text: str, quote: str, n: int = 3) -> list[str]:
    """The sentences of ``text`` most like ``quote`` (to help fix a mistyped quote)."""
    from factcheck.ingest.segment import split_sentences

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
    """Add a claim the detector missed; the quote must occur verbatim exactly once."""
    from sqlmodel import select

    from factcheck.ingest.detect import (
        build_person_index,
        classify_kind,
        find_claimant,
        score_sentence,
    )
    from factcheck.models import Claim, Quantity, utcnow
    from factcheck.quantities import extract_quantities

    article = get_article(session=session, article_id=article_id)
    if not quote.strip():
        raise QuoteError("empty quote; pass the claim's words exactly as the article has them")
    hits = find_quote(article.text, quote)
    if not hits:
        near = closest_passages(article.text, quote)
        hint = "; closest passages:\n" + "\n".join(f"  «{p}»" for p in near) if near else ""
        raise QuoteError(f"quote not found verbatim in article {article_id}; copy it exactly "
                         f"from the article{hint}")
    if len(hits) > 1:
        raise QuoteError(f"quote occurs {len(hits)} times in article {article_id} (offsets "
                         f"{', '.join(map(str, hits))}); quote more words so it is unique")
    start, end = hits[0], hits[0] + len(quote)
    text = article.text
    if (start > 0 and text[start - 1].isalnum() and quote[0].isalnum()) or (
            end < len(text) and text[end].isalnum() and quote[-1].isalnum()):
        raise QuoteError(f"quote cuts a word in half (article {article_id}, offsets "
                         f"{start}–{end}); extend it to whole words")
    dup = session.exec(select(Claim.id).where(Claim.article_id == article_id,
                                              Claim.start == start, Claim.end == end)).first()
    if dup is not None:
        raise QuoteError(f"claim {dup} already quotes this passage; see "
                         f"'factcheck claims show {dup}'")
    qs = extract_quantities(quote, start)
    score, features = score_sentence(quote, qs)
    from factcheck.ingest.detect import blend
    from factcheck.model_store import active_model

    model = active_model(session=session)
    if model is not None:
        score = blend(model.score([quote])[0], score, features)
    who = claimant or find_claimant(quote, build_person_index(article.text), None) \
        or article.outlet or article.author or "the article"
    kind = classify_kind(quote, qs, who not in (article.outlet, article.author, "the article"),
                         features)
    now = utcnow()
    claim = Claim(article_id=article_id, sentence_id=None, text=quote, quote=quote, start=start,
                  end=end, score=score, kind=kind, claimant=who, status="new", origin="manual",
                  created_by=actor, created_at=now, updated_at=now)
    session.add(claim)
    session.flush()
    rows = [Quantity(claim_id=claim.id, surface=q.surface, value=q.value, high=q.high,
                     unit=q.unit, qualifier=q.qualifier, normalized_value=q.normalized_value,
                     normalized_unit=q.normalized_unit, start=q.start, end=q.end) for q in qs]
    session.add_all(rows)
    session.flush()
    from factcheck.audit import append_event

    append_event(session=session, claim_id=claim.id, actor=actor, action="create",
                 from_status=None, to_status="new", details={"origin": "manual",
                                                              "start": start, "end": end})
    return claim_to_dict(claim, rows)


def database_info(*, session: Session) -> dict[str, Any]:
    """Counts of what the ledger holds."""
    from sqlalchemy import func
    from sqlmodel import select

    from factcheck.models import Article, Claim, Quantity, Sentence

    def count(model) -> int:
        return session.exec(select(func.count()).select_from(model)).one()

    return {"articles": count(Article), "sentences": count(Sentence), "claims": count(Claim),
            "quantities": count(Quantity)}


@dataclass
class IngestSummary:
    """What an ingest run did."""

    articles: int
    already: int
    claims: int
    seconds: float
    results: list[tuple[str, StoreResult]]


PARALLEL_MIN_ARTICLES = 64
HASH_BATCH = 64


_WORKER_MODEL = None


def _init_worker(model) -> None:
    global _WORKER_MODEL
    _WORKER_MODEL = model


def _prepare_one(args) -> PreparedArticle:
    from factcheck.ingest.pipeline import prepare_article

    raw, overrides, threshold = args
    return prepare_article(raw, overrides=overrides, threshold=threshold,
                           model=_WORKER_MODEL)


def ingest_raw(*, engine, raws: list, overrides: dict | None = None,
               threshold: float | None = None, on_progress=None,
               workers: int | None = None, actor: str = "factcheck") -> IngestSummary:
    """Detect claims in ``raws`` and store each article in its own transaction.

    Every article is checked (non-empty, valid date) before anything is written, so bad
    input writes nothing. Sentences are scored with the ledger's active model (see
    ``model_store``). Large runs prepare articles in worker processes while this process
    writes.
    """
    import os
    import time

    from factcheck.db import session_scope
    from factcheck.ingest.pipeline import check_article
    from factcheck.model_store import active_model

    started = time.perf_counter()
    hashes = [check_article(raw, overrides=overrides) for raw in raws]
    known = _known_hashes(engine, set(hashes))
    if len(known) < len(set(hashes)):  # something to detect: the ledger's active scorer
        with session_scope(engine) as session:
            model = active_model(session=session)
    else:
        model = None
    jobs, seen = [], set(known)
    for raw, sha in zip(raws, hashes, strict=True):
        if sha not in seen:  # stored before, or earlier in this run: nothing to detect
            seen.add(sha)
            jobs.append((raw, overrides, threshold))
        elif on_progress:
            on_progress(1)
    n_workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if len(jobs) >= PARALLEL_MIN_ARTICLES and n_workers > 1:
        import multiprocessing as mp

        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(n_workers, initializer=_init_worker, initargs=(model,)) as pool:
            stored = _store_all(engine, pool.imap(_prepare_one, jobs, chunksize=32),
                                on_progress)
    else:
        _init_worker(model)
        stored = _store_all(engine, map(_prepare_one, jobs), on_progress)
    new_ids = [r.article_id for _, r in stored if not r.already]
    if new_ids:
        # one history entry per run (not per article, which would double the cost of a
        # large ingest); the articles themselves carry their SHA-256 and ingest time
        from factcheck.audit import append_event
        from factcheck.db import session_scope

        with session_scope(engine) as session:
            append_event(session=session, actor=actor, action="ingest",
                         details={"articles": new_ids,
                                  "claims": sum(r.claims for _, r in stored)})
    stored_by_sha = dict(stored)
    results: list[tuple[str, StoreResult]] = []
    for raw, sha in zip(raws, hashes, strict=True):
        result = stored_by_sha.pop(sha, None)
        if result is None:
            article_id = known.get(sha) or _stored_id(stored, sha)
            result = StoreResult(article_id, 0, True)
        results.append((raw.source, result))
    new = [r for _, r in results if not r.already]
    return IngestSummary(len(new), len(results) - len(new), sum(r.claims for r in new),
                         time.perf_counter() - started, results)


def _known_hashes(engine, hashes: set[str]) -> dict[str, int]:
    from sqlmodel import select

    from factcheck.db import session_scope
    from factcheck.models import Article

    known: dict[str, int] = {}
    ordered = sorted(hashes)
    with session_scope(engine) as session:
        for i in range(0, len(ordered), 500):
            chunk = ordered[i:i + 500]
            known.update(session.exec(select(Article.sha256, Article.id)
                                      .where(Article.sha256.in_(chunk))).all())
    return known


def _stored_id(stored: list[tuple[str, StoreResult]], sha: str) -> int:
    return next(r.article_id for s, r in stored if s == sha)


def _store_all(engine, prepared_iter, on_progress) -> list[tuple[str, StoreResult]]:
    """Store prepared articles, each in its own transaction on one connection; return
    (sha256, result) pairs in order."""
    from itertools import islice

    from sqlalchemy import select
    from sqlalchemy.exc import IntegrityError

    from factcheck.models import Article

    table = Article.__table__
    results: list[tuple[str, StoreResult]] = []
    iterator = iter(prepared_iter)
    with engine.connect() as conn:
        while batch := list(islice(iterator, HASH_BATCH)):
            with conn.begin():
                known = dict(conn.execute(select(table.c.sha256, table.c.id).where(
                    table.c.sha256.in_({p.sha256 for p in batch}))).all())
            for p in batch:
                if p.sha256 in known:
                    results.append((p.sha256, StoreResult(known[p.sha256], 0, True)))
                else:
                    try:
                        with conn.begin():
                            result = StoreResult(insert_article_rows(conn, p),
                                                 len(p.claims), False)
                    except IntegrityError:  # another writer stored the same text first
                        with conn.begin():
                            existing = conn.execute(select(table.c.id).where(
                                table.c.sha256 == p.sha256)).scalar()
                        if existing is None:
                            raise
                        result = StoreResult(existing, 0, True)
                    known[p.sha256] = result.article_id
                    results.append((p.sha256, result))
                if on_progress:
                    on_progress(1)
    return results


def set_article_metadata(*, session: Session, article_id: int, actor: str,
                         title: str | None = None, url: str | None = None,
                         outlet: str | None = None, author: str | None = None,
                         date: str | None = None) -> dict[str, str]:
    """Change an article's metadata (recorded in the history); returns what changed."""
    from factcheck.audit import append_event
    from factcheck.errors import UsageError
    from factcheck.ingest.metadata import parse_date

    article = get_article(session=session, article_id=article_id)
    if url is not None and not url.lower().startswith(("http://", "https://")):
        raise UsageError(f"url '{url}' is not an http(s) address")
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
