"""The ``factcheck`` command: a thin Typer shell over the services.

Each noun is a sub-app in its own module; this module only composes them, and the root
group (``group.FactcheckGroup``) handles every error in one place. Importing it must stay
light: no database layer, no Rich, until a command needs them.
"""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck import __version__
from factcheck.cli import (
    articles,
    audit,
    claims,
    config,
    db,
    evidence,
    export,
    factchecks,
    ingest,
    match,
    model,
    quantities,
    review,
    search,
    stats,
)
from factcheck.cli.common import State
from factcheck.cli.group import FactcheckGroup

app = typer.Typer(
    name="factcheck",
    cls=FactcheckGroup,
    help="A local-first claim ledger for fact-checkers: ingest articles, find their "
         "check-worthy claims, and review them.",
    no_args_is_help=True,
    rich_markup_mode=None,
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
    db_option: Annotated[str | None, typer.Option(
        "--db", metavar="URL",
        help="Database: a SQLAlchemy URL (sqlite:///PATH, postgresql+psycopg://USER@HOST/DB) "
             "or a file path. Default: $FACTCHECK_DB, else the local SQLite file "
             "('factcheck db info' shows where).")] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")
                     ] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Global options, given before the command."""
    ctx.obj = State(db=db_option, debug=debug)


app.command("ingest")(ingest.ingest_command)
app.command("quantities")(quantities.quantities_command)
app.command("export")(export.export_command)
app.command("import")(export.import_command)
app.command("stats")(stats.stats_command)
app.command("match")(match.match_command)
app.command("search")(search.search_command)
app.add_typer(config.app, name="config")
app.add_typer(articles.app, name="articles")
app.add_typer(claims.app, name="claims")
app.add_typer(review.app, name="review")
app.add_typer(evidence.app, name="evidence")
app.add_typer(factchecks.app, name="factchecks")
app.add_typer(audit.app, name="audit")
app.add_typer(model.app, name="model")
app.add_typer(db.app, name="db")


def main() -> None:
    """Console-script entry point."""
    app()
