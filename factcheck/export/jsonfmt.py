"""The JSON export: everything in the ledger for the selection, streamed article by
article, with the ledger head it was made from. Its shape is fixed by
``schema/export-v2.schema.json`` (``schema_version`` 2; version 1 files still import)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from factcheck.export import SCHEMA_VERSION


def write_json(bundles: Iterable[dict[str, Any]], out: TextIO, *, exported_at: str,
               generator: str, selection: dict[str, Any], ledger_head: dict[str, Any],
               events: Iterable[dict[str, Any]] = ()) -> int:
    """Write one JSON document; return the number of claims written."""
    head = {"schema_version": SCHEMA_VERSION, "exported_at": exported_at,
            "generator": generator, "selection": selection, "ledger_head": ledger_head}
    out.write(json.dumps(head, ensure_ascii=False, indent=1)[:-2])
    out.write(',\n "articles": [')
    n = 0
    for i, b in enumerate(bundles):
        article = {**b["article"], "sentences": b["sentences"], "claims": b["claims"]}
        n += len(b["claims"])
        out.write(("," if i else "") + "\n  " + json.dumps(article, ensure_ascii=False))
    out.write('\n ],\n "events": [')
    for i, e in enumerate(events):
        out.write(("," if i else "") + "\n  " + json.dumps(e, ensure_ascii=False))
    out.write("\n ]\n}\n")
    return n


def schema_path(version: int = SCHEMA_VERSION) -> Path:
    """Where the JSON Schema of an export version lives (shipped in the package)."""
    return Path(__file__).parent / "schema" / f"export-v{version}.schema.json"
