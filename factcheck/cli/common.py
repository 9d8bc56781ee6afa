"""What every command shares: the global options, the database session, who is acting,
and the options declared once for all commands (``--json``, ``--as``, ...).

Nothing here knows a business rule.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

import typer

from factcheck.core.vocabulary import STATUSES, one_of


class State:
    """Options given before the command: ``--db`` and ``--debug``."""

    def __init__(self, db: str | None = None, debug: bool = False) -> None:
        self.db = db
        self.debug = debug


def state(ctx: typer.Context) -> State:
    """The global options of this invocation."""
    root = ctx.find_root()
    if not isinstance(root.obj, State):
        root.obj = State()
    return root.obj


def db_url(ctx: typer.Context) -> str:
    """The database URL for this invocation (``--db`` > ``FACTCHECK_DB`` > default)."""
    from factcheck.config import resolve_db_url

    return resolve_db_url(state(ctx).db)


def engine_for(ctx: typer.Context, *, migrate: bool = True) -> Any:
    """The engine for this invocation's database, upgraded to the newest schema (the
    default file's folder is created; a folder named by --db or FACTCHECK_DB must exist)."""
    from factcheck.config import is_default_db
    from factcheck.storage.db import get_engine

    return get_engine(db_url(ctx), migrate=migrate,
                      create_folder=is_default_db(state(ctx).db))


@contextmanager
def session(ctx: typer.Context) -> Iterator[Any]:
    """One session (one transaction) on this invocation's database."""
    from factcheck.storage.db import session_scope

    with session_scope(engine_for(ctx)) as s:
        yield s


def actor(name: str | None) -> str:
    """Who is acting: ``--as`` > ``FACTCHECK_REVIEWER`` > the OS user name."""
    if name and name.strip():
        return name.strip()
    env = os.environ.get("FACTCHECK_REVIEWER", "").strip()
    if env:
        return env
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user database (containers): fall back
        return "unknown"


# --- options declared once --------------------------------------------------------------

JsonOption = Annotated[bool, typer.Option("--json", help="Answer in JSON (the contract in "
                                                          "the README).")]
AsOption = Annotated[str | None, typer.Option(
    "--as", metavar="NAME",
    help="Who is acting (default $FACTCHECK_REVIEWER, else your user name).")]
ExpectVersion = Annotated[int | None, typer.Option(
    "--expect-version", metavar="N",
    help="Refuse if the claim is no longer at this version (from 'claims show --json'), "
         "instead of applying on top of someone else's change.")]
ArticleFilter = Annotated[int | None, typer.Option("--article", metavar="ID",
                                                   help="Only this article.")]
StatusFilter = Annotated[str | None, typer.Option(
    "--status", help=f"Only claims with this status: {one_of(STATUSES)}.")]
ClaimId = Annotated[int, typer.Argument(metavar="ID", help="The claim's id.")]
