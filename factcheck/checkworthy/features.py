"""The model's features, shared by training and scoring (one definition, so a model
scores exactly as it was trained).

- word n-grams (1-3) of the text with numbers, years, percent and dollar signs replaced by
  placeholder tokens, so "47 percent" and "12 percent" look alike;
- character n-grams (2-5) inside each space-padded word of the lower-cased text, digits
  as 0 and punctuation dropped.
"""

from __future__ import annotations

import re

WORD_NGRAMS = (1, 3)
CHAR_NGRAMS = (2, 5)
_YEAR_RE = re.compile(r"1[89]\d\d|20\d\d")
_NUM_RE = re.compile(r"\d+(?:[.,]\d+)*")
_HAS_DIGIT_RE = re.compile(r"\d")
_DIGIT_RE = re.compile(r"\d")
_TOKEN_RE = re.compile(r"\w+")


def normalize_for_words(text: str) -> str:
    """Lower-case text with numbers, years, '%' and '$' as placeholder words."""
    if _HAS_DIGIT_RE.search(text):
        text = _NUM_RE.sub(_number_word, text)
    if "%" in text or "$" in text:
        text = text.replace("%", " percentsign ").replace("$", " dollarsign ")
    return text.lower()


def _number_word(m: re.Match[str]) -> str:
    return " yearnum " if _YEAR_RE.fullmatch(m.group(0)) else " numnum "


def word_tokens(text: str) -> list[str]:
    """The words of the normalized text."""
    return _TOKEN_RE.findall(normalize_for_words(text))


def word_ngrams(text: str) -> list[str]:
    """Word 1- to 3-grams of the normalized text."""
    tokens = word_tokens(text)
    grams = list(tokens)
    n_tokens = len(tokens)
    for n in range(2, WORD_NGRAMS[1] + 1):
        grams.extend(" ".join(tokens[i:i + n]) for i in range(n_tokens - n + 1))
    return grams


def char_ngrams_of_word(word: str) -> list[str]:
    """Character 2- to 5-grams of one space-padded word (" word "); a word shorter than
    n gives itself, padded, once for that n."""
    p = f" {word} "
    length = len(p)
    return [p[i:i + n] if n < length else p
            for n in range(CHAR_NGRAMS[0], CHAR_NGRAMS[1] + 1)
            for i in range(max(length - n + 1, 1))]


def char_words(text: str) -> list[str]:
    """The words whose character n-grams are features: lower-cased, digits as 0,
    punctuation dropped (so "missile," and "missile" are one word)."""
    return _TOKEN_RE.findall(_DIGIT_RE.sub("0", text.lower()))


def char_ngrams(text: str) -> list[str]:
    """Character n-grams of every word of the text."""
    out: list[str] = []
    for word in char_words(text):
        out.extend(char_ngrams_of_word(word))
    return out
