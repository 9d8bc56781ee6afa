"""Export and import services: choose the renderer, gather the data, write the stream."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TextIO

from factcheck.errors import UsageError, WorkflowError

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass
class ExportResult:
    """How many claims were written, and warnings for the user."""

    claims: int
    warnings: list[str] = field(default_factory=list)


def export(*, session: Session, fmt: str, out: TextIO, article_id: int | None = None,
           status: str | None = None, desk_name: str | None = None,
           desk_url: str | None = None, now: dt.datetime | None = None) -> ExportResult:
    """Write the selection in ``fmt`` to ``out``."""
    from factcheck import __version__
    from factcheck.export import FORMATS
    from factcheck.export.collect import iter_bundles, ledger_events
    from factcheck.models import utcnow
    from factcheck.review import STATUSES

    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status '{status}'; use one of {', '.join(STATUSES)}")
    stamp = (now or utcnow()).isoformat(timespec="seconds")
    if fmt == "claimreview":
        return _claimreview(session, out, article_id, status, desk_name, desk_url)
    bundles = iter_bundles(session=session, article_id=article_id, status=status)
    if fmt == "markdown":
        from factcheck.export.markdown import write_markdown

        return ExportResult(write_markdown(bundles, out))
    if fmt == "csv":
        from factcheck.export.csvfmt import write_csv

        return ExportResult(write_csv(bundles, out))
    if fmt == "html":
        from factcheck.export.html import write_html

        return ExportResult(write_html(bundles, out, title="Fact-check report",
                                       generated=stamp))
    from factcheck.export.jsonfmt import write_json

    complete = article_id is None and status is None
    return ExportResult(write_json(
        bundles, out, exported_at=stamp, generator=f"factcheck {__version__}",
        selection={"article": article_id, "status": status, "complete": complete},
        events=ledger_events(session=session) if complete else ()))


def _claimreview(session, out, article_id, status, desk_name, desk_url) -> ExportResult:
    """Lint everything first (nothing is written if anything required is missing), then
    stream the reviews in a second pass."""
    from factcheck.export.claimreview import iter_reviews, lint_desk, write_reviews
    from factcheck.export.collect import iter_bundles
    from factcheck.settings import get_settings

    settings = get_settings(session=session)
    name = desk_name or settings.get("desk.name")
    url = desk_url or settings.get("desk.url")
    logo = settings.get("desk.logo")
    lint = lint_desk(name, url)
    for _ in iter_reviews(iter_bundles(session=session, article_id=article_id, status=status),
                          desk_name=name, desk_url=url, desk_logo=logo, lint=lint):
        pass
    if lint.missing:
        shown = lint.missing[:10]
        more = f"; … and {len(lint.missing) - 10} more" if len(lint.missing) > 10 else ""
        raise WorkflowError("ClaimReview export refused, missing: " + "; ".join(shown) + more)
    n = write_reviews(iter_reviews(iter_bundles(session=session, article_id=article_id,
                                                status=status),
                                   desk_name=name, desk_url=url, desk_logo=logo), out)
    return ExportResult(n, lint.warnings[:20] + (
        [f"… and {len(lint.warnings) - 20} more warnings"] if len(lint.warnings) > 20 else []))


def load_export(path) -> dict[str, Any]:
    """Read and validate a JSON export file (schema_version 1)."""
    import json
    from pathlib import Path

    from factcheck.errors import InputError
    from factcheck.export import SCHEMA_VERSION
    from factcheck.ingest.readers import read_text_file

    text = read_text_file(Path(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}); pass a "
                         "file made by 'factcheck export --format json'") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION or \
            not isinstance(data.get("articles"), list):
        raise InputError(f"{path}: not a factcheck JSON export (schema_version "
                         f"{SCHEMA_VERSION}); make one with 'factcheck export --format json'")
    return data
