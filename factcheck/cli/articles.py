"""``factcheck articles``: the ingested articles."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import AsOption, JsonOption, actor, session
from factcheck.cli.output import print_json, print_table

app = typer.Typer(help="Ingested articles.", no_args_is_help=True)
ArticleId = Annotated[int, typer.Argument(metavar="ID", help="The article's id.")]


@app.command("list")
def list_command(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """List articles with their date, number of claims and title."""
    from factcheck.services.claims import list_articles

    with session(ctx) as s:
        rows = list_articles(session=s)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No articles yet; add one with 'factcheck ingest PATH'.")
        return
    print_table(["id", "published", "claims", "sha256", "title"],
                [[str(r["id"]), r["published"] or "-", str(r["claims"]), r["sha256"][:12],
                  r["title"]] for r in rows])


@app.command("show")
def show_command(ctx: typer.Context, article_id: ArticleId, as_json: JsonOption = False
                 ) -> None:
    """Show an article's metadata and its stored text."""
    from factcheck.services.claims import show_article

    with session(ctx) as s:
        data = show_article(session=s, article_id=article_id)
    if as_json:
        print_json(data)
        return
    for key in ("title", "published", "outlet", "author", "url", "source", "sha256", "claims"):
        if data.get(key) not in (None, ""):
            typer.echo(f"{key + ':':<11}{data[key]}")
    typer.echo("")
    typer.echo(data["text"])


@app.command("set")
def set_command(
    ctx: typer.Context,
    article_id: ArticleId,
    title: Annotated[str | None, typer.Option("--title", help="The article's title.")] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where it was published (http or "
                                                          "https).")] = None,
    outlet: Annotated[str | None, typer.Option("--outlet", help="Its publisher.")] = None,
    author: Annotated[str | None, typer.Option("--author", help="Its byline.")] = None,
    date: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                             help="Its publication date.")] = None,
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Correct an article's metadata (its text never changes)."""
    from factcheck.services.claims import set_article_metadata

    with session(ctx) as s:
        changed = set_article_metadata(session=s, article_id=article_id, title=title, url=url,
                                       outlet=outlet, author=author, date=date,
                                       actor=actor(as_name))
    if as_json:
        print_json(changed)
        return
    typer.echo(f"Article {article_id}: " + (", ".join(f"{k} = {v}" for k, v in changed.items())
                                             or "nothing changed") + ".")
