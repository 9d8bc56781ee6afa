"""Steps of the reports and the JSON round trip (features/export.feature)."""

from __future__ import annotations

import json
from pathlib import Path

from pytest_bdd import given, parsers, then, when
from typer.testing import Result

from tests.bdd.ledger import Cli, ImportedLedger, all_claims, ok, read_json

FORMULA_TITLE = "Formula fixture"
FORMULA_TEXT = ('=HYPERLINK("http://evil.example","x") The fixture agency said costs rose 40% '
                "to $3 billion.")

# --- given -----------------------------------------------------------------------------


@given("an article whose text starts with a spreadsheet formula has been ingested")
def formula_article(cli: Cli) -> None:
    """Ingest a made-up article opening with a formula; the ledger must store it as sent."""
    ok(cli("ingest", "-", "--title", FORMULA_TITLE, input=FORMULA_TEXT))
    [article] = [a for a in read_json(cli, "articles", "list") if a["title"] == FORMULA_TITLE]
    assert read_json(cli, "articles", "show", str(article["id"]))["text"] == FORMULA_TEXT


# --- when ------------------------------------------------------------------------------


@when(parsers.parse("the desk exports the report as {fmt}"), target_fixture="result")
def export_as(cli: Cli, fmt: str) -> Result:
    """Export the ledger in one format (it may be refused)."""
    return cli("export", "--format", fmt)


@when(parsers.parse('the desk is configured as "{name}" at "{url}"'))
def configure_desk(cli: Cli, name: str, url: str) -> None:
    """Set the desk's name and address."""
    ok(cli("config", "set", "desk.name", name))
    ok(cli("config", "set", "desk.url", url))


@when(parsers.parse('the article\'s URL is recorded as "{url}"'))
def article_url(cli: Cli, url: str) -> None:
    """Record where article 1 was published."""
    ok(cli("articles", "set", "1", "--url", url))


@when("the export is imported into an empty ledger", target_fixture="imported_ledger")
def import_into_empty(cli: Cli, result: Result, tmp_path: Path) -> ImportedLedger:
    """Import the JSON export just made into a new SQLite ledger."""
    ok(result)
    path = tmp_path / "export.json"
    path.write_text(result.stdout, encoding="utf-8")
    other = ImportedLedger(url=f"sqlite:///{tmp_path / 'other.db'}",
                           imported_export=result.stdout)
    ok(cli("--db", other.url, "import", str(path)))
    return other


# --- then ------------------------------------------------------------------------------


@then(parsers.parse('the report shows the claim as "{label}" with its evidence and "{approved}"'))
def report_shows(result: Result, claim_under_review: int, label: str, approved: str) -> None:
    """The Markdown report heads the claim with its label and lists its source."""
    md = result.stdout
    assert f"### Claim {claim_under_review} — {label}" in md
    assert "](https://example.org/fixture-supports) — Fixture Wire (made up), supports" in md
    assert approved in md


@then("every claim is highlighted in place with its id")
def highlighted(cli: Cli, result: Result) -> None:
    """The page marks every claim by its id."""
    page = result.stdout
    for c in all_claims(cli):
        assert f'data-claim-id="{c["id"]}"' in page


@then("the page loads nothing from elsewhere")
def self_contained(result: Result) -> None:
    """No remote script, stylesheet or import, and a policy that forbids them."""
    page = result.stdout
    assert "src=\"http" not in page and "<link" not in page and "@import" not in page
    assert "default-src 'none'" in page


@then("no cell starts with a formula character")
def no_formula(result: Result) -> None:
    """No CSV cell could be read by a spreadsheet as a formula."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) > 1
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell


@then(parsers.parse('there is one ClaimReview rating the claim "{label}" at {value:d} on a '
                    'scale from {worst:d} to {best:d}'))
def one_claimreview(result: Result, label: str, value: int, worst: int, best: int) -> None:
    """Exactly one ClaimReview, with the rating on the scale."""
    ok(result)
    [review] = json.loads(result.stdout)
    rating = review["reviewRating"]
    assert (rating["alternateName"], rating["ratingValue"], rating["worstRating"],
            rating["bestRating"]) == (label, value, worst, best)


@then("exporting that ledger gives the same JSON apart from the export time")
def same_json(cli: Cli, imported_ledger: ImportedLedger) -> None:
    """Export the imported ledger and compare with what was imported."""
    again = cli("--db", imported_ledger.url, "export", "--format", "json")
    ok(again)
    a, b = json.loads(imported_ledger.imported_export), json.loads(again.stdout)
    a.pop("exported_at")
    b.pop("exported_at")
    assert a == b
