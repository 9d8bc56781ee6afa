"""``factcheck match``: has this been checked before?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import JsonOption, engine_for, session
from factcheck.cli.output import describe_match, print_json


def match_command(
    ctx: typer.Context,
    text: Annotated[str | None, typer.Argument(help="The claim to look for.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="One claim per line of FILE "
                                              "(with --json: one array per non-empty "
                                              "line, in order).")] = None,
    pending: Annotated[bool, typer.Option("--pending", help="Run the full matching stage "
                                          "for every claim still waiting for it (stored; "
                                          "see 'claims show').")] = False,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many matches "
                                       "(per claim with --pending: stored ones).")] = 5,
    as_json: JsonOption = False,
) -> None:
    """Rank the ledger's claims and the imported fact-checks against a text, best first
    (score 0-1; figures that differ are shown)."""
    from factcheck.errors import UsageError
    from factcheck.ingest.readers import read_text_file
    from factcheck.services.matching import match_text, pending_run

    if sum(x is not None and x is not False for x in (text, file, pending or None)) != 1:
        raise UsageError("give TEXT, --file PATH or --pending (one of them)")
    if pending:
        done = pending_run(engine=engine_for(ctx))
        if as_json:
            print_json({"matched": done})
        else:
            typer.echo(f"Matched {done} claim{'s' * (done != 1)}.")
        return
    lines = [text] if text is not None else [
        line for line in read_text_file(file).splitlines() if line.strip()]
    with session(ctx) as s:
        results = [match_text(session=s, text=line, limit=limit) for line in lines]
    if as_json:
        print_json(results[0] if text is not None else results)
        return
    for i, (line, found) in enumerate(zip(lines, results, strict=True), start=1):
        prefix = f"{i}: " if file is not None else ""
        if not found:
            typer.echo(f"{prefix}no match for: {line[:80]}")
        for m in found:
            typer.echo(f"{prefix}{describe_match(m)}")
