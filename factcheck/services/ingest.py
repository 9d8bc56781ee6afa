"""Finding claims: the ingest unit of work (check every input, detect claims - in worker
processes for large runs - store each new article in its own transaction, record the
run), and a claim a reviewer adds by hand (its quote checked, scored and read like a
detected one).

Detection is pure (``ingest.pipeline``); this module decides transactions and
parallelism.
"""

from __future__ import annotations

import difflib
import multiprocessing as mp
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice
from typing import Any

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from factcheck.core.quotes import locate_quote
from factcheck.core.rules import check_actor, outlet_claimant
from factcheck.core.vocabulary import CLAIMANT_KINDS
from factcheck.errors import QuoteError, QuoteNotFound
from factcheck.ingest.claimant import attribute_passage
from factcheck.ingest.detect import classify_kind, score_sentences
from factcheck.ingest.pipeline import PreparedArticle, check_article, prepare_article
from factcheck.ingest.readers import RawArticle
from factcheck.ingest.segment import split_sentences
from factcheck.matching import fingerprint
from factcheck.quantities import extract_quantities
from factcheck.services.matching import factcheck_index, screen_claims, store_ingest_matches
from factcheck.services.models import active_model
from factcheck.storage.bulk import bulk_transaction_settings, insert_articles, prepare_for_bulk
from factcheck.storage.db import session_scope
from factcheck.storage.events import append_event, append_event_rows
from factcheck.storage.models import Appearance, Article, Claim, Quantity, utcnow
from factcheck.storage.queries import claim_at, get_article, known_hashes
from factcheck.storage.records import ClaimRecord, record
from factcheck.storage.state import article_digest, new_claim_digests


@dataclass
class StoreResult:
    """What storing one article did."""

    article_id: int
    claims: int
    already: bool


@dataclass
class IngestSummary:
    """What an ingest run did."""

    articles: int
    already: int
    claims: int
    seconds: float
    results: list[tuple[str, StoreResult]]


PARALLEL_MIN_ARTICLES = 64

_WORKER_MODEL = None
_WORKER_INDEX = None


def _init_worker(model, index) -> None:
    global _WORKER_MODEL, _WORKER_INDEX
    _WORKER_MODEL, _WORKER_INDEX = model, index


def _prepare_one(args) -> tuple[PreparedArticle, list, list]:
    """Detect an article's claims, screen them against the fact-checks and fingerprint
    their wording (in a worker)."""
    raw, overrides, threshold = args
    prepared = prepare_article(raw, overrides=overrides, threshold=threshold,
                               model=_WORKER_MODEL)
    return (prepared, screen_claims(_WORKER_INDEX, prepared.claims),
            [fingerprint(c.quote) for c in prepared.claims])


def ingest_raw(*, engine: Engine, raws: list[RawArticle], overrides: dict | None = None,
               threshold: float | None = None, actor: str = "factcheck",
               on_progress: Callable[[int], None] | None = None,
               workers: int | None = None) -> IngestSummary:
    """Detect claims in ``raws`` and store each article in its own transaction.

    Every article is checked (non-empty, valid date) before anything is written, so bad
    input writes nothing. Sentences are scored with the ledger's active model. Large runs
    prepare articles in worker processes while this process writes.
    """
    actor = check_actor(actor)
    started = time.perf_counter()
    hashes = [check_article(raw, overrides=overrides) for raw in raws]
    with session_scope(engine) as session:
        known = known_hashes(session=session, hashes=set(hashes))
        # something to detect: the ledger's active scorer and the fact-checks to screen
        todo = len(known) < len(set(hashes))
        model = active_model(session=session) if todo else None
        index = factcheck_index(session.connection()) if todo else None
    jobs, seen = [], set(known)
    for raw, sha in zip(raws, hashes, strict=True):
        if sha not in seen:  # stored before, or earlier in this run: nothing to detect
            seen.add(sha)
            jobs.append((raw, overrides, threshold))
        elif on_progress:
            on_progress(1)
    n_workers = workers if workers is not None else min(2, os.cpu_count() or 1)
    if len(jobs) >= PARALLEL_MIN_ARTICLES and n_workers > 1:
        ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
        with ctx.Pool(n_workers, initializer=_init_worker, initargs=(model, index)) as pool:
            stored = _store_all(engine, pool.imap(_prepare_one, jobs, chunksize=32),
                                on_progress, actor)
    else:
        _init_worker(model, index)
        stored = _store_all(engine, map(_prepare_one, jobs), on_progress, actor)
    stored_by_sha = dict(stored)
    results: list[tuple[str, StoreResult]] = []
    for raw, sha in zip(raws, hashes, strict=True):
        result = stored_by_sha.pop(sha, None)
        if result is None:
            article_id = known.get(sha) or next(r.article_id for s, r in stored if s == sha)
            result = StoreResult(article_id, 0, True)
        results.append((raw.source, result))
    new = [r for _, r in results if not r.already]
    return IngestSummary(len(new), len(results) - len(new), sum(r.claims for r in new),
                         time.perf_counter() - started, results)


STORE_BATCH = 32  # articles per transaction (with their history events)


def _store_all(engine: Engine, prepared: Iterable[tuple[PreparedArticle, list, list]],
               on_progress: Callable[[int], None] | None, actor: str
               ) -> list[tuple[str, StoreResult]]:
    """Store prepared articles in batches, each batch one transaction on one connection
    together with every article's history event (so what a run killed later committed is
    in the history too, and nothing is half-written); return (sha256, result) pairs in
    order."""
    results: list[tuple[str, StoreResult]] = []
    iterator = iter(prepared)
    with engine.connect() as conn:
        prepare_for_bulk(conn)
        while batch := list(islice(iterator, STORE_BATCH)):
            try:
                with conn.begin():
                    done = _store_batch(conn, batch, actor)
            except IntegrityError:  # another writer stored one of these first: one by one
                done = []
                for item in batch:
                    try:
                        with conn.begin():
                            done += _store_batch(conn, [item], actor)
                    except IntegrityError:
                        done.append((item[0].sha256, _already(conn, item[0].sha256)))
            results += done
            if on_progress:
                on_progress(len(batch))
    return results


def _store_batch(conn: Connection, batch: list[tuple[PreparedArticle, list, list]],
                 actor: str) -> list[tuple[str, StoreResult]]:
    bulk_transaction_settings(conn)
    table = Article.__table__
    known = dict(conn.execute(select(table.c.sha256, table.c.id).where(
        table.c.sha256.in_({p.sha256 for p, _, _ in batch}))).all())
    new = [(p, screened, prints) for p, screened, prints in batch if p.sha256 not in known]
    stored = insert_articles(conn, [(p, prints) for p, _, prints in new])
    append_event_rows(conn, [
        {"actor": actor, "action": "ingest", "article_id": article_id,
         "state": article_digest(article_id, p, p.text),
         "details": {"source": p.source, "claims": new_claim_digests(article_id, claim_ids,
                                                                     p.claims)}}
        for (p, _, _), (article_id, claim_ids) in zip(new, stored, strict=True)])
    store_ingest_matches(conn, [cid for _, ids in stored for cid in ids],
                         [fp for _, _, prints in new for fp in prints],
                         [m for _, screened, _ in new for m in screened])
    ids = {p.sha256: (article_id, len(p.claims))
           for (p, _, _), (article_id, _) in zip(new, stored, strict=True)}
    return [(p.sha256, StoreResult(known[p.sha256], 0, True) if p.sha256 in known
             else StoreResult(ids[p.sha256][0], ids[p.sha256][1], False))
            for p, _, _ in batch]


def _already(conn: Connection, sha256: str) -> StoreResult:
    """The article another writer stored with this text (re-raises if there is none)."""
    table = Article.__table__
    with conn.begin():
        existing = conn.execute(select(table.c.id).where(table.c.sha256 == sha256)).scalar()
    if existing is None:
        raise RuntimeError(f"article with SHA-256 {sha256} could not be stored")
    return StoreResult(existing, 0, True)


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
    if claimant and claimant.strip():  # the reviewer says who; of what kind is theirs to add
        who, who_kind = claimant.strip(), None
    else:
        found = attribute_passage(article.text, start, end)
        who = found.claimant or outlet_claimant(article.outlet, article.author)
        who_kind = found.kind
    kind = classify_kind(quote, qs, who_kind not in (None, CLAIMANT_KINDS[-1]), features)
    now = utcnow()
    claim = Claim(article_id=article_id, sentence_id=None, text=quote, quote=quote, start=start,
                  end=end, score=score, kind=kind, claimant=who, claimant_kind=who_kind,
                  status="new", origin="manual", created_by=actor, created_at=now,
                  updated_at=now, fingerprint=fingerprint(quote))
    session.add(claim)
    session.flush()
    rows = [Quantity(claim_id=claim.id, **q.to_dict()) for q in qs]
    session.add_all(rows)
    session.add(Appearance(claim_id=claim.id, article_id=article_id, start=start, end=end,
                           quote=quote, origin_claim_id=claim.id, added_at=now))
    session.flush()
    append_event(session=session, claim_id=claim.id, actor=actor, action="create",
                 from_status=None, to_status="new", details={"origin": "manual",
                                                              "start": start, "end": end})
    return record(ClaimRecord, claim, quantities=rows)
