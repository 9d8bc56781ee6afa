"""A Given step fails when its action fails.

The review Given steps are called directly, as a scenario would call them, once with the
service working and once with it broken: raising (the command exits 1) or doing nothing
(the command exits 0 but the ledger is unchanged, so only reading the claim back shows it).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.bdd.conftest import kinzhal_under_review, rated_approved_published, sample_ingested
from tests.bdd.ledger import Cli, show_claim
from tests.bdd.steps_review import has_accepted, has_added_evidence, has_approved, has_rated


@pytest.fixture
def claim_id(cli: Cli) -> int:
    """The Kinzhal claim of the freshly ingested sample article."""
    sample_ingested(cli)
    return kinzhal_under_review(cli)


@pytest.fixture
def rated_claim(cli: Cli, claim_id: int) -> int:
    """The Kinzhal claim, rated "true" by alice on supporting evidence."""
    has_rated(cli, claim_id, "alice", "true")
    return claim_id


def _raise(**kwargs: object) -> None:
    raise RuntimeError("broken on purpose by the test")


def _approve_nothing(*, session, claim_id: int, actor: str, expected_version=None):
    """Answer like approve() but write nothing, so the command still exits 0."""
    from factcheck.services.review import lock_claim

    return lock_claim(session=session, claim_id=claim_id)


def test_approval_step_passes_when_the_approval_works(cli: Cli, rated_claim: int) -> None:
    """The control: with review.approve intact the step passes and bob's approval stands."""
    has_approved(cli, rated_claim, "bob")
    assert show_claim(cli, rated_claim)["approval"]["by"] == "bob"


def test_approval_step_fails_when_approve_raises(cli: Cli, rated_claim: int,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The issue's case: review.approve raising used to leave the scenario passing."""
    monkeypatch.setattr("factcheck.services.review.approve", _raise)
    with pytest.raises(AssertionError):
        has_approved(cli, rated_claim, "bob")
    assert show_claim(cli, rated_claim)["status"] == "rated"


def test_approval_step_fails_when_approve_writes_nothing(cli: Cli, rated_claim: int,
                                                         monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    """An approval that exits 0 but is not in the ledger fails on the read-back."""
    monkeypatch.setattr("factcheck.services.review.approve", _approve_nothing)
    with pytest.raises(AssertionError, match="rated"):
        has_approved(cli, rated_claim, "bob")


def _accept(cli: Cli, claim_id: int) -> None:
    has_accepted(cli, claim_id, "alice")


def _add_supporting(cli: Cli, claim_id: int) -> None:
    has_accepted(cli, claim_id, "alice")
    has_added_evidence(cli, claim_id, "alice", "supports")


def _rate(cli: Cli, claim_id: int) -> None:
    has_rated(cli, claim_id, "alice", "true")


def _publish(cli: Cli, claim_id: int) -> None:
    rated_approved_published(cli, claim_id, "alice", "bob")


@pytest.mark.parametrize("broken", [False, True], ids=["service-works", "service-raises"])
@pytest.mark.parametrize(("service", "step"), [
    ("triage", _accept),
    ("add_evidence", _add_supporting),
    ("rate", _rate),
    ("publish", _publish),
])
def test_review_given_step_fails_exactly_when_its_service_fails(
        cli: Cli, claim_id: int, monkeypatch: pytest.MonkeyPatch, service: str,
        step: Callable[[Cli, int], None], broken: bool) -> None:
    """Each review Given step passes with its service intact and fails when it raises."""
    if not broken:
        step(cli, claim_id)
        return
    monkeypatch.setattr(f"factcheck.services.review.{service}", _raise)
    with pytest.raises(AssertionError):
        step(cli, claim_id)
