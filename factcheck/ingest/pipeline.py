"""Turn a raw article into everything the ledger stores: text, metadata, sentences, claims.

Pure: the result is plain data; storing it is the ledger's job.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from factcheck.core.rules import check_url, outlet_claimant, text_problem
from factcheck.core.vocabulary import CLAIMANT_KINDS
from factcheck.errors import InputError
from factcheck.ingest.detect import analyze_sentences, claim_quantities, claim_threshold
from factcheck.ingest.metadata import (
    parse_date,
    sha256_of,
    split_date_marker,
    split_front_matter,
    split_headline,
    title_from,
)
from factcheck.ingest.readers import RawArticle
from factcheck.ingest.segment import Span, split_sentences
from factcheck.quantities import Quantity


@dataclass
class PreparedSentence:
    """A sentence with its check-worthiness score (offsets index the article text)."""

    start: int
    end: int
    score: float


@dataclass
class PreparedClaim:
    """A candidate claim found by the detector."""

    quote: str
    start: int
    end: int
    score: float
    kind: str
    claimant: str
    sentence_index: int
    quantities: list[Quantity] = field(default_factory=list)
    claimant_kind: str = CLAIMANT_KINDS[-1]  # person, organisation, or the outlet itself


@dataclass
class PreparedArticle:
    """An article ready to store."""

    text: str
    sha256: str
    title: str
    url: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    source: str
    sentences: list[PreparedSentence]
    claims: list[PreparedClaim]


def read_metadata(raw: RawArticle, overrides: dict[str, str | None] | None = None,
                  ) -> tuple[str, dict[str, str]]:
    """The article body (metadata markers removed) and its metadata, overrides applied."""
    body, meta = split_front_matter(raw.text)
    meta = {**raw.meta, **meta}
    body, marker_date = split_date_marker(body)
    if marker_date and not meta.get("date"):
        meta["date"] = marker_date
    for key, value in (overrides or {}).items():
        if value:
            meta[key] = value
    return body, meta


def check_article(raw: RawArticle, *, overrides: dict[str, str | None] | None = None) -> str:
    """Raise ``InputError`` if ``raw`` cannot become an article (empty text, bad date);
    return the SHA-256 its stored text will have."""
    body, meta = read_metadata(raw, overrides)
    _published(raw, body, meta)
    return sha256_of(body)


def _published(raw: RawArticle, body: str, meta: dict[str, str]):
    """The publication date, after refusing an empty article, text that no database can
    store the same way (NUL, lone surrogates), a link that is not http(s) or a bad date."""
    if not body.strip():
        raise InputError(f"{raw.source}: empty article (no text); check the file",
                         hint="empty-article")
    problem = text_problem(body)
    if problem:
        raise InputError(f"{raw.source}: the text {problem}")
    for key, value in meta.items():
        problem = text_problem(value)
        if problem:
            raise InputError(f"{raw.source}: the {key} {problem}")
    if meta.get("url"):
        check_url(meta["url"], what=f"{raw.source}: url", usage=False)
    return parse_date(meta.get("date") or meta.get("published"))


def sentences_after_headline(body: str, headline_end: int) -> list[Span]:
    """The sentences of ``body``; with ``headline_end`` > 0 the text before it (a headline
    glued to the body) is a span of its own and the sentences start after it."""
    if headline_end <= 0:
        return split_sentences(body)
    lead = len(body) - len(body.lstrip())
    head = Span(lead, headline_end, body[lead:headline_end])
    rest = split_sentences(body[headline_end:])
    return [head, *(Span(s.start + headline_end, s.end + headline_end, s.text) for s in rest)]


def prepare_article(raw: RawArticle, *, overrides: dict[str, str | None] | None = None,
                    threshold: float | None = None, model=None) -> PreparedArticle:
    """Read metadata off ``raw``, split and score its sentences, and pick its claims.

    ``overrides`` (title, url, outlet, author, date) beat metadata found in the file. A
    corpus row's headline glued to its body (no line break between them) becomes the title
    and a span of its own, scored 0; the stored text keeps it as given.
    ``model`` is a trained check-worthiness model (else the heuristic alone scores);
    ``threshold`` defaults to the one that goes with it. Raises ``InputError`` for an
    empty article.
    """
    if threshold is None:
        threshold = claim_threshold(model)
    body, meta = read_metadata(raw, overrides)
    published = _published(raw, body, meta)
    headline = split_headline(body) if raw.corpus_row and not meta.get("title") else 0
    spans = sentences_after_headline(body, headline)
    if headline:
        meta = {**meta, "title": spans[0].text}
    headings = 1 if headline else 0
    analyses = analyze_sentences(body, spans, model, headings=headings, threshold=threshold)
    fallback_claimant = outlet_claimant(meta.get("outlet"), meta.get("author"))
    sentences: list[PreparedSentence] = []
    claims: list[PreparedClaim] = []
    for i, (span, a) in enumerate(zip(spans, analyses, strict=True)):
        sentences.append(PreparedSentence(span.start, span.end, a.score))
        if a.score >= threshold and i >= headings:   # a headline is never a claim
            claims.append(PreparedClaim(span.text, span.start, span.end, a.score, a.kind,
                                        a.claimant or fallback_claimant, i,
                                        claim_quantities(span.text, span.start,
                                                         a.quantities), a.claimant_kind))
    return PreparedArticle(
        text=body, sha256=sha256_of(body), title=title_from(raw.source, body, meta),
        url=meta.get("url"), outlet=meta.get("outlet"), author=meta.get("author"),
        published=published, source=raw.source, sentences=sentences, claims=claims)
