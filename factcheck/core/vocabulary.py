"""The words of the ledger: statuses and their transitions, ratings, stances, kinds.

The one place each list is written; the CLI's help, the exports, the importer and the
workflow all read them from here.
"""

from __future__ import annotations

from dataclasses import dataclass

STATUSES = ("new", "triaged", "dismissed", "rated", "approved", "published")

# status -> {action: next status}; the one table of allowed moves. Once a verdict has been
# published it is never silently replaced: "rate" is refused and "correct" (which needs a
# note and keeps the published verdict on record) is the way.
TRANSITIONS: dict[str, dict[str, str]] = {
    "new": {"accept": "triaged", "dismiss": "dismissed"},
    "triaged": {"dismiss": "dismissed", "rate": "rated"},
    "dismissed": {"accept": "triaged"},
    "rated": {"rate": "rated", "approve": "approved", "dismiss": "dismissed",
              "correct": "rated"},
    "approved": {"publish": "published", "rate": "rated", "correct": "rated"},
    "published": {"correct": "rated"},
}

# Claims a reviewer can act on: new and triaged ones to check, rated and approved ones for a
# second reviewer to approve and publish.
QUEUE_STATUSES = ("new", "triaged", "rated", "approved")


@dataclass(frozen=True)
class Rating:
    """A verdict's rating and its place on the ClaimReview scale."""

    name: str
    label: str
    value: int | None
    needs: str | None  # the stance at least one evidence item must have


# ClaimReview scale: worstRating 1 (false) .. bestRating 6 (true). "unverifiable" is not a
# point on that scale: ClaimReview carries it as alternateName only (no ratingValue).
RATINGS: dict[str, Rating] = {r.name: r for r in [
    Rating("true", "True", 6, "supports"),
    Rating("mostly-true", "Mostly true", 5, "supports"),
    Rating("half-true", "Half true", 4, None),
    Rating("misleading", "Misleading", 3, None),
    Rating("mostly-false", "Mostly false", 2, "refutes"),
    Rating("false", "False", 1, "refutes"),
    Rating("unverifiable", "Unverifiable", None, None),
]}
BEST_RATING = 6
WORST_RATING = 1
NO_EVIDENCE_NEEDED = ("unverifiable",)

STANCES = ("supports", "refutes", "context")

# What kind of statement a claim is (the detector's classification).
KINDS = ("quantity", "attribution", "prediction", "opinion", "event")

# Who a claim is credited to: a named person, an organisation (or a document it issued),
# or the outlet itself (the article asserts it, no one else is credited).
CLAIMANT_KINDS = ("person", "organisation", "outlet")

# How a claim entered the ledger.
ORIGINS = ("detected", "manual")

# A quantity's qualifier: exact, about, more than, less than, a rise, a fall.
QUALIFIERS = ("=", "~", ">", "<", "up", "down")


def one_of(values) -> str:
    """"a, b or c" for help texts and messages."""
    values = list(values)
    return values[0] if len(values) == 1 else f"{', '.join(values[:-1])} or {values[-1]}"
