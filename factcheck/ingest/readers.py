"""Read articles from files, folders, stdin and corpora (CSV, JSON Lines).

Pure input handling: it returns ``RawArticle`` records and never touches the database.
Every unreadable input raises ``InputError`` naming the file and what to do.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from factcheck.errors import InputError

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
CORPUS_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".tsv"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | CORPUS_SUFFIXES
META_FIELDS = ("title", "url", "outlet", "author", "date", "published")


@dataclass
class RawArticle:
    """One article as read: body text plus whatever metadata the source carried."""

    text: str
    source: str
    meta: dict[str, str] = field(default_factory=dict)
    # a row of a corpus (CSV, TSV, JSON Lines): its text may open with a headline glued to
    # the body without a line break (see ``metadata.split_headline``)
    corpus_row: bool = False


def iter_sources(paths: list[str], *, text_field: str = "text",
                 stdin: io.TextIOBase | None = None,
                 skipped: list[str] | None = None) -> Iterator[RawArticle]:
    """Yield every article named by ``paths`` (files, folders, ``-`` for stdin), in order.

    Files in a folder whose type is not supported are not read; their paths are appended
    to ``skipped`` so the caller can say so."""
    for p in paths:
        if p == "-":
            stream = stdin or sys.stdin
            raw = getattr(stream, "buffer", None)
            data = decode_text(raw.read(), "<stdin>") if raw is not None else stream.read()
            yield RawArticle(data, "<stdin>")
            continue
        path = Path(p)
        if not path.exists():
            raise InputError(f"{p}: no such file or directory; check the path")
        if path.is_dir():
            files = sorted(f for f in path.rglob("*") if f.is_file()
                           and not f.name.startswith("."))
            for f in files:
                if f.suffix.lower() in SUPPORTED:
                    yield from read_file(f, text_field=text_field)
                elif skipped is not None:
                    skipped.append(str(f))
        else:
            yield from read_file(path, text_field=text_field)


def read_file(path: Path, *, text_field: str = "text") -> Iterator[RawArticle]:
    """Yield the article(s) in one file, chosen by its suffix."""
    suffix = path.suffix.lower()
    data = read_text_file(path)
    if suffix in (".csv", ".tsv"):
        yield from _read_csv(path, data, text_field, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(path, data, text_field)
    elif suffix in HTML_SUFFIXES:
        text, meta = html_to_text(data)
        yield RawArticle(text, str(path), meta)
    else:
        yield RawArticle(data, str(path))


def read_text_file(path: Path) -> str:
    """Read a UTF-8 text file; a missing, unreadable, binary, PDF or non-UTF-8 file raises
    ``InputError`` naming the real cause."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder, not a file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied; check its permissions") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return decode_text(raw, str(path))


def decode_text(raw: bytes, source: str) -> str:
    """Bytes of a text source as text: refuse a PDF (by its magic bytes), binary data and
    anything that is not UTF-8, in one line each."""
    if raw.lstrip()[:5] == b"%PDF-":
        raise InputError(f"{source}: a PDF, not text; convert it to text first (e.g. "
                         "pdftotext FILE.pdf FILE.txt) and ingest that")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{source}: binary file, not text; pass a .txt, .md, .html, .csv "
                         "or .jsonl file")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{source}: not valid UTF-8 (byte {exc.start}); convert it to "
                         "UTF-8, e.g. iconv -f latin1 -t utf-8") from None


def _read_csv(path: Path, data: str, text_field: str, delimiter: str) -> Iterator[RawArticle]:
    csv.field_size_limit(2**31 - 1)
    try:
        reader = csv.DictReader(io.StringIO(data, newline=""), delimiter=delimiter, strict=True)
        fields = reader.fieldnames or []
        if text_field not in fields:
            raise InputError(f"{path}: no '{text_field}' column (columns: "
                             f"{', '.join(fields) or 'none'})", hint="text-field")
        rows = list(reader)
    except csv.Error as exc:
        raise InputError(f"{path}: unreadable CSV ({exc}); check its quoting") from None
    for i, row in enumerate(rows, start=2):
        meta = {k: (row.get(k) or "").strip() for k in META_FIELDS if row.get(k)}
        if row.get("category"):
            meta.setdefault("section", row["category"])
        yield RawArticle(row.get(text_field) or "", f"{path}:{i}", meta, corpus_row=True)


def _read_jsonl(path: Path, data: str, text_field: str) -> Iterator[RawArticle]:
    rows = []
    for i, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}:{i}: not valid JSON ({exc.msg}); one object per line"
                             ) from None
        if not isinstance(obj, dict) or not isinstance(obj.get(text_field), str):
            raise InputError(f"{path}:{i}: no string '{text_field}' field", hint="text-field")
        rows.append((i, obj))
    for i, obj in rows:
        meta = {k: str(obj[k]) for k in META_FIELDS if obj.get(k)}
        yield RawArticle(obj[text_field], f"{path}:{i}", meta, corpus_row=True)


class _ArticleHTML(HTMLParser):
    SKIP = {"script", "style", "nav", "header", "footer", "aside", "form", "noscript",
            "svg", "figure", "button", "iframe"}
    BLOCK = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "div",
             "section", "article", "tr", "br", "dt", "dd", "figcaption"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        self.title = ""
        self.meta: dict[str, str] = {}
        self.in_article = 0
        self.article_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in self.SKIP:
            self.skip_depth += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "meta":
            key = a.get("property") or a.get("name") or ""
            mapping = {"og:title": "title", "og:url": "url", "og:site_name": "outlet",
                       "author": "author", "article:published_time": "date",
                       "date": "date"}
            if key in mapping and a.get("content"):
                self.meta.setdefault(mapping[key], a["content"].strip())
        elif tag == "link" and a.get("rel") == "canonical" and a.get("href"):
            self.meta.setdefault("url", a["href"])
        if tag == "article":
            self.in_article += 1
        if tag in self.BLOCK:
            self._emit("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        elif tag == "title":
            self.in_title = False
        if tag in self.BLOCK:
            self._emit("\n\n")
        if tag == "article" and self.in_article:
            self.in_article -= 1

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title += data
        elif not self.skip_depth:
            self._emit(data)

    def _emit(self, s: str) -> None:
        self.parts.append(s)
        if self.in_article:
            self.article_parts.append(s)


def html_to_text(data: str) -> tuple[str, dict[str, str]]:
    """Reduce an HTML page to its article text (paragraphs separated by blank lines)."""
    parser = _ArticleHTML()
    parser.feed(data)
    parser.close()
    parts = parser.article_parts or parser.parts
    raw = "".join(parts)
    paragraphs = [re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v]*", " ", re.sub(r"[ \t]+", " ", p)).strip()
                  for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paragraphs if p)
    meta = dict(parser.meta)
    if parser.title.strip():
        meta.setdefault("title", html.unescape(parser.title.strip()))
    return text, meta
