"""Helpers the renderers share: counting by status and rating, quantity wording."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from factcheck.core.vocabulary import STATUSES
from factcheck.quantities.text import normalized, reading


def count_by(claims: list[dict[str, Any]], key: str) -> dict[str, int]:
    """Counts of ``key`` values, statuses in workflow order, others sorted."""
    counts = Counter(c[key] for c in claims if c.get(key))
    ordered = [s for s in STATUSES if s in counts] if key == "status" else sorted(counts)
    return {k: counts[k] for k in ordered}


def summary_line(claims: list[dict[str, Any]]) -> str:
    """"10 claims — 6 new, 2 triaged, 1 published; ratings: 1 true"."""
    statuses = ", ".join(f"{n} {s}" for s, n in count_by(claims, "status").items())
    ratings = ", ".join(f"{n} {r}" for r, n in count_by(claims, "rating").items())
    line = f"{len(claims)} claim{'s' * (len(claims) != 1)}"
    if statuses:
        line += f" — {statuses}"
    if ratings:
        line += f"; ratings: {ratings}"
    return line


def quantity_text(q: dict[str, Any]) -> str:
    """'over 7,600 mph (> 7,600 mile per hour ≈ 12,231 km/h)'."""
    norm = normalized(q)
    return f"{q['surface']} ({reading(q)}" + (f" ≈ {norm}" if norm else "") + ")"


def reported(bundle: dict[str, Any]) -> list[dict[str, Any]]:
    """The claims of a bundle a report shows: those not merged into another claim (their
    appearances are shown with the claim they were merged into)."""
    return [c for c in bundle["claims"] if not c.get("merged_into")]


def current_evidence(claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The claim's evidence that has not been removed."""
    return [e for e in claim.get("evidence", []) if not e.get("removed_at")]


def inert_json(data: Any, **dumps: Any) -> str:
    """JSON that is safe to embed in an HTML ``<script>`` element: ``<``, ``>`` and ``&``
    written as JSON escapes, so data can neither end the element nor open markup."""
    return (json.dumps(data, ensure_ascii=False, **dumps).replace("&", "\\u0026")
            .replace("<", "\\u003c").replace(">", "\\u003e"))


def head_line(head: dict[str, Any] | None) -> str:
    """"Ledger head 70d023d3… (41 events, 2026-11-25T10:17:53+00:00)" for report footers:
    what the report was made from, to check with 'audit verify --expect-head'."""
    if not head:
        return ""
    at = f", {head['at'][:19]}" if head.get("at") else ""
    return f"Ledger head {head['hash']} ({head['events']} events{at})"
