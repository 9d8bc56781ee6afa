"""``factcheck evidence``: sources for a claim."""

from __future__ import annotations

import typer

from factcheck.cli._common import (
    AS_HELP,
    EXPECT_HELP,
    actor,
    guarded,
    print_json,
    print_table,
    session,
)

app = typer.Typer(help="Evidence: the sources a verdict rests on.", no_args_is_help=True)


@app.command("add")
@guarded
def add_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    url: str = typer.Option(..., "--url", help="Link to the source."),
    publisher: str = typer.Option(..., "--publisher", help="Who published it."),
    quote: str = typer.Option(..., "--quote", help="The passage that bears on the claim."),
    stance: str = typer.Option(..., "--stance", help="supports, refutes or context."),
    title: str | None = typer.Option(None, "--title", help="The source's title."),
    published: str | None = typer.Option(None, "--published", metavar="YYYY-MM-DD",
                                         help="The source's publication date."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Attach a source to a claim."""
    from factcheck.ingest.metadata import parse_date
    from factcheck.review import add_evidence, evidence_to_dict

    date = parse_date(published) if published else None
    with session(ctx) as s:
        ev = add_evidence(session=s, claim_id=claim_id, url=url, publisher=publisher,
                          quote=quote, stance=stance, title=title, published=date,
                          actor=actor(as_name), expected_version=expect_version)
        data = evidence_to_dict(ev)
    if as_json:
        print_json(data)
    else:
        typer.echo(f"Added evidence {data['id']} ({stance}) to claim {claim_id}.")


@app.command("list")
@guarded
def list_command(ctx: typer.Context, claim_id: int = typer.Argument(..., metavar="ID"),
                 as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """List a claim's evidence."""
    from factcheck.review import list_evidence

    with session(ctx) as s:
        rows = list_evidence(session=s, claim_id=claim_id)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo(f"Claim {claim_id} has no evidence yet.")
        return
    print_table(["id", "stance", "publisher", "added_by", "url"],
                [[str(r["id"]), r["stance"], r["publisher"], r["added_by"], r["url"]]
                 for r in rows])


@app.command("remove")
@guarded
def remove_command(
    ctx: typer.Context,
    evidence_id: int = typer.Argument(..., metavar="EVIDENCE_ID"),
    note: str | None = typer.Option(None, "--note", help="Why it is removed."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
) -> None:
    """Take a source off its claim (kept on record)."""
    from factcheck.review import remove_evidence

    with session(ctx) as s:
        ev = remove_evidence(session=s, evidence_id=evidence_id, actor=actor(as_name),
                             note=note)
    typer.echo(f"Removed evidence {ev.id} from claim {ev.claim_id}.")
