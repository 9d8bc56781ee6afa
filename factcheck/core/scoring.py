"""How a sentence's check-worthiness score is made from a trained model's probability and
the transparent heuristic: the one blending rule used at ingest, for a claim added by hand
and when rescoring."""

from __future__ import annotations

# The heuristic's own claim threshold (``ingest/detect.py`` holds its weights).
HEURISTIC_THRESHOLD = 0.30
# With a trained model the score is a blend: the model reads the wording (it learnt from
# labelled sentences), the heuristic adds what news prose needs (quantities, attribution,
# no questions). Questions and headings stay at 0.
MODEL_WEIGHT = 0.5
ZERO_FEATURES = ("question", "heading")


def blend(model_probability: float, heuristic: float, features: dict[str, float]) -> float:
    """The check-worthiness score of a sentence when a trained model is in use."""
    if any(f in features for f in ZERO_FEATURES):
        return 0.0
    return round(MODEL_WEIGHT * model_probability + (1 - MODEL_WEIGHT) * heuristic, 4)


def claim_threshold(model_threshold: float | None = None) -> float:
    """The score from which a sentence becomes a claim: the heuristic's threshold, or with
    a model (its own threshold given) the blend of both thresholds."""
    if model_threshold is None:
        return HEURISTIC_THRESHOLD
    return round(MODEL_WEIGHT * model_threshold + (1 - MODEL_WEIGHT) * HEURISTIC_THRESHOLD, 4)
