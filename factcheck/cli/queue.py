"""The interactive review queue: one claim at a time, single-key actions.

In a terminal each action is one key press; when input is piped, each line's first
character is the key (so ``printf 'a\\ns\\nq\\n' | factcheck review`` works in scripts and
tests). Follow-up questions (rating, summary, evidence fields) are ordinary prompts.
"""

from __future__ import annotations

import sys

import typer

from factcheck.cli._common import format_quantity, session

KEYS = "[a]ccept  [d]ismiss  [s]kip  [e]vidence  [r]ate  [h]istory  [q]uit"


def read_key() -> str:
    """One key: a key press on a terminal, else the first character of the next line."""
    if sys.stdin.isatty():
        return typer.getchar().lower()
    line = sys.stdin.readline()
    if line == "":
        return "q"  # end of input: quit cleanly
    return (line.strip()[:1] or " ").lower()


def run_queue(*, ctx: typer.Context, reviewer: str, article_id: int | None) -> None:
    """Walk the reviewer's queue until it is empty or they quit."""
    from factcheck.review import review_queue

    with session(ctx) as s:
        queue = review_queue(session=s, reviewer=reviewer, article_id=article_id)
    if not queue:
        typer.echo("Your queue is empty.")
        return
    typer.echo(f"{len(queue)} claim{'s' * (len(queue) != 1)} in {reviewer}'s queue.")
    done = 0
    for position, claim_id in enumerate(queue, start=1):
        outcome = _work_on(ctx, claim_id, position, len(queue), reviewer)
        if outcome == "quit":
            break
        done += outcome == "done"
    typer.echo(f"Reviewed {done} claim{'s' * (done != 1)}.")


def _show(data: dict, position: int, total: int) -> None:
    from factcheck.cli.claims import highlight, print_review

    typer.echo("")
    typer.echo(f"── {position}/{total} · claim {data['id']} · {data['status']} · score "
               f"{data['score']:.2f} · {data['kind']} · claimant {data['claimant'] or '-'}")
    typer.echo(highlight(data["paragraph"], data["start"], data["end"]))
    for q in data["quantities"]:
        typer.echo(f"  quantity {format_quantity(q)}")
    print_review(data)


def _work_on(ctx: typer.Context, claim_id: int, position: int, total: int,
             reviewer: str) -> str:
    from factcheck.errors import FactcheckError
    from factcheck.ledger import show_claim

    while True:
        with session(ctx) as s:
            data = show_claim(session=s, claim_id=claim_id)
        if data["status"] not in ("new", "triaged"):
            typer.echo(f"Claim {claim_id} is {data['status']} now; moving on.")
            return "skip"
        _show(data, position, total)
        typer.echo(KEYS + " > ", nl=False)
        key = read_key()
        typer.echo(key)
        try:
            result = _act(ctx, key, data, reviewer)
        except FactcheckError as exc:
            typer.echo(f"Error: {exc.message}", err=True)
            continue
        if result is not None:
            return result


def _act(ctx: typer.Context, key: str, data: dict, reviewer: str) -> str | None:
    from factcheck import review

    cid, version = data["id"], data["version"]
    if key == "q":
        return "quit"
    if key == "s":
        return "skip"
    if key in ("a", "d"):
        with session(ctx) as s:
            claim = review.triage(session=s, claim_id=cid, accept=key == "a", actor=reviewer,
                                  expected_version=version)
        typer.echo(f"Claim {cid} is now {claim.status}.")
        return "done"
    if key == "e":
        url = typer.prompt("url")
        publisher = typer.prompt("publisher")
        quote = typer.prompt("quote")
        stance = typer.prompt("stance (supports/refutes/context)")
        with session(ctx) as s:
            ev = review.add_evidence(session=s, claim_id=cid, url=url, publisher=publisher,
                                     quote=quote, stance=stance, actor=reviewer,
                                     expected_version=version)
        typer.echo(f"Added evidence {ev.id}.")
        return None
    if key == "r":
        rating = typer.prompt(f"rating ({', '.join(review.RATINGS)})")
        summary = typer.prompt("summary")
        with session(ctx) as s:
            review.rate(session=s, claim_id=cid, rating=rating, summary=summary,
                        actor=reviewer, expected_version=version)
        typer.echo(f"Claim {cid} rated {rating}.")
        return "done"
    if key == "h":
        from factcheck.audit import claim_history

        with session(ctx) as s:
            events = claim_history(session=s, claim_id=cid)
        for e in events or []:
            typer.echo(f"  {e['at'][:19]} {e['actor']}: {e['action']} "
                       f"({e['from_status']} → {e['to_status']}) {e['note'] or ''}".rstrip())
        if not events:
            typer.echo("  no changes recorded yet")
        return None
    typer.echo(f"Unknown key {key!r}. {KEYS}")
    return None
