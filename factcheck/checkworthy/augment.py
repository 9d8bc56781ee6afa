"""Variants of training sentences for distillation (Tang et al., 2019, "Distilling
Task-Specific Knowledge from BERT into Simple Neural Networks"): the teacher scores them,
and the fast model learns the teacher's judgement on many more sentences than were
labelled. Pure and seeded: the same sentences give the same variants.

Each variant drops a word with probability 0.1, swaps it with probability 0.1 (a number
for another of the same length, any other word for a word from the training sentences or
the teacher's vocabulary),
and with probability 0.25 keeps only a run of 3-12 of its words.
"""

from __future__ import annotations

import random
import re

DROP = 0.1
SWAP = 0.1
CROP = 0.25
CROP_WORDS = (3, 12)
_NUMBER_RE = re.compile(r"\d+")


def variants(texts: list[str], per_text: int, seed: int = 0,
             vocabulary: list[str] | tuple[str, ...] = ()) -> list[tuple[int, str]]:
    """Up to ``per_text`` distinct variants of each text, as (index of the text, variant);
    a variant never equals its text. A swapped word is drawn from the words of ``texts``
    (as often as they occur) and ``vocabulary`` (each once): words the teacher knows and
    the labelled sentences lack then get weights too. Each text has its own random
    stream, so asking for fewer variants gives the first of them (a cached teacher's
    scores stay usable)."""
    pool = [w for t in texts for w in t.split()] + list(vocabulary)
    out: list[tuple[int, str]] = []
    for i, text in enumerate(texts):
        rng = random.Random(f"{seed}:{i}")
        words = text.split()
        seen = {text}
        made = 0
        for _ in range(per_text * 3):  # a short sentence may have few distinct variants
            if made == per_text:
                break
            new = _variant(words, pool, rng)
            if new and new not in seen:
                seen.add(new)
                out.append((i, new))
                made += 1
    return out


def _variant(words: list[str], pool: list[str], rng: random.Random) -> str:
    new = []
    for w in words:
        r = rng.random()
        if r < DROP:
            continue
        if r < DROP + SWAP:
            if _NUMBER_RE.search(w):
                w = _NUMBER_RE.sub(lambda m: str(rng.randint(1, 10 ** len(m.group(0)))), w)
            else:
                w = rng.choice(pool)
        new.append(w)
    if rng.random() < CROP and len(new) > CROP_WORDS[0]:
        n = rng.randint(CROP_WORDS[0], min(CROP_WORDS[1], len(new)))
        start = rng.randint(0, len(new) - n)
        new = new[start:start + n]
    return " ".join(new)
