"""The review CLI as a reviewer meets it: one-line usage errors, correcting a claimant,
and the interactive queue (keys by status, answers checked as typed, the second reviewer's
sign-off)."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def claim_json(cli, claim_id: int) -> dict:
    return json.loads(ok(cli("claims", "show", str(claim_id), "--json", catch=False)).stdout)


@pytest.fixture
def kinzhal(cli) -> int:
    """The sample ingested; the id of the Kinzhal speed claim."""
    ok(cli("ingest", str(SAMPLE), catch=False))
    claims = json.loads(ok(cli("claims", "list", "--json")).stdout)
    [claim] = [c for c in claims if "7,600 mph" in c["quote"]]
    return claim["id"]


def test_a_mistyped_option_is_one_plain_line_exit_2(cli, kinzhal):
    result = cli("claims", "show", str(kinzhal), "--jsn")
    assert result.exit_code == 2
    assert result.stderr == ("Error: No such option: --jsn (Possible options: --json); see "
                             "'factcheck claims show --help'\n")
    missing = cli("claims", "show")
    assert missing.exit_code == 2
    assert missing.stderr == ("Error: Missing argument 'ID'; see 'factcheck claims show "
                              "--help'\n")
    unknown = cli("claimz")
    assert unknown.exit_code == 2 and unknown.stderr.count("\n") == 1
    assert unknown.stderr.startswith("Error: No such command 'claimz'. Did you mean 'claims'?")


def test_shell_completion_is_offered(cli):
    assert "--install-completion" in ok(cli("--help")).stdout


def test_a_claimant_can_be_corrected_and_the_change_is_on_record(cli, kinzhal):
    before = claim_json(cli, kinzhal)["claimant"]
    edited = json.loads(ok(cli("claims", "edit", str(kinzhal), "--claimant",
                               "Russian Ministry of Defence", "--as", "alice",
                               "--json")).stdout)
    assert edited["claimant"] == "Russian Ministry of Defence"
    assert claim_json(cli, kinzhal)["claimant"] == "Russian Ministry of Defence"
    history = json.loads(ok(cli("claims", "history", str(kinzhal), "--json")).stdout)
    assert history[-1]["action"] == "edit-claimant"
    assert history[-1]["actor"] == "alice"
    assert history[-1]["details"] == {"from": before, "to": "Russian Ministry of Defence"}


def test_editing_nothing_or_an_empty_claimant_is_refused(cli, kinzhal):
    nothing = cli("claims", "edit", str(kinzhal))
    assert nothing.exit_code == 2
    assert nothing.stderr == "Error: nothing to change; give --text and/or --claimant\n"
    empty = cli("claims", "edit", str(kinzhal), "--claimant", "  ")
    assert empty.exit_code == 2
    assert empty.stderr == ("Error: empty claimant; pass --claimant with who made the "
                            "claim\n")


def test_the_queue_offers_only_the_keys_a_new_claim_allows(cli, kinzhal):
    ok(cli("claims", "assign", str(kinzhal), "alice"))
    result = ok(cli("review", "--as", "alice", input="r\nq\n"))
    assert "[a]ccept  [d]ismiss  [e]vidence  [s]kip  [h]istory  [q]uit > " in result.stdout
    assert "[r]ate" not in result.stdout
    assert "Key 'r' is not offered for a new claim" in result.stdout
    assert claim_json(cli, kinzhal)["status"] == "new"


def test_a_typo_in_the_queue_asks_again_and_keeps_what_was_typed(cli, kinzhal):
    ok(cli("claims", "assign", str(kinzhal), "alice"))
    ok(cli("review", "triage", str(kinzhal), "--accept", "--as", "alice"))
    # a made-up source, for the test only
    answers = ["e", "javascript:alert(1)", "https://example.org/made-up-kinzhal-review",
               "Example Defence Review (made up)", "Top speed Mach 10.", "suports",
               "supports", "q"]
    result = ok(cli("review", "--as", "alice", input="\n".join(answers) + "\n"))
    assert "url 'javascript:alert(1)' is not an http(s) address" in result.output
    assert "stance 'suports' is not one of supports, refutes, context" in result.output
    evidence = claim_json(cli, kinzhal)["evidence"]
    assert [(e["url"], e["publisher"], e["quote"], e["stance"]) for e in evidence] == [
        ("https://example.org/made-up-kinzhal-review", "Example Defence Review (made up)",
         "Top speed Mach 10.", "supports")]


def test_the_queue_checks_the_rating_against_the_evidence_before_the_summary(cli, kinzhal):
    ok(cli("claims", "assign", str(kinzhal), "alice"))
    ok(cli("review", "triage", str(kinzhal), "--accept", "--as", "alice"))
    result = ok(cli("review", "--as", "alice",
                    input="r\ntrue\nunverifiable\nNo public record of a test.\nq\n"))
    assert f"claim {kinzhal} has no evidence; a 'true' verdict needs at least one source" \
        in result.output
    data = claim_json(cli, kinzhal)
    assert (data["status"], data["rating"], data["summary"]) == (
        "rated", "unverifiable", "No public record of a test.")


def test_a_second_reviewer_approves_and_publishes_from_the_queue(cli, kinzhal):
    ok(cli("claims", "assign", str(kinzhal), "bob"))
    ok(cli("review", "triage", str(kinzhal), "--accept", "--as", "alice"))
    ok(cli("review", "rate", str(kinzhal), "--rating", "unverifiable", "--summary",
           "No public record.", "--as", "alice"))
    alices = ok(cli("review", "--as", "alice", input="q\n")).stdout
    assert f"claim {kinzhal} ·" not in alices  # her own verdict waits for someone else
    first = ok(cli("review", "--as", "bob", input="o\nq\n")).stdout
    block = first.split(f"claim {kinzhal} · rated", 1)[1].split("──", 1)[0]
    assert "[d]ismiss  [e]vidence  [r]ate  appr[o]ve  [s]kip  [h]istory  [q]uit > o" in block
    assert "[a]ccept" not in block and f"Claim {kinzhal} is now approved." in block
    assert claim_json(cli, kinzhal)["status"] == "approved"
    ok(cli("review", "--as", "bob", input="p\nq\n"))
    data = claim_json(cli, kinzhal)
    assert data["status"] == "published" and data["approval"]["by"] == "bob"


def test_the_two_person_rule_ignores_case_and_spaces(cli, kinzhal):
    ok(cli("review", "triage", str(kinzhal), "--accept", "--as", "alice"))
    ok(cli("review", "rate", str(kinzhal), "--rating", "unverifiable", "--summary",
           "No public record.", "--as", "alice"))
    refused = cli("review", "approve", str(kinzhal), "--as", " Alice ")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: Alice wrote this verdict and cannot approve it")
    assert claim_json(cli, kinzhal)["status"] == "rated"


def test_training_without_the_extra_names_the_extra(cli, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "numpy", None)  # as if factcheck[train] were absent
    data = ROOT / "tests" / "fixtures" / "labelled-fixture.json"
    result = cli("model", "train", "--data", str(data))
    assert result.exit_code == 1
    assert result.stderr == ("Error: model training needs the optional packages of "
                             "factcheck[train] (numpy is not installed); install them with: "
                             "pip install 'factcheck[train]'\n")


LIBRARY = ("core", "storage", "services", "ingest", "quantities", "checkworthy", "export")
FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]+")


def test_library_messages_speak_of_the_domain_not_of_cli_flags():
    """Error messages raised below the CLI name no command-line flag: the CLI adds those
    (cli/hints.py)."""
    offenders = []
    for package in LIBRARY:
        for path in sorted((ROOT / "factcheck" / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Raise) and node.exc is not None:
                    for part in ast.walk(node.exc):
                        if isinstance(part, ast.Constant) and isinstance(part.value, str) \
                                and FLAG.search(part.value):
                            offenders.append(f"{Path(path).relative_to(ROOT)}:{node.lineno}"
                                             f" {part.value!r}")
    assert offenders == []
