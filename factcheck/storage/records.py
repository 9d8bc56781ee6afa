"""One shape per entity: how the ledger's rows look as data.

The CLI's ``--json`` output, the JSON export and the import all use these models: the
serialiser is ``Model.model_validate(row).model_dump(mode="json")`` (``record``), and an
import validates its input against the very same fields. Each entity has a base with the
fields every view shares; the public views (``claims list/show --json``) and the export's
views add theirs. Timestamps are written as ``isoformat()`` of what the database holds.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictInt,
    StrictStr,
    ValidationInfo,
    computed_field,
)

from factcheck.core.rules import is_http_url, text_problem
from factcheck.core.vocabulary import (
    CLAIMANT_KINDS,
    KINDS,
    ORIGINS,
    QUALIFIERS,
    RATINGS,
    STANCES,
    STATUSES,
)


def _iso(value: dt.date) -> str:
    return value.isoformat()


def utc_iso(at: dt.datetime) -> str:
    """An event time as the hash chain writes it: UTC, microseconds."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return at.astimezone(dt.UTC).isoformat(timespec="microseconds")


# Checks that apply to what comes in (an import: ``model_validate(..., context=IMPORT)``),
# not to rows already stored, which must always be shown whatever an older version let in.
IMPORT = {"import": True}


def _storable(value: str, info: ValidationInfo) -> str:
    if info.context and info.context.get("import"):
        problem = text_problem(value)
        if problem:
            raise ValueError(problem)
    return value


def _http(value: str, info: ValidationInfo) -> str:
    if info.context and info.context.get("import") and not is_http_url(value):
        raise ValueError("is not an http(s) address")
    return value


# every text field: on import, a string both databases store alike (no NUL, no lone
# surrogate); a link: on import, http(s) only
Str = Annotated[StrictStr, AfterValidator(_storable)]
# integers a database column holds (larger ones would overflow)
Int = Annotated[StrictInt, Field(ge=-(2**63), le=2**63 - 1)]
Id = Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
Timestamp = Annotated[dt.datetime, PlainSerializer(_iso, return_type=str)]
Day = Annotated[dt.date, PlainSerializer(_iso, return_type=str)]
EventTime = Annotated[dt.datetime, PlainSerializer(utc_iso, return_type=str)]
Number = Annotated[float, Field(allow_inf_nan=False)]
Offset = Annotated[StrictInt, Field(ge=0, le=2**63 - 1)]
Status = Literal[STATUSES]
RatingName = Literal[tuple(RATINGS)]
Stance = Literal[STANCES]
Kind = Literal[KINDS]
ClaimantKind = Literal[CLAIMANT_KINDS]
Origin = Literal[ORIGINS]
Qualifier = Literal[QUALIFIERS]
Sha256 = Annotated[StrictStr, Field(pattern=r"^[0-9a-f]{64}$")]
Link = Annotated[Str, AfterValidator(_http)]


def _json_object(value: Any) -> Any:
    """Event details are stored as JSON text and shown as an object."""
    return json.loads(value) if isinstance(value, str) else value


class Record(BaseModel):
    """Base of every shape: built from a table row (attributes) or from a dict."""

    model_config = ConfigDict(from_attributes=True)


def record(model: type[Record], row: Any, **extra: Any) -> dict[str, Any]:
    """``row`` (a table row or a dict) in the shape of ``model``, as JSON-ready data;
    ``extra`` fills fields the row itself does not carry (counts, nested rows)."""
    if extra:
        row = {**(row if isinstance(row, dict) else row.model_dump()), **extra}
    return model.model_validate(row).model_dump(mode="json")


# --- quantities -------------------------------------------------------------------------

class QuantityRecord(Record):
    """A quantity inside a claim's quote (offsets index the article text)."""

    surface: Str
    value: Number
    high: Number | None
    unit: Str | None
    qualifier: Qualifier
    normalized_value: Number | None
    normalized_unit: Str | None
    start: Offset
    end: Offset


# --- evidence ---------------------------------------------------------------------------

class EvidenceBase(Record):
    """A source a verdict rests on."""

    id: Id
    url: Link
    publisher: Str
    title: Str | None
    quote: Str
    stance: Stance
    published: Day | None
    added_by: Str
    added_at: Timestamp | None


class EvidenceRecord(EvidenceBase):
    """``evidence list --json`` and ``claims show --json``: the claim's current sources."""

    claim_id: StrictInt


class EvidenceExport(EvidenceBase):
    """In the JSON export: removed items too, with who removed them when."""

    removed_by: Str | None
    removed_at: Timestamp | None


# --- verdicts ---------------------------------------------------------------------------

class VerdictRecord(Record):
    """A rating with its summary; ``rating_value`` is its place on the ClaimReview scale."""

    id: Id
    rating: RatingName

    @computed_field
    @property
    def rating_value(self) -> int | None:
        """1 (false) to 6 (true); none for unverifiable."""
        return RATINGS[self.rating].value

    summary: Str
    author: Str
    created_at: Timestamp | None
    superseded_at: Timestamp | None
    correction_note: Str | None
    published_at: Timestamp | None


class Approval(Record):
    """A second reviewer's sign-off and the hash of what they approved."""

    by: Str
    at: Timestamp | None
    hash: Str | None


# --- events -----------------------------------------------------------------------------

class EventRecord(Record):
    """One entry of the hash-chained history (``claims history --json``); ``state`` is
    the digest of the record it left behind (none before schema 0005)."""

    id: Annotated[StrictInt, Field(ge=1)]
    claim_id: Id | None
    at: EventTime
    actor: Str
    action: Str
    from_status: Str | None
    to_status: Str | None
    note: Str | None
    details: Annotated[dict[str, Any] | None, BeforeValidator(_json_object)]
    hash: Sha256
    article_id: Id | None = None
    state: Sha256 | None = None


class EventExport(EventRecord):
    """In the JSON export: with the hash it chains to."""

    prev_hash: Sha256


# --- claims -----------------------------------------------------------------------------

class ClaimRecord(Record):
    """``claims list --json``: a claim with its quantities and current rating."""

    id: Id
    article_id: Id
    text: Str
    quote: Str
    start: Offset
    end: Offset
    status: Status
    score: Number
    kind: Kind
    claimant: Str | None
    origin: Origin
    created_by: Str | None
    created_at: Timestamp | None
    assignee: Str | None
    version: Int
    quantities: list[QuantityRecord] = []
    rating: RatingName | None = None
    claimant_kind: ClaimantKind | None = None


class AppearanceRecord(Record):
    """``claims show --json``: one place the claim appears, with its article."""

    id: Id
    article_id: Id
    article_title: Str
    article_url: Str | None
    quote: Str
    start: Offset
    end: Offset


class AppearanceExport(Record):
    """In the JSON export: one place the claim appears and the claim it was found as."""

    id: Id
    article_id: Id
    start: Offset
    end: Offset
    quote: Str
    origin_claim_id: Id | None
    added_at: Timestamp | None


class Paragraph(Record):
    """The paragraph around a claim's quote (offsets index the article text)."""

    start: Offset
    end: Offset
    text: Str


class ClaimDetail(ClaimRecord):
    """``claims show --json``: the claim with its review and its place in the article."""

    summary: Str | None = None
    verdict: VerdictRecord | None = None
    previous_verdicts: list[VerdictRecord] = []
    evidence: list[EvidenceRecord] = []
    approval: Approval | None = None
    published_at: Timestamp | None = None
    article_title: Str = ""
    paragraph: Paragraph | None = None
    merged_into: Id | None = None
    appearances: list[AppearanceRecord] = []


class ClaimExport(Record):
    """A claim in the JSON export: everything needed to restore it and its review."""

    id: Id
    text: Str
    quote: Str
    start: Offset
    end: Offset
    status: Status
    score: Annotated[Number, Field(ge=0, le=1)]
    kind: Kind
    claimant: Str | None
    origin: Origin
    created_by: Str | None
    created_at: Timestamp | None
    updated_at: Timestamp | None
    version: Annotated[StrictInt, Field(ge=1, le=2**63 - 1)]
    assignee: Str | None
    sentence_position: Offset | None
    rating: RatingName | None
    summary: Str | None
    approval: Approval | None
    published_at: Timestamp | None
    quantities: list[QuantityRecord]
    evidence: list[EvidenceExport]
    verdicts: list[VerdictRecord]
    history: list[EventExport]
    # schema_version 2
    claimant_kind: ClaimantKind | None = None
    merged_into: Id | None = None
    appearances: list[AppearanceExport] | None = None


# --- articles ---------------------------------------------------------------------------

class ArticleBase(Record):
    """An ingested article's metadata."""

    id: Id
    title: Str
    url: Link | None
    outlet: Str | None
    author: Str | None
    published: Day | None
    sha256: Sha256
    source: Str | None
    ingested_at: Timestamp | None


class ArticleRecord(ArticleBase):
    """``articles list --json``: with its number of claims."""

    claims: Int = 0


class ArticleDetail(ArticleRecord):
    """``articles show --json``: with the stored text."""

    text: Str


Sentence = tuple[Offset, Offset, Number]


class ArticleExport(ArticleBase):
    """An article in the JSON export: text, sentence scores and claims."""

    text: Str
    sentences: list[Sentence]
    claims: list[ClaimExport]


class Selection(Record):
    """What an export holds: one article and/or one status, or everything."""

    article: Id | None
    status: Status | None
    complete: bool


class LedgerHeadRecord(Record):
    """The newest event of a ledger: hash, number of events, time."""

    hash: Sha256
    events: Annotated[StrictInt, Field(ge=0, le=2**63 - 1)]
    at: Str | None


class ExportDocument(Record):
    """A whole JSON export (``schema_version`` 2; version 1 has no ledger head and no
    event states)."""

    schema_version: Literal[1, 2]
    exported_at: Str
    generator: Str
    selection: Selection
    ledger_head: LedgerHeadRecord | None = None
    articles: list[ArticleExport]
    events: list[EventExport]
