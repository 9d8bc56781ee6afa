"""CSV for data journalists: one row per claim, safe to open in a spreadsheet."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import Any, TextIO

from factcheck.export.common import current_evidence, quantity_text, reported

COLUMNS = ["article_id", "article_title", "article_url", "article_published", "claim_id",
           "quote", "claim_text", "claimant", "kind", "score", "status", "rating", "summary",
           "evidence_count", "quantities", "quantity_values", "quantity_units",
           "normalized_values", "normalized_units", "start", "end", "appearances"]
# OWASP CSV injection: a cell starting with one of these is read as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def write_csv(bundles: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the header and one row per claim; return the number of rows."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    n = 0
    for b in bundles:
        a = b["article"]
        for c in reported(b):
            qs = c["quantities"]
            row = [a["id"], a["title"], a.get("url") or "", a.get("published") or "", c["id"],
                   c["quote"], c["text"], c.get("claimant") or "", c["kind"],
                   round(c["score"], 4), c["status"], c.get("rating") or "",
                   c.get("summary") or "", len(current_evidence(c)),
                   "; ".join(quantity_text(q) for q in qs),
                   ";".join(_num(q["value"]) for q in qs),
                   ";".join(q.get("unit") or "" for q in qs),
                   ";".join(_num(q["normalized_value"]) for q in qs),
                   ";".join(q.get("normalized_unit") or "" for q in qs),
                   c["start"], c["end"], len(c.get("appearances") or [1])]
            writer.writerow([neutralise(v) for v in row])
            n += 1
    return n


def _num(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(x)
