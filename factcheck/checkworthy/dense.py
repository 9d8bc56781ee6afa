"""The model's dense part, training side (NumPy; the word vectors need the teacher's
libraries): a small network over the mean of static word vectors, added to the linear
n-gram score.

The vectors are the pre-trained input embeddings of all-MiniLM-L6-v2 (a word's vector is
the mean of its WordPiece embeddings), so words that share a meaning share a vector, even
words the labelled sentences never use. A sentence's vector ``x`` is the mean over its
words that have one (zero when none has), standardized; the part's log-odds are
``v . tanh(W x + b1) + b``, trained on the same rows and targets as the linear part.
W is folded into each word's vector before saving (``u_w = W (e_w / sd)``), so the saved
part is ``hidden`` numbers per word and scoring is one look-up per word
(``DensePart`` in ``model``).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# hidden units, passes over the rows, Adam's step, rows per step, input dropout, and the
# weight of the part's log-odds in the model's score (the linear part has weight 1)
DENSE = {"hidden": 16, "epochs": 6, "lr": 3e-3, "batch": 256, "dropout": 0.1,
         "weight": 0.5}
# the placeholder words of ``features.word_tokens`` as the teacher would spell them
SURFACE = {"numnum": "42", "yearnum": "1990", "percentsign": "percent",
           "dollarsign": "dollars"}


def static_vectors(words: list[str]) -> dict[str, Any]:
    """Each word's vector: the mean of its WordPiece input embeddings in all-MiniLM-L6-v2
    (a word the vocabulary cannot spell, one with an unknown piece, gets none)."""
    tokenizer, table = _embeddings()
    out = {}
    for word in words:
        ids = tokenizer(SURFACE.get(word, word), add_special_tokens=False)["input_ids"]
        if ids and tokenizer.unk_token_id not in ids:
            out[word] = table[ids].mean(0)
    return out


@lru_cache(maxsize=1)
def _embeddings():
    """MiniLM's tokenizer and input-embedding table (loaded once per run, not per fold)."""
    import numpy as np

    from factcheck.checkworthy.teacher import _model_dir, require_teacher

    require_teacher()
    from transformers import AutoModel, AutoTokenizer

    model_dir = _model_dir()
    table = AutoModel.from_pretrained(model_dir).embeddings.word_embeddings.weight
    return (AutoTokenizer.from_pretrained(model_dir),
            table.detach().numpy().astype(np.float64))


def sentence_matrix(texts: list[str], vectors: dict[str, Any], dim: int):
    """The mean vector of each text's words that have one (zeros when none has)."""
    import numpy as np

    from factcheck.checkworthy.features import word_tokens

    x = np.zeros((len(texts), dim))
    for i, text in enumerate(texts):
        known = [vectors[w] for w in word_tokens(text) if w in vectors]
        if known:
            x[i] = np.mean(known, axis=0)
    return x


def fit_dense(texts: list[str], targets, weights, vectors: dict[str, Any],
              params: dict[str, Any], seed: int) -> dict[str, Any]:
    """Train the part on soft targets in [0, 1] and return it as saved in the model file:
    ``words`` (word -> its ``hidden`` numbers), ``c`` (the hidden units' offsets), ``v``
    and ``b`` (already multiplied by the part's weight)."""
    dim = len(next(iter(vectors.values())))
    net = train_network(sentence_matrix(texts, vectors, dim), targets, weights, params, seed)
    return fold(net, vectors, params["weight"])


def train_network(x, targets, weights, params: dict[str, Any], seed: int) -> dict[str, Any]:
    """The network on the sentence vectors ``x``: standardized, input dropout, one tanh
    layer; weighted cross-entropy, Adam, seeded. Returns its arrays and the
    standardization (``mu``, ``sd``)."""
    import numpy as np

    mu = x.mean(0)
    sd = x.std(0) + 1e-6
    x = (x - mu) / sd
    y = np.asarray(targets, dtype=np.float64)
    sw = np.asarray(weights, dtype=np.float64)
    rng = np.random.RandomState(seed)
    dim, h = x.shape[1], params["hidden"]
    # the usual initialisation of a linear layer: uniform in +-1/sqrt(inputs)
    theta = [rng.uniform(-1, 1, (dim, h)) / np.sqrt(dim), rng.uniform(-1, 1, h) / np.sqrt(dim),
             rng.uniform(-1, 1, h) / np.sqrt(h), rng.uniform(-1, 1, 1) / np.sqrt(h)]
    m = [np.zeros_like(p) for p in theta]
    s = [np.zeros_like(p) for p in theta]
    step = 0
    keep = 1 - params["dropout"]
    for _ in range(params["epochs"]):
        order = rng.permutation(len(y))
        for start in range(0, len(order), params["batch"]):
            b = order[start:start + params["batch"]]
            xb = x[b] * (rng.random_sample((len(b), dim)) < keep) / keep
            hid = np.tanh(xb @ theta[0] + theta[1])
            z = hid @ theta[2] + theta[3][0]
            # d(mean of weighted cross-entropy)/dz
            g = sw[b] * (1 / (1 + np.exp(-z)) - y[b]) / len(b)
            gh = np.outer(g, theta[2]) * (1 - hid ** 2)
            grads = [xb.T @ gh, gh.sum(0), hid.T @ g, np.array([g.sum()])]
            step += 1
            for p, gr, mm, ss in zip(theta, grads, m, s, strict=True):
                mm *= 0.9
                mm += 0.1 * gr
                ss *= 0.999
                ss += 0.001 * gr ** 2
                p -= params["lr"] * (mm / (1 - 0.9 ** step)) / (
                    np.sqrt(ss / (1 - 0.999 ** step)) + 1e-8)
    return {"w1": theta[0], "b1": theta[1], "w2": theta[2], "b2": float(theta[3][0]),
            "mu": mu, "sd": sd}


def fold(net: dict[str, Any], vectors: dict[str, Any], weight: float) -> dict[str, Any]:
    """The part as saved: the first layer and the standardization folded into each word's
    numbers (the mean of the words' ``u_w`` + ``c`` is the hidden units' input), rounded
    to 5 decimals."""
    scale = net["w1"] / net["sd"][:, None]
    return {"hidden": len(net["b1"]),
            "words": {w: [round(float(a), 5) for a in vectors[w] @ scale]
                      for w in sorted(vectors)},
            "c": [round(float(a), 5) for a in net["b1"] - (net["mu"] / net["sd"]) @ net["w1"]],
            "v": [round(float(a) * weight, 5) for a in net["w2"]],
            "b": round(net["b2"] * weight, 5)}
