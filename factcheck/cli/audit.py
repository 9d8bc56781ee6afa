"""``factcheck audit``: check that the history and the records have not been tampered
with, and print the head to keep elsewhere."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import JsonOption, session
from factcheck.cli.output import print_json
from factcheck.errors import FactcheckError

app = typer.Typer(help="The tamper-evident history.", no_args_is_help=True)


@app.command("verify")
def verify_command(
    ctx: typer.Context,
    expect_head: Annotated[str | None, typer.Option(
        "--expect-head", metavar="HASH",
        help="A head printed earlier by 'audit head' and kept elsewhere: fail unless the "
             "chain still contains it (a rewound or rewritten history).")] = None,
    as_json: JsonOption = False,
) -> None:
    """Recompute the hash chain and compare every claim, article and setting with the
    state its newest event recorded; exit 1 naming the first bad event or record."""
    from factcheck.services.audit import verify

    with session(ctx) as s:
        result = verify(session=s, expect_head=expect_head)
    if as_json:
        print_json({"ok": result.ok, "events": result.events, "first_bad": result.first_bad,
                    "problem": result.problem})
    if not result.ok:
        where = f" at event {result.first_bad}" if result.first_bad else ""
        raise FactcheckError(f"audit failed{where}: {result.problem}")
    if not as_json:
        typer.echo(f"Audit OK: {result.events} events, hash chain intact; {result.records} "
                   "records as their history recorded them.")


@app.command("head")
def head_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Print the head of the history (hash, number of events, time): keep it somewhere
    the database's writers cannot reach, and check it later with 'audit verify
    --expect-head HASH'."""
    from factcheck.services.audit import ledger_head

    with session(ctx) as s:
        data = ledger_head(session=s)
    if as_json:
        print_json(data)
        return
    typer.echo(f"{data['hash']}  {data['events']} events  {data['at'] or '-'}")
