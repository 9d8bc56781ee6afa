"""Shared CLI plumbing: global options, the error guard, engine/session opening, output.

Nothing here knows a business rule; it turns library results into text and library
errors into ``Error: ...`` lines with the right exit code.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer

from factcheck.errors import FactcheckError


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


def guarded(func: Callable) -> Callable:
    """Run a command so that a ``FactcheckError`` prints ``Error: <message>`` on stderr and
    exits with its code; other failures do the same (exit 1) unless ``--debug`` is on."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = os.environ.get("FACTCHECK_DEBUG") == "1"
        ctx = kwargs.get("ctx") or next((a for a in args if isinstance(a, typer.Context)), None)
        if ctx is not None:
            debug = debug or state(ctx).debug
        try:
            return func(*args, **kwargs)
        except typer.Exit:
            raise
        except BrokenPipeError:
            # the reader went away (e.g. '| head'): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except FactcheckError as exc:
            if debug:
                raise
            fail(exc.message, exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - last line of defence, see --debug
            if debug:
                raise
            translated = _translate_db_error(exc)
            if translated:
                fail(translated.message, translated.exit_code)
            fail(f"unexpected {type(exc).__name__}: {exc}; re-run with --debug and report it")
        finally:
            from factcheck.db import dispose_engines

            dispose_engines()

    return wrapper


def _translate_db_error(exc: Exception) -> FactcheckError | None:
    """A database error that escaped a service, as one user-facing line."""
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import DBAPIError

    if isinstance(exc, DBAPIError):
        from factcheck.errors import DatabaseError

        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        return DatabaseError(f"database error: {reason}; check that the database is "
                             "reachable and upgraded ('factcheck db upgrade')")
    return None


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` on stderr and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


def db_url(ctx: typer.Context) -> str:
    """The database URL for this invocation (``--db`` > ``FACTCHECK_DB`` > default)."""
    from factcheck.config import resolve_db_url

    return resolve_db_url(state(ctx).db)


def engine_for(ctx: typer.Context, *, migrate: bool = True):
    """The engine for this invocation's database, upgraded to the newest schema."""
    from factcheck.db import get_engine

    return get_engine(db_url(ctx), migrate=migrate)


@contextmanager
def session(ctx: typer.Context) -> Iterator[Any]:
    """One session (one transaction) on this invocation's database."""
    from factcheck.db import session_scope

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


def print_json(data: Any) -> None:
    """Print ``data`` as indented JSON (UTF-8 kept as is)."""
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def trim(text: str, width: int) -> str:
    """``text`` on one line, cut to ``width`` characters with an ellipsis."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def print_table(headers: list[str], rows: list[list[str]], *, wrap_last: bool = False) -> None:
    """Print a plain, aligned text table (the last column takes the remaining width)."""
    if not rows:
        return
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    total = _terminal_width()
    fixed = sum(widths[:-1]) + 2 * (len(widths) - 1)
    widths[-1] = max(20, min(widths[-1], total - fixed))
    typer.echo("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    for r in rows:
        cells = [c.ljust(w) for c, w in zip(r[:-1], widths[:-1], strict=True)]
        cells.append(trim(r[-1], widths[-1]))
        typer.echo("  ".join(cells).rstrip())


def _terminal_width() -> int:
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


AS_HELP = "Who is acting (default $FACTCHECK_REVIEWER, else your user name)."
EXPECT_HELP = ("Refuse if the claim is no longer at this version (from 'claims show "
               "--json'), instead of applying on top of someone else's change.")
