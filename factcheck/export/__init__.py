"""Exports: renderers over plain data (markdown, html, json, csv, claimreview).

``collect.iter_bundles`` reads the ledger one article at a time; each renderer writes a
stream of those bundles to a text file, so memory follows the largest article, not the
ledger.
"""

FORMATS = ("markdown", "html", "json", "csv", "claimreview")
SCHEMA_VERSION = 2
# versions an import still reads (1: before events recorded states and the head)
READABLE_VERSIONS = (1, 2)

__all__ = ["FORMATS", "READABLE_VERSIONS", "SCHEMA_VERSION"]
