"""Exports for each audience, the JSON round trip, import without duplicates, stats.

Every source below is a made-up fixture (example.org), marked as such.
"""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.conftest import SAMPLE

HOSTILE = ('---\ntitle: Hostile fixture\noutlet: Fixture Daily (made up)\nurl: '
           'https://example.org/hostile\ndate: 2024-02-03\n---\n'
           '=HYPERLINK("http://evil.example/x","click") costs $5 billion, officials said. '
           'The report <img src=x onerror="document.body.setAttribute(\'data-pwned\',\'1\')"> '
           'says 40 percent of funds went missing. <script>document.title="pwned"</script> '
           'Exports rose 12% to $4 billion in 2023, the ministry said.\n')


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


@pytest.fixture
def reviewed(cli) -> int:
    """The sample article with its Kinzhal claim rated, approved and published, and its
    first other claim dismissed; returns the Kinzhal claim's id."""
    ok(cli("ingest", str(SAMPLE), catch=False))
    claims = json.loads(cli("claims", "list", "--json", "--by-position").stdout)
    kinzhal = next(c["id"] for c in claims if "7,600 mph" in c["quote"])
    other = next(c["id"] for c in claims if c["id"] != kinzhal)
    ok(cli("articles", "set", "1", "--url", "https://example.org/fixture/kim-visit",
           "--outlet", "Fixture Outlet (made up)"))
    k = str(kinzhal)
    ok(cli("review", "triage", k, "--accept", "--as", "alice"))
    ok(cli("evidence", "add", k, "--url", "https://example.org/fixture/kinzhal",
           "--publisher", "Fixture Wire (made up)", "--title", "Fixture: Kinzhal specs",
           "--quote", "Fixture text: top speed above 7,600 mph.", "--stance", "supports",
           "--as", "alice"))
    ok(cli("review", "rate", k, "--rating", "mostly-true", "--summary",
           "Fixture summary: the figure is the maker's claimed maximum.", "--as", "alice"))
    ok(cli("review", "approve", k, "--as", "bob"))
    ok(cli("review", "publish", k, "--as", "bob"))
    ok(cli("review", "triage", str(other), "--dismiss", "--as", "alice", "--note",
           "not checkable"))
    return kinzhal


def n_claims(cli) -> int:
    return len(json.loads(cli("claims", "list", "--json").stdout))


def export(cli, *args) -> str:
    return ok(cli("export", *args)).stdout


def test_markdown_report_for_editors(cli, reviewed):
    md = export(cli, "--format", "markdown")
    assert "## Kim russia arsenal" in md
    assert "Fixture Outlet (made up) · 2023-11-12 · <https://example.org/fixture/kim-visit>" in md
    n = n_claims(cli)
    assert f"**{n} claims — {n - 2} new, 1 dismissed, 1 published; ratings: 1 mostly-true**" in md
    assert f"### Claim {reviewed} — published · mostly-true" in md
    assert "> One of the highlights of the visit" in md
    assert "- Quantities: over 7,600 mph (> 7,600 mile per hour ≈ 12,231 km/h)" in md
    assert ("  - [Fixture: Kinzhal specs](https://example.org/fixture/kinzhal) — Fixture Wire "
            "(made up), supports:") in md
    assert "- Approved by bob on " in md


def test_csv_one_row_per_claim(cli, reviewed):
    rows = list(csv.DictReader(io.StringIO(export(cli, "--format", "csv"))))
    assert len(rows) == n_claims(cli)
    first = next(r for r in rows if r["claim_id"] == str(reviewed))
    assert (first["status"], first["rating"], first["evidence_count"]) == ("published",
                                                                          "mostly-true", "1")
    assert first["quantity_values"] == "7600" and first["normalized_units"] == "km/h"


def test_status_and_article_filters(cli, reviewed):
    rows = list(csv.DictReader(io.StringIO(export(cli, "--format", "csv", "--status",
                                                  "dismissed"))))
    assert len(rows) == 1 and rows[0]["status"] == "dismissed"
    assert cli("export", "--format", "csv", "--article", "9").stderr == \
        "Error: no article 9; see 'factcheck articles list'\n"
    bad = cli("export", "--format", "pdf")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: unknown format 'pdf'")


def test_hostile_text_is_inert_in_csv_and_html(cli, tmp_path):
    f = tmp_path / "hostile.md"
    f.write_text(HOSTILE, encoding="utf-8")
    ok(cli("ingest", str(f), "--threshold", "0"))
    rows = list(csv.reader(io.StringIO(export(cli, "--format", "csv"))))
    cells = [c for r in rows[1:] for c in r]
    assert any(c.startswith("'=HYPERLINK(") for c in cells)
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    page = export(cli, "--format", "html")
    assert "<img src=x" not in page and "<script>document.title" not in page
    assert "&lt;img src=x onerror=" in page
    assert "&lt;script&gt;document.title" in page


def test_html_marks_every_claim_in_place(cli, reviewed):
    page = export(cli, "--format", "html")
    claims = json.loads(cli("claims", "list", "--json").stdout)
    for c in claims:
        assert f'data-claim-id="{c["id"]}"' in page
    assert 'class="claim status-published rating-mostly-true"' in page
    assert "http-equiv=\"Content-Security-Policy\"" in page
    assert "src=\"http" not in page and "href=\"http" not in page.split("<main>")[0]
    assert '<svg class="chart"' in page


def test_claimreview_lint_refuses_until_the_desk_is_configured(cli, reviewed):
    refused = cli("export", "--format", "claimreview")
    assert refused.exit_code == 1
    assert refused.stderr.startswith("Error: ClaimReview export refused, missing: author.name")
    assert refused.stdout == ""
    ok(cli("config", "set", "desk.name", "Fixture Checks (made up)"))
    ok(cli("config", "set", "desk.url", "https://checks.example.org"))
    result = ok(cli("export", "--format", "claimreview"))
    [review] = json.loads(result.stdout)
    assert review["@type"] == "ClaimReview"
    assert review["url"] == f"https://checks.example.org/claims/{reviewed}"
    assert review["author"] == {"@type": "Organization", "name": "Fixture Checks (made up)",
                                "url": "https://checks.example.org"}
    assert review["reviewRating"]["ratingValue"] == 5
    assert (review["reviewRating"]["bestRating"], review["reviewRating"]["worstRating"]) == (6,
                                                                                            1)
    assert review["reviewRating"]["alternateName"] == "Mostly true"
    assert review["itemReviewed"]["datePublished"] == "2023-11-12"
    assert review["itemReviewed"]["appearance"] == [
        {"@type": "CreativeWork", "url": "https://example.org/fixture/kim-visit"}]
    assert review["itemReviewed"]["firstAppearance"] == {
        "@type": "CreativeWork", "url": "https://example.org/fixture/kim-visit"}
    assert f"claim {reviewed}: claimReviewed is 137 characters (over 75)" in result.stderr


def test_claimreview_names_a_missing_article_url(cli, reviewed):
    ok(cli("config", "set", "desk.name", "Fixture Checks (made up)"))
    # a second article, published, with no URL
    ok(cli("ingest", "-", "--title", "No URL", "--date", "2024-01-01", input=(
        "The dam, a made-up fixture, cost $2 billion to build, officials said.")))
    claim = json.loads(cli("claims", "list", "--article", "2", "--json").stdout)[0]["id"]
    ok(cli("review", "triage", str(claim), "--accept", "--as", "a"))
    ok(cli("review", "rate", str(claim), "--rating", "unverifiable", "--summary",
           "No record.", "--as", "a"))
    ok(cli("review", "approve", str(claim), "--as", "b"))
    ok(cli("review", "publish", str(claim), "--as", "b"))
    refused = cli("export", "--format", "claimreview", "--desk-url", "https://x.example.org")
    assert refused.exit_code == 1
    assert (f"claim {claim}: itemReviewed.appearance (article 2 has no URL); 'factcheck "
            "articles set 2 --url URL'") in refused.stderr


def test_json_export_validates_against_its_schema(cli, reviewed):
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.export.jsonfmt import schema_path

    data = json.loads(export(cli, "--format", "json"))
    schema = json.loads(schema_path().read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()
                                    ).validate(data)
    [article] = data["articles"]
    claim = next(c for c in article["claims"] if c["id"] == reviewed)
    assert [v["rating"] for v in claim["verdicts"]] == ["mostly-true"]
    assert [e["action"] for e in claim["history"]] == ["accept", "evidence-add", "rate",
                                                       "approve", "publish"]
    assert article["text"][claim["start"]:claim["end"]] == claim["quote"]


def test_json_round_trip_into_an_empty_ledger_is_identical(cli, reviewed, tmp_path):
    ok(cli("claims", "add", "1", "--quote", "Kim inspected hypersonic missiles", "--as", "c"))
    first = tmp_path / "first.json"
    ok(cli("export", "--format", "json", "--output", str(first)))
    other = f"sqlite:///{tmp_path / 'empty.db'}"
    result = ok(cli("--db", other, "import", str(first)))
    assert result.stdout.startswith("Imported (restore) 1 articles")
    second = tmp_path / "second.json"
    ok(cli("--db", other, "export", "--format", "json", "--output", str(second)))
    a, b = json.loads(first.read_text()), json.loads(second.read_text())
    a.pop("exported_at"), b.pop("exported_at")
    assert a == b
    assert ok(cli("--db", other, "audit", "verify")).stdout.startswith("Audit OK")
    # the restored ledger keeps working: new ids follow the imported ones
    ok(cli("--db", other, "claims", "add", "1", "--quote", "Kim inspected hypersonic "
           "missiles, nuclear bombers", "--as", "c"))


def test_import_into_a_ledger_with_data_adds_no_duplicates(cli, reviewed, tmp_path):
    path = tmp_path / "e.json"
    ok(cli("export", "--format", "json", "--output", str(path)))
    again = ok(cli("import", str(path)))
    n = n_claims(cli)
    assert again.stdout.startswith("Imported (merge) 0 articles (1 already present), 0 claims "
                                   f"({n} already present)")
    assert n_claims(cli) == n
    assert ok(cli("audit", "verify")).stdout.startswith("Audit OK")


def test_import_refuses_what_is_not_an_export(cli, tmp_path):
    f = tmp_path / "x.json"
    f.write_text('{"hello": 1}', encoding="utf-8")
    r = cli("import", str(f))
    assert r.exit_code == 1
    assert r.stderr == (f"Error: {f}: not a factcheck JSON export (schema_version 1 or 2); "
                        "make one with 'factcheck export --format json'\n")


def test_a_refused_export_leaves_no_file(cli, reviewed, tmp_path):
    target = tmp_path / "out.jsonld"
    assert cli("export", "--format", "claimreview", "--output", str(target)).exit_code == 1
    assert not target.exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".out.jsonld")]


def test_stats(cli, reviewed):
    data = json.loads(ok(cli("stats", "--json")).stdout)
    n = n_claims(cli)
    assert data["overall"]["claims"] == n
    assert data["overall"]["by_status"] == {"new": n - 2, "dismissed": 1, "published": 1}
    assert data["overall"]["by_rating"] == {"mostly-true": 1}
    assert data["overall"]["verdicts"] == 1
    assert data["overall"]["median_hours_to_verdict"] >= 0
    assert data["articles"][0]["by_status"]["published"] == 1
    # a ledger's articles print one per line (a hundred thousand of them stay quick)
    lines = ok(cli("stats", "--json")).stdout.splitlines()
    assert [json.loads(line) for line in lines if line.startswith('    {"id": ')] \
        == data["articles"]
    text = ok(cli("stats")).stdout
    assert text.startswith(f"Overall: {n} claims; status: ")


def test_the_sample_claim_file_imports_and_validates(cli):
    """claims/…claims.json: triaged sample claims, no evidence, a valid export."""
    from tests.conftest import ROOT

    path = ROOT / "claims" / "kim-russia-arsenal-2023-11-12.claims.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    jsonschema = pytest.importorskip("jsonschema")
    from factcheck.export.jsonfmt import schema_path

    assert data["schema_version"] == 1  # an older export: it must keep importing
    schema = schema_path(data["schema_version"]).read_text(encoding="utf-8")
    jsonschema.Draft202012Validator(json.loads(schema),
                                    format_checker=jsonschema.FormatChecker()).validate(data)
    [article] = data["articles"]
    assert article["sha256"] == __import__("hashlib").sha256(
        article["text"].encode()).hexdigest()
    assert SAMPLE.read_text(encoding="utf-8").endswith(article["text"])
    for c in article["claims"]:
        assert article["text"][c["start"]:c["end"]] == c["quote"]
        assert c["status"] in ("triaged", "dismissed")
        assert c["evidence"] == [] and c["verdicts"] == []
    ok(cli("import", str(path)))
    assert ok(cli("audit", "verify")).stdout.startswith("Audit OK")
    statuses = {c["status"] for c in json.loads(cli("claims", "list", "--json").stdout)}
    assert statuses == {"triaged", "dismissed"}
    # the restored ledger hands out fresh ids after the imported ones (PostgreSQL sequences)
    added = json.loads(ok(cli("claims", "add", "1", "--quote",
                              "Kim inspected hypersonic missiles", "--json")).stdout)
    assert added["id"] == max(c["id"] for c in article["claims"]) + 1
