"""Regular expressions for long lists of words, built as a trie so that they scan fast.

Python's ``re`` tries the branches of an alternation one by one at every position; a list of
150 verbs written ``said|says|...`` is therefore slow to scan. The same words folded into a
trie (``sa(?:id|ys?)|...``) are tried by their first letters only, about four times faster,
and match exactly the same text wherever the pattern demands a word boundary after them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regex alternation matching any of ``words`` (plain words; a space inside one
    matches any run of white space), folded into a trie. Put ``\\b`` after it: at a given
    start, the trie prefers the longer word, the boundary settles which one matches."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _pattern(trie)


def split_words(alternatives: str) -> list[str]:
    """The words of a ``a|b|c`` alternation written with ``\\s+`` for spaces and ``x?`` for
    an optional letter ("concerns?" gives "concern" and "concerns")."""
    words: list[str] = []
    pending = [w.replace(r"\s+", " ") for w in alternatives.split("|") if w]
    while pending:
        word = pending.pop(0)
        m = re.search(r"(\w)\?", word)
        if m:
            pending[:0] = [word[:m.start()] + word[m.end():],
                           word[:m.start()] + m.group(1) + word[m.end():]]
        else:
            words.append(word)
    return words


def _pattern(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [_char(ch) + _pattern(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body


def _char(ch: str) -> str:
    return r"\s+" if ch == " " else re.escape(ch)
