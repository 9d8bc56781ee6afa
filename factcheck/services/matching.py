"""Has this been checked before? Matching claims against the ledger's other claims and the
fact-checks the desk imported, and storing what is found.

When what happens:
- at ingest, every new claim gets the quick stage: a claim worded the same as one already
  in the ledger (same fingerprint) is matched at once, and the claim's words and figures
  are screened against the imported fact-checks (in the detection workers);
- the full stage ranks, for a claim, the ledger's claims that share its words (the
  database's full-text search) and every fact-check, with the sentence encoder when the
  extra ``match`` is installed (words and figures alone otherwise). It runs when a claim is
  shown (``claims show``, the review queue) and for every claim still waiting with
  ``factcheck match --pending``;
- ``factcheck match TEXT`` ranks the ledger's claims and fact-checks against any text.

A claim-to-claim match is stored in both directions. What is stored is a suggestion:
``claims link`` is the fact-checker's decision.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, insert, select, update
from sqlmodel import Session

from factcheck.matching import (
    MODEL_NAME,
    Candidate,
    EncoderUnavailable,
    Figure,
    Match,
    MatchIndex,
    content_words,
    embedding_from_bytes,
    embedding_to_bytes,
    encoder_available,
    figure_from_quantity,
    get_encoder,
    rank,
    threshold,
)
from factcheck.storage import search
from factcheck.storage.db import session_scope
from factcheck.storage.matches import claim_targets, factcheck_targets
from factcheck.storage.models import (
    Claim,
    ClaimEmbedding,
    ClaimMatch,
    FactCheck,
    Quantity,
    utcnow,
)

KEEP = 5  # matches kept per claim and kind, best first
POOL = 50  # ledger claims fetched by full-text search for the full stage
SCREEN = "screen"  # the quick stage at ingest
FULL = "full"  # the full stage


# --- the fact-check collection ----------------------------------------------------------

_INDEXES: dict[tuple, MatchIndex] = {}


def factcheck_index(conn: Connection, *, encoder: Any = None) -> MatchIndex | None:
    """Every imported fact-check indexed for matching (kept for the process while the
    collection is unchanged); ``None`` when there is none."""
    f = FactCheck.__table__
    count, last, changed, embedded = conn.execute(select(
        func.count(), func.max(f.c.id), func.max(f.c.imported_at),
        func.count(f.c.embedding))).one()
    if not count:
        return None
    key = (str(conn.engine.url), count, last, changed, embedded, encoder is not None)
    if key not in _INDEXES:
        rows = conn.execute(select(f.c.id, f.c.claim, f.c.title, f.c.embedding,
                                   f.c.embedding_model, f.c.figures)
                            .order_by(f.c.id)).all()
        candidates = [Candidate(r.id, r.claim, r.title or "",
                                embedding_from_bytes(r.embedding) if encoder is not None and
                                r.embedding and r.embedding_model == MODEL_NAME else None,
                                [Figure.from_dict(d) for d in json.loads(r.figures)]
                                if r.figures else None) for r in rows]
        _INDEXES.clear()  # one collection per process is enough
        _INDEXES[key] = MatchIndex(candidates, encoder=encoder)
    return _INDEXES[key]


def screen_claims(index: MatchIndex | None, claims: Sequence[Any]) -> list[list[Match]]:
    """The quick stage against the fact-checks for claims being ingested (pure: runs in
    the detection workers): for each claim, the fact-checks its words and figures match."""
    if index is None:
        return [[] for _ in claims]
    return [index.screen(c.quote, figures=[figure_from_quantity(q) for q in c.quantities])
            for c in claims]


# --- storing ----------------------------------------------------------------------------

def _rows(claim_id: int, kind: str, matches: Iterable[Match], stage: str) -> list[dict]:
    now = utcnow()
    return [{"claim_id": claim_id, "kind": kind, "target_id": int(m.id), "score": m.score,
             "similarity": m.similarity, "lexical": m.lexical, "semantic": m.semantic,
             "conflicts": json.dumps(m.conflicts, ensure_ascii=False) if m.conflicts
             else None, "stage": stage, "matched_at": now} for m in matches]


def replace_matches(conn: Connection, claim_id: int, kind: str, matches: Sequence[Match],
                    stage: str) -> None:
    """Store a claim's best matches of one kind (replacing what it had); claim-to-claim
    matches are written for the other claim too."""
    t = ClaimMatch.__table__
    conn.execute(delete(t).where(t.c.claim_id == claim_id, t.c.kind == kind))
    best = sorted(matches, key=lambda m: -m.score)[:KEEP]
    rows = _rows(claim_id, kind, best, stage)
    if kind == "claim":
        for m in best:  # the other direction: the earlier claim learns of this one
            conn.execute(delete(t).where(t.c.claim_id == int(m.id), t.c.kind == "claim",
                                         t.c.target_id == claim_id))
            rows += _rows(int(m.id), "claim", [Match(claim_id, m.score, m.similarity,
                                                     m.lexical, m.semantic, m.shared_figures,
                                                     _mirror(m.conflicts))], stage)
    if rows:
        conn.execute(insert(t), rows)


def _mirror(conflicts: list[dict]) -> list[dict]:
    return [{"ours": c["theirs"], "theirs": c["ours"]} for c in conflicts]


def store_ingest_matches(conn: Connection, claim_ids: Sequence[int],
                         fingerprints: Sequence[str], screened: Sequence[Sequence[Match]]
                         ) -> None:
    """The quick stage's results for claims just stored: the same wording elsewhere in the
    ledger or in the same batch (a verbatim republication), and the fact-checks screened
    in the workers."""
    if not claim_ids:
        return
    by_print: dict[str, list[int]] = {}
    # plain SQL on the fingerprint alone: the planner uses its index
    mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
    distinct = list(dict.fromkeys(fingerprints))
    for other, fp, merged in conn.exec_driver_sql(
            "SELECT id, fingerprint, merged_into FROM claim WHERE fingerprint IN "
            f"({', '.join(mark for _ in distinct)})", tuple(distinct)):
        if merged is None:
            by_print.setdefault(fp, []).append(other)
    for cid, fp in zip(claim_ids, fingerprints, strict=True):
        others = [o for o in by_print.get(fp, []) if o != cid]
        if others:
            replace_matches(conn, cid, "claim", [Match(o, 1.0, 1.0, 1.0, None)
                                                 for o in others], SCREEN)
    for cid, found in zip(claim_ids, screened, strict=True):
        if found:
            replace_matches(conn, cid, "factcheck", found, SCREEN)


# --- the full stage ---------------------------------------------------------------------

def _encoder() -> Any:
    if not encoder_available():
        return None
    try:
        return get_encoder()
    except EncoderUnavailable:
        return None


def _text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:32]


def claim_candidates(conn: Connection, claim_ids: Sequence[int], *, encoder: Any
                     ) -> list[Candidate]:
    """Ledger claims as candidates: their statement, their figures (from the stored
    quantities) and, with the encoder, their embedding (computed and stored when missing
    or stale)."""
    if not claim_ids:
        return []
    c, q = Claim.__table__, Quantity.__table__
    rows = conn.execute(select(c.c.id, c.c.text).where(c.c.id.in_(list(claim_ids)))).all()
    figures: dict[int, list[Figure]] = {}
    for qrow in conn.execute(select(q).where(q.c.claim_id.in_(list(claim_ids)))
                             .order_by(q.c.claim_id, q.c.start)):
        figures.setdefault(qrow.claim_id, []).append(figure_from_quantity(qrow))
    vectors = claim_embeddings(conn, {r.id: r.text for r in rows}, encoder=encoder) \
        if encoder is not None else {}
    order = {cid: i for i, cid in enumerate(claim_ids)}
    return [Candidate(r.id, r.text, "", vectors.get(r.id), figures.get(r.id, []))
            for r in sorted(rows, key=lambda r: order[r.id])]


def claim_embeddings(conn: Connection, texts: dict[int, str], *, encoder: Any
                     ) -> dict[int, Any]:
    """The embeddings of these claims' statements: stored ones reused, missing or stale
    ones (the statement was reworded) encoded and stored."""
    t = ClaimEmbedding.__table__
    have = {r.claim_id: r for r in conn.execute(select(t).where(
        t.c.claim_id.in_(list(texts))))}
    out: dict[int, Any] = {}
    todo = []
    for cid, text in texts.items():
        row = have.get(cid)
        if row is not None and row.model == MODEL_NAME and row.text_hash == _text_hash(text):
            out[cid] = embedding_from_bytes(row.vector)
        else:
            todo.append(cid)
    if todo:
        vectors = encoder.encode([texts[cid] for cid in todo])
        conn.execute(delete(t).where(t.c.claim_id.in_(todo)))
        conn.execute(insert(t), [{"claim_id": cid, "model": MODEL_NAME,
                                  "text_hash": _text_hash(texts[cid]),
                                  "vector": embedding_to_bytes(v)}
                                 for cid, v in zip(todo, vectors, strict=True)])
        out.update(zip(todo, vectors, strict=True))
    return out


def refine(*, session: Session, claim_ids: Sequence[int]) -> int:
    """The full stage for these claims (their matches replaced); returns how many were
    matched. Runs in the caller's transaction."""
    session.flush()
    conn = session.connection()
    encoder = _encoder()
    index = factcheck_index(conn, encoder=encoder)
    floor = threshold(semantic=encoder is not None)
    c = Claim.__table__
    claims = conn.execute(select(c.c.id, c.c.text).where(
        c.c.id.in_(list(claim_ids)), c.c.merged_into.is_(None))).all()
    for cid, text in claims:
        pool = search.similar(conn, content_words(text), limit=POOL, exclude=[cid])
        own = claim_embeddings(conn, {cid: text}, encoder=encoder).get(cid) \
            if encoder is not None else None
        found = rank(text, claim_candidates(conn, pool, encoder=encoder), encoder=encoder,
                     limit=KEEP, min_similarity=floor) if pool else []
        replace_matches(conn, cid, "claim", found, FULL)
        if index is not None:
            replace_matches(conn, cid, "factcheck", index.search(
                text, limit=KEEP, min_similarity=floor, query_embedding=own), FULL)
    if claims:
        conn.execute(update(c).where(c.c.id.in_([r.id for r in claims]))
                     .values(match_stage=FULL))
    return len(claims)


def ensure_matched(*, session: Session, claim_id: int) -> None:
    """Run the full stage for a claim that has not had it (when it is shown)."""
    stage = session.get(Claim, claim_id).match_stage
    if stage != FULL:
        refine(session=session, claim_ids=[claim_id])


def pending_run(*, engine: Engine, batch: int = 100,
                on_progress: Callable[[int, int], None] | None = None) -> int:
    """The full stage for every claim still waiting for it, a committed batch at a time
    (resumable), after computing any fact-check embeddings still missing; returns how
    many claims were matched."""
    from factcheck.services.factchecks import embed_pending

    embed_pending(engine=engine)
    with session_scope(engine) as session:
        todo = pending(session=session)
    done = 0
    for i in range(0, len(todo), batch):
        with session_scope(engine) as session:
            done += refine(session=session, claim_ids=todo[i:i + batch])
        if on_progress:
            on_progress(done, len(todo))
    return done


def pending(*, session: Session, limit: int | None = None) -> list[int]:
    """Claims still waiting for the full stage (oldest first)."""
    query = select(Claim.id).where(Claim.merged_into.is_(None),
                                   (Claim.match_stage.is_(None)) |
                                   (Claim.match_stage != FULL)).order_by(Claim.id)
    if limit:
        query = query.limit(limit)
    return list(session.execute(query).scalars())


# --- matching any text ------------------------------------------------------------------

def match_text(*, session: Session, text: str, limit: int = 5) -> list[dict]:
    """The ledger's claims and the fact-checks ranked against ``text``, best first, each
    with its kind, id, score and what ``storage.matches.matches_of`` gives."""
    conn = session.connection()
    encoder = _encoder()
    pool = search.similar(conn, content_words(text), limit=POOL)
    found = [("claim", m) for m in rank(text, claim_candidates(conn, pool, encoder=encoder),
                                        encoder=encoder, limit=limit)] if pool else []
    index = factcheck_index(conn, encoder=encoder)
    if index is not None:
        found += [("factcheck", m) for m in index.search(text, limit=limit)]
    found.sort(key=lambda km: -km[1].score)
    found = found[:limit]
    claims = claim_targets(session, {int(m.id) for k, m in found if k == "claim"})
    checks = factcheck_targets(session, {int(m.id) for k, m in found if k == "factcheck"})
    out = []
    for kind, m in found:
        target = (claims if kind == "claim" else checks).get(int(m.id))
        if target is not None:
            out.append({"kind": kind, "id": int(m.id), "score": round(m.score, 4), **target,
                        "conflicts": m.conflicts})
    return out
