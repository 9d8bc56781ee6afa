"""factcheck: a local-first claim ledger for newsroom fact-checkers."""

__version__ = "0.1.0"

__all__ = ["__version__"]
