"""``factcheck stats``: the desk's numbers."""

from __future__ import annotations

import typer

from factcheck.cli.common import JsonOption, session
from factcheck.cli.output import print_json


def stats_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Claims by status and rating, per article and overall; median time to verdict."""
    from factcheck.services.stats import desk_stats

    with session(ctx) as s:
        data = desk_stats(session=s)
    if as_json:
        print_json(data, rows="articles")
        return
    o = data["overall"]

    def fmt(d: dict) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items()) or "-"

    typer.echo(f"Overall: {o['claims']} claims; status: {fmt(o['by_status'])}; ratings: "
               f"{fmt(o['by_rating'])}")
    median = o["median_hours_to_verdict"]
    typer.echo("Median time to verdict: " + (f"{median} h over {o['verdicts']} verdicts"
                                             if median is not None else "no verdicts yet"))
    for a in data["articles"]:
        typer.echo(f"  article {a['id']} ({a['title']}): {a['claims']} claims; "
                   f"{fmt(a['by_status'])}; ratings: {fmt(a['by_rating'])}")
