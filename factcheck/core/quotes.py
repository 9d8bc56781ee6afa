"""The quote rule: a claim quotes its article verbatim, ``text[start:end] == quote``, in
whole words, at exactly one place."""

from __future__ import annotations

from factcheck.errors import QuoteError, QuoteNotFound


def find_quote(text: str, quote: str) -> list[int]:
    """Every offset where ``quote`` occurs verbatim in ``text``."""
    hits, pos = [], text.find(quote)
    while pos != -1:
        hits.append(pos)
        pos = text.find(quote, pos + 1)
    return hits


def cuts_a_word(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` begins or ends inside a word."""
    return bool(end > start and (
        (start > 0 and text[start - 1].isalnum() and text[start].isalnum())
        or (end < len(text) and text[end].isalnum() and text[end - 1].isalnum())))


def quote_matches(text: str, start: object, end: object, quote: object) -> bool:
    """Whether integer offsets ``start``/``end`` lie inside ``text`` and slice ``quote``."""
    return (type(start) is int and type(end) is int and isinstance(quote, str)
            and 0 <= start <= end <= len(text) and text[start:end] == quote)


def locate_quote(*, text: str, quote: str, article_id: int) -> tuple[int, int]:
    """The offsets of ``quote`` in ``text``: it must be non-empty, occur exactly once and
    consist of whole words. ``QuoteError`` otherwise (the caller may add the closest
    passages to a quote that was not found)."""
    if not quote.strip():
        raise QuoteError("empty quote; pass the claim's words exactly as the article has "
                         "them")
    hits = find_quote(text, quote)
    if not hits:
        raise QuoteNotFound(f"quote not found verbatim in article {article_id}; copy it exactly "
                         "from the article")
    if len(hits) > 1:
        raise QuoteError(f"quote occurs {len(hits)} times in article {article_id} (offsets "
                         f"{', '.join(map(str, hits))}); quote more words so it is unique")
    start, end = hits[0], hits[0] + len(quote)
    if cuts_a_word(text, start, end):
        raise QuoteError(f"quote cuts a word in half (article {article_id}, offsets "
                         f"{start}–{end}); extend it to whole words")
    return start, end
