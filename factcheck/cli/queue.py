"""The interactive review queue: one claim at a time, single-key actions.

Each claim offers only the keys its status allows (the workflow's own table decides), and
every answer to a follow-up question (rating, summary, evidence fields) is checked as it
is typed, so a typo asks again instead of throwing away what was typed. In a terminal
each action is one key press; when input is piped, each line's first character is the key
(so ``printf 'a\\ns\\nq\\n' | factcheck review`` works in scripts and tests).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import typer

from factcheck.cli.common import session
from factcheck.cli.hints import render_error
from factcheck.cli.output import print_claim
from factcheck.core.rules import (
    allowed_actions,
    check_evidence,
    check_rating,
    check_stance,
    check_url,
)
from factcheck.core.vocabulary import RATINGS, STANCES, one_of
from factcheck.errors import FactcheckError

# key -> (label in the key line, workflow action it performs or None)
KEYS: dict[str, tuple[str, str | None]] = {
    "a": ("[a]ccept", "accept"), "d": ("[d]ismiss", "dismiss"),
    "e": ("[e]vidence", None), "r": ("[r]ate", "rate"), "o": ("appr[o]ve", "approve"),
    "p": ("[p]ublish", "publish"), "s": ("[s]kip", None), "h": ("[h]istory", None),
    "q": ("[q]uit", None),
}
EVIDENCE_STATUSES = ("new", "triaged", "rated", "approved")


def offered_keys(status: str) -> list[str]:
    """The keys a claim in ``status`` offers, in a fixed order."""
    actions = allowed_actions(status)
    keys = []
    for key, (_, action) in KEYS.items():
        if action is not None and action not in actions:
            continue
        if key == "e" and status not in EVIDENCE_STATUSES:
            continue
        keys.append(key)
    return keys


def key_line(keys: list[str]) -> str:
    """"[a]ccept  [d]ismiss  …" for these keys."""
    return "  ".join(KEYS[k][0] for k in keys)


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
    from factcheck.services.review import review_queue

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


def _work_on(ctx: typer.Context, claim_id: int, position: int, total: int,
             reviewer: str) -> str:
    from factcheck.services.claims import show_claim

    while True:
        with session(ctx) as s:
            data = show_claim(session=s, claim_id=claim_id)
        keys = offered_keys(data["status"])
        if len(keys) <= 3:  # nothing to do but skip, history, quit
            typer.echo(f"Claim {claim_id} is {data['status']} now; moving on.")
            return "skip"
        typer.echo("")
        print_claim(data, heading=f"── {position}/{total} · claim {data['id']} · "
                                  f"{data['status']}")
        typer.echo(key_line(keys) + " > ", nl=False)
        key = read_key()
        typer.echo(key)
        if key not in keys:
            typer.echo(f"Key {key!r} is not offered for a {data['status']} claim; use one "
                       f"of: {key_line(keys)}")
            continue
        try:
            result = _act(ctx, key, data, reviewer)
        except FactcheckError as exc:
            typer.echo(f"Error: {render_error(exc)}", err=True)
            continue
        if result is not None:
            return result


def ask(label: str, check: Callable[[str], Any] | None = None) -> str:
    """Prompt until the answer passes ``check`` (which raises a FactcheckError to refuse
    it); the refusal is shown and the same question asked again."""
    def validate(value: str) -> str:
        value = value.strip()
        if not value:
            raise typer.BadParameter("an answer is needed")
        if check is not None:
            try:
                check(value)
            except FactcheckError as exc:
                raise typer.BadParameter(exc.message) from None
        return value

    return typer.prompt(label, value_proc=validate)


def _act(ctx: typer.Context, key: str, data: dict, reviewer: str) -> str | None:
    from factcheck.services import review
    from factcheck.services.claims import claim_history

    cid, version = data["id"], data["version"]
    if key == "q":
        return "quit"
    if key == "s":
        return "skip"
    if key == "h":
        with session(ctx) as s:
            events = claim_history(session=s, claim_id=cid)
        for e in events:
            typer.echo(f"  {e['at'][:19]} {e['actor']}: {e['action']} "
                       f"({e['from_status']} → {e['to_status']}) {e['note'] or ''}".rstrip())
        if not events:
            typer.echo("  no changes recorded yet")
        return None
    if key == "e":
        url = ask("url", check_url)
        publisher = ask("publisher")
        quote = ask("quote")
        stance = ask(f"stance ({one_of(STANCES)})", check_stance)
        with session(ctx) as s:
            ev = review.add_evidence(session=s, claim_id=cid, url=url, publisher=publisher,
                                     quote=quote, stance=stance, actor=reviewer,
                                     expected_version=version)
        typer.echo(f"Added evidence {ev.id}.")
        return None
    if key == "r":
        stances = [e["stance"] for e in data["evidence"]]
        rating = ask(f"rating ({', '.join(RATINGS)})", lambda r: check_evidence(
            claim_id=cid, rating=check_rating(r), stances=stances))
        summary = ask("summary")
        with session(ctx) as s:
            review.rate(session=s, claim_id=cid, rating=rating, summary=summary,
                        actor=reviewer, expected_version=version)
        typer.echo(f"Claim {cid} rated {rating}.")
        return "done"
    action = KEYS[key][1]
    with session(ctx) as s:
        if action in ("accept", "dismiss"):
            claim = review.triage(session=s, claim_id=cid, accept=action == "accept",
                                  actor=reviewer, expected_version=version)
        elif action == "approve":
            claim = review.approve(session=s, claim_id=cid, actor=reviewer,
                                   expected_version=version)
        else:
            claim = review.publish(session=s, claim_id=cid, actor=reviewer,
                                   expected_version=version)
    typer.echo(f"Claim {cid} is now {claim.status}.")
    return "done"
