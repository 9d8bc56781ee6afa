"""schema.org ClaimReview (JSON-LD) for search engines and fact-check aggregators.

One ClaimReview per published claim. ``lint`` lists what is missing before anything is
written; the export is refused while anything required is missing.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TextIO

from factcheck.core.rules import THE_ARTICLE, is_http_url
from factcheck.core.vocabulary import BEST_RATING, RATINGS, WORST_RATING
from factcheck.errors import Problem
from factcheck.export.common import inert_json

MAX_CLAIM_REVIEWED = 75


@dataclass
class Lint:
    """Problems found: ``missing`` refuses the export, ``warnings`` do not."""

    missing: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def iter_reviews(bundles: Iterable[dict[str, Any]], *, desk_name: str | None,
                 desk_url: str | None, desk_logo: str | None = None,
                 lint: Lint | None = None) -> Iterator[dict[str, Any]]:
    """ClaimReview objects for every published claim; problems are added to ``lint``."""
    base = (desk_url or "").rstrip("/")
    for b in bundles:
        a = b["article"]
        for c in b["claims"]:
            if c["status"] != "published" or c.get("merged_into"):
                continue
            review = _review(a, c, base, desk_name, desk_url, desk_logo,
                             b.get("appearance_articles") or {})
            if lint is not None:
                _lint_one(review, a, c, lint)
            yield review


def lint_desk(desk_name: str | None, desk_url: str | None) -> Lint:
    """The desk-level problems (before any claim is looked at)."""
    lint = Lint()
    if not desk_name:
        lint.missing.append(Problem("author.name: the desk's name is not set",
                                    "desk-name"))
    if not desk_url:
        lint.missing.append(Problem("url: the desk's URL is not set", "desk-url"))
    return lint


def write_reviews(reviews: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write a JSON-LD array, one review at a time; return how many. The JSON escapes
    ``<``, ``>`` and ``&``, so publishers can paste it into a
    ``<script type="application/ld+json">`` element as it is."""
    n = 0
    out.write("[")
    for review in reviews:
        text = inert_json(review, indent=2)
        out.write(("," if n else "") + "\n" + text)
        n += 1
    out.write("\n]\n" if n else "]\n")
    return n


def _appearances(a, c, articles: dict[int, dict]) -> list[dict[str, Any]]:
    """The articles a claim appears in, earliest published first (first found on a tie
    or without dates)."""
    found = []
    for order, ap in enumerate(c.get("appearances") or [{"article_id": a["id"]}]):
        art = a if ap["article_id"] == a["id"] else articles.get(ap["article_id"], {})
        found.append((art.get("published") or "9999", order, art))
    return [art for _, _, art in sorted(found, key=lambda x: (x[0], x[1]))]


def _review(a, c, base, desk_name, desk_url, desk_logo, articles) -> dict[str, Any]:
    published = next((v for v in reversed(c["verdicts"]) if v["superseded_at"] is None),
                     None)
    r = RATINGS[published["rating"]] if published else None
    rating: dict[str, Any] = {"@type": "Rating"}
    if r is not None:
        if r.value is not None:
            rating.update(ratingValue=r.value, bestRating=BEST_RATING,
                          worstRating=WORST_RATING)
        rating["alternateName"] = r.label
        if published.get("summary"):
            rating["ratingExplanation"] = published["summary"]
    author: dict[str, Any] = {"@type": "Organization", "name": desk_name, "url": desk_url}
    if desk_logo:
        author["logo"] = {"@type": "ImageObject", "url": desk_logo}
    seen = _appearances(a, c, articles)
    first = seen[0] if seen else a
    item: dict[str, Any] = {"@type": "Claim",
                            "author": {"@type": "Person" if _looks_like_person(c, a)
                                       else "Organization", "name": c.get("claimant")},
                            "datePublished": first.get("published")}
    urls = list(dict.fromkeys(art["url"] for art in seen if is_http_url(art.get("url"))))
    if urls:
        item["appearance"] = [{"@type": "CreativeWork", "url": u} for u in urls]
        item["firstAppearance"] = {"@type": "CreativeWork", "url": urls[0]}
    return {"@context": "https://schema.org", "@type": "ClaimReview",
            "url": f"{base}/claims/{c['id']}" if base else None,
            "claimReviewed": c["text"],
            "datePublished": (c.get("published_at") or "")[:10] or None,
            "author": author, "reviewRating": rating, "itemReviewed": item}


def _looks_like_person(c, a) -> bool:
    if c.get("claimant_kind"):  # the detector's or the reviewer's reading
        return c["claimant_kind"] == "person"
    who = c.get("claimant") or ""
    return bool(who) and who not in (a.get("outlet"), THE_ARTICLE) and " " in who


def _lint_one(review: dict[str, Any], a: dict[str, Any], c: dict[str, Any], lint: Lint) -> None:
    where, claim, article = f"claim {c['id']}", {"claim": c["id"]}, {"article": a["id"]}
    if not review["claimReviewed"]:
        lint.missing.append(Problem(f"{where}: claimReviewed (the claim text) is empty",
                                    "edit-text", claim))
    elif len(review["claimReviewed"]) > MAX_CLAIM_REVIEWED:
        lint.warnings.append(Problem(f"{where}: claimReviewed is "
                                     f"{len(review['claimReviewed'])} characters (over "
                                     f"{MAX_CLAIM_REVIEWED})", "shorten-text", claim))
    if "alternateName" not in review["reviewRating"]:
        lint.missing.append(Problem(f"{where}: reviewRating (no published verdict)"))
    if not review["datePublished"]:
        lint.missing.append(Problem(f"{where}: datePublished (not published)"))
    if not review["itemReviewed"]["author"]["name"]:
        lint.missing.append(Problem(f"{where}: itemReviewed.author.name (no claimant)",
                                    "set-claimant", claim))
    if not review["itemReviewed"]["datePublished"]:
        lint.missing.append(Problem(f"{where}: itemReviewed.datePublished (article "
                                    f"{a['id']} has no date)", "article-date", article))
    if "appearance" not in review["itemReviewed"]:
        lint.missing.append(Problem(f"{where}: itemReviewed.appearance (article {a['id']} "
                                    "has no URL)", "article-url", article))
