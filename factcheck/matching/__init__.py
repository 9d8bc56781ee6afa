"""Claim matching: has this claim been checked before? (pure: no database, no CLI).

``rank(query, candidates)`` scores earlier claims and imported fact-checks against a new
claim; ``MatchIndex`` keeps a collection indexed for many queries. The sentence encoder
(all-MiniLM-L6-v2 in NumPy) needs the extra ``match``; without it matching runs on words
and figures alone. Nothing heavy is imported until it is used.
"""

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
