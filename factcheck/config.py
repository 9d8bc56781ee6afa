"""Where the database is: ``--db`` beats ``FACTCHECK_DB`` beats the default file.

Resolved at call time (never at import), so tests and scripts can change the
environment between commands.
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_DB = "FACTCHECK_DB"
ENV_HOME = "FACTCHECK_HOME"


def default_db_path() -> Path:
    """The default SQLite file: ``$FACTCHECK_HOME/factcheck.db``, else
    ``./db/factcheck.db`` when run from a checkout (a ``db/`` folder beside
    ``pyproject.toml``), else ``~/.local/share/factcheck/factcheck.db``."""
    home = os.environ.get(ENV_HOME)
    if home:
        return Path(home) / "factcheck.db"
    cwd = Path.cwd()
    if (cwd / "db").is_dir() and (cwd / "pyproject.toml").is_file():
        return cwd / "db" / "factcheck.db"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "factcheck" / "factcheck.db"


def is_default_db(cli_value: str | None = None) -> bool:
    """Whether the database in use is the default file (neither ``--db`` nor
    ``FACTCHECK_DB`` given): its folder may be created."""
    return not (cli_value or os.environ.get(ENV_DB))


def resolve_db_url(cli_value: str | None = None) -> str:
    """The database URL to use: a SQLAlchemy URL, or a file path taken as SQLite."""
    value = cli_value or os.environ.get(ENV_DB)
    if not value:
        return f"sqlite:///{default_db_path()}"
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    if value.startswith(("postgres://", "postgresql://")):
        # the driver this project ships is psycopg 3
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value
