"""Claim matching: has this claim been checked before? (pure: no database, no CLI).

``rank(query, candidates)`` scores earlier claims and imported fact-checks against a new
claim; ``MatchIndex`` keeps a collection indexed for many queries. The sentence encoder
(all-MiniLM-L6-v2 in NumPy) needs the extra ``match``; without it matching runs on words
and figures alone. Nothing heavy is imported until it is used: the names below load
on first use (PEP 562), so ``fingerprint`` does not bring the quantity extractor along.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.matching.encoder import (
        EXTRA_MESSAGE,
        MODEL_NAME,
        EncoderUnavailable,
        embedding_from_bytes,
        embedding_to_bytes,
        encoder_available,
        get_encoder,
    )
    from factcheck.matching.figures import (
        Conflict,
        Figure,
        compare_figures,
        figure_from_quantity,
        figures_of,
    )
    from factcheck.matching.lexical import LexicalIndex, TermStats, search_terms
    from factcheck.matching.matcher import Candidate, Match, MatchIndex, rank, threshold
    from factcheck.matching.normalize import clean_for_matching, content_words, fingerprint

_WHERE = {
    "Candidate": "matcher",
    "Conflict": "figures",
    "EXTRA_MESSAGE": "encoder",
    "EncoderUnavailable": "encoder",
    "Figure": "figures",
    "LexicalIndex": "lexical",
    "MODEL_NAME": "encoder",
    "Match": "matcher",
    "MatchIndex": "matcher",
    "TermStats": "lexical",
    "clean_for_matching": "normalize",
    "compare_figures": "figures",
    "content_words": "normalize",
    "embedding_from_bytes": "encoder",
    "embedding_to_bytes": "encoder",
    "encoder_available": "encoder",
    "figure_from_quantity": "figures",
    "figures_of": "figures",
    "fingerprint": "normalize",
    "get_encoder": "encoder",
    "rank": "matcher",
    "search_terms": "lexical",
    "threshold": "matcher",
}

__all__ = [
    "EXTRA_MESSAGE",
    "MODEL_NAME",
    "Candidate",
    "Conflict",
    "EncoderUnavailable",
    "Figure",
    "LexicalIndex",
    "Match",
    "MatchIndex",
    "TermStats",
    "clean_for_matching",
    "compare_figures",
    "content_words",
    "embedding_from_bytes",
    "embedding_to_bytes",
    "encoder_available",
    "figure_from_quantity",
    "fingerprint",
    "figures_of",
    "get_encoder",
    "rank",
    "search_terms",
    "threshold",
]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"factcheck.matching.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'factcheck.matching' has no attribute {name!r}")
