"""``factcheck factchecks``: the fact-checks a desk already has (ClaimReview, spreadsheets)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from factcheck.cli.common import AsOption, JsonOption, actor, engine_for, session
from factcheck.cli.output import print_json, print_table

app = typer.Typer(help="Fact-checks the desk already has: imported, listed, matched "
                       "against claims.", no_args_is_help=True)
FactCheckId = Annotated[int, typer.Argument(metavar="ID", help="The fact-check's id.")]


@app.command("import")
def import_command(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="schema.org ClaimReview "
                                         "JSON-LD (an object, an array, @graph, a DataFeed) "
                                         "or CSV/TSV/JSONL with a 'claim' column and "
                                         "optional id, title, rating, url, publisher, date, "
                                         "claimant.")],
    publisher: Annotated[str | None, typer.Option("--publisher", metavar="NAME",
                                                  help="Publisher of items that name "
                                                       "none.")] = None,
    embed: Annotated[bool, typer.Option("--embed/--no-embed",
                                        help="Compute the sentence embeddings for matching "
                                             "now (needs factcheck[match]; otherwise 'match "
                                             "--pending' does it later).")] = True,
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Import fact-checks: checked as a whole first (a bad item: one line, nothing
    written); the same items again change nothing, changed ones are updated."""
    from factcheck.services.factchecks import import_file

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            typer.echo(f"\rEmbedding fact-checks: {done}/{total}", err=True, nl=False)

    summary = import_file(engine=engine_for(ctx), path=path, actor=actor(as_name),
                          publisher=publisher, embed=embed, on_progress=progress)
    if as_json:
        print_json({"added": summary.added, "updated": summary.updated,
                    "unchanged": summary.unchanged, "embedded": summary.embedded})
        return
    typer.echo(f"Imported {summary.added} fact-checks ({summary.updated} updated, "
               f"{summary.unchanged} unchanged); {summary.embedded} embedded for matching.")
    if summary.embedding_skipped:
        typer.echo(f"Note: matching runs on words and figures alone: "
                   f"{summary.embedding_skipped}", err=True)


@app.command("list")
def list_command(ctx: typer.Context,
                 limit: Annotated[int | None, typer.Option("--limit", min=1,
                                                           help="At most this many.")] = None,
                 as_json: JsonOption = False) -> None:
    """List the imported fact-checks, newest first."""
    from factcheck.services.factchecks import list_factchecks

    with session(ctx) as s:
        rows = list_factchecks(session=s, limit=limit)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No fact-checks yet; add some with 'factcheck factchecks import PATH'.")
        return
    print_table(["id", "rating", "publisher", "date", "claim"],
                [[str(r["id"]), (r["rating"] or "-")[:18], (r["publisher"] or "-")[:20],
                  r["published"] or "-", r["claim"]] for r in rows])


@app.command("show")
def show_command(ctx: typer.Context, factcheck_id: FactCheckId,
                 as_json: JsonOption = False) -> None:
    """Show one fact-check."""
    from factcheck.services.factchecks import factcheck_record, get_factcheck

    with session(ctx) as s:
        data = factcheck_record(get_factcheck(session=s, factcheck_id=factcheck_id))
    if as_json:
        print_json(data)
        return
    for key in ("claim", "title", "rating", "rating_value", "publisher", "published", "url",
                "claimant", "external_id", "source", "imported_by", "imported_at"):
        if data.get(key) not in (None, ""):
            typer.echo(f"{key + ':':<13}{data[key]}")
    for url in data["appearances"]:
        typer.echo(f"{'appearance:':<13}{url}")


@app.command("remove")
def remove_command(ctx: typer.Context, factcheck_id: FactCheckId, as_name: AsOption = None,
                   as_json: JsonOption = False) -> None:
    """Remove a fact-check and the matches to it (recorded in the history)."""
    from factcheck.services.factchecks import remove_factcheck

    with session(ctx) as s:
        data = remove_factcheck(session=s, factcheck_id=factcheck_id, actor=actor(as_name))
    if as_json:
        print_json(data)
        return
    typer.echo(f"Removed fact-check {factcheck_id}.")
