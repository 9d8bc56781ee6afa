"""``factcheck search``: full-text search over the ledger's claims."""

from __future__ import annotations

from typing import Annotated

import typer

from factcheck.cli.common import ArticleFilter, JsonOption, StatusFilter, session
from factcheck.cli.output import print_json, print_table
from factcheck.core.vocabulary import KINDS, one_of


def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words (any form: "missiles" finds '
                                              '"missile") and "quoted phrases".')],
    article: ArticleFilter = None,
    status: StatusFilter = None,
    kind: Annotated[str | None, typer.Option("--kind", help=f"Only claims of this kind: "
                                             f"{one_of(KINDS)}.")] = None,
    claimant: Annotated[str | None, typer.Option("--claimant", metavar="NAME",
                                                 help="Only claims whose claimant's name "
                                                      "contains NAME.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="At most this many.")] = 20,
    as_json: JsonOption = False,
) -> None:
    """Search claims by their statement, quotes, claimant, verdicts and evidence, best
    first (every word must match)."""
    from factcheck.services.search import search_claims

    with session(ctx) as s:
        rows = search_claims(session=s, query=query, article_id=article, status=status,
                             kind=kind, claimant=claimant, limit=limit)
    if as_json:
        print_json(rows)
        return
    if not rows:
        typer.echo("No claims match.")
        return
    print_table(["id", "status", "claimant", "found"],
                [[str(r["id"]), r["status"] + (f" ({r['rating']})" if r["rating"] else ""),
                  (r["claimant"] or "")[:24], r["snippet"] or r["text"]] for r in rows],
                keep=[[r["snippet"].split("«")[1].split("»")[0]] if "«" in r["snippet"]
                      else [] for r in rows])
