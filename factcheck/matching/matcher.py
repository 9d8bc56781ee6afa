"""Rank earlier claims and fact-checks against a new claim: the API the ledger calls.

Two stages. A cheap first stage gathers a pool: BM25's best candidates, and with the
encoder the nearest embeddings too (a matrix product over every stored vector). Each
pooled candidate then gets features (normalized BM25, cosine with the candidate's text,
cosine with its title, whether they share a figure) that a logistic model fitted on the
CheckThat! 2020 training tweets turns into a 0-1 score: the probability that the
candidate checks the same claim. A figure that conflicts lowers the score by a fixed
amount and is reported.

Without the encoder (the extra ``match`` not installed) the same runs on the lexical
features alone, with their own fitted model: lower accuracy, see docs/matching.md.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.matching.figures import Figure, FigureComparison, compare_figures, figures_of
from factcheck.matching.lexical import LexicalIndex, TermStats
from factcheck.matching.normalize import clean_for_matching

# Logistic weights over (bias, bm25, cos_text, cos_title, shared figure), fitted by
# benchmarks/eval_matching.py --fit on the 800 training tweets' pools (the gold fact-check
# against every other pooled candidate). Refit and paste when features change.
SEMANTIC_WEIGHTS = (-14.0, 4.0, 10.0, 4.0, 0.5)
LEXICAL_WEIGHTS = (-6.0, 12.0, 0.0, 0.0, 0.5)
# a conflicting figure on otherwise similar text takes this much off the log-odds: a policy
# (a fact-checker must see the match, marked as changed, not lose it), not a fitted number
CONFLICT_PENALTY = 1.5
# the score above which a match is stored, chosen on the training tweets (F1 of "the top
# match is the right one"); see docs/matching.md for precision and recall on dev
THRESHOLD = 0.5
LEXICAL_THRESHOLD = 0.5
# candidates re-scored per query, from each first stage
POOL = 30


@dataclass(frozen=True)
class Candidate:
    """An earlier claim or an imported fact-check (ClaimReview's claimReviewed as ``text``,
    its headline as ``title``). Stored embeddings (``Encoder.encode`` of text and title)
    and figures (``figures_of(text + " " + title)``) save the work when given."""

    id: Hashable
    text: str
    title: str = ""
    embedding: Any = None
    title_embedding: Any = None
    figures: Sequence[Figure] | None = None


@dataclass(frozen=True)
class Match:
    """One candidate's result: ``score`` in 0-1 (store it when >= the threshold), the
    parts it came from, and the figures it contradicts."""

    id: Hashable
    score: float
    lexical: float
    semantic: float | None
    shared_figures: int = 0
    conflicts: list[dict] = field(default_factory=list)


@dataclass(frozen=True)
class Pooled:
    """A pooled candidate (its position in the index) and its features: normalized BM25,
    cosine with its text, cosine with its title (0 without the encoder), figures."""

    position: int
    features: tuple[float, float, float]
    comparison: FigureComparison


class MatchIndex:
    """The candidates a query is ranked against, indexed once (BM25 postings, an embedding
    matrix when an encoder is given, figures)."""

    def __init__(self, candidates: Iterable[Candidate], *, encoder: Any = None,
                 stats: TermStats | None = None) -> None:
        self.candidates = list(candidates)
        self.encoder = encoder
        self.lexical = LexicalIndex(
            ((i, f"{c.text} {c.title}") for i, c in enumerate(self.candidates)), stats=stats)
        self._figures: dict[int, Sequence[Figure]] = {}
        self.text_matrix = self.title_matrix = None
        if encoder is not None and self.candidates:
            self.text_matrix = self._matrix([c.text for c in self.candidates],
                                            [c.embedding for c in self.candidates])
            self.title_matrix = self._matrix([c.title for c in self.candidates],
                                             [c.title_embedding for c in self.candidates])

    def search(self, query: str, *, limit: int = 5, min_score: float = 0.0,
               query_embedding: Any = None) -> list[Match]:
        """The best ``limit`` candidates for ``query`` scoring at least ``min_score``,
        best first. ``query_embedding`` saves encoding the query when it is stored."""
        semantic = self.text_matrix is not None
        weights = SEMANTIC_WEIGHTS if semantic else LEXICAL_WEIGHTS
        out = []
        for row in self.pooled_features(query, query_embedding=query_embedding):
            score = fuse(row.features, row.comparison.shared, len(row.comparison.conflicts),
                         weights)
            if score >= min_score:
                out.append(Match(self.candidates[row.position].id, score, row.features[0],
                                 row.features[1] if semantic else None,
                                 row.comparison.shared,
                                 [c.to_dict() for c in row.comparison.conflicts]))
        out.sort(key=lambda m: -m.score)
        return out[:limit]

    def pooled_features(self, query: str, *, query_embedding: Any = None) -> list[Pooled]:
        """The first stage's pool for ``query`` with each candidate's features (what
        ``search`` fuses, and what the weights are fitted on)."""
        text = clean_for_matching(query)
        lexical = self.lexical.scores(text)
        pool = dict.fromkeys(p for p, _ in sorted(lexical.items(), key=lambda kv: -kv[1])
                             [:POOL])
        text_cos = title_cos = None
        if self.text_matrix is not None:
            import numpy as np

            q = (query_embedding if query_embedding is not None
                 else self.encoder.encode([text])[0])
            text_cos = self.text_matrix @ q
            title_cos = self.title_matrix @ q
            best = np.maximum(text_cos, title_cos)
            top = np.argpartition(-best, POOL)[:POOL] if len(best) > POOL else range(len(best))
            pool.update(dict.fromkeys(int(i) for i in top))
        ours = figures_of(text)
        rows = []
        for position in pool:
            features = (lexical.get(position, 0.0),
                        0.0 if text_cos is None else float(text_cos[position]),
                        0.0 if title_cos is None else float(title_cos[position]))
            rows.append(Pooled(position, features,
                               compare_figures(ours, self._candidate_figures(position))))
        return rows

    def _candidate_figures(self, position: int) -> Sequence[Figure]:
        found = self._figures.get(position)
        if found is None:
            cand = self.candidates[position]
            found = (cand.figures if cand.figures is not None
                     else figures_of(f"{cand.text} {cand.title}"))
            self._figures[position] = found
        return found

    def _matrix(self, texts: list[str], stored: list[Any]) -> Any:
        import numpy as np

        missing = [i for i, e in enumerate(stored) if e is None]
        rows = [None if e is None else np.asarray(e, dtype=np.float32) for e in stored]
        if missing:
            for i, vec in zip(missing, self.encoder.encode([texts[i] for i in missing]),
                              strict=True):
                rows[i] = vec
        return np.vstack(rows)


def fuse(features: Sequence[float], shared: int, conflicts: int,
         weights: Sequence[float]) -> float:
    """The 0-1 score: a logistic model over (bm25, cos_text, cos_title, shared figure),
    less ``CONFLICT_PENALTY`` log-odds per conflicting figure."""
    z = weights[0] + sum(w * x for w, x in zip(weights[1:4], features, strict=True))
    z += weights[4] * (1.0 if shared else 0.0) - CONFLICT_PENALTY * conflicts
    return 1.0 / (1.0 + math.exp(-z))


def rank(query: str, candidates: Iterable[Candidate], *, encoder: Any = None,
         limit: int = 5, min_score: float = 0.0, stats: TermStats | None = None
         ) -> list[Match]:
    """Rank ``candidates`` (e.g. what a full-text search returned) against ``query``.

    With ``encoder`` (``get_encoder()``) the score uses the sentence embeddings (stored
    ones when the candidates carry them); without it, words and figures alone. ``stats``
    are the whole collection's term statistics, so a small candidate set weighs words as
    the collection does."""
    return MatchIndex(candidates, encoder=encoder, stats=stats).search(
        query, limit=limit, min_score=min_score)
