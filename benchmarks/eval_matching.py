"""Claim matching on CheckThat! 2020 Task 2 (English): MAP@5, MAP@1 and MRR of ranking
the 10,375 Snopes fact-checks for each train and dev tweet.

    python benchmarks/eval_matching.py            # the table
    python benchmarks/eval_matching.py --fit      # refit the fusion weights on train tweets

Systems: BM25 over claim + title (raw tweets and cleaned tweets), the encoder's cosine with
the claim, with claim and title, and the package's fused score (``MatchIndex.search``)
with and without the figure comparison, and its lexical-only fallback. Weights and the
threshold are fitted on train tweets only; dev is reported, never tuned on.
Needs the extra ``match`` for the encoder rows (embeddings are cached, see matching_data).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matching_data as data  # noqa: E402

from factcheck.matching import matcher  # noqa: E402
from factcheck.matching.lexical import LexicalIndex  # noqa: E402
from factcheck.matching.normalize import clean_for_matching  # noqa: E402


def average_precision(ranked: list[str], relevant: set[str], k: int) -> float:
    """AP@k as CheckThat! 2020 scores it (precision at each relevant hit, over |relevant|)."""
    hits, total = 0, 0.0
    for i, doc in enumerate(ranked[:k], start=1):
        if doc in relevant:
            hits += 1
            total += hits / i
    return total / len(relevant) if relevant else 0.0


def reciprocal_rank(ranked: list[str], relevant: set[str]) -> float:
    """1 / rank of the first relevant fact-check (0 when not in the ranking)."""
    for i, doc in enumerate(ranked, start=1):
        if doc in relevant:
            return 1.0 / i
    return 0.0


def measures(rankings: dict[str, list[str]], gold: dict[str, set[str]]) -> tuple[float, ...]:
    """(MAP@5, MAP@1, MRR) over the tweets with gold fact-checks."""
    ids = [q for q in gold]
    n = len(ids)
    return (sum(average_precision(rankings.get(q, []), gold[q], 5) for q in ids) / n,
            sum(average_precision(rankings.get(q, []), gold[q], 1) for q in ids) / n,
            sum(reciprocal_rank(rankings.get(q, []), gold[q]) for q in ids) / n)


def top_ids(scores, ids: list[str], k: int = 100) -> list[str]:
    """The ids of the ``k`` highest scores of a NumPy row, best first; ties keep the
    collection's order, as the package's ranking does (the collection holds exact
    duplicates, and the qrels favour the earlier copy: an arbitrary tie order costs BM25
    0.04 MAP@1)."""
    import numpy as np

    return [ids[i] for i in np.argsort(-scores, kind="stable")[:k]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true",
                        help="refit the fusion weights and threshold on the train tweets")
    parser.add_argument("--no-encoder", action="store_true", help="lexical rows only")
    args = parser.parse_args()

    facts = data.fact_checks()
    ids = [f[0] for f in facts]
    splits = {s: (data.queries(s), data.qrels(s)) for s in ("train", "dev")}
    rows: list[tuple[str, str, tuple[float, ...]]] = []

    t0 = time.perf_counter()
    bm25 = LexicalIndex((f[0], f"{f[1]} {f[2]}") for f in facts)
    for split, (queries, gold) in splits.items():
        for label, prep in (("BM25 claim+title, raw tweet", lambda x: x),
                            ("BM25 claim+title, cleaned tweet", clean_for_matching)):
            rankings = {q: [d for d, _ in bm25.top(prep(text), 100)] for q, text in queries}
            rows.append((label, split, measures(rankings, gold)))
    print(f"BM25 rows: {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    candidates = [matcher.Candidate(f[0], f[1], f[2]) for f in facts]
    lexical_index = matcher.MatchIndex(candidates)
    if args.fit:
        fit_weights(lexical_index, splits["train"], semantic=False)
    for split, (queries, gold) in splits.items():
        rankings = {q: [m.id for m in lexical_index.search(text, limit=100)]
                    for q, text in queries}
        rows.append(("fused, lexical + figures (no encoder)", split, measures(rankings, gold)))

    if not args.no_encoder:
        import numpy as np

        text_vecs = data.cached_embeddings([f[1] for f in facts], "vclaim")
        title_vecs = data.cached_embeddings([f[2] for f in facts], "title")
        for split, (queries, gold) in splits.items():
            raw = data.cached_embeddings([t for _, t in queries], f"{split}-raw")
            clean = data.cached_embeddings([clean_for_matching(t) for _, t in queries],
                                           f"{split}-clean")
            for label, qv, scores in (
                    ("encoder claim, raw tweet", raw, lambda v: text_vecs @ v),
                    ("encoder claim, cleaned tweet", clean, lambda v: text_vecs @ v),
                    ("encoder claim+title (sum of cosines)", clean,
                     lambda v: text_vecs @ v + title_vecs @ v)):
                rankings = {q: top_ids(scores(qv[i]), ids) for i, (q, _) in enumerate(queries)}
                rows.append((label, split, measures(rankings, gold)))
        with_vectors = [matcher.Candidate(f[0], f[1], f[2], embedding=text_vecs[i],
                                          title_embedding=title_vecs[i])
                        for i, f in enumerate(facts)]
        index = matcher.MatchIndex(with_vectors, encoder=_NoEncoder())
        query_vecs = {s: data.cached_embeddings(
            [clean_for_matching(t) for _, t in splits[s][0]], f"{s}-clean")
            for s in splits}
        if args.fit:
            fit_weights(index, splits["train"], semantic=True, vectors=query_vecs["train"])
        for split, (queries, gold) in splits.items():
            qv = query_vecs[split]
            results = {q: index.search(text, limit=100, query_embedding=qv[i])
                       for i, (q, text) in enumerate(queries)}
            rows.append(("fused + figures (package default)", split,
                         measures({q: [m.id for m in r] for q, r in results.items()}, gold)))
            saved = matcher.CONFLICT_PENALTY, matcher.SEMANTIC_WEIGHTS
            matcher.CONFLICT_PENALTY = 0.0
            matcher.SEMANTIC_WEIGHTS = (*saved[1][:4], 0.0)
            plain = {q: [m.id for m in index.search(text, limit=100, query_embedding=qv[i])]
                     for i, (q, text) in enumerate(queries)}
            matcher.CONFLICT_PENALTY, matcher.SEMANTIC_WEIGHTS = saved
            rows.append(("fused, figures ignored", split, measures(plain, gold)))
            report_threshold(split, results, gold, matcher.THRESHOLD)
        del np

    print(f"\n{'system':44} {'split':6} {'MAP@5':>6} {'MAP@1':>6} {'MRR':>6}")
    for label, split, (m5, m1, mrr) in sorted(rows, key=lambda r: (r[1] != "train", 0)):
        print(f"{label:44} {split:6} {m5:6.3f} {m1:6.3f} {mrr:6.3f}")


class _NoEncoder:
    """Stands in for the encoder when every vector is precomputed (the benchmark passes
    query embeddings from its cache)."""

    def encode(self, texts):  # pragma: no cover - never called when vectors are given
        raise AssertionError("all embeddings are precomputed here")


def report_threshold(split: str, results: dict, gold: dict[str, set[str]],
                     threshold: float) -> None:
    """Precision and recall of "the top match is the right one" at ``threshold``."""
    kept = [q for q, r in results.items() if r and r[0].score >= threshold]
    right = [q for q in kept if results[q][0].id in gold.get(q, set())]
    precision = len(right) / len(kept) if kept else 0.0
    recall = len(right) / len(gold)
    print(f"{split}: threshold {threshold:.2f}: top match kept for {len(kept)}/{len(gold)} "
          f"tweets, precision {precision:.3f}, recall {recall:.3f}", file=sys.stderr)


def fit_weights(index: matcher.MatchIndex, train, *, semantic: bool, vectors=None) -> None:
    """Fit the logistic fusion on the train tweets' pools and print the weights and the
    threshold that maximises F1 of "the top match is right" (paste them into matcher.py)."""
    import numpy as np

    queries, gold = train
    xs, ys, groups = [], [], []
    for i, (q, text) in enumerate(queries):
        pooled = index.pooled_features(
            text, query_embedding=None if vectors is None else vectors[i])
        for row in pooled:
            feats = row.features if semantic else (row.features[0], 0.0, 0.0)
            xs.append((1.0, *feats, 1.0 if row.comparison.shared else 0.0))
            ys.append(1.0 if index.candidates[row.position].id in gold.get(q, ()) else 0.0)
            groups.append(i)
    x, y = np.array(xs), np.array(ys)
    cols = [0, 1, 2, 3, 4] if semantic else [0, 1, 4]
    w = _logistic(x[:, cols], y)
    full = np.zeros(5)
    full[cols] = w
    z = x @ full
    prob = 1 / (1 + np.exp(-z))
    # the threshold: best F1 of "the top match is the right one" over the train tweets
    tops: dict[int, tuple[float, float]] = {}
    for g, p, label in zip(groups, prob, y, strict=True):
        if g not in tops or p > tops[g][0]:
            tops[g] = (p, label)
    best = (0.0, 0.5)
    for t in np.arange(0.05, 0.96, 0.01):
        kept = [lab for p, lab in tops.values() if p >= t]
        if not kept:
            continue
        precision, recall = sum(kept) / len(kept), sum(kept) / len(queries)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
        best = max(best, (f1, round(float(t), 2)))
    name = "SEMANTIC" if semantic else "LEXICAL"
    print(f"{name}_WEIGHTS = {tuple(round(float(v), 2) for v in full)}  "
          f"threshold {best[1]} (train F1 {best[0]:.3f}); pooled rows {len(y)}, "
          f"positives {int(y.sum())}", file=sys.stderr)


def _logistic(x, y, l2: float = 1e-3, steps: int = 50):
    """L2-regularised logistic regression by Newton's method (a handful of features)."""
    import numpy as np

    w = np.zeros(x.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(x @ w)))
        grad = x.T @ (p - y) + l2 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + l2 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


if __name__ == "__main__":
    main()
