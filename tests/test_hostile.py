"""Hostile input and output: links and markup from the ledger stay inert in every export,
non-http(s) links are refused where they enter, files written with --output behave like
files the user made, ingest refuses what no database stores alike, and read commands do
not create ledgers. Every source below is a made-up fixture (example.org)."""

from __future__ import annotations

import json
import os
import stat

import pytest

from tests.conftest import SAMPLE

JS_LINK = "[click](javascript:alert(1))"
HOSTILE = ('---\ntitle: Hostile fixture [t](javascript:alert(2))\noutlet: Fixture Daily '
           '(made up)\nurl: https://example.org/hostile\ndate: 2024-02-03\n---\n'
           f'The agency spent $5 billion on {JS_LINK} and </script><script>alert(3)</script>'
           ' projects, officials said. Exports rose 12% to $4 billion in 2023, the '
           'ministry said.\n')


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def one_line_error(result, code: int = 1) -> str:
    assert result.exit_code == code, (result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, \
        result.stderr
    assert "Traceback" not in result.output
    return result.stderr


@pytest.fixture
def hostile(cli, tmp_path) -> int:
    """A made-up article full of link and script syntax, one claim reviewed and
    published with hostile evidence and summary; returns that claim's id."""
    path = tmp_path / "hostile.md"
    path.write_text(HOSTILE, encoding="utf-8")
    ok(cli("ingest", str(path)))
    claim = json.loads(ok(cli("claims", "list", "--json")).stdout)[0]["id"]
    ok(cli("review", "triage", str(claim), "--accept", "--as", "alice"))
    ok(cli("evidence", "add", str(claim), "--url", "https://example.org/source?a=(1)",
           "--publisher", f"Fixture Wire {JS_LINK}", "--quote", f"quote {JS_LINK} <img src=x>",
           "--title", f"title {JS_LINK}", "--stance", "supports", "--as", "alice"))
    ok(cli("review", "rate", str(claim), "--rating", "true", "--summary",
           f"summary {JS_LINK} </script><script>alert(4)</script>", "--as", "alice"))
    ok(cli("review", "approve", str(claim), "--as", "bob"))
    ok(cli("review", "publish", str(claim), "--as", "bob"))
    ok(cli("claims", "edit", str(claim), "--claimant", f"Claimant {JS_LINK}"))
    return claim


def test_markdown_keeps_link_and_html_syntax_as_text(cli, hostile):
    from markdown_it import MarkdownIt

    md = ok(cli("export", "--format", "markdown")).stdout
    renderer = MarkdownIt("commonmark")  # raw HTML on, like many renderers
    renderer.validateLink = lambda url: True  # and a permissive one: every link allowed
    html = renderer.render(md)
    assert "javascript:" not in " ".join(
        part.split('"')[0] for part in html.split('href="')[1:])
    assert "<img" not in html and "<script" not in html
    assert html.count("<a href=") == 2  # the article's own link and the evidence's
    assert 'href="https://example.org/source?a=%281%29"' in html
    assert "Ledger head " in md


def test_claimreview_json_ld_can_be_embedded_in_a_script_element(cli, hostile):
    ok(cli("config", "set", "desk.name", "Example Checks (made up)"))
    ok(cli("config", "set", "desk.url", "https://checks.example.org"))
    text = ok(cli("export", "--format", "claimreview")).stdout
    assert "<" not in text and ">" not in text and "&" not in text
    [review] = json.loads(text)
    assert "</script><script>alert(4)</script>" in review["reviewRating"]["ratingExplanation"]
    assert review["itemReviewed"]["firstAppearance"]["url"] == "https://example.org/hostile"


@pytest.mark.parametrize("how", ["flag", "front matter", "canonical link"])
def test_a_javascript_link_is_refused_where_it_enters(cli, tmp_path, how):
    path = tmp_path / ("page.html" if how == "canonical link" else "a.md")
    body = "The agency spent $5 billion, officials said."
    args = []
    if how == "flag":
        path.write_text(body, encoding="utf-8")
        args = ["--url", "javascript:alert(1)"]
    elif how == "front matter":
        path.write_text(f"---\nurl: javascript:alert(1)\n---\n{body}", encoding="utf-8")
    else:
        path.write_text('<html><head><link rel="canonical" href="javascript:alert(1)">'
                        f"</head><body><p>{body}</p></body></html>", encoding="utf-8")
    error = one_line_error(cli("ingest", str(path), *args))
    assert "url 'javascript:alert(1)' is not an http(s) address" in error
    assert json.loads(ok(cli("articles", "list", "--json")).stdout) == []


def test_article_and_evidence_links_must_be_http(cli):
    ok(cli("ingest", str(SAMPLE)))
    error = one_line_error(cli("articles", "set", "1", "--url", "data:text/html,x"), 2)
    assert "url 'data:text/html,x' is not an http(s) address" in error
    one_line_error(cli("evidence", "add", "1", "--url", "javascript:alert(1)", "--publisher",
                       "P", "--quote", "Q", "--stance", "context"), 2)


def test_output_files_follow_the_umask_and_keep_an_existing_mode(cli, hostile, tmp_path):
    old = os.umask(0o027)
    try:
        target = tmp_path / "report.md"
        ok(cli("export", "--format", "markdown", "--output", str(target)))
        assert stat.S_IMODE(target.stat().st_mode) == 0o640
        target.chmod(0o604)
        ok(cli("export", "--format", "csv", "--output", str(target)))
        assert stat.S_IMODE(target.stat().st_mode) == 0o604
    finally:
        os.umask(old)


def test_output_through_a_symlink_replaces_the_file_and_keeps_the_link(cli, hostile,
                                                                      tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    ok(cli("export", "--format", "csv", "--output", str(link)))
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text(encoding="utf-8").startswith("article_id,")


@pytest.mark.skipif(not os.access("/dev/null", os.W_OK), reason="/dev/null is not writable")
def test_output_to_a_device_writes_into_it(cli, hostile):
    ok(cli("export", "--format", "markdown", "--output", "/dev/null"))
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_output_to_a_folder_or_a_missing_folder_is_refused(cli, hostile, tmp_path):
    assert one_line_error(cli("export", "--format", "csv", "--output", str(tmp_path)), 2) == (
        f"Error: --output {tmp_path} is a folder; give a file path\n")
    missing = tmp_path / "nope" / "x.csv"
    assert one_line_error(cli("export", "--format", "csv", "--output", str(missing)), 2) == (
        f"Error: --output {missing}: folder {missing.parent} does not exist; create it "
        "first\n")
    assert not (tmp_path / "nope").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.suffix == ".csv" or
                p.name.endswith(".tmp")]


def test_a_selection_is_checked_before_the_first_byte(cli, hostile):
    result = cli("export", "--format", "json", "--article", "99")
    assert one_line_error(result) == "Error: no article 99; see 'factcheck articles list'\n"
    assert result.stdout == ""


def test_a_nul_in_a_later_corpus_row_writes_nothing(cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"text": f"Fixture row {i}: the agency spent ${i} million, officials said."}
            for i in range(5)]
    rows[3]["text"] += " \x00 hidden"
    corpus.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    error = one_line_error(cli("ingest", str(corpus)))
    assert f"{corpus}:4: the text contains a NUL character" in error
    assert json.loads(ok(cli("articles", "list", "--json")).stdout) == []


def test_a_lone_surrogate_is_refused(cli, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text('{"text": "The agency spent $5 \\ud800 billion, officials said."}\n',
                      encoding="utf-8")
    assert "is not valid Unicode (a lone surrogate" in one_line_error(cli("ingest",
                                                                          str(corpus)))


def test_latin1_on_stdin_is_one_line(cli):
    result = cli("ingest", "-", input="Le ministre a déclaré 3 000 soldats.".encode("latin-1"))
    assert "<stdin>: not valid UTF-8" in one_line_error(result)


def test_a_pdf_is_refused_with_a_hint(cli, tmp_path):
    pdf = tmp_path / "report.txt"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    assert one_line_error(cli("ingest", str(pdf))) == (
        f"Error: {pdf}: a PDF, not text; convert it to text first (e.g. pdftotext FILE.pdf "
        "FILE.txt) and ingest that\n")


def test_a_missing_file_is_named_as_missing(cli, tmp_path):
    assert one_line_error(cli("import", str(tmp_path / "nope.json"))) == (
        f"Error: {tmp_path / 'nope.json'}: no such file; check the path\n")


def test_read_commands_do_not_create_ledgers_in_missing_folders(cli, tmp_path):
    where = tmp_path / "no" / "such" / "x.db"
    error = one_line_error(cli("--db", str(where), "db", "info"))
    assert error == (f"Error: cannot open database {where}: folder {where.parent} does not "
                     "exist; create it or choose another path\n")
    assert not (tmp_path / "no").exists()
