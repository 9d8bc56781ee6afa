"""``factcheck review``: triage, verdicts, sign-off, publication, corrections, the queue."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import AsOption, ClaimId, ExpectVersion, JsonOption, actor, session
from factcheck.cli.output import print_json
from factcheck.core.vocabulary import RATINGS, one_of

app = typer.Typer(help="The editorial workflow. Without a command: walk your review queue.",
                  invoke_without_command=True)

RatingOption = Annotated[str, typer.Option("--rating", help=f"{one_of(RATINGS)}.")]
SummaryOption = Annotated[str, typer.Option("--summary", help="Why the claim earns this "
                                                              "rating.")]


@app.callback()
def review_queue(
    ctx: typer.Context,
    as_name: AsOption = None,
    article: Annotated[int | None, typer.Option("--article", metavar="ID",
                                                help="Only this article's claims.")] = None,
) -> None:
    """Walk your queue (assigned to you first, then by score): each claim offers only the
    keys its status allows. [a]ccept [d]ismiss [e]vidence [r]ate appr[o]ve [p]ublish
    [s]kip [h]istory [q]uit."""
    if ctx.invoked_subcommand is not None:
        return
    from factcheck.cli.queue import run_queue

    run_queue(ctx=ctx, reviewer=actor(as_name), article_id=article)


def _claim_json(ctx: typer.Context, claim_id: int) -> None:
    from factcheck.services.claims import claim_record

    with session(ctx) as s:
        print_json(claim_record(session=s, claim_id=claim_id))


@app.command("triage")
def triage_command(
    ctx: typer.Context,
    claim_id: Annotated[int | None, typer.Argument(
        metavar="[ID]", help="The claim (omit with --below/--above).")] = None,
    accept: Annotated[bool, typer.Option("--accept", help="Accept for checking (triaged).")
                      ] = False,
    dismiss: Annotated[bool, typer.Option("--dismiss", help="Not worth checking "
                                                            "(dismissed).")] = False,
    note: Annotated[str | None, typer.Option("--note", help="Why.")] = None,
    below: Annotated[float | None, typer.Option("--below", help="Bulk: every new claim "
                                                "scoring below this.")] = None,
    above: Annotated[float | None, typer.Option("--above", help="Bulk: every new claim "
                                                "scoring at least this.")] = None,
    article: Annotated[int | None, typer.Option("--article", metavar="ID",
                                                help="Bulk: only this article.")] = None,
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Accept or dismiss a claim, or every new claim in a score band."""
    from factcheck.errors import UsageError
    from factcheck.services.review import bulk_triage, triage

    if accept == dismiss:
        raise UsageError("give exactly one of --accept or --dismiss")
    bulk = below is not None or above is not None
    if bulk == (claim_id is not None):
        raise UsageError("give a claim ID, or --below/--above SCORE for many claims (not "
                         "both)")
    who = actor(as_name)
    with session(ctx) as s:
        if bulk:
            ids = bulk_triage(session=s, accept=accept, actor=who, below=below, above=above,
                              article_id=article, note=note)
        else:
            claim = triage(session=s, claim_id=claim_id, accept=accept, actor=who, note=note,
                           expected_version=expect_version)
    if as_json:
        if bulk:
            print_json({"claims": ids})
        else:
            _claim_json(ctx, claim.id)
        return
    if bulk:
        word = "Accepted" if accept else "Dismissed"
        typer.echo(f"{word} {len(ids)} claim{'s' * (len(ids) != 1)}"
                   + (f": {', '.join(map(str, ids))}" if ids else "") + ".")
        return
    typer.echo(f"Claim {claim.id} is now {claim.status}.")


@app.command("rate")
def rate_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    rating: RatingOption,
    summary: SummaryOption,
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Write the claim's verdict (needs evidence unless unverifiable)."""
    from factcheck.services.claims import verdict_record
    from factcheck.services.review import rate

    with session(ctx) as s:
        data = verdict_record(rate(session=s, claim_id=claim_id, rating=rating,
                                   summary=summary, actor=actor(as_name),
                                   expected_version=expect_version))
    if as_json:
        print_json(data)
        return
    typer.echo(f"Claim {claim_id} rated {rating}; it needs a second reviewer's approval "
               "('factcheck review approve').")


@app.command("approve")
def approve_command(ctx: typer.Context, claim_id: ClaimId, as_name: AsOption = None,
                    expect_version: ExpectVersion = None, as_json: JsonOption = False) -> None:
    """Sign off the verdict (not by its author)."""
    from factcheck.services.review import approve

    with session(ctx) as s:
        claim = approve(session=s, claim_id=claim_id, actor=actor(as_name),
                        expected_version=expect_version)
    if as_json:
        _claim_json(ctx, claim_id)
        return
    typer.echo(f"Claim {claim.id} approved by {claim.approved_by}.")


@app.command("publish")
def publish_command(ctx: typer.Context, claim_id: ClaimId, as_name: AsOption = None,
                    expect_version: ExpectVersion = None, as_json: JsonOption = False) -> None:
    """Publish an approved verdict."""
    from factcheck.services.review import publish

    with session(ctx) as s:
        claim = publish(session=s, claim_id=claim_id, actor=actor(as_name),
                        expected_version=expect_version)
    if as_json:
        _claim_json(ctx, claim_id)
        return
    typer.echo(f"Claim {claim.id} published.")


@app.command("correct")
def correct_command(
    ctx: typer.Context,
    claim_id: ClaimId,
    rating: Annotated[str, typer.Option("--rating", help=f"The corrected rating: "
                                        f"{one_of(RATINGS)}.")],
    summary: Annotated[str, typer.Option("--summary", help="The corrected summary.")],
    note: Annotated[str, typer.Option("--note", help="What was corrected, for readers.")],
    as_name: AsOption = None,
    expect_version: ExpectVersion = None,
    as_json: JsonOption = False,
) -> None:
    """Correct a published verdict; the old one stays on record. The correction needs a
    new approval before it is published."""
    from factcheck.services.claims import verdict_record
    from factcheck.services.review import correct

    with session(ctx) as s:
        data = verdict_record(correct(session=s, claim_id=claim_id, rating=rating,
                                      summary=summary, note=note, actor=actor(as_name),
                                      expected_version=expect_version))
    if as_json:
        print_json(data)
        return
    typer.echo(f"Claim {claim_id} corrected to {rating}; the published verdict stays on "
               "record. Approve and publish the correction.")
