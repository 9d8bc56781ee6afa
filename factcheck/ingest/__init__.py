"""Ingest: text -> article, sentences with offsets, candidate claims (pure, no database)."""

from factcheck.ingest.pipeline import PreparedArticle, PreparedClaim, prepare_article
from factcheck.ingest.readers import RawArticle, iter_sources

__all__ = ["PreparedArticle", "PreparedClaim", "RawArticle", "iter_sources", "prepare_article"]
