"""The ``factcheck`` command: a thin Typer shell over the library.

Each noun is a sub-app in its own module; this module only composes them. Importing it
must stay light: no database layer, no Rich, until a command needs them.
"""

from __future__ import annotations

import typer

from factcheck import __version__
from factcheck.cli import (
    articles,
    audit,
    claims,
    db,
    evidence,
    export,
    ingest,
    model,
    quantities,
    review,
)
from factcheck.cli._common import State

app = typer.Typer(
    name="factcheck",
    help="A local-first claim ledger for fact-checkers: ingest articles, find their "
         "check-worthy claims, and review them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"factcheck {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db_option: str | None = typer.Option(
        None, "--db", metavar="URL",
        help="Database: a SQLAlchemy URL (sqlite:///PATH, postgresql+psycopg://USER@HOST/DB) "
             "or a file path. Default: $FACTCHECK_DB, else the local SQLite file "
             "('factcheck db info' shows where)."),
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Global options, given before the command."""
    ctx.obj = State(db=db_option, debug=debug)


app.command("ingest")(ingest.ingest_command)
app.command("quantities")(quantities.quantities_command)
app.command("export")(export.export_command)
app.command("import")(export.import_command)
app.command("stats")(export.stats_command)
app.add_typer(export.config_app, name="config")
app.add_typer(articles.app, name="articles")
app.add_typer(claims.app, name="claims")
app.add_typer(review.app, name="review")
app.add_typer(evidence.app, name="evidence")
app.add_typer(audit.app, name="audit")
app.add_typer(model.app, name="model")
app.add_typer(db.app, name="db")


def main() -> None:
    """Console-script entry point."""
    app()
