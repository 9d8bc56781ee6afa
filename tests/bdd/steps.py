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
    from factcheck.storage.db import dispose_engines

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
    if "claim" in world:  # "this claim" is the claim under review
        message = message.replace("this claim", f"claim {world['claim']}")
    assert result.stderr.startswith(f"Error: {message}"), result.stderr


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


# --- review ----------------------------------------------------------------------------

def _ok(result) -> None:
    assert result.exit_code == 0, (result.stdout, result.stderr)


@given("the sample article has been ingested")
def sample_ingested(cli, world: dict) -> None:
    _ok(cli("ingest", str(SAMPLE), catch=False))
    world["claims_before"] = len(_claims(cli))


@given("the Kinzhal claim is the claim under review")
def kinzhal_under_review(cli, world: dict) -> None:
    world["claim"] = _claim_quoting(cli, "7,600 mph")["id"]


def _claim(cli, world: dict) -> dict:
    return _json(cli, "claims", "show", str(world["claim"]))


EVIDENCE = {  # made-up fixture sources, marked as such
    "supports": ("https://example.org/fixture-supports", "Fixture Wire (made up)",
                 "Fixture text saying the missile flies faster than 7,600 mph."),
    "refutes": ("https://example.org/fixture-refutes", "Fixture Review (made up)",
                "Fixture text saying the speed was never measured in flight."),
    "gives context to": ("https://example.org/fixture-context", "Fixture Notes (made up)",
                         "Fixture text about how hypersonic speeds are quoted."),
}


def _add_evidence(cli, world: dict, who: str, stance_words: str):
    url, publisher, quote = EVIDENCE[stance_words]
    stance = {"supports": "supports", "refutes": "refutes",
              "gives context to": "context"}[stance_words]
    return cli("evidence", "add", str(world["claim"]), "--url", url, "--publisher", publisher,
               "--quote", quote, "--stance", stance, "--as", who)


@given(parsers.parse('"{who}" has accepted the claim'))
@when(parsers.parse('"{who}" accepts the claim'))
def accepts(cli, world: dict, who: str) -> None:
    world["result"] = cli("review", "triage", str(world["claim"]), "--accept", "--as", who)
    _ok(world["result"])


@given(parsers.parse('"{who}" has added evidence that {stance_words} the claim'))
@when(parsers.parse('"{who}" adds evidence that {stance_words} the claim'))
def adds_evidence(cli, world: dict, who: str, stance_words: str) -> None:
    world["result"] = _add_evidence(cli, world, who, stance_words)
    _ok(world["result"])


@when(parsers.parse('"{who}" rates the claim "{rating}" with the summary "{summary}"'))
def rates(cli, world: dict, who: str, rating: str, summary: str) -> None:
    world["result"] = cli("review", "rate", str(world["claim"]), "--rating", rating,
                          "--summary", summary, "--as", who)


@given(parsers.parse('"{who}" has rated the claim "{rating}" on supporting evidence'))
def has_rated(cli, world: dict, who: str, rating: str) -> None:
    accepts(cli, world, who)
    adds_evidence(cli, world, who, "supports")
    rates(cli, world, who, rating, "Fixture summary: matches the fixture source.")
    _ok(world["result"])


@given(parsers.parse('"{who}" has approved the claim'))
@when(parsers.parse('"{who}" approves the claim'))
def approves(cli, world: dict, who: str) -> None:
    world["result"] = cli("review", "approve", str(world["claim"]), "--as", who)


@when(parsers.parse('"{who}" publishes the claim'))
def publishes(cli, world: dict, who: str) -> None:
    world["result"] = cli("review", "publish", str(world["claim"]), "--as", who)


@given(parsers.parse('the claim has been rated by "{author}", approved by "{approver}" and '
                     'published'))
def rated_approved_published(cli, world: dict, author: str, approver: str) -> None:
    has_rated(cli, world, author, "true")
    approves(cli, world, approver)
    _ok(world["result"])
    publishes(cli, world, approver)
    _ok(world["result"])


@when(parsers.parse('"{who}" dismisses every new claim of article {article:d} scoring below '
                    '{score:g}'))
def bulk_dismiss(cli, world: dict, who: str, article: int, score: float) -> None:
    world["result"] = cli("review", "triage", "--dismiss", "--below", str(score),
                          "--article", str(article), "--as", who)
    _ok(world["result"])


@when(parsers.parse('"{who}" rewords the claim as "{text}"'))
def rewords(cli, world: dict, who: str, text: str) -> None:
    world["result"] = cli("claims", "edit", str(world["claim"]), "--text", text, "--as", who)
    _ok(world["result"])


@when(parsers.parse('"{who}" corrects the claim to "{rating}" with the note "{note}"'))
def corrects(cli, world: dict, who: str, rating: str, note: str) -> None:
    world["result"] = cli("review", "correct", str(world["claim"]), "--rating", rating,
                          "--summary", "Fixture summary: the figure is a claimed maximum.",
                          "--note", note, "--as", who)
    _ok(world["result"])


@given(parsers.parse('the reviewer name comes from FACTCHECK_REVIEWER as "{name}"'))
def reviewer_env(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("FACTCHECK_REVIEWER", name)


@when("the claim is accepted without --as")
def accept_without_as(cli, world: dict) -> None:
    _ok(cli("review", "triage", str(world["claim"]), "--accept"))


@when(parsers.parse('"{who}" assigns the claim to "{assignee}"'))
def assigns(cli, world: dict, who: str, assignee: str) -> None:
    _ok(cli("claims", "assign", str(world["claim"]), assignee, "--as", who))


@given(parsers.parse('"{who}" has read the claim at its current version'))
def reads_version(cli, world: dict, who: str) -> None:
    world["read_version"] = _claim(cli, world)["version"]


@when(parsers.parse('"{who}" dismisses the claim expecting the version she read'))
def stale_dismiss(cli, world: dict, who: str) -> None:
    world["result"] = cli("review", "triage", str(world["claim"]), "--dismiss", "--as", who,
                          "--expect-version", str(world["read_version"]))


@given(parsers.parse("someone edits event {n:d} directly in the database"))
def tamper_edit(database_url: str, n: int) -> None:
    _raw_sql(database_url, f"UPDATE event SET actor = 'mallory' WHERE id = {n}")


@given(parsers.parse("someone deletes event {n:d} directly in the database"))
def tamper_delete(database_url: str, n: int) -> None:
    _raw_sql(database_url, f"DELETE FROM event WHERE id = {n}")


def _raw_sql(url: str, statement: str) -> None:
    import sqlalchemy as sa

    from factcheck.storage.db import dispose_engines

    dispose_engines()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(statement))
    engine.dispose()


@when("the auditor verifies the ledger")
def audit(cli, world: dict) -> None:
    world["result"] = cli("audit", "verify")


@when(parsers.parse('"{who}" walks her queue pressing accept on the first claim and then '
                    'quit'))
def walk_queue(cli, world: dict, who: str) -> None:
    world["result"] = cli("review", "--as", who, input="a\nq\n")
    _ok(world["result"])


@then(parsers.parse('the claim is "{status}"'))
@then(parsers.parse('the Kinzhal claim is "{status}"'))
def claim_status(cli, world: dict, status: str) -> None:
    assert _claim(cli, world)["status"] == status


@then(parsers.parse('the highest-scoring claim is "{status}"'))
def top_claim_status(cli, status: str) -> None:
    assert _claims(cli)[0]["status"] == status


@then(parsers.parse('every claim of article {article:d} scoring below {score:g} is "{status}"'))
def band_status(cli, article: int, score: float, status: str) -> None:
    low = [c for c in _json(cli, "claims", "list", "--article", str(article))
           if c["score"] < score]
    assert low and all(c["status"] == status for c in low)


@then(parsers.parse('its history shows "{who}" moved it from "{before}" to "{after}"'))
def history_shows(cli, world: dict, who: str, before: str, after: str) -> None:
    events = _json(cli, "claims", "history", str(world["claim"]))
    assert any(e["actor"] == who and e["from_status"] == before and e["to_status"] == after
               and e["at"] for e in events), events


@then(parsers.parse('the approval by "{who}" records a hash of what was approved'))
def approval_hash(cli, world: dict, who: str) -> None:
    approval = _claim(cli, world)["approval"]
    assert approval["by"] == who and len(approval["hash"]) == 64


@then("the approval is gone")
def approval_gone(cli, world: dict) -> None:
    assert _claim(cli, world)["approval"] is None


@then(parsers.parse('its verdict is "{rating}" with the correction note "{note}"'))
def verdict_note(cli, world: dict, rating: str, note: str) -> None:
    claim = _claim(cli, world)
    assert claim["rating"] == rating and claim["verdict"]["correction_note"] == note


@then(parsers.parse('the earlier verdict "{rating}" is still on record'))
def earlier_verdict(cli, world: dict, rating: str) -> None:
    earlier = _claim(cli, world)["previous_verdicts"]
    assert [v["rating"] for v in earlier] == [rating]
    assert earlier[0]["published_at"] is not None


@then(parsers.parse('"{who}" sees the claim among their own claims'))
def sees_own(cli, world: dict, who: str) -> None:
    mine = _json(cli, "claims", "list", "--mine", "--as", who)
    assert [c["id"] for c in mine] == [world["claim"]]


@then(parsers.parse('"{who}" does not'))
def does_not_see(cli, who: str) -> None:
    assert _json(cli, "claims", "list", "--mine", "--as", who) == []


@then("the audit passes")
def audit_passes(world: dict) -> None:
    result = world["result"]
    _ok(result)
    assert result.stdout.startswith("Audit OK: ")


@then(parsers.parse("the audit fails at event {n:d}"))
def audit_fails(world: dict, n: int) -> None:
    result = world["result"]
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: audit failed at event {n}: ")


@then(parsers.parse('the queue said "{text}"'))
def queue_said(world: dict, text: str) -> None:
    assert text in world["result"].stdout


# --- export ----------------------------------------------------------------------------

@when(parsers.parse("the desk exports the report as {fmt}"))
def export_as(cli, world: dict, fmt: str) -> None:
    world["result"] = cli("export", "--format", fmt)
    if fmt == "json":
        world["export"] = world["result"].stdout


@then(parsers.parse('the report shows the claim as "{label}" with its evidence and "{approved}"'))
def report_shows(world: dict, label: str, approved: str) -> None:  # noqa: D103
    md = world["result"].stdout
    assert f"### Claim {world['claim']} — {label}" in md
    assert "](https://example.org/fixture-supports) — Fixture Wire (made up), supports" in md
    assert approved in md


@then("every claim is highlighted in place with its id")
def highlighted(cli, world: dict) -> None:
    page = world["result"].stdout
    for c in _claims(cli):
        assert f'data-claim-id="{c["id"]}"' in page


@then("the page loads nothing from elsewhere")
def self_contained(world: dict) -> None:
    page = world["result"].stdout
    assert "src=\"http" not in page and "<link" not in page and "@import" not in page
    assert "default-src 'none'" in page


@given("an article whose text starts with a spreadsheet formula has been ingested")
def formula_article(cli) -> None:
    _ok(cli("ingest", "-", "--title", "Formula fixture", input=(
        '=HYPERLINK("http://evil.example","x") The fixture agency said costs rose 40% '
        "to $3 billion.")))


@then("no cell starts with a formula character")
def no_formula(world: dict) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(world["result"].stdout)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@when(parsers.parse('the desk is configured as "{name}" at "{url}"'))
def configure_desk(cli, name: str, url: str) -> None:
    _ok(cli("config", "set", "desk.name", name))
    _ok(cli("config", "set", "desk.url", url))


@when(parsers.parse('the article\'s URL is recorded as "{url}"'))
def article_url(cli, url: str) -> None:
    _ok(cli("articles", "set", "1", "--url", url))


@then(parsers.parse('there is one ClaimReview rating the claim "{label}" at {value:d} on a '
                    'scale from {worst:d} to {best:d}'))
def one_claimreview(world: dict, label: str, value: int, worst: int, best: int) -> None:
    _ok(world["result"])
    [review] = json.loads(world["result"].stdout)
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"], rating["worstRating"],
            rating["bestRating"]) == (label, value, worst, best)


@when("the export is imported into an empty ledger")
def import_into_empty(cli, world: dict, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(world["export"], encoding="utf-8")
    world["other_db"] = f"sqlite:///{tmp_path / 'other.db'}"
    _ok(cli("--db", world["other_db"], "import", str(path)))


@then("exporting that ledger gives the same JSON apart from the export time")
def same_json(cli, world: dict) -> None:
    again = cli("--db", world["other_db"], "export", "--format", "json")
    _ok(again)
    a, b = json.loads(world["export"]), json.loads(again.stdout)
    a.pop("exported_at")
    b.pop("exported_at")
    assert a == b


# --- model -----------------------------------------------------------------------------

FIXTURE_SENTENCES = Path(__file__).resolve().parents[1] / "fixtures" / "labelled-fixture.json"


def _model_score(database_url: str, sentence: str) -> float:
    from factcheck.services.models import active_model
    from factcheck.storage.db import get_engine, session_scope

    with session_scope(get_engine(database_url)) as s:
        return active_model(session=s).score([sentence])[0]


@given("the desk's model was trained on the made-up fixture sentences alone")
def fixture_model(cli, world: dict) -> None:
    pytest.importorskip("sklearn")
    _ok(cli("model", "train", "--data", str(FIXTURE_SENTENCES), "--version", "fixture-only"))


@given(parsers.parse('the desk has dismissed every claim that mentions "{name}"'))
def dismiss_mentions(cli, name: str) -> None:
    hits = [c for c in _claims(cli) if name in c["quote"]]
    assert hits
    for c in hits:
        _ok(cli("review", "triage", str(c["id"]), "--dismiss", "--as", "desk"))


@when("the desk retrains the model on the fixture sentences and its own decisions")
def retrain(cli, world: dict) -> None:
    world["retrain"] = cli("model", "train", "--data", str(FIXTURE_SENTENCES), "--from-db",
                           "--version", "with-desk")
    _ok(world["retrain"])


@then(parsers.parse('the sentence "{sentence}" scores lower than before'))
def scores_lower(cli, database_url: str, sentence: str) -> None:
    after = _model_score(database_url, sentence)
    _ok(cli("model", "use", "fixture-only"))
    before = _model_score(database_url, sentence)
    _ok(cli("model", "use", "with-desk"))
    assert after < before, (before, after)


@then("the retrained model is the one ingest now uses")
def retrained_active(cli) -> None:
    assert _json(cli, "model", "info")["active"] == "with-desk"
