"""Turning results into text: JSON, aligned tables, trimmed statements that keep their
figures, highlighted quotes, a claim's review."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import typer

_ROWS = "factcheck-rows-8d1c0f"


def print_json(data: Any, *, rows: str | None = None) -> None:
    """Print ``data`` as indented JSON (UTF-8 kept as is). ``rows`` names a key of ``data``
    holding a long list of records: each prints on one line (by the C encoder; Python's
    indenting encoder takes seconds over a hundred thousand records)."""
    if rows is None or not isinstance(data, dict) or not data.get(rows):
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    text = json.dumps({**data, rows: _ROWS}, ensure_ascii=False, indent=2, default=str)
    encode = json.JSONEncoder(ensure_ascii=False, default=str).encode
    lines = ",\n    ".join(map(encode, data[rows]))
    typer.echo(text.replace(json.dumps(_ROWS), "[\n    " + lines + "\n  ]", 1))


def one_line(text: str) -> str:
    """``text`` with every run of white space (line breaks too) made one space."""
    return " ".join(text.split())


def trim(text: str, width: int, keep: list[str] | tuple[str, ...] = ()) -> str:
    """``text`` on one line, at most ``width`` characters with ellipses; the first of the
    ``keep`` phrases that occurs (a claim's figures) stays visible when the text is cut."""
    line = one_line(text)
    if len(line) <= width:
        return line
    spans = [(i, i + len(k)) for k in (one_line(k) for k in keep if k) if (i := line.find(k))
             >= 0]
    if spans:
        start, end = min(spans)
        if end > width - 1:  # the figure lies beyond the cut: show a window around it
            room = width - 2 - (end - start)
            left = max(0, start - max(room * 2 // 3, 0))
            right = min(len(line), left + width - 2)
            left = max(0, right - (width - 2))
            return ("…" if left else "") + line[left:right] + ("…" if right < len(line)
                                                               else "")
    return line[: width - 1] + "…"


def print_table(headers: list[str], rows: list[list[str]], *,
                keep: list[list[str]] | None = None) -> None:
    """Print a plain, aligned text table; the last column takes the remaining width
    (``keep``: per row, phrases of the last cell to keep visible when it is trimmed)."""
    if not rows:
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], terminal_width() - fixed))
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for i, r in enumerate(rows):
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths[:-1], strict=True)]
        cells.append(trim(r[-1], widths[-1], keep[i] if keep else ()))
        typer.echo("  ".join(cells).rstrip())


def terminal_width() -> int:
    """The terminal's width (``COLUMNS`` wins; 120 when output is not a terminal)."""
    try:
        return max(60, int(os.environ.get("COLUMNS") or os.get_terminal_size().columns))
    except (OSError, ValueError):
        return 120


def format_quantity(q: dict[str, Any]) -> str:
    """One quantity on one line: "'over 7,600 mph': > 7,600 mile per hour = 12,231 km/h"."""
    from factcheck.quantities.text import normalized, reading

    norm = normalized(q)
    return f"{q['surface']!r}: {reading(q, no_unit='(no unit)')}" + (f" = {norm}" if norm
                                                                         else "")


def highlight(paragraph: dict[str, Any], start: int, end: int) -> str:
    """The paragraph with the quote marked: bold reverse video on a terminal, «…» in
    pipes."""
    text, base = paragraph["text"], paragraph["start"]
    a, b = start - base, end - base
    if sys.stdout.isatty():
        marked = typer.style(text[a:b], bold=True, reverse=True)
    else:
        marked = f"«{text[a:b]}»"
    return text[:a] + marked + text[b:]


def print_claim(data: dict[str, Any], *, heading: str) -> None:
    """A claim as ``claims show`` and the review queue show it: heading, statement,
    quote in its paragraph, quantities, review."""
    typer.echo(heading)
    typer.echo(f"score {data['score']:.2f} · kind {data['kind']} · claimant "
               f"{data['claimant'] or '-'} · offsets {data['start']}–{data['end']}")
    typer.echo("")
    if data["text"] != data["quote"]:
        typer.echo(f"Statement: {data['text']}")
        typer.echo("Quote:")
    typer.echo(highlight(data["paragraph"], data["start"], data["end"]))
    typer.echo("")
    if data["quantities"]:
        typer.echo("Quantities:")
        for q in data["quantities"]:
            typer.echo(f"  {format_quantity(q)}")
    else:
        typer.echo("Quantities: none")
    for ap in data.get("appearances", [])[1:]:
        typer.echo(f"Also appears in article {ap['article_id']} ({ap['article_title']}) "
                   f"[appearance {ap['id']}]")
    if data.get("merged_into"):
        typer.echo(f"Merged into claim {data['merged_into']} (see 'factcheck claims show "
                   f"{data['merged_into']}')")
    for m in data.get("matches", []):
        typer.echo(f"Checked before? {describe_match(m)}")
    print_review(data)


def describe_match(m: dict[str, Any]) -> str:
    """A stored or found match in a reviewer's words: "previously checked: claim 12,
    false, published 2026-11-02", "fact-checked by Snopes: false, URL", "looks like claim
    7 (new)", with its score and any figures that differ."""
    rating = m.get("rating") or "no rating"
    if m["kind"] == "factcheck":
        by = m.get("publisher") or "another fact-checker"
        text = f"fact-checked by {by}: {rating}" + (f", {m['url']}" if m.get("url") else "")
    elif m.get("status") == "published":
        text = f"previously checked: claim {m['id']}, {rating}" + (
            f", published {m['published']}" if m.get("published") else "")
    else:
        text = f"looks like claim {m['id']} ({m.get('status') or '?'}" + (
            f", {m['rating']}" if m.get("rating") else "") + ")"
    text += f" · score {m['score']:.2f}"
    if m.get("conflicts"):
        text += " · figures differ: " + "; ".join(
            f"{c['ours']} here, {c['theirs']} there" for c in m["conflicts"])
    return f"{text} — «{one_line(m['text'])[:100]}»"


def print_review(data: dict[str, Any]) -> None:
    """The review part of a claim: assignee, verdict, approval, evidence."""
    if data.get("assignee"):
        typer.echo(f"Assigned to: {data['assignee']}")
    verdict = data.get("verdict")
    if verdict:
        typer.echo(f"Verdict: {verdict['rating']} — {verdict['summary']} "
                   f"(by {verdict['author']})")
        if verdict.get("correction_note"):
            typer.echo(f"Correction: {verdict['correction_note']}")
    for old in data.get("previous_verdicts") or []:
        typer.echo(f"Earlier verdict: {old['rating']} — {old['summary']} (by {old['author']})")
    if data.get("approval"):
        typer.echo(f"Approved by {data['approval']['by']} at {data['approval']['at']}")
    evidence = data.get("evidence") or []
    typer.echo(f"Evidence: {len(evidence) or 'none'}")
    for e in evidence:
        typer.echo(f"  [{e['id']}] {e['stance']}: {e['publisher']} — {e['url']}")
        typer.echo(f"      «{e['quote']}» (added by {e['added_by']})")
