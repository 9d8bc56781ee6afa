"""BM25 over claims: the lexical scorer, as an in-memory index over any set of texts.

Built over the whole collection (the benchmark's 10,375 fact-checks, a ledger at ingest) it
is the first stage; built over the candidates a database full-text search returned, with
the collection's ``TermStats`` when the caller has them, it re-scores them the same way.

Scores are normalized to 0-1: a document's BM25 divided by the most any document could
score for that query (every query word present, often, in a short text), or for a
typical document's words when the query carries less (``typical_bound``), so they can be
compared across queries and fused with a cosine.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from factcheck.matching.normalize import lexical_terms

# Robertson's usual constants: on the 800 training tweets k1 in 0.9-2.0 and b in 0.5-0.9
# moved MAP@5 by at most 0.006 (BM25 alone and fused), so nothing was tuned
K1 = 1.2
B = 0.75
# A small collection (a desk's first fact-checks, the few dozen candidates a database
# search returned) says little about which words are common: IDF is computed as if it held
# at least this many documents, so a word it has seen once still counts as rare rather
# than as common as a word it has never seen. Collections of this size or more (the
# CheckThat! benchmark's 10,375) are unaffected.
MIN_DOCUMENTS = 1000


@dataclass(frozen=True)
class TermStats:
    """Collection statistics for IDF: how many documents, how many hold each term, and
    their mean length in terms. A database can supply them (SQLite's fts5vocab 'row'
    table, PostgreSQL's ts_stat) so a re-scored candidate set weighs words as the whole
    collection does."""

    documents: int
    document_frequency: dict[str, int]
    average_length: float

    def idf(self, term: str) -> float:
        """Lucene's BM25 IDF (never negative)."""
        df = self.document_frequency.get(term, 0)
        return math.log(1.0 + (self.documents - df + 0.5) / (df + 0.5))


class LexicalIndex:
    """BM25 over documents given as ``(key, text)`` pairs.

    Each posting's BM25 weight is computed once per term and kept until documents are
    added, so scoring a query is only additions."""

    def __init__(self, documents: Iterable[tuple[Hashable, str]], *,
                 stats: TermStats | None = None, k1: float = K1, b: float = B) -> None:
        self.keys: list[Hashable] = []
        self.lengths: list[int] = []
        self.postings: dict[str, list[tuple[int, int]]] = {}
        self.k1, self.b = k1, b
        self._fixed_stats = stats
        self._stats = stats
        self._weights: dict[str, tuple[float, list[tuple[int, float]]]] = {}
        self._typical_bound: float | None = None
        for key, text in documents:
            self.add(key, text)

    def add(self, key: Hashable, text: str) -> None:
        """Index one more document (the collection's statistics follow, unless fixed)."""
        terms = lexical_terms(text)
        position = len(self.keys)
        self.keys.append(key)
        self.lengths.append(len(terms))
        for term, tf in Counter(terms).items():
            self.postings.setdefault(term, []).append((position, tf))
        self._weights.clear()
        self._typical_bound = None
        if self._fixed_stats is None:
            self._stats = None  # the index's own statistics changed: recompute on next use

    @property
    def stats(self) -> TermStats:
        """The statistics IDF uses: the caller's, or this index's own."""
        if self._stats is None:
            n = len(self.keys)
            self._stats = TermStats(
                documents=max(n, MIN_DOCUMENTS),
                document_frequency={t: len(p) for t, p in self.postings.items()},
                average_length=(sum(self.lengths) / n) if n else 1.0)
        return self._stats

    def scores(self, query: str, *, max_postings: int | None = None
               ) -> dict[Hashable, float]:
        """Each document that shares a word with ``query`` and its normalized BM25 (0-1).

        ``max_postings`` skips the query's words found in more documents than that (they
        weigh little and cost the most): a quick screen, e.g. at ingest."""
        total: dict[int, float] = {}
        bound = 0.0
        for term in set(lexical_terms(query)):
            idf, postings = self._term_weights(term)
            bound += idf * (self.k1 + 1.0)
            if max_postings is not None and len(postings) > max_postings:
                continue
            for position, weight in postings:
                total[position] = total.get(position, 0.0) + weight
        if bound <= 0.0:
            return {}
        # a short query of common words matches fully by chance: judge it as if it were as
        # long as a typical document, so a match needs as much evidence as a typical claim
        bound = max(bound, self.typical_bound)
        keys = self.keys
        return {keys[p]: s / bound for p, s in total.items()}

    def top(self, query: str, limit: int, *, max_postings: int | None = None
            ) -> list[tuple[Hashable, float]]:
        """The ``limit`` best documents for ``query``, best first (ties in the order the
        documents were added), with normalized BM25."""
        found = self.scores(query, max_postings=max_postings)
        return sorted(found.items(), key=lambda kv: -kv[1])[:limit]

    @property
    def typical_bound(self) -> float:
        """The median, over the documents, of the most a document could score for its own
        words as a query (the normalizer of a typical claim-length query)."""
        if self._typical_bound is None:
            stats, k1 = self.stats, self.k1
            doc_terms: dict[int, list[str]] = {}
            for term, postings in self.postings.items():
                for position, _ in postings:
                    doc_terms.setdefault(position, []).append(term)
            bounds = sorted(sum(stats.idf(t) for t in terms) * (k1 + 1.0)
                            for terms in doc_terms.values())
            self._typical_bound = bounds[len(bounds) // 2] if bounds else 0.0
        return self._typical_bound

    def _term_weights(self, term: str) -> tuple[float, list[tuple[int, float]]]:
        cached = self._weights.get(term)
        if cached is None:
            stats = self.stats
            idf = stats.idf(term)
            k1, b, lengths = self.k1, self.b, self.lengths
            avg = stats.average_length or 1.0
            cached = (idf, [(p, idf * tf * (k1 + 1.0) / (tf + k1 * (1.0 - b + b * lengths[p]
                                                                       / avg)))
                            for p, tf in self.postings.get(term, ())])
            self._weights[term] = cached
        return cached


def search_terms(text: str) -> list[str]:
    """The distinct words a database full-text query should OR together to fetch
    candidates for ``text`` (cleaned of tweet furniture, function words dropped, stemmed
    as the lexical scorer stems; use them as prefix terms, e.g. FTS5 ``releas*``)."""
    return list(dict.fromkeys(lexical_terms(text)))
