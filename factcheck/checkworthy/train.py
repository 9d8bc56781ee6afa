"""Train a check-worthiness model (needs scikit-learn: ``pip install 'factcheck[train]'``).

The model: logistic regression over idf-weighted counts of word 1-3-grams and character
2-5-grams (see ``features``), each block scaled by its number of n-grams ** -0.6; the cut-off is the
threshold with the best F1 in cross-validation. Deterministic for the same data and seed.

With a teacher (``teacher="minilm-l6"``, see ``teacher``) the model is distilled: the
fine-tuned teacher scores the labelled sentences and ``augment`` variants of them, and the
regression learns soft targets: for a labelled sentence ``alpha`` * label + (1 - alpha) *
teacher probability, for a variant the teacher probability (temperature ``temperature``).
In cross-validation each fold has its own teacher, trained on that fold's training part
only, and variants of that part only. A distilled model also has a dense part (see
``dense``), trained on the same rows and targets, whose log-odds are added to the linear
score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from factcheck.checkworthy.data import Example
from factcheck.errors import MissingExtraError

DEFAULTS = {"C": 8.0, "power": 0.6, "min_df": 1, "folds": 4, "seed": 0, "min_weight": 1e-3}
# added to DEFAULTS when distilling from a teacher
DISTIL = {"teacher": None, "augment": 10, "vocabulary": True, "temperature": 2.0, "alpha": 0.5,
          "prune_unseen": True}  # and "dense": dense.DENSE unless params say "dense": None


@dataclass
class TrainResult:
    """A trained model (as the JSON document that is saved) and its CV scores."""

    model: dict[str, Any]
    cv: dict[str, Any]


def require_training() -> None:
    """Refuse clearly, naming the extra, when training's libraries are missing."""
    try:
        import numpy  # noqa: F401
        import scipy  # noqa: F401
        import sklearn  # noqa: F401
    except ModuleNotFoundError as exc:
        raise MissingExtraError(feature="model training", extra="train",
                                missing=exc.name or "scikit-learn") from None


def _analyzers():
    from factcheck.checkworthy.features import char_ngrams, word_ngrams

    return (word_ngrams, char_ngrams)


def _block(vec, idf, texts, analyzer, power, fit: bool = False):
    """idf-weighted n-gram counts, each row scaled by (its number of n-grams) ** -power.
    The n-grams are counted in the text itself, known to the model or not, so scoring
    needs no look-up to normalize."""
    import numpy as np
    from scipy.sparse import diags

    counts = vec.fit_transform(texts) if fit else vec.transform(texts)
    if fit:
        df = np.asarray((counts > 0).sum(0)).ravel()
        idf = np.log((1 + counts.shape[0]) / (1 + df)) + 1
    totals = np.array([max(len(analyzer(t)), 1) for t in texts], dtype=np.float64)
    return diags(totals ** -power) @ (counts @ diags(idf)), idf


def _fit(texts, targets, weights, params):
    """Fit on targets in [0, 1]; a soft target t is a row labelled 1 with weight t and
    the same row labelled 0 with weight 1 - t (the cross-entropy of soft labels)."""
    import numpy as np
    from scipy.sparse import hstack, vstack
    from sklearn.feature_extraction.text import CountVectorizer
    from sklearn.linear_model import LogisticRegression

    blocks, fitted = [], []
    for analyzer in _analyzers():
        vec = CountVectorizer(analyzer=analyzer, min_df=params["min_df"], dtype=np.float64)
        block, idf = _block(vec, None, texts, analyzer, params["power"], fit=True)
        fitted.append((vec, idf))
        blocks.append(block)
    x = hstack(blocks).tocsr()
    clf = LogisticRegression(C=params["C"], max_iter=5000)
    if np.isin(targets, (0, 1)).all():
        clf.fit(x, targets.astype(int), sample_weight=weights)
    else:
        n = x.shape[0]
        clf.fit(vstack([x, x]).tocsr(), np.r_[np.ones(n, dtype=int), np.zeros(n, dtype=int)],
                sample_weight=np.r_[weights * targets, weights * (1 - targets)])
    return fitted, clf


def _training_rows(texts, labels, weights, params, seed, progress=None):
    """The rows the regression learns from: the labelled sentences with their labels, or,
    with a teacher, the labelled sentences and their variants with soft targets."""
    import numpy as np

    if not params.get("teacher"):
        return texts, labels.astype(np.float64), weights
    from factcheck.checkworthy.augment import variants
    from factcheck.checkworthy.teacher import teacher_scores, vocabulary_words

    extra = variants(texts, params["augment"], seed=seed,
                     vocabulary=vocabulary_words() if params.get("vocabulary") else ())
    extra_texts = [t for _, t in extra]
    z = np.array(teacher_scores(
        [(t, int(y), float(w)) for t, y, w in zip(texts, labels, weights, strict=True)],
        texts + extra_texts, seed=seed, progress=progress))
    p = 1 / (1 + np.exp(-z / params["temperature"]))
    n = len(texts)
    own = params["alpha"] * labels + (1 - params["alpha"]) * p[:n]
    src = np.array([i for i, _ in extra], dtype=int)
    return (texts + extra_texts, np.r_[own, p[n:]],
            np.r_[weights, weights[src] if len(src) else np.zeros(0)])


def _prune_unseen(fitted, clf, labelled_texts) -> None:
    """Zero the weights of word 2- and 3-grams that no labelled sentence has: made by
    the variants' swaps and drops, they rarely occur in real text (in cross-validation
    this kept F1 and AP within 0.001 and the word table four times smaller)."""
    from factcheck.checkworthy.features import word_ngrams

    seen = {g for t in labelled_texts for g in word_ngrams(t)}
    vec = fitted[0][0]
    for gram, j in vec.vocabulary_.items():
        if " " in gram and gram not in seen:
            clf.coef_[0, j] = 0.0


def _fit_student(texts, labels, weights, params, seed, progress=None):
    """Fit the training rows (see ``_training_rows``), pruned when distilling; return the
    fitted model, the texts it learnt from and its dense part (or None)."""
    rows = _training_rows(texts, labels, weights, params, seed, progress)
    fitted, clf = _fit(*rows, params)
    if params.get("prune_unseen"):
        _prune_unseen(fitted, clf, texts)
    dense = None
    if params.get("dense"):
        from factcheck.checkworthy.dense import fit_dense, static_vectors
        from factcheck.checkworthy.features import word_tokens
        from factcheck.checkworthy.teacher import vocabulary_words

        if progress:
            progress("fitting the dense part")
        words = {w for t in rows[0] for w in word_tokens(t)}
        if params.get("vocabulary"):
            words.update(vocabulary_words())
        dense = fit_dense(*rows, static_vectors(sorted(words)), params["dense"], seed)
    return fitted, clf, rows[0], dense


def _dense_decision(dense, texts):
    """The dense part's log-odds of ``texts`` (zeros without one), as scoring gives them."""
    import numpy as np

    if dense is None:
        return np.zeros(len(texts))
    from factcheck.checkworthy.features import word_tokens
    from factcheck.checkworthy.model import DensePart

    part = DensePart(dense)
    return np.array([part.logit(word_tokens(t)) for t in texts])


def _decision(fitted, clf, texts, power):
    from scipy.sparse import hstack

    blocks = [_block(vec, idf, texts, analyzer, power)[0]
              for (vec, idf), analyzer in zip(fitted, _analyzers(), strict=True)]
    return clf.decision_function(hstack(blocks).tocsr())


def cross_validate(examples: list[Example], params: dict[str, Any],
                   progress=None) -> dict[str, Any]:
    """Stratified k-fold CV (shuffled, seeded): F1 at the best threshold over the
    out-of-fold scores, mean average precision over folds."""
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    from factcheck.checkworthy.metrics import average_precision, best_threshold, prf

    texts = [e.text for e in examples]
    labels = np.array([e.label for e in examples])
    weights = np.array([e.weight for e in examples])
    oof = np.zeros(len(examples))
    aps = []
    skf = StratifiedKFold(params["folds"], shuffle=True, random_state=params["seed"])
    for k, (train_idx, test_idx) in enumerate(skf.split(texts, labels)):
        if progress:
            progress(f"cross-validation: fold {k + 1} of {params['folds']}")
        fitted, clf, _, dense = _fit_student([texts[i] for i in train_idx], labels[train_idx],
                                             weights[train_idx], params, params["seed"] + k,
                                             progress)
        held_out = [texts[i] for i in test_idx]
        z = _decision(fitted, clf, held_out, params["power"]) + _dense_decision(dense, held_out)
        oof[test_idx] = 1 / (1 + np.exp(-z))
        aps.append(average_precision(labels[test_idx].tolist(), oof[test_idx].tolist()))
    threshold, _ = best_threshold(labels.tolist(), oof.tolist())
    p, r, f1 = prf(labels.tolist(), oof.tolist(), threshold)
    return {"folds": params["folds"], "seed": params["seed"], "n": len(examples),
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f1, 4),
            "average_precision": round(float(np.mean(aps)), 4),
            "threshold": round(float(threshold), 6)}


def train(examples: list[Example], *, version: str, sources: list[dict[str, Any]],
          params: dict[str, Any] | None = None, progress=None) -> TrainResult:
    """Cross-validate, then fit on everything; return the model document."""
    import numpy as np

    require_training()
    params = {**DEFAULTS, **(params or {})}
    if params.get("teacher"):
        from factcheck.checkworthy.teacher import NAME, PARAMS

        if params["teacher"] != NAME:
            from factcheck.errors import UsageError

            raise UsageError(f"unknown teacher {params['teacher']!r}; the one teacher is {NAME}")
        from factcheck.checkworthy.dense import DENSE

        params = {**DISTIL, "dense": DENSE, **params, "teacher_params": PARAMS}
        if not params["dense"]:  # the linear model alone, as claimbuster-v2
            del params["dense"]
    cv = cross_validate(examples, params, progress)
    if progress:
        progress("fitting the model on all sentences")
    fitted, clf, texts, dense = _fit_student(
        [e.text for e in examples], np.array([e.label for e in examples]),
        np.array([e.weight for e in examples]), params, params["seed"] + params["folds"],
        progress)
    coef = clf.coef_.ravel()
    tables = []
    offset = 0
    for vec, idf in fitted:
        vocab = vec.vocabulary_
        table = {}
        for gram, j in vocab.items():
            w = round(float(coef[offset + j] * idf[j]), 5)
            if abs(w) >= params["min_weight"]:  # a smaller weight changes no score visibly
                table[gram] = w
        offset += len(vocab)
        tables.append(table)
    # each training word's character part, precomputed: scoring starts with a warm cache
    from factcheck.checkworthy.features import char_ngrams_of_word, char_words

    words = {w for t in texts for w in char_words(t)}
    char_table = tables[1]
    word_parts = {w: round(sum(char_table.get(g, 0.0) for g in char_ngrams_of_word(w)), 5)
                  for w in sorted(words)}
    # no timestamp in the document: the same data and version give the same bytes on one
    # machine (another CPU may differ in the floats' last bits, see tests/test_model.py)
    from factcheck.checkworthy.model import FORMAT, FORMAT_DENSE

    model = {"format": FORMAT if dense is None else FORMAT_DENSE, "version": version,
             "bias": float(clf.intercept_[0]), "power": params["power"],
             "threshold": cv["threshold"], "params": params, "training": sources, "cv": cv,
             "features": {"word": len(tables[0]), "char": len(tables[1])},
             "word": tables[0], "char": tables[1], "word_parts": word_parts}
    if dense is not None:
        model["dense"] = dense
        model["features"]["dense"] = len(dense["words"])
    return TrainResult(model, cv)


def model_bytes(model: dict[str, Any]) -> bytes:
    """The model document as the gzip-compressed JSON file format (deterministic)."""
    import gzip
    import json

    text = json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return gzip.compress(text.encode("utf-8"), mtime=0)
