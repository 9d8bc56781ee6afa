"""``factcheck db``: where the database is and what schema it has."""

from __future__ import annotations

import typer

from factcheck.cli._common import db_url, engine_for, guarded, print_json, session

app = typer.Typer(help="The database: location, schema version, upgrades.",
                  no_args_is_help=True)


@app.command("info")
@guarded
def info(ctx: typer.Context,
         as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Show which database is used, its schema version and what it holds."""
    from factcheck.db import current_revision, head_revision, safe_url
    from factcheck.ledger import database_info

    engine = engine_for(ctx)
    with session(ctx) as s:
        counts = database_info(session=s)
    data = {"url": safe_url(db_url(ctx)), "backend": engine.dialect.name,
            "schema": current_revision(engine), "head": head_revision(), **counts}
    if as_json:
        print_json(data)
        return
    for key in ("url", "backend", "schema", "articles", "sentences", "claims", "quantities"):
        typer.echo(f"{key + ':':<12}{data[key]}")


@app.command("upgrade")
@guarded
def upgrade(ctx: typer.Context) -> None:
    """Bring the database to the newest schema (new databases are created)."""
    from factcheck.db import upgrade as run_upgrade

    engine = engine_for(ctx, migrate=False)
    before, after = run_upgrade(engine)
    if before == after:
        typer.echo(f"Database is up to date (schema {after}).")
    else:
        typer.echo(f"Upgraded database from schema {before or 'none'} to {after}.")
