"""``factcheck audit``: check that the history has not been tampered with."""

from __future__ import annotations

import typer

from factcheck.cli.common import JsonOption, session
from factcheck.cli.output import print_json
from factcheck.errors import FactcheckError

app = typer.Typer(help="The tamper-evident history.", no_args_is_help=True)


@app.command("verify")
def verify_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Recompute the hash chain of every event; exit 1 naming the first bad event."""
    from factcheck.services.audit import verify

    with session(ctx) as s:
        result = verify(session=s)
    if as_json:
        print_json({"ok": result.ok, "events": result.events, "first_bad": result.first_bad,
                    "problem": result.problem})
    if not result.ok:
        raise FactcheckError(f"audit failed at event {result.first_bad}: {result.problem}")
    if not as_json:
        typer.echo(f"Audit OK: {result.events} events, hash chain intact.")
