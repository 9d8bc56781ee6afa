"""The database itself: where it is, its schema revision, what it holds, upgrades."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine

from factcheck.storage.db import current_revision, head_revision, safe_url, session_scope
from factcheck.storage.db import upgrade as run_upgrade
from factcheck.storage.queries import table_counts


def database_info(*, engine: Engine) -> dict[str, Any]:
    """The database's URL (password hidden), backend, schema revision and counts."""
    with session_scope(engine) as session:
        counts = table_counts(session=session)
    return {"url": safe_url(str(engine.url)), "backend": engine.dialect.name,
            "schema": current_revision(engine), "head": head_revision(), **counts}


def upgrade(*, engine: Engine) -> tuple[str | None, str]:
    """Apply pending migrations; (revision before, revision after)."""
    return run_upgrade(engine)
