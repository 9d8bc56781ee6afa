"""Every table of the ledger, as SQLModel classes (one module, no circular imports).

Offsets (``start``/``end``) always index ``Article.text``: ``text[start:end] == quote``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Column, Index, Text, UniqueConstraint
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
    """A check-worthy claim: a verbatim quote of its article and its review state."""

    __tablename__ = "claim"
    __table_args__ = (
        Index("ix_claim_article", "article_id", "start"),
        Index("ix_claim_status", "status"),
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
    status: str = Field(default="new", max_length=32)
    origin: str = Field(default="detected", max_length=16)
    created_by: str | None = None
    created_at: dt.datetime = Field(default_factory=utcnow)
    updated_at: dt.datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


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
