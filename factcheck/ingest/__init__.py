"""Ingest: text -> article, sentences with offsets, candidate claims (pure, no database).

The names below load on first use (PEP 562): a command that needs only ``ingest.metadata``
or ``ingest.segment`` does not load the detector, the claimant reader and the quantity
extractor with them."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.ingest.pipeline import PreparedArticle, PreparedClaim, prepare_article
    from factcheck.ingest.readers import RawArticle, iter_sources

_WHERE = {"PreparedArticle": "pipeline", "PreparedClaim": "pipeline",
          "prepare_article": "pipeline", "RawArticle": "readers", "iter_sources": "readers"}

__all__ = ["PreparedArticle", "PreparedClaim", "RawArticle", "iter_sources", "prepare_article"]


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        return getattr(import_module(f"factcheck.ingest.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'factcheck.ingest' has no attribute {name!r}")
