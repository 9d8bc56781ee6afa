"""Every table of the ledger, as SQLModel classes (one module, no circular imports).

Offsets (``start``/``end``) always index ``Article.text``: ``text[start:end] == quote``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel


def utcnow() -> dt.datetime:
    """The current time, timezone-aware in UTC."""
    return dt.datetime.now(dt.UTC)


class Article(SQLModel, table=True):
    """One ingested article; ``text`` is stored exactly as the offsets refer to it."""

    __tablename__ = "article"
    __table_args__ = (UniqueConstraint("sha256", name="uq_article_sha256"),)

    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    url: str | None = Field(default=None, sa_column=Column(Text))
    outlet: str | None = None
    author: str | None = None
    published: dt.date | None = None
    sha256: str = Field(max_length=64)
    source: str | None = Field(default=None, sa_column=Column(Text))
    text: str = Field(sa_column=Column(Text, nullable=False))
    ingested_at: dt.datetime = Field(default_factory=utcnow)


class Sentence(SQLModel, table=True):
    """A sentence of an article with its check-worthiness score."""

    __tablename__ = "sentence"
    __table_args__ = (Index("ix_sentence_article", "article_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    position: int
    start: int
    end: int
    score: float


class Claim(SQLModel, table=True):
    """A check-worthy claim: one checkable statement, its review state, and where it was
    first found (``article_id``, ``start``, ``end``, ``quote``: its first appearance).
    Every place it appears is an ``Appearance``; a claim linked into another keeps its
    own record with ``merged_into`` set."""

    __tablename__ = "claim"
    __table_args__ = (
        # an article's claims; with the status, stats counts them from the index alone
        Index("ix_claim_article", "article_id", "status", "start"),
        Index("ix_claim_status", "status"),
        # merged claims are few; a full index on a mostly-NULL column misleads SQLite
        Index("ix_claim_merged", "merged_into",
              sqlite_where=text("merged_into IS NOT NULL"),
              postgresql_where=text("merged_into IS NOT NULL")),
        Index("ix_claim_fingerprint", "fingerprint"),
    )

    id: int | None = Field(default=None, primary_key=True)
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    sentence_id: int | None = Field(default=None, foreign_key="sentence.id",
                                    ondelete="SET NULL")
    text: str = Field(sa_column=Column(Text, nullable=False))
    quote: str = Field(sa_column=Column(Text, nullable=False))
    start: int
    end: int
    score: float
    kind: str = Field(max_length=32)
    claimant: str | None = Field(default=None, sa_column=Column(Text))
    claimant_kind: str | None = Field(default=None, max_length=16)
    status: str = Field(default="new", max_length=32)
    origin: str = Field(default="detected", max_length=16)
    created_by: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)
    assignee: str | None = Field(default=None, index=True)
    approved_by: str | None = None
    approved_at: dt.datetime | None = None
    approval_hash: str | None = Field(default=None, max_length=64)
    published_at: dt.datetime | None = None
    merged_into: int | None = Field(default=None, foreign_key="claim.id")
    # matching's bookkeeping (not decisions): the normalized wording's hash, for verbatim
    # matches at ingest, and how far matching has gone ('screen' at ingest, 'full' after
    # the ranking with every first stage; none: not yet)
    fingerprint: str | None = Field(default=None, max_length=32)
    match_stage: str | None = Field(default=None, max_length=8)


# the list's order (score, then article order): the first page read without a sort
Index("ix_claim_rank", Claim.score.desc(), Claim.article_id, Claim.start, Claim.id)


class Appearance(SQLModel, table=True):
    """One place a claim appears: a verbatim quote of an article, ``text[start:end]``.
    ``origin_claim_id`` is the claim it was found as (a link moves it, an unlink gives it
    back)."""

    __tablename__ = "appearance"
    __table_args__ = (
        Index("ix_appearance_claim", "claim_id", "id"),
        UniqueConstraint("article_id", "start", "end", name="uq_appearance_span"),
    )

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    article_id: int = Field(foreign_key="article.id", ondelete="CASCADE")
    start: int
    end: int
    quote: str = Field(sa_column=Column(Text, nullable=False))
    origin_claim_id: int | None = None
    added_at: dt.datetime = Field(default_factory=utcnow)


class Quantity(SQLModel, table=True):
    """A quantity inside a claim's quote (offsets into the article text)."""

    __tablename__ = "quantity"
    __table_args__ = (Index("ix_quantity_claim", "claim_id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    surface: str = Field(sa_column=Column(Text, nullable=False))
    value: float
    high: float | None = None
    unit: str | None = None
    qualifier: str = Field(default="=", max_length=8)
    normalized_value: float | None = None
    normalized_unit: str | None = None
    start: int
    end: int


class Verdict(SQLModel, table=True):
    """A rating with its summary. The current one has ``superseded_at`` unset; earlier
    ones stay on record (a correction keeps the verdict it corrects)."""

    __tablename__ = "verdict"
    __table_args__ = (Index("ix_verdict_claim", "claim_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    rating: str = Field(max_length=32)
    summary: str = Field(sa_column=Column(Text, nullable=False))
    author: str
    created_at: dt.datetime = Field(default_factory=utcnow)
    superseded_at: dt.datetime | None = None
    correction_note: str | None = Field(default=None, sa_column=Column(Text))
    published_at: dt.datetime | None = None


class Evidence(SQLModel, table=True):
    """A source that supports, refutes or gives context to a claim."""

    __tablename__ = "evidence"
    __table_args__ = (Index("ix_evidence_claim", "claim_id", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    claim_id: int = Field(foreign_key="claim.id", ondelete="CASCADE")
    url: str = Field(sa_column=Column(Text, nullable=False))
    publisher: str
    title: str | None = Field(default=None, sa_column=Column(Text))
    quote: str = Field(sa_column=Column(Text, nullable=False))
    stance: str = Field(max_length=16)
    published: dt.date | None = None
    added_by: str
    added_at: dt.datetime = Field(default_factory=utcnow)
    removed_by: str | None = None
    removed_at: dt.datetime | None = None


class Event(SQLModel, table=True):
    """One append-only entry of the history; ``hash`` chains it to the entry before.

    ``state`` is the digest of the record the event left behind (a claim's, or with
    ``article_id`` an article's; see ``state.py``), so ``audit verify`` can compare the
    rows as they are now with what was last decided. ``article_id`` is a plain number, not
    a foreign key: an article deleted behind the tool's back must still be named."""

    __tablename__ = "event"
    __table_args__ = (Index("ix_event_claim", "claim_id", "id"),
                      Index("ix_event_article", "article_id", "id"))

    id: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    claim_id: int | None = Field(default=None, foreign_key="claim.id", ondelete="SET NULL")
    article_id: int | None = None
    at: dt.datetime
    actor: str
    action: str = Field(max_length=32)
    from_status: str | None = Field(default=None, max_length=32)
    to_status: str | None = Field(default=None, max_length=32)
    note: str | None = Field(default=None, sa_column=Column(Text))
    details: str | None = Field(default=None, sa_column=Column(Text))
    state: str | None = Field(default=None, max_length=64)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)


class LedgerHead(SQLModel, table=True):
    """The newest event of the chain (one row): writers lock it to append in order, and
    ``audit verify`` compares it with the last event to notice deletions at the end."""

    __tablename__ = "ledger_head"

    id: int = Field(default=1, primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_event_id: int = 0
    last_hash: str = Field(max_length=64)


class Setting(SQLModel, table=True):
    """A desk-wide setting (``factcheck config set``), e.g. the desk's name and URL."""

    __tablename__ = "setting"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(sa_column=Column(Text, nullable=False))
    updated_by: str | None = None
    updated_at: dt.datetime = Field(default_factory=utcnow)


class ModelVersion(SQLModel, table=True):
    """A check-worthiness model trained by the desk (the file's bytes and its record)."""

    __tablename__ = "model_version"

    version: str = Field(primary_key=True, max_length=64)
    created_at: dt.datetime = Field(default_factory=utcnow)
    created_by: str | None = None
    meta: str = Field(sa_column=Column(Text, nullable=False))
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class FactCheck(SQLModel, table=True):
    """A fact-check the desk already has (imported ClaimReview or a spreadsheet row),
    keyed by ``key`` (its URL, else its id): re-importing it changes nothing."""

    __tablename__ = "factcheck"
    __table_args__ = (UniqueConstraint("key", name="uq_factcheck_key"),)

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(sa_column=Column(Text, nullable=False))
    external_id: str | None = Field(default=None, sa_column=Column(Text))
    claim: str = Field(sa_column=Column(Text, nullable=False))
    title: str | None = Field(default=None, sa_column=Column(Text))
    rating: str | None = Field(default=None, sa_column=Column(Text))
    rating_value: float | None = None
    url: str | None = Field(default=None, sa_column=Column(Text))
    publisher: str | None = Field(default=None, sa_column=Column(Text))
    published: dt.date | None = None
    claimant: str | None = Field(default=None, sa_column=Column(Text))
    appearances: str | None = Field(default=None, sa_column=Column(Text))  # JSON list of URLs
    source: str | None = Field(default=None, sa_column=Column(Text))
    imported_by: str | None = None
    imported_at: dt.datetime = Field(default_factory=utcnow)
    figures: str | None = Field(default=None, sa_column=Column(Text))  # JSON, for matching
    embedding: bytes | None = Field(default=None, sa_column=Column(LargeBinary))
    embedding_model: str | None = Field(default=None, max_length=64)


class ClaimEmbedding(SQLModel, table=True):
    """A claim's sentence embedding for matching, with the model and the wording (hash)
    it was computed from: a reworded claim is encoded again."""

    __tablename__ = "claim_embedding"

    claim_id: int = Field(primary_key=True, foreign_key="claim.id", ondelete="CASCADE")
    model: str = Field(max_length=64)
    text_hash: str = Field(max_length=32)
    vector: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


class ClaimMatch(SQLModel, table=True):
    """A stored match: claim ``claim_id`` looks like earlier claim or fact-check
    ``target_id`` (``kind``) with ``score`` (0-1); ``conflicts`` (JSON) lists figures
    that differ. Claim-to-claim matches are stored in both directions."""

    __tablename__ = "claim_match"
    __table_args__ = (Index("ix_claim_match_target", "kind", "target_id"),)

    claim_id: int = Field(primary_key=True, foreign_key="claim.id", ondelete="CASCADE")
    kind: str = Field(primary_key=True, max_length=16)
    target_id: int = Field(primary_key=True)
    score: float
    similarity: float
    lexical: float | None = None
    semantic: float | None = None
    conflicts: str | None = Field(default=None, sa_column=Column(Text))
    stage: str = Field(max_length=8)
    matched_at: dt.datetime = Field(default_factory=utcnow)
