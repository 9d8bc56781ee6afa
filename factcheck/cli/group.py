"""Errors handled in one place: the root command group of ``factcheck``.

A library error becomes one line ``Error: <message>`` on stderr with its exit code (1, or
2 for usage); a usage error of the command line (unknown option, missing argument) is one
plain line too, exit 2; anything unexpected is one line asking for ``--debug`` and a
report. ``--debug`` (or ``FACTCHECK_DEBUG=1``) shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from factcheck.cli.common import state
from factcheck.cli.hints import render_error
from factcheck.errors import FactcheckError


def fail(message: str, code: int = 1) -> None:
    """Print ``Error: message`` on stderr and exit with ``code``."""
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


class FactcheckGroup(TyperGroup):
    """The root group: runs every command inside the one error handler."""

    def invoke(self, ctx: typer.Context) -> Any:
        """Run the command; turn failures into one ``Error:`` line and an exit code."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except BrokenPipeError:
            # the reader went away (e.g. '| head'): stop quietly, as Unix tools do
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except FactcheckError as exc:
            if _debug(ctx):
                raise
            fail(render_error(exc), exc.exit_code)
        except Exception as exc:  # noqa: BLE001 - last line of defence, see --debug
            if _debug(ctx):
                raise
            db = sys.modules.get("factcheck.storage.db")  # loaded by commands that use one
            translated = db.database_error(exc) if db is not None else None
            if translated is not None:
                fail(translated.message, translated.exit_code)
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
            fail(f"unexpected {type(exc).__name__}: {first}; re-run with --debug and report "
                 "it")
        finally:
            if "factcheck.storage.db" in sys.modules:  # only commands that opened one
                sys.modules["factcheck.storage.db"].dispose_engines()

    def main(self, *args: Any, standalone_mode: bool = True, **kwargs: Any) -> Any:
        """Parse and run; a command-line usage error is one plain line, exit 2."""
        try:
            rv = super().main(*args, standalone_mode=False, **kwargs)
            code = rv if isinstance(rv, int) else 0
        except typer.TyperException as exc:  # the vendored Click's usage and file errors
            typer.echo(f"Error: {_usage_line(exc)}", err=True)
            code = exc.exit_code
        except typer.Abort:
            typer.echo("Aborted.", err=True)
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code


def _debug(ctx: typer.Context) -> bool:
    return os.environ.get("FACTCHECK_DEBUG") == "1" or state(ctx).debug


def _usage_line(exc: typer.TyperException) -> str:
    message = " ".join(exc.format_message().split())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message = message.rstrip(".") + f"; see '{ctx.command_path} --help'"
    return message
