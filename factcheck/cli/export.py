"""``factcheck export`` and ``factcheck import``: the ledger for other people and back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import ArticleFilter, AsOption, StatusFilter, actor, session
from factcheck.cli.files import check_output, open_output
from factcheck.cli.hints import render_problem
from factcheck.export import FORMATS


def export_command(
    ctx: typer.Context,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"{', '.join(FORMATS)}.")],
    article: ArticleFilter = None,
    status: StatusFilter = None,
    output: Annotated[str, typer.Option("--output", "-o", help="File to write ('-' or none: "
                                                               "standard output).")] = "-",
    desk_name: Annotated[str | None, typer.Option("--desk-name", help="ClaimReview author "
                                                  "(default: config desk.name).")] = None,
    desk_url: Annotated[str | None, typer.Option("--desk-url", help="ClaimReview base URL "
                                                 "(default: config desk.url).")] = None,
) -> None:
    """Export claims as a report (markdown, html), data (json, csv) or ClaimReview. A
    file is written beside its target and moved into place; a symlink is followed, a
    device or pipe written into."""
    from factcheck.services.exchange import check_export, export

    check_export(fmt=fmt, status=status)
    check_output(output)
    with session(ctx) as s, open_output(output) as out:
        result = export(session=s, fmt=fmt, out=out, article_id=article, status=status,
                        desk_name=desk_name, desk_url=desk_url)
    for warning in result.warnings:
        typer.echo(f"Warning: {render_problem(warning)}", err=True)
    if output != "-":
        typer.echo(f"Wrote {result.claims} claim{'s' * (result.claims != 1)} as {fmt} to "
                   f"{output}.", err=True)


def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A file made by 'export "
                                                              "--format json'.")],
    as_name: AsOption = None,
) -> None:
    """Import a JSON export: restored exactly into an empty ledger, merged without
    duplicates into one that has data."""
    from factcheck.services.exchange import import_export, load_export

    doc = load_export(path)  # a bad file is refused before the database is opened
    with session(ctx) as s:
        r = import_export(session=s, doc=doc, actor=actor(as_name))
    typer.echo(f"Imported ({r.mode}) {r.articles} articles ({r.articles_skipped} already "
               f"present), {r.claims} claims ({r.claims_skipped} already present), "
               f"{r.events} events."
               + (f" {r.appearances_skipped} appearances were left out: their articles are "
                  "not in the file." if r.appearances_skipped else ""))
