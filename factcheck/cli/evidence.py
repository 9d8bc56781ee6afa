"""``factcheck evidence``: sources for a claim."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import AsOption, ClaimId, ExpectVersion, JsonOption, actor, session
from factcheck.cli.output import print_json, print_table
from factcheck.core.vocabulary import STANCES, one_of

app = typer.Typer(help="Evidence: the sources a verdict rests on.", no_args_is_help=True)


@app.command("add")
def add_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    url: Annotated[str, typer.Option("--url", help="Link to the source (http or https).")],
    publisher: Annotated[str, typer.Option("--publisher", help="Who published it.")],
    quote: Annotated[str, typer.Option("--quote", help="The passage that bears on the "
                                                       "claim.")],
    stance: Annotated[str, typer.Option("--stance", help=f"{one_of(STANCES)}.")],
    title: Annotated[str | None, typer.Option("--title", help="The source's title.")] = None,
    published: Annotated[str | None, typer.Option("--published", metavar="YYYY-MM-DD",
                                                  help="The source's publication date.")
                         ] = None,
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Attach a source to a claim."""
    from factcheck.ingest.metadata import parse_date
    from factcheck.services.claims import evidence_record
    from factcheck.services.review import add_evidence

    date = parse_date(published) if published else None
    with session(ctx) as s:
        ev = add_evidence(session=s, claim_id=claim_id, url=url, publisher=publisher,
                          quote=quote, stance=stance, title=title, published=date,
                          actor=actor(as_name), expected_version=expect_version)
        data = evidence_record(ev)
    if as_json:
        print_json(data)
    else:
        typer.echo(f"Added evidence {data['id']} ({stance}) to claim {claim_id}.")


@app.command("list")
def list_command(ctx: typer.Context, claim_id: ClaimId, as_json: JsonOption = False) -> None:
    """List a claim's evidence."""
    from factcheck.services.claims import list_evidence

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
def remove_command(
    ctx: typer.Context,
    evidence_id: Annotated[int, typer.Argument(metavar="EVIDENCE_ID",
                                               help="The evidence item's id.")],
    note: Annotated[str | None, typer.Option("--note", help="Why it is removed.")] = None,
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Take a source off its claim (kept on record)."""
    from factcheck.services.claims import evidence_record
    from factcheck.services.review import remove_evidence

    with session(ctx) as s:
        ev = remove_evidence(session=s, evidence_id=evidence_id, actor=actor(as_name),
                             note=note)
        data = evidence_record(ev)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Removed evidence {ev.id} from claim {ev.claim_id}.")
