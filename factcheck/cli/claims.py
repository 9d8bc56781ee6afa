"""``factcheck claims``: list, show and add claims."""

from __future__ import annotations

import sys

import typer

from factcheck.cli._common import (
    AS_HELP,
    EXPECT_HELP,
    actor,
    format_quantity,
    guarded,
    print_json,
    print_table,
    session,
)

app = typer.Typer(help="Check-worthy claims found in articles.", no_args_is_help=True)


@app.command("list")
@guarded
def list_command(
    ctx: typer.Context,
    article: int | None = typer.Option(None, "--article", help="Only this article's claims."),
    status: str | None = typer.Option(None, "--status", help="Only claims with this status."),
    kind: str | None = typer.Option(None, "--kind", help="Only claims of this kind."),
    min_score: float | None = typer.Option(None, "--min-score", help="Only scores >= this."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="At most this many."),
    by_position: bool = typer.Option(False, "--by-position",
                                     help="In article order instead of by score."),
    assignee: str | None = typer.Option(None, "--assignee", help="Only claims assigned to "
                                        "NAME."),
    mine: bool = typer.Option(False, "--mine", help="Only claims assigned to you."),
    as_name: str | None = typer.Option(None, "--as", help="Who 'you' is for --mine."),
    as_json: bool = typer.Option(False, "--json", help="JSON output (an array of claims)."),
) -> None:
    """List claims, most check-worthy first."""
    from factcheck.ledger import list_claims

    if mine:
        assignee = actor(as_name)
    with session(ctx) as s:
        rows = list_claims(session=s, article_id=article, status=status, kind=kind,
                           min_score=min_score, limit=limit, assignee=assignee,
                           order="position" if by_position else "score")
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No claims match.")
        return
    print_table(["id", "score", "kind", "claimant", "status", "quote"],
                [[str(r["id"]), f"{r['score']:.2f}", r["kind"], (r["claimant"] or "")[:24],
                  r["status"] + (f" ({r['rating']})" if r["rating"] else ""), r["quote"]]
                 for r in rows])


@app.command("show")
@guarded
def show_command(ctx: typer.Context, claim_id: int = typer.Argument(..., metavar="ID"),
                 as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Show a claim: its quote highlighted in its paragraph, claimant and quantities."""
    from factcheck.ledger import show_claim

    with session(ctx) as s:
        data = show_claim(session=s, claim_id=claim_id)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Claim {data['id']} · article {data['article_id']} "
               f"({data['article_title']}) · {data['status']}")
    typer.echo(f"score {data['score']:.2f} · kind {data['kind']} · claimant "
               f"{data['claimant'] or '-'} · offsets {data['start']}–{data['end']}")
    typer.echo("")
    typer.echo(highlight(data["paragraph"], data["start"], data["end"]))
    typer.echo("")
    if data["quantities"]:
        typer.echo("Quantities:")
        for q in data["quantities"]:
            typer.echo(f"  {format_quantity(q)}")
    else:
        typer.echo("Quantities: none")
    print_review(data)


def print_review(data: dict) -> None:
    """The review part of a claim: assignee, verdict, approval, evidence."""
    if data.get("assignee"):
        typer.echo(f"Assigned to: {data['assignee']}")
    verdict = data.get("verdict")
    if verdict:
        typer.echo(f"Verdict: {verdict['rating']} — {verdict['summary']} "
                   f"(by {verdict['author']})")
        if verdict.get("correction_note"):
            typer.echo(f"Correction: {verdict['correction_note']}")
    for old in data.get("previous_verdicts") or []:
        typer.echo(f"Earlier verdict: {old['rating']} — {old['summary']} (by {old['author']})")
    if data.get("approval"):
        typer.echo(f"Approved by {data['approval']['by']} at {data['approval']['at']}")
    evidence = data.get("evidence") or []
    typer.echo(f"Evidence: {len(evidence) or 'none'}")
    for e in evidence:
        typer.echo(f"  [{e['id']}] {e['stance']}: {e['publisher']} — {e['url']}")
        typer.echo(f"      «{e['quote']}» (added by {e['added_by']})")


def highlight(paragraph: dict, start: int, end: int) -> str:
    """The paragraph with the quote marked: bold reverse video on a terminal, «…» in pipes."""
    text, base = paragraph["text"], paragraph["start"]
    a, b = start - base, end - base
    if sys.stdout.isatty():
        marked = typer.style(text[a:b], bold=True, reverse=True)
    else:
        marked = f"«{text[a:b]}»"
    return text[:a] + marked + text[b:]


@app.command("add")
@guarded
def add_command(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., metavar="ARTICLE"),
    quote: str = typer.Option(..., "--quote", help="The claim's words, exactly as the "
                              "article has them (must occur exactly once)."),
    claimant: str | None = typer.Option(None, "--claimant", help="Who made the claim."),
    as_name: str | None = typer.Option(None, "--as", help="Who is adding it (default "
                                       "$FACTCHECK_REVIEWER, else your user name)."),
    as_json: bool = typer.Option(False, "--json", help="JSON output."),
) -> None:
    """Add a claim the detector missed, quoting the article verbatim."""
    from factcheck.ledger import add_claim

    with session(ctx) as s:
        data = add_claim(session=s, article_id=article_id, quote=quote, actor=actor(as_name),
                         claimant=claimant)
    if as_json:
        print_json(data)
        return
    typer.echo(f"Added claim {data['id']} to article {article_id} "
               f"(offsets {data['start']}–{data['end']}, kind {data['kind']}).")


@app.command("assign")
@guarded
def assign_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    name: str = typer.Argument(..., metavar="NAME", help="The reviewer ('-' to unassign)."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Give a claim to a reviewer."""
    from factcheck.review import assign

    with session(ctx) as s:
        claim = assign(session=s, claim_id=claim_id, assignee=None if name == "-" else name,
                       actor=actor(as_name), expected_version=expect_version)
    typer.echo(f"Claim {claim.id} assigned to {claim.assignee}." if claim.assignee
               else f"Claim {claim.id} unassigned.")


@app.command("edit")
@guarded
def edit_command(
    ctx: typer.Context,
    claim_id: int = typer.Argument(..., metavar="ID"),
    text: str = typer.Option(..., "--text", help="The claim, reworded as a checkable "
                             "statement (the quote stays verbatim)."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
    expect_version: int | None = typer.Option(None, "--expect-version", help=EXPECT_HELP),
) -> None:
    """Reword a claim's statement (withdraws an approval)."""
    from factcheck.review import edit_text

    with session(ctx) as s:
        claim = edit_text(session=s, claim_id=claim_id, text=text, actor=actor(as_name),
                          expected_version=expect_version)
    typer.echo(f"Claim {claim.id} text updated; status {claim.status}.")


@app.command("history")
@guarded
def history_command(ctx: typer.Context, claim_id: int = typer.Argument(..., metavar="ID"),
                    as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Every change to a claim: who, when, what, status before and after."""
    from factcheck.audit import claim_history

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
@guarded
def rescore_command(
    ctx: typer.Context,
    article: int | None = typer.Option(None, "--article", help="Only this article."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
) -> None:
    """Re-score stored sentences with the active model (reviewed claims keep their score)."""
    from factcheck.model_store import rescore

    with session(ctx) as s:
        counts = rescore(session=s, article_id=article, actor=actor(as_name))
    typer.echo(f"Re-scored {counts['sentences']} sentences; {counts['claims']} new claims "
               "changed score.")
