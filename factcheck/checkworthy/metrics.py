"""Precision, recall, F1 and average precision in plain Python (no scikit-learn)."""

from __future__ import annotations


def prf(labels: list[int], scores: list[float], threshold: float) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class at ``score >= threshold``."""
    tp = fp = fn = 0
    for y, s in zip(labels, scores, strict=True):
        if s >= threshold:
            if y:
                tp += 1
            else:
                fp += 1
        elif y:
            fn += 1
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def average_precision(labels: list[int], scores: list[float]) -> float:
    """Average precision (the step-wise area under precision-recall), as scikit-learn
    computes it: ties are taken together."""
    positives = sum(labels)
    if positives == 0:
        return 0.0
    pairs = sorted(zip(scores, labels, strict=True), key=lambda x: -x[0])
    ap = 0.0
    tp = fp = 0
    prev_recall = 0.0
    i = 0
    while i < len(pairs):
        j = i
        while j < len(pairs) and pairs[j][0] == pairs[i][0]:
            if pairs[j][1]:
                tp += 1
            else:
                fp += 1
            j += 1
        recall = tp / positives
        ap += (recall - prev_recall) * (tp / (tp + fp))
        prev_recall = recall
        i = j
    return ap


def best_threshold(labels: list[int], scores: list[float]) -> tuple[float, float]:
    """The score threshold with the highest F1, and that F1."""
    positives = sum(labels)
    pairs = sorted(zip(scores, labels, strict=True), key=lambda x: -x[0])
    best_f1, best_t = 0.0, 1.0
    tp = fp = 0
    for k, (s, y) in enumerate(pairs):
        tp += y
        fp += 1 - y
        if k + 1 < len(pairs) and pairs[k + 1][0] == s:
            continue
        p = tp / (tp + fp)
        r = tp / positives if positives else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1:
            best_f1, best_t = f1, s
    return best_t, best_f1
