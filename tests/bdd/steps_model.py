"""Steps of training the check-worthiness model on the desk's decisions
(features/model.feature)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from tests.bdd.ledger import Cli, all_claims, ok, read_json

FIXTURE_SENTENCES = Path(__file__).resolve().parents[1] / "fixtures" / "labelled-fixture.json"


def _model_score(database_url: str, sentence: str) -> float:
    """The active model's score for one sentence."""
    from factcheck.services.models import active_model
    from factcheck.storage.db import get_engine, session_scope

    with session_scope(get_engine(database_url)) as s:
        return active_model(session=s).score([sentence])[0]


# --- given -----------------------------------------------------------------------------


@given("the desk's model was trained on the made-up fixture sentences alone",
       target_fixture="first_model")
def fixture_model(cli: Cli) -> str:
    """Train a model on the fixture sentences; it must become the active one."""
    pytest.importorskip("sklearn")
    version = "fixture-only"
    ok(cli("model", "train", "--data", str(FIXTURE_SENTENCES), "--version", version))
    assert read_json(cli, "model", "info")["active"] == version
    return version


@given(parsers.parse('the desk has dismissed every claim that mentions "{name}"'))
def dismiss_mentions(cli: Cli, name: str) -> None:
    """Dismiss each claim quoting ``name``; all of them must then be dismissed."""
    hits = [c for c in all_claims(cli) if name in c["quote"]]
    assert hits
    for c in hits:
        ok(cli("review", "triage", str(c["id"]), "--dismiss", "--as", "desk"))
    assert all(c["status"] == "dismissed" for c in all_claims(cli) if name in c["quote"])


# --- when ------------------------------------------------------------------------------


@when("the desk retrains the model on the fixture sentences and its own decisions",
      target_fixture="retrained_model")
def retrain(cli: Cli) -> str:
    """Train a new model on the fixture sentences plus the ledger's decisions."""
    version = "with-desk"
    ok(cli("model", "train", "--data", str(FIXTURE_SENTENCES), "--from-db",
           "--version", version))
    return version


# --- then ------------------------------------------------------------------------------


@then(parsers.parse('the sentence "{sentence}" scores lower than before'))
def scores_lower(cli: Cli, database_url: str, first_model: str, retrained_model: str,
                 sentence: str) -> None:
    """Score the sentence with the retrained model and, switching back, with the first."""
    after = _model_score(database_url, sentence)
    ok(cli("model", "use", first_model))
    before = _model_score(database_url, sentence)
    ok(cli("model", "use", retrained_model))
    assert after < before, (before, after)


@then("the retrained model is the one ingest now uses")
def retrained_active(cli: Cli, retrained_model: str) -> None:
    """The active model is the retrained one."""
    assert read_json(cli, "model", "info")["active"] == retrained_model
