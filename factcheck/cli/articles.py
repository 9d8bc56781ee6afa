"""``factcheck articles``: the ingested articles."""

from __future__ import annotations

import typer

from factcheck.cli._common import AS_HELP, actor, guarded, print_json, print_table, session

app = typer.Typer(help="Ingested articles.", no_args_is_help=True)


@app.command("list")
@guarded
def list_command(ctx: typer.Context,
                 as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """List articles with their date, number of claims and title."""
    from factcheck.ledger import list_articles

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
@guarded
def show_command(ctx: typer.Context, article_id: int = typer.Argument(..., metavar="ID"),
                 as_json: bool = typer.Option(False, "--json", help="JSON output.")) -> None:
    """Show an article's metadata and its stored text."""
    from factcheck.ledger import show_article

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
@guarded
def set_command(
    ctx: typer.Context,
    article_id: int = typer.Argument(..., metavar="ID"),
    title: str | None = typer.Option(None, "--title", help="The article's title."),
    url: str | None = typer.Option(None, "--url", help="Where it was published."),
    outlet: str | None = typer.Option(None, "--outlet", help="Its publisher."),
    author: str | None = typer.Option(None, "--author", help="Its byline."),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                    help="Its publication date."),
    as_name: str | None = typer.Option(None, "--as", help=AS_HELP),
) -> None:
    """Correct an article's metadata (its text never changes)."""
    from factcheck.ledger import set_article_metadata

    with session(ctx) as s:
        changed = set_article_metadata(session=s, article_id=article_id, title=title, url=url,
                                       outlet=outlet, author=author, date=date,
                                       actor=actor(as_name))
    typer.echo(f"Article {article_id}: " + (", ".join(f"{k} = {v}" for k, v in changed.items())
                                             or "nothing changed") + ".")
