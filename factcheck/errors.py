"""The FactcheckError hierarchy: every failure a user can cause, with its exit code.

Messages say what was wrong and what to do; the CLI prints them as one line
``Error: <message>`` on stderr and exits with ``exit_code``.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """A failure the user can act on (exit 1 unless a subclass says otherwise)."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(FactcheckError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class InputError(FactcheckError):
    """An input file or text cannot be read as an article."""


class DatabaseError(FactcheckError):
    """The database URL is bad or the database cannot be reached."""


class NotFoundError(FactcheckError):
    """A referenced article or claim does not exist."""


class QuoteError(FactcheckError):
    """A quote does not occur exactly once in its article."""


class WorkflowError(FactcheckError):
    """An editorial rule refuses the action (wrong status, missing evidence, self-approval)."""


class ConflictError(FactcheckError):
    """Someone else changed the claim since it was read."""
