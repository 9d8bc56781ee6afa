"""Check-worthiness model: pure-Python features and scoring; training needs scikit-learn
and is imported only by the training command."""

from factcheck.checkworthy.model import CheckworthyModel, builtin_model

__all__ = ["CheckworthyModel", "builtin_model"]
