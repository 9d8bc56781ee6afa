"""Desk settings stored in the ledger (so a shared PostgreSQL desk shares them)."""

from __future__ import annotations

from sqlmodel import Session, select

from factcheck.core.rules import check_actor, check_url
from factcheck.errors import UsageError
from factcheck.storage.events import append_event
from factcheck.storage.models import Setting, utcnow

KNOWN_SETTINGS = {
    "desk.name": "The fact-checking desk's name (ClaimReview author), e.g. 'Example Checks'.",
    "desk.url": "The desk's base URL; a claim's review page is DESK_URL/claims/ID.",
    "desk.logo": "URL of the desk's logo (optional, ClaimReview author.logo).",
}
URL_SETTINGS = ("desk.url", "desk.logo")


def check_setting(key: str, value: str | None = None) -> str | None:
    """Refuse an unknown key or a link that is not http(s); return the value to store."""
    if key not in KNOWN_SETTINGS:
        raise UsageError(f"unknown setting '{key}'; known: {', '.join(KNOWN_SETTINGS)}")
    if value is not None and key in URL_SETTINGS:
        return check_url(value, what=key)
    return value


def set_setting(*, session: Session, key: str, value: str, actor: str) -> None:
    """Store a setting (recorded in the history)."""
    actor = check_actor(actor)
    value = check_setting(key, value)
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
    return {s.key: s.value for s in session.exec(select(Setting).order_by(Setting.key))}
