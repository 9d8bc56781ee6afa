"""Step definitions shared by every feature (loaded as a plugin by tests/conftest.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from tests.conftest import SAMPLE


@pytest.fixture
def world() -> dict:
    """What the steps of one scenario share."""
    return {}


def _json(cli, *args: str):
    result = cli(*args, "--json", catch=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _claims(cli) -> list[dict]:
    return _json(cli, "claims", "list")


def _claim_quoting(cli, words: str) -> dict:
    matches = [c for c in _claims(cli) if words in c["quote"]]
    assert len(matches) == 1, f"{len(matches)} claims quote {words!r}"
    return matches[0]


# --- given -----------------------------------------------------------------------------

@given("the sample article about Kim Jong Un's visit to Russia", target_fixture="article_path")
def sample_article() -> Path:
    return SAMPLE


@given("the article has been ingested")
def article_ingested(cli, article_path: Path, world: dict) -> None:
    result = cli("ingest", str(article_path), catch=False)
    assert result.exit_code == 0, result.output
    world["claims_before"] = len(_claims(cli))


@given(parsers.parse('a file "{name}" holding {content}'), target_fixture="article_path")
def a_bad_file(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    if content.startswith("nothing"):
        return path
    payload = {
        "only blank lines": b"\n\n   \n",
        "binary bytes": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "Latin-1 text": "Le ministre a d\xe9clar\xe9 que 3 000 soldats.".encode("latin-1"),
        "a CSV without a text column": b"body,category\nSome words here.,news\n",
        "a line that is not JSON": b'{"text": "fine"}\n{not json}\n',
    }[content]
    path.write_bytes(payload)
    return path


@given("a folder with a good article and an empty one", target_fixture="article_path")
def folder_with_bad_file(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-empty.md").write_text("\n", encoding="utf-8")
    return folder


@given(parsers.parse('the database URL "{url}"'))
def database_url_is(monkeypatch: pytest.MonkeyPatch, url: str) -> None:
    monkeypatch.setenv("FACTCHECK_DB", url)


# --- when ------------------------------------------------------------------------------

@when("the fact-checker ingests the article")
@when("the fact-checker ingests that file")
@when("the fact-checker ingests the folder")
def ingest(cli, article_path: Path, world: dict) -> None:
    world["result"] = cli("ingest", str(article_path))


@when(parsers.parse('the fact-checker adds the claim "{quote}"'))
def add_claim(cli, world: dict, quote: str) -> None:
    world["result"] = cli("claims", "add", "1", "--quote", quote, "--json")


@when("the fact-checker lists the claims")
def list_claims(cli, world: dict) -> None:
    world["result"] = cli("claims", "list")


# --- then ------------------------------------------------------------------------------

@then(parsers.parse("the {n:d} highest-ranked claims are about the Kinzhal speed, the Tu-160 "
                    "missile range and the $24 billion aid request"))
def top_claims(cli, n: int) -> None:
    top = _claims(cli)[:n]
    quotes = " || ".join(c["quote"] for c in top)
    for words in ("7,600 mph", "4,040 miles", "$24 billion"):
        assert words in quotes, f"{words!r} not among the top {n}: {quotes}"


@then("every claim quotes the article exactly at its offsets")
@then("the stored claim quotes the article exactly at its offsets")
def quotes_exact(cli) -> None:
    text = _json(cli, "articles", "show", "1")["text"]
    claims = _claims(cli)
    assert claims
    for c in claims:
        assert text[c["start"]:c["end"]] == c["quote"]
        for q in c["quantities"]:
            assert text[q["start"]:q["end"]] == q["surface"]


@then("no claim is a question from the FAQ")
def no_questions(cli) -> None:
    for c in _claims(cli):
        assert not c["quote"].startswith("Q:") and not c["quote"].rstrip().endswith("?")


QUALIFIER_WORDS = {"more than": ">", "less than": "<", "exactly": "=", "about": "~"}


@then(parsers.parse('the claim quoting "{words}" has a quantity of {qual} {value:g} {unit}, '
                    'about {norm:g} {norm_unit}'))
def claim_quantity(cli, words: str, qual: str, value: float, unit: str, norm: float,
                   norm_unit: str) -> None:
    claim = _claim_quoting(cli, words)
    matching = [q for q in claim["quantities"] if q["value"] == value]
    assert matching, claim["quantities"]
    q = matching[0]
    assert q["qualifier"] == QUALIFIER_WORDS[qual]
    assert q["unit"] == unit
    assert q["normalized_unit"] == norm_unit
    assert round(q["normalized_value"]) == norm


@then(parsers.parse('the claim quoting "{words}" is attributed to "{who}"'))
def attributed(cli, words: str, who: str) -> None:
    assert _claim_quoting(cli, words)["claimant"] == who


@then(parsers.parse("the article is dated {date}"))
def dated(cli, date: str) -> None:
    assert _json(cli, "articles", "list")[0]["published"] == date


@then(parsers.parse('its stored text starts with "{start}"'))
def text_starts(cli, start: str) -> None:
    assert _json(cli, "articles", "show", "1")["text"].startswith(start)


@then(parsers.parse('they are told it is "{message}"'))
def told(world: dict, message: str) -> None:
    assert world["result"].exit_code == 0
    assert message in world["result"].stdout


@then(parsers.parse("the ledger holds {n:d} article"))
@then(parsers.parse("the ledger holds {n:d} articles"))
def ledger_articles(cli, n: int) -> None:
    from factcheck.db import dispose_engines

    dispose_engines()
    assert len(_json(cli, "articles", "list")) == n


@then(parsers.parse('a claim is stored with status "{status}" quoting "{quote}"'))
def claim_stored(world: dict, cli, status: str, quote: str) -> None:
    result = world["result"]
    assert result.exit_code == 0, result.output
    added = json.loads(result.stdout)
    assert added["status"] == status and added["quote"] == quote
    assert any(c["id"] == added["id"] for c in _claims(cli))


@then(parsers.parse('the claim records that "{who}" added it'))
def added_by(world: dict, who: str) -> None:
    added = json.loads(world["result"].stdout)
    assert added["created_by"] == who and added["origin"] == "manual"


@then(parsers.parse('the command is refused with "{message}"'))
def refused(world: dict, message: str) -> None:
    result = world["result"]
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {message}")


@then(parsers.parse('the passage "{passage}" is suggested'))
def suggested(world: dict, passage: str) -> None:
    assert f"«{passage}»" in world["result"].stderr


@then("no claim was added")
def no_claim_added(cli, world: dict) -> None:
    assert len(_claims(cli)) == world["claims_before"]


@then(parsers.parse('the command fails with exit code {code:d} and says "{message}"'))
def fails_with(world: dict, code: int, message: str) -> None:
    result = world["result"]
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
