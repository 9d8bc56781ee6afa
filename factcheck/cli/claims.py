"""``factcheck claims``: list, show, add, assign, edit, history and rescore claims."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import (
    ArticleFilter,
    AsOption,
    ClaimId,
    ExpectVersion,
    JsonOption,
    StatusFilter,
    actor,
    session,
)
from factcheck.cli.output import print_claim, print_json, print_table
from factcheck.core.vocabulary import KINDS, RATINGS, one_of

app = typer.Typer(help="Check-worthy claims found in articles.", no_args_is_help=True)


@app.command("list")
def list_command(
    ctx: typer.Context,
    article: ArticleFilter = None,
    status: StatusFilter = None,
    kind: Annotated[str | None, typer.Option("--kind", help=f"Only claims of this kind: "
                                             f"{one_of(KINDS)}.")] = None,
    min_score: Annotated[float | None, typer.Option("--min-score",
                                                    help="Only scores >= this.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="At most this many.")
                     ] = None,
    by_position: Annotated[bool, typer.Option("--by-position", help="In article order "
                                              "instead of by score.")] = False,
    assignee: Annotated[str | None, typer.Option("--assignee", metavar="NAME",
                                                 help="Only claims assigned to NAME.")
                        ] = None,
    mine: Annotated[bool, typer.Option("--mine", help="Only claims assigned to you.")
                    ] = False,
    claimant: Annotated[str | None, typer.Option("--claimant", metavar="NAME",
                                                 help="Only claims whose claimant's name "
                                                      "contains NAME (any case).")] = None,
    rating: Annotated[str | None, typer.Option("--rating", help=f"Only claims rated: "
                                               f"{one_of(RATINGS)}.")] = None,
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """List claims, most check-worthy first: the statement (as reworded, if it was) with
    its figures kept visible. A claim linked into another is listed under that one."""
    from factcheck.services.claims import list_claims

    if mine:
        assignee = actor(as_name)
    with session(ctx) as s:
        rows = list_claims(session=s, article_id=article, status=status, kind=kind,
                           min_score=min_score, limit=limit, assignee=assignee,
                           claimant=claimant, rating=rating,
                           order="position" if by_position else "score")
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No claims match.")
        return
    print_table(["id", "score", "kind", "claimant", "status", "claim"],
                [[str(r["id"]), f"{r['score']:.2f}", r["kind"], (r["claimant"] or "")[:24],
                  r["status"] + (f" ({r['rating']})" if r["rating"] else ""), r["text"]]
                 for r in rows],
                keep=[[q["surface"] for q in r["quantities"]] for r in rows])


@app.command("show")
def show_command(ctx: typer.Context, claim_id: ClaimId, as_json: JsonOption = False) -> None:
    """Show a claim: its statement, its quote highlighted in its paragraph, claimant,
    quantities and review."""
    from factcheck.services.claims import show_claim

    with session(ctx) as s:
        data = show_claim(session=s, claim_id=claim_id)
    if as_json:
        print_json(data)
        return
    print_claim(data, heading=f"Claim {data['id']} · article {data['article_id']} "
                              f"({data['article_title']}) · {data['status']}")


@app.command("add")
def add_command(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ARTICLE", help="The article's id.")],
    quote: Annotated[str, typer.Option("--quote", help="The claim's words, exactly as the "
                                       "article has them (must occur exactly once).")],
    claimant: Annotated[str | None, typer.Option("--claimant", help="Who made the claim.")
                        ] = None,
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Add a claim the detector missed, quoting the article verbatim."""
    from factcheck.services.ingest import add_claim

    with session(ctx) as s:
        data = add_claim(session=s, article_id=article_id, quote=quote, actor=actor(as_name),
                         claimant=claimant)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Added claim {data['id']} to article {article_id} "
               f"(offsets {data['start']}–{data['end']}, kind {data['kind']}).")


@app.command("assign")
def assign_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    name: Annotated[str, typer.Argument(metavar="NAME", help="The reviewer ('-' to "
                                                              "unassign).")],
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Give a claim to a reviewer."""
    from factcheck.services.claims import claim_record
    from factcheck.services.review import assign

    with session(ctx) as s:
        claim = assign(session=s, claim_id=claim_id, assignee=None if name == "-" else name,
                       actor=actor(as_name), expected_version=expect_version)
        data = claim_record(session=s, claim_id=claim.id)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Claim {claim.id} assigned to {claim.assignee}." if claim.assignee
               else f"Claim {claim.id} unassigned.")


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    text: Annotated[str | None, typer.Option(
        "--text", help="The claim, reworded as a checkable statement (the quote stays "
                       "verbatim; withdraws an approval).")] = None,
    claimant: Annotated[str | None, typer.Option(
        "--claimant", help="Who made the claim (published as ClaimReview "
                           "itemReviewed.author).")] = None,
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Reword a claim's statement or correct its claimant."""
    from factcheck.services.claims import claim_record
    from factcheck.services.review import edit_claim

    with session(ctx) as s:
        claim = edit_claim(session=s, claim_id=claim_id, text=text, claimant=claimant,
                           actor=actor(as_name), expected_version=expect_version)
        data = claim_record(session=s, claim_id=claim.id)
    if as_json:
        print_json(data)
        return
    changed = " and ".join(w for w, v in (("text", text), ("claimant", claimant)) if v)
    typer.echo(f"Claim {claim.id} {changed} updated; status {claim.status}.")


@app.command("link")
def link_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    other_id: Annotated[int, typer.Argument(metavar="OTHER", help="The claim to merge into "
                                                                  "ID.")],
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Make OTHER the same claim as ID: OTHER's appearances become ID's, one verdict covers
    them all, and OTHER stays on record as merged (refused if OTHER has a verdict of its
    own that differs)."""
    from factcheck.services.claims import claim_record
    from factcheck.services.review import link

    with session(ctx) as s:
        link(session=s, claim_id=claim_id, other_id=other_id, actor=actor(as_name))
        data = claim_record(session=s, claim_id=claim_id)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Claim {other_id} merged into claim {claim_id}.")


@app.command("unlink")
def unlink_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    appearance_id: Annotated[int, typer.Argument(metavar="APPEARANCE", help="The "
                                                 "appearance's id (claims show ID --json).")],
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Give an appearance back to the claim it was found as (no longer merged)."""
    from factcheck.services.claims import claim_record
    from factcheck.services.review import unlink

    with session(ctx) as s:
        origin = unlink(session=s, claim_id=claim_id, appearance_id=appearance_id,
                        actor=actor(as_name))
        data = claim_record(session=s, claim_id=origin.id)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Appearance {appearance_id} is claim {origin.id}'s again.")


@app.command("history")
def history_command(ctx: typer.Context, claim_id: ClaimId, as_json: JsonOption = False
                    ) -> None:
    """Every change to a claim: who, when, what, status before and after."""
    from factcheck.services.claims import claim_history

    with session(ctx) as s:
        events = claim_history(session=s, claim_id=claim_id)
    if as_json:
        print_json(events)
        return
    if not events:
        typer.echo(f"Claim {claim_id} has no recorded changes (detected at ingest).")
        return
    print_table(["event", "at", "actor", "action", "status", "note"],
                [[str(e["id"]), e["at"][:19].replace("T", " "), e["actor"], e["action"],
                  f"{e['from_status'] or '-'} → {e['to_status'] or '-'}", e["note"] or ""]
                 for e in events])


@app.command("rescore")
def rescore_command(ctx: typer.Context, article: ArticleFilter = None,
                    as_name: AsOption = None, as_json: JsonOption = False) -> None:
    """Re-score stored sentences with the active model (reviewed claims keep their score)."""
    from factcheck.services.models import rescore

    with session(ctx) as s:
        counts = rescore(session=s, article_id=article, actor=actor(as_name))
    if as_json:
        print_json(counts)
        return
    typer.echo(f"Re-scored {counts['sentences']} sentences; {counts['claims']} new claims "
               "changed score.")
