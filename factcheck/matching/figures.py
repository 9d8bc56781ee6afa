"""Figures as evidence: the same figure in two claims supports a match; a different figure
in the same unit family is a conflict (a claim that changed its number is news).

Figures are the quantities ``factcheck.quantities`` extracts, compared on their normalized
value and unit, so "over 7,600 mph" and "more than 7,600 miles per hour" state the same
figure (the qualifier is not compared: it is how the figure is hedged, not the figure).
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.quantities import Quantity, extract_quantities
from factcheck.quantities.units import CURRENCIES, UNIT_INFO

# two values state the same figure when within 1 % (unit conversions and rounding:
# 7,600 mph is 12,231 km/h; "12,200 km/h" is the same figure rounded)
SAME_FIGURE_TOLERANCE = 0.01


@dataclass(frozen=True)
class Figure:
    """A comparable quantity: normalized value (or range), unit family and its surface."""

    value: float
    high: float | None
    unit: str | None
    surface: str
    measured: bool  # a unit of measure, money or a percentage, not a bare number or noun

    def to_dict(self) -> dict:
        """The figure as plain data (to store beside a claim)."""
        return {"value": self.value, "high": self.high, "unit": self.unit,
                "surface": self.surface, "measured": self.measured}

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        """The inverse of ``to_dict``."""
        return cls(float(data["value"]), None if data.get("high") is None
                   else float(data["high"]), data.get("unit"), data["surface"],
                   bool(data["measured"]))


@dataclass(frozen=True)
class Conflict:
    """A figure of ours and the differing figure of theirs in the same unit family."""

    ours: str
    theirs: str
    unit: str

    def to_dict(self) -> dict:
        """``{"ours": "7,600 mph", "theirs": "6,000 mph"}``, as reported."""
        return {"ours": self.ours, "theirs": self.theirs}


@dataclass(frozen=True)
class FigureComparison:
    """How two claims' figures relate: how many of ours they share, and the conflicts."""

    shared: int
    conflicts: tuple[Conflict, ...]


def figures_of(text: str) -> list[Figure]:
    """The comparable figures of a text (extracted with ``extract_quantities``)."""
    return [figure_from_quantity(q) for q in extract_quantities(text)]


def figure_from_quantity(q: Quantity) -> Figure:
    """One extracted quantity as a figure (its normalized value and unit when it has
    them), for callers that already hold the claim's quantities."""
    value = q.normalized_value if q.normalized_value is not None else q.value
    high = q.high
    if high is not None and q.normalized_value is not None and q.value:
        high = high * q.normalized_value / q.value  # the range's top, in the same unit
    unit = q.normalized_unit or q.unit
    return Figure(value, high, unit, q.surface.strip(), _is_measured(q.unit))


def compare_figures(ours: list[Figure], theirs: list[Figure]) -> FigureComparison:
    """Which of our figures they state too, and which they contradict: a measured figure
    of ours whose unit family they state only with other values."""
    shared = 0
    conflicts: list[Conflict] = []
    for mine in ours:
        if any(_same(mine, other) for other in theirs):
            shared += 1
            continue
        if not mine.measured or mine.unit is None:
            continue  # bare numbers and counted nouns differ too often to call it news
        rivals = [o for o in theirs if o.unit == mine.unit]
        if rivals:
            closest = min(rivals, key=lambda o: abs(o.value - mine.value))
            conflicts.append(Conflict(mine.surface, closest.surface, mine.unit))
    return FigureComparison(shared, tuple(conflicts))


def _same(a: Figure, b: Figure) -> bool:
    # a bare number or counted noun meets any figure of the same value ("122 prisoners"
    # in a headline, "122 detainees" in the claim); measured figures must share a unit
    if a.measured and b.measured and a.unit != b.unit:
        return False
    low_a, high_a = a.value, a.high if a.high is not None else a.value
    low_b, high_b = b.value, b.high if b.high is not None else b.value
    slack = SAME_FIGURE_TOLERANCE * max(abs(high_a), abs(high_b))
    return low_a <= high_b + slack and low_b <= high_a + slack


def _is_measured(unit: str | None) -> bool:
    if unit is None:
        return False
    base = unit.partition(" per ")[0]
    return unit in UNIT_INFO or base in UNIT_INFO or base in CURRENCIES
