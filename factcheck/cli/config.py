"""``factcheck config``: desk settings (desk.name, desk.url, desk.logo)."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import AsOption, JsonOption, actor, session
from factcheck.cli.output import print_json

app = typer.Typer(help="Desk settings (desk.name, desk.url, desk.logo).",
                  no_args_is_help=True)


@app.command("set")
def set_command(ctx: typer.Context,
                key: Annotated[str, typer.Argument(help="desk.name, desk.url or desk.logo.")],
                value: Annotated[str, typer.Argument(help="The new value.")],
                as_name: AsOption = None, as_json: JsonOption = False) -> None:
    """Set a desk setting."""
    from factcheck.services.settings import set_setting

    with session(ctx) as s:
        set_setting(session=s, key=key, value=value, actor=actor(as_name))
    if as_json:
        print_json({key: value})
        return
    typer.echo(f"{key} = {value}")


@app.command("list")
def list_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the desk settings."""
    from factcheck.services.settings import KNOWN_SETTINGS, get_settings

    with session(ctx) as s:
        values = get_settings(session=s)
    if as_json:
        print_json(values)
        return
    for key, help_text in KNOWN_SETTINGS.items():
        typer.echo(f"{key} = {values.get(key, '(unset)')}    # {help_text}")
