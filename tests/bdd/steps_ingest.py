"""Steps of ingesting articles, good and bad (features/ingest.feature,
features/bad_input.feature)."""

from __future__ import annotations

from pathlib import Path

from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import (
    Cli,
    IngestedArticle,
    all_claims,
    claim_quoting,
    ingest_checked,
    read_json,
)
from tests.conftest import SAMPLE

# what each unreadable file of bad_input.feature holds
BAD_PAYLOADS = {
    "only blank lines": b"\n\n   \n",
    "binary bytes": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "Latin-1 text": "Le ministre a d\xe9clar\xe9 que 3 000 soldats.".encode("latin-1"),
    "a CSV without a text column": b"body,category\nSome words here.,news\n",
    "a line that is not JSON": b'{"text": "fine"}\n{not json}\n',
}

# --- given -----------------------------------------------------------------------------


@given("the sample article about Kim Jong Un's visit to Russia", target_fixture="article_path")
def sample_article() -> Path:
    """The sample article shipped in claims/; it must be there and be that article."""
    assert "Kim Jong Un" in SAMPLE.read_text(encoding="utf-8")
    return SAMPLE


@given("the article has been ingested", target_fixture="ingested_article")
def article_ingested(cli: Cli, article_path: Path) -> IngestedArticle:
    """Ingest the article; the ledger must then hold it with its claims."""
    return ingest_checked(cli, str(article_path))


@given(parsers.parse('a file "{name}" holding {content}'), target_fixture="article_path")
def a_bad_file(tmp_path: Path, name: str, content: str) -> Path:
    """A file that is no readable article (or no file at all, for "nothing")."""
    path = tmp_path / name
    if content.startswith("nothing"):
        assert not path.exists()
        return path
    path.write_bytes(BAD_PAYLOADS[content])
    assert path.read_bytes() == BAD_PAYLOADS[content]
    return path


@given("a folder with a good article and an empty one", target_fixture="article_path")
def folder_with_bad_file(tmp_path: Path) -> Path:
    """A folder holding the sample article and an empty Markdown file."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "a-good.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "b-empty.md").write_text("\n", encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["a-good.txt", "b-empty.md"]
    return folder


# --- when ------------------------------------------------------------------------------


@when("the fact-checker ingests the article", target_fixture="result")
@when("the fact-checker ingests that file", target_fixture="result")
@when("the fact-checker ingests the folder", target_fixture="result")
def ingest(cli: Cli, article_path: Path) -> Result:
    """Ingest the file or folder (the scenario says whether that may work)."""
    return cli("ingest", str(article_path))


# --- then ------------------------------------------------------------------------------


@then(parsers.parse("the {n:d} highest-ranked claims are about the Kinzhal speed, the Tu-160 "
                    "missile range and the $24 billion aid request"))
def top_claims(cli: Cli, n: int) -> None:
    """The three numeric claims are among the first ``n``."""
    top = all_claims(cli)[:n]
    quotes = " || ".join(c["quote"] for c in top)
    for words in ("7,600 mph", "4,040 miles", "$24 billion"):
        assert words in quotes, f"{words!r} not among the top {n}: {quotes}"


@then("no claim is a question from the FAQ")
def no_questions(cli: Cli) -> None:
    """No claim is a "Q:" line or ends in a question mark."""
    for c in all_claims(cli):
        assert not c["quote"].startswith("Q:") and not c["quote"].rstrip().endswith("?")


QUALIFIER_WORDS = {"more than": ">", "less than": "<", "exactly": "=", "about": "~"}


@then(parsers.parse('the claim quoting "{words}" has a quantity of {qual} {value:g} {unit}, '
                    'about {norm:g} {norm_unit}'))
def claim_quantity(cli: Cli, words: str, qual: str, value: float, unit: str, norm: float,
                   norm_unit: str) -> None:
    """The claim holds the quantity with its qualifier, unit and normalized value."""
    claim = claim_quoting(cli, words)
    matching = [q for q in claim["quantities"] if q["value"] == value]
    assert matching, claim["quantities"]
    q = matching[0]
    assert q["qualifier"] == QUALIFIER_WORDS[qual]
    assert q["unit"] == unit
    assert q["normalized_unit"] == norm_unit
    assert round(q["normalized_value"]) == norm


@then(parsers.parse('the claim quoting "{words}" is attributed to "{who}"'))
def attributed(cli: Cli, words: str, who: str) -> None:
    """The claim's claimant."""
    assert claim_quoting(cli, words)["claimant"] == who


@then(parsers.parse("the article is dated {date}"))
def dated(cli: Cli, date: str) -> None:
    """The first article's publication date."""
    assert read_json(cli, "articles", "list")[0]["published"] == date


@then(parsers.parse('its stored text starts with "{start}"'))
def text_starts(cli: Cli, start: str) -> None:
    """Article 1's stored text begins with the words."""
    assert read_json(cli, "articles", "show", "1")["text"].startswith(start)


@then(parsers.parse('they are told it is "{message}"'))
def told(result: Result, message: str) -> None:
    """The command succeeded and said so."""
    assert result.exit_code == 0
    assert message in result.stdout


@then(parsers.parse("the ledger holds {n:d} article"))
@then(parsers.parse("the ledger holds {n:d} articles"))
def ledger_articles(cli: Cli, n: int) -> None:
    """Count the articles, reading the database afresh."""
    from factcheck.storage.db import dispose_engines

    # count as a fresh process would, with no engine carried over from the command tested
    dispose_engines()
    assert len(read_json(cli, "articles", "list")) == n


@then(parsers.parse('the command fails with exit code {code:d} and says "{message}"'))
def fails_with(result: Result, code: int, message: str) -> None:
    """One ``Error:`` line holding the message, the exit code, and no traceback."""
    assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert message in lines[0]
    assert "Traceback" not in result.output
