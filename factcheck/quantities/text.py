"""Quantities in words for people: the one place that formats numbers and quantities for
the CLI and the reports."""

from __future__ import annotations

from typing import Any


def format_number(x: float | None) -> str:
    """A number as a person writes it: 7600 -> 7,600; 0.5 -> 0.5; 24e9 -> 24,000,000,000."""
    if x is None:
        return ""
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.2f}"


def reading(q: dict[str, Any], *, no_unit: str = "") -> str:
    """What was read: '> 7,600 mile per hour' (qualifier, value or range, unit)."""
    value = format_number(q["value"])
    if q.get("high") is not None:
        value += f"–{format_number(q['high'])}"
    return f"{q['qualifier']} {value} {q.get('unit') or no_unit}".rstrip()


def normalized(q: dict[str, Any]) -> str | None:
    """'12,231 km/h', or None when normalizing changed nothing."""
    if q.get("normalized_unit") and (q["normalized_unit"] != q.get("unit")
                                     or q["normalized_value"] != q["value"]):
        return f"{format_number(q['normalized_value'])} {q['normalized_unit']}"
    return None
