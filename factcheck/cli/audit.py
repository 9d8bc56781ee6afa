"""``factcheck audit``: check that the history has not been tampered with."""

from __future__ import annotations

import typer

from factcheck.cli._common import fail, guarded, session

app = typer.Typer(help="The tamper-evident history.", no_args_is_help=True)


@app.command("verify")
@guarded
def verify_command(ctx: typer.Context) -> None:
    """Recompute the hash chain of every event; exit 1 naming the first bad event."""
    from factcheck.audit import verify_chain

    with session(ctx) as s:
        result = verify_chain(session=s)
    if not result.ok:
        fail(f"audit failed at event {result.first_bad}: {result.problem}")
    typer.echo(f"Audit OK: {result.events} events, hash chain intact.")
