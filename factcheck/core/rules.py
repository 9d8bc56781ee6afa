"""The editorial rules as pure functions: which move a status allows, what evidence a
rating needs, who counts as the same reviewer, which links are acceptable.

The workflow service applies them to stored claims; the interactive queue asks them which
keys to offer. Each rule is written here once.
"""

from __future__ import annotations

from collections.abc import Iterable

from factcheck.core.vocabulary import NO_EVIDENCE_NEEDED, RATINGS, STANCES, TRANSITIONS
from factcheck.errors import InputError, TransitionRefused, UsageError, WorkflowError


def allowed_actions(status: str) -> tuple[str, ...]:
    """The workflow actions a claim in ``status`` allows, in table order."""
    return tuple(TRANSITIONS.get(status, {}))


def next_status(*, claim_id: int, status: str, action: str) -> str:
    """The status ``action`` moves a claim to, or ``TransitionRefused``."""
    allowed = TRANSITIONS.get(status, {})
    if action not in allowed:
        raise TransitionRefused(claim_id=claim_id, status=status, action=action,
                                allowed=tuple(allowed))
    return allowed[action]


def check_rating(rating: str) -> str:
    """``rating`` if it is one of the ratings, else a usage error naming them."""
    if rating not in RATINGS:
        raise UsageError(f"rating '{rating}' is not one of {', '.join(RATINGS)}")
    return rating


def check_stance(stance: str) -> str:
    """``stance`` if it is one of the stances, else a usage error naming them."""
    if stance not in STANCES:
        raise UsageError(f"stance '{stance}' is not one of {', '.join(STANCES)}")
    return stance


def check_evidence(*, claim_id: int, rating: str, stances: Iterable[str]) -> None:
    """Refuse a rating the claim's current evidence (their stances) cannot carry: every
    rating but unverifiable needs evidence; true/mostly-true one item that supports,
    false/mostly-false one that refutes."""
    check_rating(rating)
    if rating in NO_EVIDENCE_NEEDED:
        return
    stances = list(stances)
    if not stances:
        raise WorkflowError(f"claim {claim_id} has no evidence; a '{rating}' verdict needs "
                            "at least one source", hint="add-evidence")
    needs = RATINGS[rating].needs
    if needs and needs not in stances:
        raise WorkflowError(f"a '{rating}' verdict needs at least one evidence item that "
                            f"{needs[:-1]}s the claim; claim {claim_id} has none")


def reviewer_key(name: str) -> str:
    """The form in which two reviewer names are compared: case and surrounding space do
    not make a second person ("alice" and " Alice " are one reviewer). Names are stored as
    given."""
    return " ".join(name.split()).casefold()


def same_reviewer(a: str | None, b: str | None) -> bool:
    """Whether two names denote the same reviewer (for the two-person rule)."""
    return a is not None and b is not None and reviewer_key(a) == reviewer_key(b)


def check_actor(actor: str | None) -> str:
    """The acting reviewer's name, stripped; a usage error when there is none."""
    if not actor or not actor.strip():
        raise UsageError("no reviewer name given", hint="reviewer")
    return actor.strip()


URL_SCHEMES = ("http://", "https://")


def is_http_url(url: str | None) -> bool:
    """Whether ``url`` is an absolute http(s) link with a host (the only links the ledger
    stores and exports)."""
    if not url or any(c.isspace() or ord(c) < 32 for c in url.strip()):
        return False
    low = url.strip().lower()
    return low.startswith(URL_SCHEMES) and len(low.split("://", 1)[1].split("/", 1)[0]) > 0


def check_url(url: str, *, what: str = "url", usage: bool = True) -> str:
    """``url`` stripped if it is an http(s) link, else an error naming ``what`` (a usage
    error for a typed argument, an input error for a file's content)."""
    if not is_http_url(url):
        error = UsageError if usage else InputError
        raise error(f"{what} '{url}' is not an http(s) address; give the full link "
                    "(https://…)")
    return url.strip()


def text_problem(value: str) -> str | None:
    """What makes ``value`` unstorable as text on SQLite and PostgreSQL alike, if
    anything: a NUL character (PostgreSQL refuses it) or a lone surrogate (not UTF-8)."""
    nul = value.find("\x00")
    if nul >= 0:
        return f"contains a NUL character (at position {nul}); remove it"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return f"is not valid Unicode (a lone surrogate at position {exc.start})"
    return None


def check_link(*, claim_id: int, other_id: int, claim_merged_into: int | None,
               other_merged_into: int | None, claim_rating: str | None,
               other_rating: str | None) -> None:
    """Refuse a link that would lose or contradict a decision: a claim linked to itself
    or to one already merged, or ``other`` carrying a verdict of its own that is not the
    surviving claim's."""
    if claim_id == other_id:
        raise UsageError(f"claim {claim_id} cannot be linked to itself")
    for cid, merged in ((claim_id, claim_merged_into), (other_id, other_merged_into)):
        if merged is not None:
            raise WorkflowError(f"claim {cid} is already merged into claim {merged}; link "
                                f"claim {merged} instead")
    if other_rating is not None and other_rating != claim_rating:
        mine = f"'{claim_rating}'" if claim_rating else "none"
        raise WorkflowError(f"claim {other_id} has a verdict of its own ('{other_rating}') "
                            f"that differs from claim {claim_id}'s ({mine}); link them the "
                            "other way round or settle the verdicts first")


THE_ARTICLE = "the article"


def outlet_claimant(outlet: str | None, author: str | None) -> str:
    """Who a claim nobody else is credited with is attributed to: the outlet, else the
    author, else "the article"."""
    return outlet or author or THE_ARTICLE
