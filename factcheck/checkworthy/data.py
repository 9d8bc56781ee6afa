"""Labelled sentences for training and evaluation: a JSON array of ``{"text", "label"}``
objects (the ClaimBuster file's format) or a CSV/TSV with ``text`` and ``label`` columns."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import InputError


@dataclass(frozen=True)
class Example:
    """One labelled sentence (label 1 = check-worthy) and its training weight."""

    text: str
    label: int
    weight: float = 1.0


def read_labelled(path: Path) -> list[Example]:
    """Read a labelled file; every problem is an ``InputError`` naming the file."""
    from factcheck.ingest.readers import read_text_file

    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; pass a JSON or CSV file of text and label")
    raw = read_text_file(path)
    if path.suffix.lower() == ".json" or raw.lstrip().startswith("["):
        try:
            rows = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise InputError(f"{path}: not valid JSON ({exc.msg}); expected an array of "
                             '{"text", "label"} objects') from None
        if not isinstance(rows, list):
            raise InputError(f'{path}: expected a JSON array of {{"text", "label"}} objects')
    else:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.DictReader(io.StringIO(raw), delimiter=delimiter)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise InputError(f"{path}: needs 'text' and 'label' columns (has "
                             f"{', '.join(reader.fieldnames or []) or 'none'})")
        rows = list(reader)
    out = []
    for i, row in enumerate(rows, start=1):
        try:
            text, label = row["text"], int(row["label"])
        except (KeyError, TypeError, ValueError):
            raise InputError(f"{path}: row {i} needs a text and a label of 0 or 1") from None
        if label not in (0, 1) or not isinstance(text, str) or not text.strip():
            raise InputError(f"{path}: row {i} needs a non-empty text and a label of 0 or 1")
        out.append(Example(text, label))
    if not out:
        raise InputError(f"{path}: no labelled rows")
    return out


def file_fingerprint(path: Path) -> str:
    """SHA-256 of a data file, recorded with the model that was trained on it."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
