"""``factcheck export``, ``import``, ``stats`` and ``config``: the ledger for other people."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from factcheck.cli._common import AS_HELP, actor, guarded, print_json, session

config_app = typer.Typer(help="Desk settings (desk.name, desk.url, desk.logo).",
                         no_args_is_help=True)


@guarded
def export_command(
    ctx: typer.Context,
    fmt: str = typer.Option(..., "--format", "-f", help="markdown, html, json, csv or "
                            "claimreview."),
    article: int | None = typer.Option(None, "--article", help="Only this article."),
    status: str | None = typer.Option(None, "--status", help="Only claims with this status."),
    output: str = typer.Option("-", "--output", "-o", help="File to write ('-' or none: "
                               "standard output)."),
    desk_name: str | None = typer.Option(None, "--desk-name", help="ClaimReview author "
                                         "(default: config desk.name)."),
    desk_url: str | None = typer.Option(None, "--desk-url", help="ClaimReview base URL "
                                        "(default: config desk.url)."),
) -> None:
    """Export claims as a report (markdown, html), data (json, csv) or ClaimReview."""
    import os
    import tempfile

    from factcheck.export.service import export

    with session(ctx) as s:
        if output == "-":
            result = export(session=s, fmt=fmt, out=sys.stdout, article_id=article,
                            status=status, desk_name=desk_name, desk_url=desk_url)
        else:
            # write beside the target and move into place: a refused or failed export
            # leaves no half-written file
            target = Path(output)
            fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".",
                                       prefix=f".{target.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8", newline="") as out:
                    result = export(session=s, fmt=fmt, out=out, article_id=article,
                                    status=status, desk_name=desk_name, desk_url=desk_url)
                os.replace(tmp, target)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
    for warning in result.warnings:
        typer.echo(f"Warning: {warning}", err=True)
    if output != "-":
        typer.echo(f"Wrote {result.claims} claim{'s' * (result.claims != 1)} as {fmt} to "
                   f"{output}.", err=True)


@guarded
def import_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="PATH", help="A file made by 'export --format "
                                "json'."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
) -> None:
    """Import a JSON export: restored exactly into an empty ledger, merged without
    duplicates into one that has data."""
    from factcheck.export.importer import import_export
    from factcheck.export.service import load_export

    data = load_export(path)
    with session(ctx) as s:
        r = import_export(session=s, data=data, actor=actor(as_name))
    typer.echo(f"Imported ({r.mode}) {r.articles} articles ({r.articles_skipped} already "
               f"present), {r.claims} claims ({r.claims_skipped} already present), "
               f"{r.events} events.")


@guarded
def stats_command(ctx: typer.Context,
                  as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Claims by status and rating, per article and overall; median time to verdict."""
    from factcheck.stats import desk_stats

    with session(ctx) as s:
        data = desk_stats(session=s)
    if as_json:
        print_json(data)
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


@config_app.command("set")
@guarded
def config_set(ctx: typer.Context, key: str = typer.Argument(...),
               value: str = typer.Argument(...),
               as_name: str | None = typer.Option(None, "--as", help=AS_HELP)) -> None:
    """Set a desk setting."""
    from factcheck.settings import set_setting

    with session(ctx) as s:
        set_setting(session=s, key=key, value=value, actor=actor(as_name))
    typer.echo(f"{key} = {value}")


@config_app.command("list")
@guarded
def config_list(ctx: typer.Context,
                as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Show the desk settings."""
    from factcheck.settings import KNOWN_SETTINGS, get_settings

    with session(ctx) as s:
        values = get_settings(session=s)
    if as_json:
        print_json(values)
        return
    for key, help_text in KNOWN_SETTINGS.items():
        typer.echo(f"{key} = {values.get(key, '(unset)')}    # {help_text}")
