"""Article metadata: front matter, the leading ``date YYYY-MM-DD`` marker, titles, hashes.

The body that is returned is exactly the text that claim offsets will index; metadata
markers are taken off the front of the file, never out of the middle.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

FRONT_MATTER_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)\r?\n---[ \t]*(?:\r?\n|\Z)",
                             re.S)
DATE_MARKER_RE = re.compile(r"\A\s*date[ \t]+(?P<date>\d{4}-\d{2}-\d{2})[ \t]+", re.I)
KNOWN_KEYS = {"title", "url", "outlet", "author", "date", "published", "source", "section"}


def split_front_matter(text: str) -> tuple[str, dict[str, str]]:
    """Take ``key: value`` front matter (between ``---`` lines) off the start of ``text``."""
    m = FRONT_MATTER_RE.match(text)
    if not m:
        return text, {}
    meta: dict[str, str] = {}
    for line in m.group("body").splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip().lower() in KNOWN_KEYS:
            meta[key.strip().lower()] = value.strip().strip("'\"")
    return text[m.end():], meta


def split_date_marker(text: str) -> tuple[str, str | None]:
    """Take a leading ``date YYYY-MM-DD`` marker (glued to the first line) off ``text``."""
    m = DATE_MARKER_RE.match(text)
    if not m:
        return text, None
    return text[m.end():], m.group("date")


def parse_date(value: str | None) -> dt.date | None:
    """Read an ISO date (or the date part of an ISO timestamp); ``None`` when absent."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value)
    if not m:
        from factcheck.errors import InputError
        raise InputError(f"date '{value}' is not YYYY-MM-DD; write it as e.g. 2023-11-12")
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        from factcheck.errors import InputError
        raise InputError(f"date '{value}' does not exist; check the day and month") from None


def title_from(source: str, body: str, meta: dict[str, str]) -> str:
    """A title: front matter, else the file name ("kim-russia-arsenal-2023-11-12" ->
    "Kim russia arsenal"), else the start of the first sentence."""
    if meta.get("title"):
        return meta["title"]
    if source and not source.startswith("<") and ":" not in Path(source).name:
        stem = re.sub(r"[-_ ]?\d{4}-\d{2}-\d{2}$", "", Path(source).stem)
        words = re.sub(r"[-_]+", " ", stem).strip()
        if words:
            return words[0].upper() + words[1:]
    first = body.strip().split("\n", 1)[0]
    return first if len(first) <= 80 else first[:77].rsplit(" ", 1)[0] + "…"


def sha256_of(text: str) -> str:
    """Hex SHA-256 of the stored article text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
