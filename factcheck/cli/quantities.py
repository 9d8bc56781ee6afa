"""``factcheck quantities``: show the quantities the extractor reads in a text."""

from __future__ import annotations

from pathlib import Path

import typer

from factcheck.cli._common import format_quantity, guarded, print_json


@guarded
def quantities_command(
    ctx: typer.Context,
    text: str | None = typer.Argument(None, help="The text to read quantities from."),
    file: Path | None = typer.Option(None, "--file", help="Read one text per line from FILE."),
    as_json: bool = typer.Option(False, "--json", help="JSON output: an array of quantities "
                                 "(with --file, one array per line)."),
) -> None:
    """Extract quantities (value, unit, qualifier, normalized value) from text."""
    from factcheck.errors import UsageError
    from factcheck.quantities import extract_quantities

    if (text is None) == (file is None):
        raise UsageError("give either TEXT or --file PATH (not both); see "
                         "'factcheck quantities --help'")
    if file is not None:
        from factcheck.ingest.readers import read_text_file

        lines = read_text_file(file).splitlines()
        results = [[q.to_dict() for q in extract_quantities(line)] for line in lines]
        if as_json:
            print_json(results)
            return
        for i, qs in enumerate(results, start=1):
            for q in qs:
                typer.echo(f"{i}: {format_quantity(q)}")
        return
    found = [q.to_dict() for q in extract_quantities(text or "")]
    if as_json:
        print_json(found)
        return
    if not found:
        typer.echo("No quantities found.")
    for q in found:
        typer.echo(format_quantity(q))
