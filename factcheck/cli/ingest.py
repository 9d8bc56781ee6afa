"""``factcheck ingest``: read articles, detect their claims, store them."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import typer

from factcheck.cli.common import AsOption, JsonOption, actor, engine_for
from factcheck.cli.output import print_json


def ingest_command(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ..., metavar="PATH...",
        help="Files (.txt, .md, .html), folders (read recursively), corpora (.csv, .jsonl: "
             "one article per row) or - for standard input."),
    text_field: str = typer.Option("text", "--text-field",
                                   help="Column or key holding the text in .csv/.jsonl."),
    title: str | None = typer.Option(None, "--title", help="Title (overrides the file's)."),
    url: str | None = typer.Option(None, "--url", help="The article's URL."),
    outlet: str | None = typer.Option(None, "--outlet", help="Publisher, e.g. 'BBC News'."),
    author: str | None = typer.Option(None, "--author", help="Byline."),
    date: str | None = typer.Option(None, "--date", metavar="YYYY-MM-DD",
                                    help="Publication date (overrides the file's)."),
    threshold: float | None = typer.Option(
        None, "--threshold", min=0.0, max=1.0,
        help="Store sentences scoring at least this as claims (default: the active "
             "model's threshold, see 'factcheck model info')."),
    as_name: AsOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ingest articles: store their text, find check-worthy claims and their quantities.

    Re-ingesting the same text changes nothing. Each article is one transaction; if any
    input is unreadable, nothing is written.
    """
    from factcheck.errors import InputError
    from factcheck.ingest import iter_sources
    from factcheck.services.ingest import ingest_raw

    started = time.perf_counter()
    skipped: list[str] = []
    raws = list(iter_sources(paths, text_field=text_field, skipped=skipped))
    if skipped:
        shown = ", ".join(Path(p).name for p in skipped[:5])
        more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
        typer.echo(f"Warning: skipped {len(skipped)} file{'s' * (len(skipped) != 1)} of an "
                   f"unsupported type: {shown}{more} (supported: .txt, .md, .html, .csv, "
                   ".tsv, .jsonl)", err=True)
    if not raws:
        raise InputError(f"no articles found in {', '.join(paths)}; supported files: .txt, "
                         ".md, .html, .csv, .jsonl")
    overrides = {"title": title, "url": url, "outlet": outlet, "author": author, "date": date}
    engine = engine_for(ctx)
    if len(raws) > 1 and sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(transient=True) as progress:
            task = progress.add_task("Ingesting", total=len(raws))
            summary = ingest_raw(engine=engine, raws=raws, overrides=overrides,
                                 threshold=threshold, actor=actor(as_name),
                                 on_progress=lambda n: progress.advance(task, n))
    else:
        summary = ingest_raw(engine=engine, raws=raws, overrides=overrides,
                             threshold=threshold, actor=actor(as_name))
    if as_json:
        print_json({"articles": summary.articles, "already": summary.already,
                    "claims": summary.claims,
                    "results": [{"source": src, "article_id": r.article_id,
                                 "claims": r.claims, "already": r.already}
                                for src, r in summary.results]})
        return
    if len(summary.results) <= 20:
        for source, result in summary.results:
            name = Path(source).name if not source.startswith("<") else source
            if result.already:
                typer.echo(f"{name}: already ingested as article {result.article_id}")
            else:
                typer.echo(f"{name}: article {result.article_id}, {result.claims} claims")
    seconds = time.perf_counter() - started
    typer.echo(f"Ingested {summary.articles} article{'s' * (summary.articles != 1)} "
               f"({summary.already} already ingested), {summary.claims} claims "
               f"in {seconds:.2f} s")
