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
import itertools
import sys
import time
from dataclasses import replace
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


# the share of claims that were checked before, for choosing the threshold: unknown; one
# in five is a guess that puts the cost of false matches well above CheckThat's (where
# every tweet has a fact-check)
MATCH_RATE = 0.2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true",
                        help="refit the fusions and thresholds on the train tweets and print "
                             "them (paste into factcheck/matching/matcher.py)")
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

    lexical = matcher.MatchIndex(matcher.Candidate(f[0], f[1], f[2]) for f in facts)
    package_rows(lexical, splits, rows, "lexical + figures (no encoder)", None, args.fit)

    if not args.no_encoder:
        text_vecs = data.cached_embeddings([f[1] for f in facts], "vclaim")
        title_vecs = data.cached_embeddings([f[2] for f in facts], "title")
        vectors = {}
        for split, (queries, gold) in splits.items():
            raw = data.cached_embeddings([t for _, t in queries], f"{split}-raw")
            vectors[split] = data.cached_embeddings(
                [clean_for_matching(t) for _, t in queries], f"{split}-clean")
            for label, qv, scores in (
                    ("encoder claim, raw tweet", raw, lambda v: text_vecs @ v),
                    ("encoder claim, cleaned tweet", vectors[split], lambda v: text_vecs @ v),
                    ("encoder claim + 0.25 title", vectors[split],
                     lambda v: text_vecs @ v + 0.25 * (title_vecs @ v))):
                rankings = {q: top_ids(scores(qv[i]), ids) for i, (q, _) in enumerate(queries)}
                rows.append((label, split, measures(rankings, gold)))
        index = matcher.MatchIndex(
            (matcher.Candidate(f[0], f[1], f[2], embedding=text_vecs[i])
             for i, f in enumerate(facts)), encoder=_NoEncoder())
        package_rows(index, splits, rows, "encoder + BM25 + figures", vectors, args.fit)

    print(f"\n{'system':58} {'split':6} {'MAP@5':>6} {'MAP@1':>6} {'MRR':>6}")
    for label, split, (m5, m1, mrr) in sorted(rows, key=lambda r: r[1] != "train"):
        print(f"{label:58} {split:6} {m5:6.3f} {m1:6.3f} {mrr:6.3f}")


def package_rows(index: matcher.MatchIndex, splits, rows, label: str, vectors,
                 fit: bool) -> None:
    """The package's ranking (``MatchIndex.search``) on each split, with and without the
    figure comparison, and the threshold's precision and recall."""
    if fit:
        fit_fusion(index, splits["train"], None if vectors is None else vectors["train"])
    for split, (queries, gold) in splits.items():
        def run(queries=queries, split=split):
            return {q: index.search(text, limit=10, query_embedding=None if vectors is None
                                    else vectors[split][i])
                    for i, (q, text) in enumerate(queries)}

        results = run()
        rows.append((f"package: {label}", split,
                     measures({q: [m.id for m in r] for q, r in results.items()}, gold)))
        saved = matcher.CONFLICT_PENALTY, matcher.SEMANTIC, matcher.LEXICAL
        matcher.CONFLICT_PENALTY = 0.0
        matcher.SEMANTIC = replace(saved[1], figure=0.0)
        matcher.LEXICAL = replace(saved[2], figure=0.0)
        plain = run()
        matcher.CONFLICT_PENALTY, matcher.SEMANTIC, matcher.LEXICAL = saved
        rows.append((f"package: {label}, figures ignored", split,
                     measures({q: [m.id for m in r] for q, r in plain.items()}, gold)))
        report_threshold(label, split, index.fusion.threshold, queries, gold, results)


class _NoEncoder:
    """Stands in for the encoder when every vector is precomputed (the benchmark passes
    query embeddings from its cache)."""

    def encode(self, texts):  # pragma: no cover - never called when vectors are given
        raise AssertionError("all embeddings are precomputed here")


def report_threshold(label: str, split: str, threshold: float, queries,
                     gold: dict[str, set[str]], results) -> None:
    """Precision and recall of "the top match is the right one" (its similarity at the
    fitted threshold or above),
    each tweet asked with its fact-check in the collection, and again without it (the
    best other candidate's score: what a claim never checked before would get)."""
    kept_right = kept_wrong = kept_absent = 0
    for q, _ in queries:
        found = results[q]
        if found and found[0].similarity >= threshold:
            if found[0].id in gold.get(q, set()):
                kept_right += 1
            else:
                kept_wrong += 1
        others = [m for m in found if m.id not in gold.get(q, set())]
        if others and others[0].similarity >= threshold:
            kept_absent += 1
    n = len(queries)
    kept = kept_right + kept_wrong + kept_absent
    weighted = kept_right + kept_wrong + kept_absent * (1.0 - MATCH_RATE) / MATCH_RATE
    print(f"{label}, {split}: threshold {threshold:.2f}: with its fact-check, the top "
          f"match is kept and right for {kept_right}/{n} tweets, kept and wrong for "
          f"{kept_wrong}; without it, a match is kept for {kept_absent}/{n}. Recall "
          f"{kept_right / n:.3f}; precision {kept_right / kept if kept else 0:.3f} for an "
          f"even mix, {kept_right / weighted if weighted else 0:.3f} when {MATCH_RATE:.0%} "
          "of claims were checked before", file=sys.stderr)


def fit_fusion(index: matcher.MatchIndex, train, vectors) -> None:
    """Fit the fusion on the train tweets and print it: the ranking weights by MAP@5 over
    a grid, the logistic curve over every pooled candidate, the threshold by F1 of "the
    top match is right" with each tweet asked with and without its fact-check."""
    import numpy as np

    queries, gold = train
    pools = [(q, index.pool(text, query_embedding=None if vectors is None else vectors[i]))
             for i, (q, text) in enumerate(queries)]
    semantic = vectors is not None
    grid = itertools.product([1.0] if semantic else [0.0],
                             [1.0, 1.5, 2.0, 2.5, 3.0, 3.5, 4.0] if semantic else [1.0],
                             [0.0, 0.02, 0.05, 0.1, 0.2])
    best = None
    for w_sem, w_bm25, w_fig in grid:
        fusion = matcher.Fusion(w_sem, w_bm25, w_fig, 1.0, 0.0, 0.5)
        total = 0.0
        for q, pool in pools:
            ranked = sorted(pool, key=lambda r: -matcher.ranking_score(r, fusion))
            ids = [index.candidates[r.position].id for r in ranked]
            total += average_precision(ids, gold[q], 5)
        score = total / len(pools)
        if best is None or score > best[0] + 1e-9:
            best = (score, fusion)
    map5, fusion = best
    # the curve is fitted on each tweet's top candidate, asked twice: with its fact-check
    # in the collection (right or wrong) and without it (then always wrong), so the score
    # reads "how likely is this top match right" for claims that may never have been
    # checked (an even mix of both: the real mix is unknown)
    tops = []
    for q, pool in pools:
        ranked = sorted(pool, key=lambda r: -matcher.ranking_score(r, fusion))
        if not ranked:
            continue
        tops.append((ranked[0], index.candidates[ranked[0].position].id in gold[q], True))
        others = [r for r in ranked if index.candidates[r.position].id not in gold[q]]
        if others:
            tops.append((others[0], False, False))
    xs = np.array([matcher.ranking_score(r, fusion) for r, _, _ in tops])
    ys = np.array([1.0 if right else 0.0 for _, right, _ in tops])
    slope, offset = _logistic(xs, ys)
    fusion = replace(fusion, slope=round(slope, 2), offset=round(offset, 2))
    scored = [(matcher.fuse(r, fusion, penalize_conflicts=False), right, present)
              for r, right, present in tops]

    def precision_recall(t: float) -> tuple[float, float]:
        # claims with an earlier check are MATCH_RATE of all: weigh the "without its
        # fact-check" askings to that mix
        weight = (1.0 - MATCH_RATE) / MATCH_RATE
        tp = sum(1 for sc, right, _ in scored if right and sc >= t)
        fp = sum(1 if present else weight for sc, right, present in scored
                 if not right and sc >= t)
        return (tp / (tp + fp) if tp + fp else 0.0), tp / len(queries)

    choice = (0.0, 0.5, 0.0, 0.0)
    for t in np.arange(0.05, 0.96, 0.01):
        precision, recall = precision_recall(float(t))
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > choice[0]:
            choice = (f1, round(float(t), 2), precision, recall)
    fusion = replace(fusion, threshold=choice[1])
    for t in (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        precision, recall = precision_recall(t)
        print(f"  train, threshold {t:.1f}: precision {precision:.3f}, recall {recall:.3f}",
              file=sys.stderr)
    print(f"fitted on train (pool MAP@5 {map5:.3f}): {fusion}; at the threshold: F1 "
          f"{choice[0]:.3f}, precision {choice[2]:.3f}, recall {choice[3]:.3f}",
          file=sys.stderr)


def _logistic(x, y, l2: float = 1e-4, steps: int = 100) -> tuple[float, float]:
    """Slope and offset of a one-feature logistic regression (Newton's method)."""
    import numpy as np

    design = np.column_stack([x, np.ones_like(x)])
    w = np.zeros(2)
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(design @ w)))
        grad = design.T @ (p - y) + l2 * w
        hess = (design * (p * (1 - p))[:, None]).T @ design + l2 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return float(w[0]), float(w[1])


if __name__ == "__main__":
    main()
