"""``factcheck quantities``: show the quantities the extractor reads in a text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import JsonOption
from factcheck.cli.output import format_quantity, print_json


def quantities_command(
    text: Annotated[str | None, typer.Argument(help="The text to read quantities from.")
                    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read one text per line from "
                                                             "FILE.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Extract quantities (value, unit, qualifier, normalized value) from text; with
    --json an array of quantities (with --file, one array per line)."""
    from factcheck.errors import UsageError
    from factcheck.ingest.readers import read_text_file
    from factcheck.quantities import extract_quantities

    if (text is None) == (file is None):
        raise UsageError("give either TEXT or --file PATH (not both); see "
                         "'factcheck quantities --help'")
    if file is not None:
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
