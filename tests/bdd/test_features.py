"""Bind every Gherkin feature in features/ to the step modules (see tests/bdd/conftest.py)."""

from pytest_bdd import scenarios

scenarios("ingest.feature", "claim_add.feature", "bad_input.feature", "review.feature",
          "export.feature", "model.feature", "matching.feature")
