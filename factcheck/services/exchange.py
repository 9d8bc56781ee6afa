"""The ledger for other people: exports in five formats, and import of a JSON export.

Export: choose the renderer, read the selection one article at a time, write the stream.
Import: read the file, validate it against the export's record shapes, then write it in
one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from pydantic import ValidationError
from sqlmodel import Session

from factcheck import __version__
from factcheck.core.rules import check_actor
from factcheck.core.vocabulary import STATUSES
from factcheck.errors import InputError, Problem, UsageError, WorkflowError
from factcheck.export import FORMATS, READABLE_VERSIONS
from factcheck.export.claimreview import iter_reviews, lint_desk, write_reviews
from factcheck.export.csvfmt import write_csv
from factcheck.export.html import write_html
from factcheck.export.jsonfmt import write_json
from factcheck.export.markdown import write_markdown
from factcheck.ingest.readers import read_text_file
from factcheck.services.importer import ImportResult, import_document
from factcheck.services.settings import get_settings
from factcheck.storage.bundles import iter_bundles, ledger_events
from factcheck.storage.events import head
from factcheck.storage.models import utcnow
from factcheck.storage.queries import get_article
from factcheck.storage.records import IMPORT, ExportDocument


@dataclass
class ExportResult:
    """How many claims were written, and warnings for the user."""

    claims: int
    warnings: list[Problem] = field(default_factory=list)


def check_export(*, fmt: str, status: str | None) -> None:
    """Refuse an unknown format or status before anything is read or written."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format '{fmt}'; use one of {', '.join(FORMATS)}")
    if status is not None and status not in STATUSES:
        raise UsageError(f"unknown status '{status}'; use one of {', '.join(STATUSES)}")


def export(*, session: Session, fmt: str, out: TextIO, article_id: int | None = None,
           status: str | None = None, desk_name: str | None = None,
           desk_url: str | None = None, now: dt.datetime | None = None) -> ExportResult:
    """Write the selection in ``fmt`` to ``out``."""
    check_export(fmt=fmt, status=status)
    if article_id is not None:  # the selection is checked before the first byte
        get_article(session=session, article_id=article_id)
    stamp = (now or utcnow()).isoformat(timespec="seconds")
    if fmt == "claimreview":
        return _claimreview(session, out, article_id, status, desk_name, desk_url)
    bundles = iter_bundles(session=session, article_id=article_id, status=status)
    ledger_head = head(session=session)
    if fmt == "markdown":
        return ExportResult(write_markdown(bundles, out, ledger_head))
    if fmt == "csv":
        return ExportResult(write_csv(bundles, out))
    if fmt == "html":
        return ExportResult(write_html(bundles, out, title="Fact-check report",
                                       generated=stamp, ledger_head=ledger_head))
    complete = article_id is None and status is None
    return ExportResult(write_json(
        bundles, out, exported_at=stamp, generator=f"factcheck {__version__}",
        selection={"article": article_id, "status": status, "complete": complete},
        ledger_head=ledger_head, events=ledger_events(session=session) if complete else ()))


def _claimreview(session: Session, out: TextIO, article_id: int | None, status: str | None,
                 desk_name: str | None, desk_url: str | None) -> ExportResult:
    """Lint everything first (nothing is written if anything required is missing), then
    stream the reviews in a second pass."""
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
        if len(lint.missing) > 10:
            shown.append(Problem(f"… and {len(lint.missing) - 10} more"))
        raise WorkflowError("ClaimReview export refused, missing: ", problems=shown)
    n = write_reviews(iter_reviews(iter_bundles(session=session, article_id=article_id,
                                                status=status),
                                   desk_name=name, desk_url=url, desk_logo=logo), out)
    return ExportResult(n, lint.warnings[:20] + (
        [Problem(f"… and {len(lint.warnings) - 20} more warnings")]
        if len(lint.warnings) > 20 else []))


def load_export(path: Path) -> ExportDocument:
    """Read a JSON export file and validate it against the export's record shapes; one
    ``InputError`` naming the first bad place otherwise."""
    text = read_text_file(Path(path))
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})",
                         hint="json-export") from None
    if not isinstance(data, dict) or data.get("schema_version") not in READABLE_VERSIONS \
            or not isinstance(data.get("articles"), list):
        raise InputError(f"{path}: not a factcheck JSON export (schema_version "
                         f"{' or '.join(map(str, READABLE_VERSIONS))})", hint="make-export")
    try:
        return ExportDocument.model_validate(data, context=IMPORT)
    except ValidationError as exc:
        raise InputError(f"{path}: {describe_error(exc)}") from None


def describe_error(exc: ValidationError) -> str:
    """The first validation problem as ``articles[0].claims[3].start: expected an integer,
    got "x"``."""
    err = exc.errors(include_url=False)[0]
    place = ""
    for part in err["loc"]:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else part)
    got = err.get("input")
    shown = json.dumps(got, ensure_ascii=False)[:60] if not isinstance(got, dict) else "{…}"
    return f"{place or 'document'}: {err['msg'].lower()}, got {shown}"


def import_export(*, session: Session, doc: ExportDocument, actor: str) -> ImportResult:
    """Import a validated export (``load_export``) in the caller's transaction."""
    return import_document(session=session, doc=doc, actor=check_actor(actor))
