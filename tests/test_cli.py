"""The CLI's contracts: JSON fields, exit codes, exact messages, start-up weight."""

from __future__ import annotations

import json

from tests.conftest import SAMPLE


def run_json(cli, *args):
    result = cli(*args, "--json", catch=False)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_ingest_reports_articles_claims_and_time(cli):
    result = cli("ingest", str(SAMPLE), catch=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].startswith("kim-russia-arsenal-2023-11-12.txt: article 1, ")
    assert lines[-1].startswith("Ingested 1 article (0 already ingested), ")
    assert lines[-1].endswith(" s")


def test_claims_list_json_contract(cli, ingested):
    claims = run_json(cli, "claims", "list")
    text = run_json(cli, "articles", "show", str(ingested))["text"]
    assert claims
    for c in claims:
        assert {"id", "article_id", "text", "quote", "start", "end", "status", "score", "kind",
                "claimant", "quantities"} <= set(c)
        assert text[c["start"]:c["end"]] == c["quote"]
        assert c["status"] == "new"
        assert 0 <= c["score"] <= 1
        for q in c["quantities"]:
            assert {"surface", "value", "high", "unit", "qualifier", "normalized_value",
                    "normalized_unit", "start", "end"} <= set(q)
    scores = [c["score"] for c in claims]
    assert scores == sorted(scores, reverse=True)


def test_articles_list_json_contract(cli, ingested):
    [article] = run_json(cli, "articles", "list")
    assert {"id", "title", "published", "sha256", "claims"} <= set(article)
    import hashlib

    text = run_json(cli, "articles", "show", str(ingested))["text"]
    assert article["sha256"] == hashlib.sha256(text.encode()).hexdigest()
    assert article["claims"] == len(run_json(cli, "claims", "list"))


def test_claims_list_filters(cli, ingested):
    quantity_claims = run_json(cli, "claims", "list", "--kind", "quantity")
    assert quantity_claims and all(c["kind"] == "quantity" for c in quantity_claims)
    assert len(run_json(cli, "claims", "list", "--limit", "2")) == 2
    assert run_json(cli, "claims", "list", "--status", "published") == []
    ordered = run_json(cli, "claims", "list", "--by-position")
    assert [c["start"] for c in ordered] == sorted(c["start"] for c in ordered)


def test_claims_list_table_keeps_each_claims_figure_visible_when_trimmed(cli, ingested,
                                                                          monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")
    result = cli("claims", "list", catch=False)
    header, *lines = result.stdout.splitlines()
    assert header.split() == ["id", "score", "kind", "claimant", "status", "claim"]
    claims = run_json(cli, "claims", "list")
    assert [line.split()[0] for line in lines] == [str(c["id"]) for c in claims]
    shown = " ".join(lines)
    for needle in ("7,600 mph", "4,040 miles", "$24 billion"):  # the sample's key figures
        assert needle in shown
    for line, c in zip(lines, claims, strict=True):
        assert len(line) <= 100
        statement = line.split(c["status"], 1)[1].strip().strip("…")
        assert statement in " ".join(c["text"].split())
        if c["quantities"]:
            assert c["quantities"][0]["surface"] in line, line


def test_claims_list_shows_the_reworded_statement(cli, ingested):
    top = run_json(cli, "claims", "list", "--limit", "1")[0]
    assert cli("claims", "edit", str(top["id"]), "--text", "Biden asked Congress for $24 "
               "billion more for Ukraine.", catch=False).exit_code == 0
    first = cli("claims", "list", "--limit", "1", catch=False).stdout.splitlines()[1]
    assert "Biden asked Congress for $24 billion more for Ukraine." in first
    shown = cli("claims", "show", str(top["id"]), catch=False).stdout
    assert "Statement: Biden asked Congress for $24 billion more for Ukraine." in shown
    assert f"«{top['quote']}»" in shown


def test_claims_show_highlights_the_quote_in_its_paragraph(cli, ingested):
    top = next(c for c in run_json(cli, "claims", "list") if "7,600 mph" in c["quote"])
    result = cli("claims", "show", str(top["id"]), catch=False)
    assert f"«{top['quote']}»" in result.stdout
    assert "This missile, carried by MiG-31" in result.stdout  # the rest of the paragraph
    assert "'over 7,600 mph': > 7,600 mile per hour = 12,231 km/h" in result.stdout
    data = run_json(cli, "claims", "show", str(top["id"]))
    assert data["paragraph"]["text"].startswith("One of the highlights")


def test_unknown_ids_exit_1_with_a_hint(cli, ingested):
    result = cli("claims", "show", "999")
    assert result.exit_code == 1
    assert result.stderr == "Error: no claim 999; see 'factcheck claims list'\n"
    result = cli("articles", "show", "42")
    assert result.stderr == "Error: no article 42; see 'factcheck articles list'\n"


def test_usage_errors_exit_2(cli):
    assert cli("claims", "show", "not-a-number").exit_code == 2
    result = cli("quantities")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: give either TEXT or --file PATH")


def test_quantities_command_text_and_file(cli, tmp_path):
    data = run_json(cli, "quantities", "speeds of over 7,600 mph")
    assert data == [{"surface": "over 7,600 mph", "value": 7600.0, "high": None,
                     "unit": "mile per hour", "qualifier": ">", "normalized_value": 12231.0,
                     "normalized_unit": "km/h", "start": 10, "end": 24}]
    f = tmp_path / "lines.txt"
    f.write_text("$24 billion in aid\nno numbers here\nover 4,040 miles\n", encoding="utf-8")
    per_line = run_json(cli, "quantities", "--file", str(f))
    assert [len(x) for x in per_line] == [1, 0, 1]
    assert per_line[0][0]["value"] == 24e9 and per_line[2][0]["unit"] == "mile"
    assert cli("quantities", "no numbers").stdout == "No quantities found.\n"


def test_ingest_from_stdin_with_flags(cli):
    text = "The bridge, a made-up fixture, cost $4 billion and spans 2.5 miles."
    result = cli("ingest", "-", "--title", "Bridge", "--outlet", "Fixture Times",
                 "--date", "2024-05-01", input=text, catch=False)
    assert result.exit_code == 0, result.output
    [article] = run_json(cli, "articles", "list")
    assert (article["title"], article["published"]) == ("Bridge", "2024-05-01")
    [claim] = run_json(cli, "claims", "list")
    assert claim["claimant"] == "Fixture Times"
    assert [q["unit"] for q in claim["quantities"]] == ["dollar", "mile"]


def test_csv_corpus_and_text_field(cli, tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text('body\n"Exports rose 12% to $4 billion, the ministry said."\n'
                      '"Imports fell 3% in 2023, officials said."\n', encoding="utf-8")
    result = cli("ingest", str(corpus), "--text-field", "body", catch=False)
    assert result.exit_code == 0
    assert "Ingested 2 articles (0 already ingested)" in result.stdout
    missing = cli("ingest", str(corpus))
    assert missing.exit_code == 1
    assert missing.stderr == (f"Error: {corpus}: no 'text' column (columns: body); "
                              "pass --text-field NAME\n")


def test_a_failure_while_storing_leaves_nothing_of_that_article(cli, monkeypatch):
    import factcheck.storage.bulk as bulk

    def explode(conn, table, columns, rows):
        if table.name == "quantity":  # the last rows an article's batch writes
            raise RuntimeError("disk on fire")
        return real(conn, table, columns, rows)

    real = bulk.executemany
    monkeypatch.setattr(bulk, "executemany", explode)
    result = cli("ingest", str(SAMPLE))
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: unexpected RuntimeError: disk on fire")
    # (not monkeypatch.undo(): it would also point the test at another database)
    monkeypatch.setattr(bulk, "executemany", real)
    assert run_json(cli, "db", "info")["url"].endswith("test.db") or "search_path" in \
        run_json(cli, "db", "info")["url"]
    assert run_json(cli, "articles", "list") == []
    assert run_json(cli, "claims", "list") == []


def test_debug_shows_the_traceback(cli):
    result = cli("--debug", "claims", "show", "5")
    assert result.exit_code == 1
    assert result.exception is not None and "no claim 5" in str(result.exception)


def test_db_info_and_upgrade(cli, database_url):
    from factcheck.storage.db import head_revision

    head = head_revision()
    result = cli("db", "upgrade", catch=False)
    assert result.exit_code == 0
    assert result.stdout == f"Upgraded database from schema none to {head}.\n"
    assert cli("db", "upgrade").stdout == f"Database is up to date (schema {head}).\n"
    info = run_json(cli, "db", "info")
    assert info["schema"] == info["head"] == head
    assert info["articles"] == 0


def test_default_database_is_a_local_sqlite_file(cli, monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_DB")
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "desk"))
    info = run_json(cli, "db", "info")
    assert info["url"] == f"sqlite:///{tmp_path / 'desk' / 'factcheck.db'}"
    assert (tmp_path / "desk" / "factcheck.db").exists()


def test_db_option_beats_the_environment(cli, tmp_path):
    other = tmp_path / "other.db"
    result = cli("--db", str(other), "ingest", str(SAMPLE), catch=False)
    assert result.exit_code == 0
    assert run_json(cli, "--db", str(other), "articles", "list")[0]["id"] == 1
    assert run_json(cli, "articles", "list") == []


def test_help_does_not_import_the_database_layer():
    from tests.conftest import heavy_modules_imported

    code = ("from factcheck.cli import app\nfrom typer.testing import CliRunner\n"
            "r = CliRunner().invoke(app, ['--help'])\nassert r.exit_code == 0, r.output")
    assert heavy_modules_imported(code, ("sqlalchemy", "sqlmodel", "alembic", "pint", "rich",
                                         "pydantic", "factcheck.storage.db")) == []


def test_listing_claims_does_not_load_the_detector_or_the_matcher(tmp_path):
    """``claims list`` reads the ledger: the detector, the claimant reader, the quantity
    extractor and the matcher (about 0.2 s of start-up together) stay unloaded."""
    from tests.conftest import heavy_modules_imported

    code = ("from factcheck.cli import app\nfrom typer.testing import CliRunner\n"
            f"r = CliRunner().invoke(app, ['--db', {str(tmp_path / 'l.db')!r}, 'claims', "
            "'list', '--json'])\nassert r.exit_code == 0, r.output")
    assert heavy_modules_imported(code, (
        "factcheck.ingest.detect", "factcheck.ingest.claimant", "factcheck.ingest.pipeline",
        "factcheck.quantities.extract", "factcheck.matching.matcher",
        "factcheck.matching.figures", "factcheck.services.matching", "numpy")) == []


def test_the_reviewer_falls_back_to_the_os_user(cli, monkeypatch):
    import getpass

    monkeypatch.delenv("FACTCHECK_REVIEWER")
    cli("ingest", str(SAMPLE), catch=False)
    added = run_json(cli, "claims", "add", "1", "--quote", "Kim inspected hypersonic missiles")
    assert added["created_by"] == getpass.getuser()
    named = run_json(cli, "claims", "add", "1", "--quote", "nuclear bombers, and warships",
                     "--as", "  dana  ")
    assert named["created_by"] == "dana"


def test_unknown_filters_are_usage_errors(cli):
    r = cli("claims", "list", "--status", "pending")
    assert r.exit_code == 2
    assert r.stderr.startswith("Error: unknown status 'pending'; use one of new, triaged")
    assert cli("claims", "list", "--kind", "rumour").exit_code == 2


def test_a_folder_names_the_files_it_skipped(cli, tmp_path):
    (tmp_path / "a.txt").write_text("The dam, a made-up fixture, cost $2 billion.",
                                    encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.4")
    r = cli("ingest", str(tmp_path))
    assert r.exit_code == 0
    assert r.stderr.startswith("Warning: skipped 1 file of an unsupported type: scan.pdf")


def test_json_rows_print_one_per_line_and_parse_as_the_data(capsys):
    from factcheck.cli.output import print_json

    data = {"overall": {"claims": 3, "note": 'a "quoted" ü'},
            "rows": [{"id": 1, "title": "one\nline"}, {"id": 2, "title": None}], "end": []}
    print_json(data, rows="rows")
    out = capsys.readouterr().out
    assert json.loads(out) == data
    assert '    {"id": 1, "title": "one\\nline"},' in out.splitlines()
    print_json({"rows": []}, rows="rows")
    assert json.loads(capsys.readouterr().out) == {"rows": []}
