"""BERT's uncased WordPiece tokenizer in pure Python (the encoder's input; no dependency).

It does what ``BertTokenizer`` (do_lower_case, tokenize_chinese_chars, accents stripped
because lower-casing is on) does for all-MiniLM-L6-v2: clean the text, put spaces round CJK
characters, split on whitespace and punctuation, lower-case and strip accents, then split
each word greedily into the longest pieces found in ``vocab.txt``. The test suite checks it
against the reference tokenizer's ids.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

# a word longer than this becomes [UNK], as in BERT (it is never a real word)
MAX_WORD_CHARS = 100


class WordPiece:
    """Turns text into the ids of BERT's uncased vocabulary."""

    def __init__(self, vocab_path: Path) -> None:
        words = vocab_path.read_text(encoding="utf-8").split("\n")
        if words and words[-1] == "":
            words.pop()
        self.vocab: dict[str, int] = {w: i for i, w in enumerate(words)}
        self.cls_id = self.vocab["[CLS]"]
        self.sep_id = self.vocab["[SEP]"]
        self.unk_id = self.vocab["[UNK]"]
        self.pad_id = self.vocab["[PAD]"]
        # the pieces of a word depend on nothing else: news and tweets repeat words a lot
        self._word_ids = lru_cache(maxsize=65536)(self._word_ids_uncached)

    def encode(self, text: str, max_length: int) -> list[int]:
        """[CLS] + the text's piece ids + [SEP], cut to ``max_length`` ids in all."""
        ids = [self.cls_id]
        for word in basic_tokens(text):
            ids.extend(self._word_ids(word))
            if len(ids) >= max_length - 1:
                break
        ids = ids[: max_length - 1]
        ids.append(self.sep_id)
        return ids

    def _word_ids_uncached(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unk_id,)
        vocab = self.vocab
        pieces: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = vocab.get(piece)
                if found is not None:
                    break
                end -= 1
            if found is None:
                # one unspellable part makes the whole word unknown, as in BERT
                return (self.unk_id,)
            pieces.append(found)
            start = end
        return tuple(pieces)


def basic_tokens(text: str) -> list[str]:
    """BERT's basic tokenisation (uncased): clean, split, lower-case, strip accents."""
    out: list[str] = []
    for word in _clean(text).split():
        word = unicodedata.normalize("NFD", word.lower())
        word = "".join(c for c in word if unicodedata.category(c) != "Mn")
        out.extend(_split_punctuation(word))
    return out


def _clean(text: str) -> str:
    chars = []
    for c in text:
        cp = ord(c)
        if cp == 0 or cp == 0xFFFD or _is_control(c):
            continue
        if _is_whitespace(c):
            chars.append(" ")
        elif _is_cjk(cp):
            chars.append(f" {c} ")
        else:
            chars.append(c)
    return "".join(chars)


def _split_punctuation(word: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for c in word:
        if _is_punctuation(c):
            if current:
                out.append("".join(current))
                current = []
            out.append(c)
        else:
            current.append(c)
    if current:
        out.append("".join(current))
    return out


def _is_whitespace(c: str) -> bool:
    return c in " \t\n\r" or unicodedata.category(c) == "Zs"


def _is_control(c: str) -> bool:
    if c in "\t\n\r":
        return False
    return unicodedata.category(c).startswith("C")


def _is_punctuation(c: str) -> bool:
    cp = ord(c)
    # BERT counts every non-alphanumeric ASCII sign as punctuation ($, ^, ` too)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(c).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F
            or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF
            or 0x2F800 <= cp <= 0x2FA1F)
