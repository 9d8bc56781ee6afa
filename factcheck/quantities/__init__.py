"""Quantities in text: numbers, units, qualifiers, normalization (pure, no database)."""

from factcheck.quantities.extract import Quantity, extract_quantities, normalize

__all__ = ["Quantity", "extract_quantities", "normalize"]
