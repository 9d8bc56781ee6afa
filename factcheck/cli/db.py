"""``factcheck db``: where the database is and what schema it has."""

from __future__ import annotations

import typer

from factcheck.cli.common import JsonOption, engine_for
from factcheck.cli.output import print_json

app = typer.Typer(help="The database: location, schema version, upgrades.",
                  no_args_is_help=True)


@app.command("info")
def info_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show which database is used, its schema version and what it holds."""
    from factcheck.services.database import database_info

    data = database_info(engine=engine_for(ctx))
    if as_json:
        print_json(data)
        return
    for key in ("url", "backend", "schema", "articles", "sentences", "claims", "quantities"):
        typer.echo(f"{key + ':':<12}{data[key]}")


@app.command("upgrade")
def upgrade_command(ctx: typer.Context) -> None:
    """Bring the database to the newest schema (new databases are created)."""
    from factcheck.services.database import upgrade

    before, after = upgrade(engine=engine_for(ctx, migrate=False))
    if before == after:
        typer.echo(f"Database is up to date (schema {after}).")
    else:
        typer.echo(f"Upgraded database from schema {before or 'none'} to {after}.")
