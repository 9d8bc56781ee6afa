"""Reading articles: text, HTML, CSV, JSON Lines, front matter and the date marker."""

from __future__ import annotations

import datetime as dt
import io

import pytest

from factcheck.errors import InputError
from factcheck.ingest import RawArticle, iter_sources, prepare_article
from factcheck.ingest.readers import html_to_text
from tests.conftest import SAMPLE


def test_the_date_marker_glued_to_the_first_line_is_metadata():
    p = prepare_article(RawArticle(SAMPLE.read_text(encoding="utf-8"), str(SAMPLE)))
    assert p.published == dt.date(2023, 11, 12)
    assert p.text.startswith("Amidst rising tension")
    assert p.title == "Kim russia arsenal"
    assert SAMPLE.read_text(encoding="utf-8").endswith(p.text)  # nothing else altered


def test_front_matter_and_overrides():
    raw = RawArticle("---\ntitle: Made-up fixture\nurl: https://example.org/a\noutlet: Example "
                     "Daily\ndate: 2024-01-02\n---\nThe dam holds 3 million cubic metres.",
                     "x.md")
    p = prepare_article(raw, overrides={"outlet": "Override Outlet", "title": None})
    assert (p.title, p.url, p.outlet) == ("Made-up fixture", "https://example.org/a",
                                          "Override Outlet")
    assert p.published == dt.date(2024, 1, 2)
    assert p.text == "The dam holds 3 million cubic metres."


def test_a_bad_date_is_refused():
    with pytest.raises(InputError, match="is not YYYY-MM-DD"):
        prepare_article(RawArticle("Text here.", "x.txt"), overrides={"date": "12/11/2023"})


def test_html_is_reduced_to_its_article_text():
    page = """<html><head><title>Fixture page</title>
    <meta property="og:site_name" content="Example News (made up)"></head>
    <body><nav>Home | World</nav><script>alert('x')</script>
    <article><h1>Dam opens</h1><p>The dam cost <b>$2 billion</b>.</p>
    <p>It holds 3 million cubic metres &amp; more.</p></article>
    <footer>Copyright</footer></body></html>"""
    text, meta = html_to_text(page)
    assert text == ("Dam opens\n\nThe dam cost $2 billion.\n\n"
                    "It holds 3 million cubic metres & more.")
    assert meta == {"outlet": "Example News (made up)", "title": "Fixture page"}


def test_corpora_csv_and_jsonl_give_one_article_per_row(tmp_path):
    csv_path = tmp_path / "corpus.csv"
    csv_path.write_text('body,title\n"First, text.",One\n"Second text.",Two\n',
                        encoding="utf-8")
    rows = list(iter_sources([str(csv_path)], text_field="body"))
    assert [(r.text, r.meta["title"]) for r in rows] == [("First, text.", "One"),
                                                         ("Second text.", "Two")]
    jsonl = tmp_path / "corpus.jsonl"
    jsonl.write_text('{"text": "A one."}\n\n{"text": "B two.", "url": "https://x.test"}\n',
                     encoding="utf-8")
    rows = list(iter_sources([str(jsonl)]))
    assert [r.text for r in rows] == ["A one.", "B two."]
    assert rows[1].meta == {"url": "https://x.test"}


def test_folders_are_read_recursively_in_name_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.md").write_text("Two.", encoding="utf-8")
    (tmp_path / "one.txt").write_text("One.", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    assert [r.text for r in iter_sources([str(tmp_path)])] == ["Two.", "One."]


def test_stdin_is_read_with_a_dash():
    rows = list(iter_sources(["-"], stdin=io.StringIO("From a pipe.")))
    assert [(r.text, r.source) for r in rows] == [("From a pipe.", "<stdin>")]


def test_unreadable_csv_is_refused(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text('text\n"unterminated\n', encoding="utf-8")
    with pytest.raises(InputError, match="unreadable CSV"):
        list(iter_sources([str(bad)]))
