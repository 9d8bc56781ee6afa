"""Exports: renderers over plain data (markdown, html, json, csv, claimreview).

``collect.iter_bundles`` reads the ledger one article at a time; each renderer writes a
stream of those bundles to a text file, so memory follows the largest article, not the
ledger.
"""

FORMATS = ("markdown", "html", "json", "csv", "claimreview")
SCHEMA_VERSION = 1

__all__ = ["FORMATS", "SCHEMA_VERSION"]
