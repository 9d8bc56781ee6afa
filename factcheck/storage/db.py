"""Engines and sessions: one engine per process, one session per unit of work.

SQLite gets WAL, foreign keys and a busy timeout on every connection. A new or old
database is brought to the newest schema by the Alembic migrations shipped in
``factcheck/migrations`` before any command touches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError
from sqlmodel import Session

from factcheck.errors import DatabaseError
from factcheck.storage.events import append_baseline

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 30_000


def safe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - an unparsable URL is shown as given
        return url


def make_engine(url: str, *, create_folder: bool = False) -> Engine:
    """Create the engine for ``url`` (SQLite pragmas set on connect); errors become
    ``DatabaseError`` with what to do. A SQLite file's folder is created only with
    ``create_folder`` (the default location); a folder that does not exist is refused."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"bad database URL '{url}'; use a file path, sqlite:///PATH or "
                            "postgresql+psycopg://USER@HOST:PORT/DB") from None
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:":
            folder = Path(database).expanduser().parent
            if create_folder:
                folder.mkdir(parents=True, exist_ok=True)
            elif not folder.is_dir():
                raise DatabaseError(f"cannot open database {database}: folder {folder} does "
                                    "not exist; create it or choose another path")
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}
    elif parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        kwargs["connect_args"] = {"connect_timeout": 10}  # an unreachable host fails fast
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        if parsed.get_backend_name() == "postgresql":
            raise DatabaseError(f"no driver '{parsed.drivername}' for {safe_url(url)}; use "
                                "postgresql+psycopg:// and pip install 'factcheck[postgres]'"
                                ) from None
        raise DatabaseError(f"bad database URL '{safe_url(url)}': unknown database type "
                            f"'{parsed.drivername}'; use sqlite:///PATH or "
                            "postgresql+psycopg://USER@HOST:PORT/DB") from None
    except ModuleNotFoundError as exc:
        raise DatabaseError(f"database driver {exc.name} is not installed; for PostgreSQL "
                            "install it with: pip install 'factcheck[postgres]'") from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        # let BEGIN take the write lock up front, so concurrent writers wait, not fail
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def database_error(exc: Exception) -> DatabaseError | None:
    """A database error that escaped a service, as one user-facing error (else None)."""
    if not isinstance(exc, DBAPIError):
        return None
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return DatabaseError(f"database error: {reason}; check that the database is reachable "
                         "and upgraded ('factcheck db upgrade')")


def check_connection(engine: Engine) -> None:
    """Connect once; an unreachable server becomes one clear ``DatabaseError``."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        hint = ("is PostgreSQL running and the database created?"
                if engine.dialect.name == "postgresql" else "check the path and permissions")
        raise DatabaseError(f"cannot open database {safe_url(str(engine.url))}: {reason}; "
                            f"{hint}") from None


def _alembic_config(connection=None):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration shipped with this version (read from the version files'
    ``revision``/``down_revision`` lines, so checking needs no Alembic import)."""
    revisions: dict[str, str | None] = {}
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        source = path.read_text(encoding="utf-8")
        rev = re.search(r"^revision: str = ['\"](\w+)['\"]", source, re.M)
        down = re.search(r"^down_revision: str \| None = (?:['\"](\w+)['\"]|None)", source,
                         re.M)
        if rev:
            revisions[rev.group(1)] = down.group(1) if down else None
    parents = set(revisions.values())
    heads = sorted(r for r in revisions if r not in parents)
    if len(heads) != 1:
        raise DatabaseError(f"the shipped migrations have {len(heads)} heads; reinstall "
                            "factcheck")
    return heads[0]


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at (``None`` for a blank database)."""
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


# the first revision whose events record states; older ledgers get a baseline event
STATE_REVISION = "0005"


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Apply every pending migration; return (revision before, revision after). A ledger
    older than ``STATE_REVISION`` gets one baseline event recording the present state of
    its records, in the same transaction."""
    from alembic import command  # only an upgrade pays for importing Alembic

    before = current_revision(engine)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "head")
        if before is not None and before < STATE_REVISION:
            append_baseline(conn, actor="factcheck",
                            reason=f"upgrade from schema {before}: the state of every record "
                                   "as it stood, recorded for audits from here on")
    return before, head_revision()


def ensure_schema(engine: Engine) -> None:
    """Upgrade the database to the newest schema if it is behind (a new one is created)."""
    check_connection(engine)
    if current_revision(engine) != head_revision():
        upgrade(engine)


_ENGINES: dict[str, Engine] = {}


def get_engine(url: str, *, migrate: bool = True, create_folder: bool = False) -> Engine:
    """The process's engine for ``url``, created, checked and migrated on first use."""
    engine = _ENGINES.get(url)
    if engine is None:
        engine = make_engine(url, create_folder=create_folder)
        if migrate:
            ensure_schema(engine)
        else:
            check_connection(engine)
        _ENGINES[url] = engine
    return engine


def dispose_engines() -> None:
    """Close every engine this process opened (called when a command ends)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error, always close."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
