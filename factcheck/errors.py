"""The FactcheckError hierarchy: every failure a user can cause, with its exit code.

Messages speak of the domain ("no claim 12", "claim 12 is new; cannot rate it"). What the
user can type to put it right belongs to the interface: an error may name a ``hint`` (a key
with parameters) that the CLI turns into a command line (``cli/hints.py``). The CLI prints
``Error: <message>[; <hint>]`` on stderr and exits with ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One thing that is wrong, in the domain's words, with an optional hint key (and its
    parameters) that an interface turns into what to type."""

    message: str
    hint: str | None = None
    params: dict[str, Any] = field(default_factory=dict)


class FactcheckError(Exception):
    """A failure the user can act on (exit 1 unless a subclass says otherwise). It may
    carry several ``problems`` after its message (e.g. everything an export lacks)."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str | None = None,
                 problems: list[Problem] | None = None, **params: Any) -> None:
        self.prefix = message  # what comes before the problems
        self.problems = problems or []
        message += "; ".join(p.message for p in self.problems)
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.params = params


class UsageError(FactcheckError):
    """The command was called wrongly (exit 2)."""

    exit_code = 2


class InputError(FactcheckError):
    """An input file or text cannot be read as an article, or an import is malformed."""


class DatabaseError(FactcheckError):
    """The database URL is bad or the database cannot be reached."""


class NotFoundError(FactcheckError):
    """A referenced article, claim, evidence item or model does not exist."""


class QuoteError(FactcheckError):
    """A quote does not occur exactly once in its article, or cuts a word."""


class QuoteNotFound(QuoteError):
    """A quote does not occur verbatim in its article at all."""


class WorkflowError(FactcheckError):
    """An editorial rule refuses the action (wrong status, missing evidence, self-approval)."""


class TransitionRefused(WorkflowError):
    """A status change the workflow does not allow from the claim's current status."""

    def __init__(self, *, claim_id: int, status: str, action: str,
                 allowed: tuple[str, ...]) -> None:
        super().__init__(f"claim {claim_id} is {status}; cannot {action} it. Allowed next: "
                         f"{', '.join(allowed) or 'none'}")
        self.claim_id, self.status, self.action, self.allowed = (claim_id, status, action,
                                                                 allowed)


class ConflictError(FactcheckError):
    """Someone else changed the claim since it was read."""


class MissingExtraError(FactcheckError):
    """An optional feature needs packages that are not installed."""

    def __init__(self, *, feature: str, extra: str, missing: str) -> None:
        super().__init__(f"{feature} needs the optional packages of factcheck[{extra}] "
                         f"({missing} is not installed); install them with: "
                         f"pip install 'factcheck[{extra}]'")
        self.extra = extra
