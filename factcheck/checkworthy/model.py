"""Scoring with a trained check-worthiness model: pure Python, no heavy imports.

The model is linear over two blocks of idf-weighted n-gram counts (word 1-3-grams, and
character 2-5-grams within words), each block divided by (its number of n-grams) ** power.
Those counts come from the text alone, and a word's character part is summed once and
cached, so scoring is one dictionary look-up per word n-gram and per distinct word.
A model of format 2 adds a dense part: a small tanh layer over the mean of its words'
vectors (see ``dense`` and ``DensePart``), one more look-up per word.
"""

from __future__ import annotations

import gzip
import json
import math
import operator
from functools import lru_cache
from itertools import repeat
from pathlib import Path
from typing import Any

from factcheck.checkworthy.features import (
    CHAR_NGRAMS,
    char_ngrams_of_word,
    char_words,
    word_tokens,
)

# the models shipped in the package, oldest first; the last is the default
BUILTIN_VERSIONS = ("claimbuster-v1", "claimbuster-v2", "claimbuster-v3")
BUILTIN_DIR = Path(__file__).parent
FORMAT = "factcheck-checkworthy-1"  # linear n-gram model
FORMAT_DENSE = "factcheck-checkworthy-2"  # the same, plus a dense part
_WORD_CACHE_LIMIT = 200_000


class CheckworthyModel:
    """A loaded model: ``score`` gives probabilities, ``threshold`` the claim cut-off."""

    def __init__(self, data: dict[str, Any]) -> None:
        if data.get("format") not in (FORMAT, FORMAT_DENSE):
            from factcheck.errors import InputError

            raise InputError(f"not a check-worthiness model (format {data.get('format')!r}); "
                             f"expected {FORMAT} or {FORMAT_DENSE}")
        self.meta: dict[str, Any] = {k: v for k, v in data.items()
                                     if k not in ("word", "char", "word_parts", "dense")}
        self.version: str = data["version"]
        self.bias: float = data["bias"]
        self.power: float = data["power"]
        self.threshold: float = data["threshold"]
        # word n-grams keyed by tuples of words: a tuple's hash reuses its words' cached
        # hashes, so looking up a bigram or trigram builds no new string
        self.word: dict[Any, float] = {}
        for gram, weight in data["word"].items():
            parts = gram.split(" ")
            self.word[parts[0] if len(parts) == 1 else tuple(parts)] = weight
        self.char: dict[str, float] = data["char"]
        # the training words' character parts come precomputed in the model file
        self._word_cache: dict[str, tuple[float, int]] = {
            w: (s, _char_count(w)) for w, s in data.get("word_parts", {}).items()}
        self.dense = DensePart(data["dense"]) if data["format"] == FORMAT_DENSE else None

    @classmethod
    def from_bytes(cls, blob: bytes) -> CheckworthyModel:
        """Load a gzip-compressed JSON model."""
        try:
            data = json.loads(gzip.decompress(blob).decode("utf-8"))
        except (OSError, ValueError, EOFError):
            from factcheck.errors import InputError

            raise InputError("not a check-worthiness model file (expected gzip-compressed "
                             "JSON made by 'factcheck model train')") from None
        try:
            return cls(data)
        except (KeyError, TypeError, AttributeError, ValueError) as e:
            from factcheck.errors import InputError

            what = f"has no {e.args[0]!r}" if isinstance(e, KeyError) else "is malformed"
            raise InputError(f"not a check-worthiness model file: it {what}; retrain it "
                             "with 'factcheck model train'") from None

    @classmethod
    def from_path(cls, path: Path) -> CheckworthyModel:
        """Load a model file."""
        return cls.from_bytes(Path(path).read_bytes())

    def _char_part(self, word: str) -> tuple[float, int]:
        grams = char_ngrams_of_word(word)
        part = (sum(map(self.char.get, grams, repeat(0.0))), len(grams))
        if len(self._word_cache) < _WORD_CACHE_LIMIT:
            self._word_cache[word] = part
        return part

    def decision(self, text: str) -> float:
        """The linear score (log-odds) of one sentence."""
        cache = self._word_cache
        cs = 0.0
        cn = 0
        for word in char_words(text):
            part = cache.get(word) or self._char_part(word)
            cs += part[0]
            cn += part[1]
        t = word_tokens(text)
        get = self.word.get
        # sum(map(...)) keeps the per-n-gram loop in C
        ws = sum(map(get, t, repeat(0.0)))
        if len(t) > 1:
            t1 = t[1:]
            ws += sum(map(get, zip(t, t1, strict=False), repeat(0.0)))
            ws += sum(map(get, zip(t, t1, t[2:], strict=False), repeat(0.0)))
        n = len(t)
        wn = n + max(n - 1, 0) + max(n - 2, 0)
        z = self.bias
        if cn:
            z += cs / cn ** self.power
        if wn:
            z += ws / wn ** self.power
        if self.dense is not None:
            z += self.dense.logit(t)
        return z

    def score(self, texts: list[str]) -> list[float]:
        """Check-worthiness probabilities (0-1) of ``texts``."""
        out = []
        for t in texts:
            z = self.decision(t)
            out.append(1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0)
        return out


class DensePart:
    """A model's dense part: log-odds ``b + v . tanh(mean + c)``, the mean taken over the
    numbers of the text's words that have them (none: the mean is zero).

    The saved numbers have 5 decimals, so each word's are kept as integers packed into
    one Python int: a field of 64 bits holding 1 (to count the words), then one field per
    hidden unit (offset to stay positive). Summing a sentence's words is one big-integer
    addition per word, exact, and one ``struct`` call unpacks the sums."""

    def __init__(self, section: dict[str, Any]) -> None:
        import struct

        self.c: list[float] = section["c"]
        self.v: list[float] = section["v"]
        self.b: float = section["b"]
        self.hidden = len(self.c)
        self.words: dict[str, int] = {w: _pack(u) for w, u in section["words"].items()}
        self._fields = struct.Struct(f"<{self.hidden + 1}Q")
        # a field's sum is (sum of the words' numbers + n * _OFFSET) * _SCALE: divided by
        # n * _SCALE, the offset is the same constant for every n
        self._c = [x - _OFFSET / _SCALE for x in self.c]
        self._none = self.b + sum(map(operator.mul, self.v, map(math.tanh, self.c)))

    def logit(self, tokens: list[str]) -> float:
        """The part's log-odds for a text's word tokens (``features.word_tokens``)."""
        total = sum(map(self.words.get, tokens, repeat(0)))
        if not total:
            return self._none
        n, *sums = self._fields.unpack(total.to_bytes(self._fields.size, "little"))
        pre = map(operator.add, map((1.0 / (n * _SCALE)).__mul__, sums), self._c)
        return self.b + sum(map(operator.mul, self.v, map(math.tanh, pre)))


_SCALE = 100_000  # the saved numbers' 5 decimals
_FIELD = 64  # bits per field
_OFFSET = 1 << 32  # added to each number's integer: a field holds up to 2**31 words' worth


def _pack(numbers: list[float]) -> int:
    packed = 1  # the count field
    for i, x in enumerate(numbers, start=1):
        q = round(x * _SCALE)
        if not -_OFFSET < q < _OFFSET:
            from factcheck.errors import InputError

            raise InputError(f"dense part: the number {x} is out of range; retrain the model")
        packed |= (q + _OFFSET) << (i * _FIELD)
    return packed


def _char_count(word: str) -> int:
    """How many character n-grams a word has (see ``char_ngrams_of_word``)."""
    length = len(word) + 2
    return sum(length - n + 1 if n < length else 1
               for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1))


def builtin_path(version: str = BUILTIN_VERSIONS[-1]) -> Path:
    """The file of a shipped model."""
    return BUILTIN_DIR / f"{version}.json.gz"


@lru_cache(maxsize=len(BUILTIN_VERSIONS))
def builtin_model(version: str = BUILTIN_VERSIONS[-1]) -> CheckworthyModel:
    """A model shipped with factcheck (trained on the ClaimBuster training split)."""
    return CheckworthyModel.from_path(builtin_path(version))
