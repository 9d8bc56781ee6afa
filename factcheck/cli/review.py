"""``factcheck review``: triage, verdicts, sign-off, publication, corrections, the queue."""

from __future__ import annotations

import typer

from factcheck.cli._common import AS_HELP, EXPECT_HELP, actor, guarded, print_json, session

app = typer.Typer(help="The editorial workflow. Without a command: walk your review queue.",
                  invoke_without_command=True)


@app.callback()
def review_queue(
    ctx: typer.Context,
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    article: int | None = typer.Option(None, "--article", help="Only this article's claims."),
) -> None:
    """Walk your queue (assigned to you first, then by score) with single-key actions:
    [a]ccept [d]ismiss [s]kip [e]vidence [r]ate [h]istory [q]uit."""
    if ctx.invoked_subcommand is not None:
        return
    from factcheck.cli.queue import run_queue

    guarded(run_queue)(ctx=ctx, reviewer=actor(as_name), article_id=article)


def _done(data, as_json: bool, message: str) -> None:
    if as_json:
        print_json(data)
    else:
        typer.echo(message)


@app.command("triage")
@guarded
def triage_command(
    ctx: typer.Context,
    claim_id: int | None = typer.Argument(None, metavar="[ID]",
                                          help="The claim (omit with --below/--above)."),
    accept: bool = typer.Option(False, "--accept", help="Accept for checking (triaged)."),
    dismiss: bool = typer.Option(False, "--dismiss", help="Not worth checking (dismissed)."),
    note: str | None = typer.Option(None, "--note", help="Why."),
    below: float | None = typer.Option(None, "--below", help="Bulk: every new claim scoring "
                                       "below this."),
    above: float | None = typer.Option(None, "--above", help="Bulk: every new claim scoring "
                                       "at least this."),
    article: int | None = typer.Option(None, "--article", help="Bulk: only this article."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Accept or dismiss a claim, or every new claim in a score band."""
    from factcheck.errors import UsageError
    from factcheck.review import bulk_triage, triage

    if accept == dismiss:
        raise UsageError("give exactly one of --accept or --dismiss")
    who = actor(as_name)
    bulk = below is not None or above is not None
    if bulk == (claim_id is not None):
        raise UsageError("give a claim ID, or --below/--above SCORE for many claims (not "
                         "both)")
    with session(ctx) as s:
        if bulk:
            ids = bulk_triage(session=s, accept=accept, actor=who, below=below, above=above,
                              article_id=article, note=note)
            word = "Accepted" if accept else "Dismissed"
            typer.echo(f"{word} {len(ids)} claim{'s' * (len(ids) != 1)}"
                       + (f": {', '.join(map(str, ids))}" if ids else "") + ".")
            return
        claim = triage(session=s, claim_id=claim_id, accept=accept, actor=who, note=note,
                       expected_version=expect_version)
        typer.echo(f"Claim {claim.id} is now {claim.status}.")


@app.command("rate")
@guarded
def rate_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    rating: str = typer.Option(..., "--rating", help="true, mostly-true, half-true, "
                               "misleading, mostly-false, false or unverifiable."),
    summary: str = typer.Option(..., "--summary", help="Why the claim earns this rating."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
    as_json: bool = typer.Option(False, "--json", help="JSON output (the verdict)."),
) -> None:
    """Write the claim's verdict (needs evidence unless unverifiable)."""
    from factcheck.review import rate, verdict_to_dict

    with session(ctx) as s:
        verdict = rate(session=s, claim_id=claim_id, rating=rating, summary=summary,
                       actor=actor(as_name), expected_version=expect_version)
        data = verdict_to_dict(verdict)
    _done(data, as_json, f"Claim {claim_id} rated {rating}; it needs a second reviewer's "
                         "approval ('factcheck review approve').")


def _sign_off(ctx: typer.Context, action: str, claim_id: int, as_name: str | None,
              expect_version: int | None) -> None:
    from factcheck import review

    with session(ctx) as s:
        claim = getattr(review, action)(session=s, claim_id=claim_id, actor=actor(as_name),
                                        expected_version=expect_version)
    typer.echo(f"Claim {claim.id} approved by {claim.approved_by}." if action == "approve"
               else f"Claim {claim.id} published.")


@app.command("approve")
@guarded
def approve_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Sign off the verdict (not by its author)."""
    _sign_off(ctx, "approve", claim_id, as_name, expect_version)


@app.command("publish")
@guarded
def publish_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Publish an approved verdict."""
    _sign_off(ctx, "publish", claim_id, as_name, expect_version)


@app.command("correct")
@guarded
def correct_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    rating: str = typer.Option(..., "--rating", help="The corrected rating."),
    summary: str = typer.Option(..., "--summary", help="The corrected summary."),
    note: str = typer.Option(..., "--note", help="What was corrected, for readers."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Correct a published verdict; the old one stays on record. The correction needs a
    new approval before it is published."""
    from factcheck.review import correct

    with session(ctx) as s:
        correct(session=s, claim_id=claim_id, rating=rating, summary=summary, note=note,
                actor=actor(as_name), expected_version=expect_version)
    typer.echo(f"Claim {claim_id} corrected to {rating}; the published verdict stays on "
               "record. Approve and publish the correction.")
