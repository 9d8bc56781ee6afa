"""Desk settings stored in the ledger (so a shared PostgreSQL desk shares them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.errors import UsageError

if TYPE_CHECKING:
    from sqlmodel import Session

KNOWN_SETTINGS = {
    "desk.name": "The fact-checking desk's name (ClaimReview author), e.g. 'Example Checks'.",
    "desk.url": "The desk's base URL; a claim's review page is DESK_URL/claims/ID.",
    "desk.logo": "URL of the desk's logo (optional, ClaimReview author.logo).",
}


def _check(key: str, value: str | None = None) -> None:
    if key not in KNOWN_SETTINGS:
        raise UsageError(f"unknown setting '{key}'; known: {', '.join(KNOWN_SETTINGS)}")
    if value is not None and key in ("desk.url", "desk.logo") and not value.startswith(
            ("http://", "https://")):
        raise UsageError(f"{key} must be an http(s) URL, got '{value}'")


def set_setting(*, session: Session, key: str, value: str, actor: str) -> None:
    """Store a setting (recorded in the history)."""
    from factcheck.audit import append_event
    from factcheck.models import Setting, utcnow

    _check(key, value)
    row = session.get(Setting, key)
    before = row.value if row else None
    if row is None:
        row = Setting(key=key, value=value)
    row.value, row.updated_by, row.updated_at = value, actor, utcnow()
    session.add(row)
    session.flush()
    append_event(session=session, actor=actor, action="config-set",
                 details={"key": key, "from": before, "to": value})


def get_settings(*, session: Session) -> dict[str, str]:
    """Every stored setting."""
    from sqlmodel import select

    from factcheck.models import Setting

    return {s.key: s.value for s in session.exec(select(Setting).order_by(Setting.key))}
