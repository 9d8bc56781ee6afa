"""Rank earlier claims and fact-checks against a new claim: the API the ledger calls.

Two stages. A cheap first stage gathers a pool: BM25's best candidates (over claim and
title), and with the encoder the nearest claim embeddings too (one matrix product over
every stored vector). Each pooled candidate then gets a ranking score, the claim cosine
plus weighted BM25 plus a bonus for a shared figure, with weights fitted on the CheckThat!
2020 training tweets; a logistic curve fitted on the same tweets turns it into a 0-1
score, an estimate that the candidate checks the same claim. Each figure that conflicts
takes a fixed amount off and is reported.

Without the encoder (the extra ``match`` not installed) the same runs on BM25 and figures
alone, with its own fitted curve: lower accuracy, see docs/matching.md.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.matching.figures import Figure, FigureComparison, compare_figures, figures_of
from factcheck.matching.lexical import LexicalIndex, TermStats
from factcheck.matching.normalize import clean_for_matching


@dataclass(frozen=True)
class Fusion:
    """How a candidate's features become its score. Ranking score: ``semantic * cosine +
    bm25 * normalized BM25 + figure * (1 when a figure is shared)``; the 0-1 score is
    that through the logistic curve ``slope * x + offset``, less ``CONFLICT_PENALTY``
    log-odds per conflicting figure. ``threshold``: the similarity from which to store."""

    semantic: float
    bm25: float
    figure: float
    slope: float
    offset: float
    threshold: float


# Fitted by benchmarks/eval_matching.py --fit on the 800 CheckThat! 2020 training tweets
# only (docs/matching.md): the weights by MAP@5 over a grid; the curve by logistic
# regression over each tweet's top candidate, the tweet asked twice, once with its
# fact-check in the collection and once without; the threshold by F1 of "the top match is
# right" over the same askings, weighed as if one claim in five had been checked before.
SEMANTIC = Fusion(semantic=1.0, bm25=3.0, figure=0.1, slope=3.52, offset=-3.6,
                  threshold=0.39)
LEXICAL = Fusion(semantic=0.0, bm25=1.0, figure=0.0, slope=17.08, offset=-2.47,
                 threshold=0.47)
# a conflicting figure takes this much off the log-odds: a policy, not a fitted number (a
# claim that changed its figure must still reach the fact-checker, marked, not vanish)
CONFLICT_PENALTY = 0.75
# candidates re-scored per query, from each first stage
POOL = 30
# the ingest screen skips query words found in more candidates than this: they weigh little
# and cost the most (benchmarks/bench_matching.py measures the trade)
SCREEN_MAX_POSTINGS = 300


def threshold(*, semantic: bool) -> float:
    """The score from which a match is worth storing, with or without the encoder."""
    return (SEMANTIC if semantic else LEXICAL).threshold


@dataclass(frozen=True)
class Candidate:
    """An earlier claim or an imported fact-check (ClaimReview's claimReviewed as ``text``,
    its headline as ``title``). A stored ``embedding`` (``Encoder.encode`` of ``text``)
    and stored ``figures`` (``figures_of(text + " " + title)``) save the work."""

    id: Hashable
    text: str
    title: str = ""
    embedding: Any = None
    figures: Sequence[Figure] | None = None


@dataclass(frozen=True)
class Match:
    """One candidate's result. ``score`` (0-1) ranks; ``similarity`` is the score before
    the conflict penalty (the same when nothing conflicts): store the match when it
    reaches the threshold, so a claim that changed its figure is kept and shown with its
    ``conflicts``. Also the normalized BM25 and the cosine (None without the encoder) it
    came from, and how many of the query's figures the candidate states."""

    id: Hashable
    score: float
    similarity: float
    lexical: float
    semantic: float | None
    shared_figures: int = 0
    conflicts: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Pooled:
    """A pooled candidate (its position in the index), its normalized BM25, its cosine
    (None without the encoder) and how its figures compare with the query's."""

    position: int
    bm25: float
    cosine: float | None
    comparison: FigureComparison


class MatchIndex:
    """The candidates queries are ranked against, indexed once: BM25 postings, the matrix
    of claim embeddings when an encoder is given (stored ones used, missing ones encoded
    here), figures as they are needed."""

    def __init__(self, candidates: Iterable[Candidate], *, encoder: Any = None,
                 stats: TermStats | None = None) -> None:
        self.candidates = list(candidates)
        self.encoder = encoder
        self.lexical = LexicalIndex(
            ((i, f"{c.text} {c.title}") for i, c in enumerate(self.candidates)), stats=stats)
        self._figures: dict[int, Sequence[Figure]] = {}
        self.matrix = None
        if encoder is not None and self.candidates:
            self.matrix = self._embedding_matrix()

    @property
    def fusion(self) -> Fusion:
        """The fitted fusion this index scores with (with or without the encoder)."""
        return SEMANTIC if self.matrix is not None else LEXICAL

    def search(self, query: str, *, limit: int = 5, min_similarity: float = 0.0,
               query_embedding: Any = None) -> list[Match]:
        """The best ``limit`` candidates for ``query`` whose similarity reaches
        ``min_similarity`` (e.g. ``threshold(...)``), best score first.
        ``query_embedding`` saves encoding the query when it is stored."""
        fusion = self.fusion
        out = []
        for row in self.pool(query, query_embedding=query_embedding):
            similarity = fuse(row, fusion, penalize_conflicts=False)
            if similarity >= min_similarity:
                out.append(Match(self.candidates[row.position].id, fuse(row, fusion),
                                 similarity, row.bm25, row.cosine, row.comparison.shared,
                                 [c.to_dict() for c in row.comparison.conflicts]))
        out.sort(key=lambda m: -m.score)  # stable: ties keep the pool's order
        return out[:limit]

    def screen(self, query: str, *, figures: Sequence[Figure] | None = None,
               max_postings: int | None = SCREEN_MAX_POSTINGS, limit: int = 3
               ) -> list[Match]:
        """The quick pass for ingest: words and figures only (no encoder, even when the
        index has one), BM25 skipping the query's words found in more than
        ``max_postings`` candidates; the candidates whose similarity reaches the lexical
        threshold, best first. ``figures``: the claim's figures when already extracted
        (``figure_from_quantity`` over its stored quantities)."""
        fusion = LEXICAL
        # the lexical fusion is monotone in BM25 with no figure weight: a candidate below
        # this BM25 cannot reach the threshold, so only those above are compared further
        floor = (_logit(fusion.threshold) - fusion.offset) / (fusion.slope * fusion.bm25)
        found = [(p, s) for p, s in self.lexical.scores(
            clean_for_matching(query), max_postings=max_postings).items() if s >= floor]
        if not found:
            return []
        found.sort(key=lambda ps: -ps[1])
        ours = list(figures) if figures is not None else figures_of(clean_for_matching(query))
        out = []
        for position, bm25 in found[:limit]:
            row = Pooled(position, bm25, None,
                         compare_figures(ours, self._candidate_figures(position)))
            out.append(Match(self.candidates[position].id, fuse(row, fusion),
                             fuse(row, fusion, penalize_conflicts=False), bm25, None,
                             row.comparison.shared,
                             [c.to_dict() for c in row.comparison.conflicts]))
        out.sort(key=lambda m: -m.score)
        return out

    def pool(self, query: str, *, query_embedding: Any = None) -> list[Pooled]:
        """The first stage for ``query``: BM25's best and the nearest embeddings, each
        with its features (what ``search`` fuses, and what the fusion is fitted on)."""
        text = clean_for_matching(query)
        lexical = self.lexical.scores(text)
        found = dict.fromkeys(p for p, _ in sorted(lexical.items(), key=lambda kv: -kv[1])
                              [:POOL])
        cosines = None
        if self.matrix is not None:
            import numpy as np

            vector = (query_embedding if query_embedding is not None
                      else self.encoder.encode([text])[0])
            cosines = self.matrix @ np.asarray(vector, dtype=np.float32)
            if len(cosines) > POOL:
                nearest = np.argpartition(-cosines, POOL)[:POOL]
                found.update(dict.fromkeys(int(i) for i in nearest[np.argsort(
                    -cosines[nearest], kind="stable")]))
            else:
                found.update(dict.fromkeys(range(len(cosines))))
        ours = figures_of(text)
        return [Pooled(p, lexical.get(p, 0.0), None if cosines is None else float(cosines[p]),
                       compare_figures(ours, self._candidate_figures(p)))
                for p in found]

    def _candidate_figures(self, position: int) -> Sequence[Figure]:
        found = self._figures.get(position)
        if found is None:
            cand = self.candidates[position]
            found = (cand.figures if cand.figures is not None
                     else figures_of(f"{cand.text} {cand.title}"))
            self._figures[position] = found
        return found

    def _embedding_matrix(self) -> Any:
        import numpy as np

        rows = [None if c.embedding is None else np.asarray(c.embedding, dtype=np.float32)
                for c in self.candidates]
        missing = [i for i, row in enumerate(rows) if row is None]
        if missing:
            vectors = self.encoder.encode([self.candidates[i].text for i in missing])
            for i, vector in zip(missing, vectors, strict=True):
                rows[i] = vector
        return np.vstack(rows)


def ranking_score(row: Pooled, fusion: Fusion) -> float:
    """The linear score candidates are ranked by (before the logistic curve)."""
    value = fusion.bm25 * row.bm25 + fusion.figure * (1.0 if row.comparison.shared else 0.0)
    if row.cosine is not None:
        value += fusion.semantic * row.cosine
    return value


def fuse(row: Pooled, fusion: Fusion, *, penalize_conflicts: bool = True) -> float:
    """A pooled candidate's 0-1 score: its ranking score through the fitted logistic
    curve, less ``CONFLICT_PENALTY`` log-odds per conflicting figure (unless told not)."""
    z = fusion.slope * ranking_score(row, fusion) + fusion.offset
    if penalize_conflicts:
        z -= CONFLICT_PENALTY * len(row.comparison.conflicts)
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def _logit(p: float) -> float:
    return math.log(p / (1.0 - p))


def rank(query: str, candidates: Iterable[Candidate], *, encoder: Any = None,
         limit: int = 5, min_similarity: float = 0.0, stats: TermStats | None = None
         ) -> list[Match]:
    """Rank ``candidates`` (e.g. what a full-text search returned) against ``query``.

    With ``encoder`` (``get_encoder()``) the score uses sentence embeddings (the stored
    ones when candidates carry them); without it, words and figures alone. ``stats``: the
    whole collection's term statistics, so a small candidate set weighs words as the
    collection does (without them, the candidates' own)."""
    return MatchIndex(candidates, encoder=encoder, stats=stats).search(
        query, limit=limit, min_similarity=min_similarity)
