"""Markdown report for editors: per article, a summary line and every claim.

Everything taken from the ledger is escaped so that it stays text in any Markdown
renderer: no link, image, autolink or HTML can come from an article, a claim, a summary
or an evidence item; only http(s) evidence links are made links, with their destination
percent-encoded.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from factcheck.core.rules import is_http_url
from factcheck.export.common import (
    current_evidence,
    head_line,
    quantity_text,
    reported,
    summary_line,
)

# backslash-escaped: what could open a link or image ("[", "]"), a code span, or an
# escape of its own; "<" and "&" become entities, so no HTML or autolink can form
_ESCAPED = str.maketrans({c: "\\" + c for c in "\\`[]"})
_URL_UNSAFE = str.maketrans({" ": "%20", "(": "%28", ")": "%29", "<": "%3C", ">": "%3E",
                             "[": "%5B", "]": "%5D", "`": "%60", "\\": "%5C", '"': "%22"})


def md_escape(text: str) -> str:
    """``text`` as inert Markdown: HTML and entities neutralised, link and emphasis
    syntax backslash-escaped."""
    return str(text).translate(_ESCAPED).replace("&", "&amp;").replace("<", "&lt;")


def md_link(label: str, url: str) -> str:
    """A link for an http(s) URL; anything else is shown as escaped text."""
    if not is_http_url(url):
        return f"{md_escape(label)} ({md_escape(url)})"
    return f"[{md_escape(label)}]({url.strip().translate(_URL_UNSAFE)})"


def md_autolink(url: str) -> str:
    """``<url>`` for an http(s) URL; anything else as escaped text."""
    if not is_http_url(url):
        return md_escape(url)
    return f"<{url.strip().translate(_URL_UNSAFE)}>"


def write_markdown(bundles: Iterable[dict[str, Any]], out: TextIO,
                   ledger_head: dict[str, Any] | None = None) -> int:
    """Write the report; return the number of claims written."""
    total = 0
    out.write("# Fact-check report\n")
    for b in bundles:
        a, claims = b["article"], reported(b)
        total += len(claims)
        elsewhere = b.get("appearance_articles") or {}
        out.write(f"\n## {md_escape(a['title'])}\n\n")
        meta = [md_escape(a[k]) for k in ("outlet", "published") if a.get(k)]
        if a.get("url"):
            meta.append(md_autolink(a["url"]))
        if meta:
            out.write(" · ".join(meta) + "\n\n")
        out.write(f"**{md_escape(summary_line(claims))}**\n")
        for c in claims:
            out.write(_claim(c, a["id"], elsewhere))
    if ledger_head:
        out.write(f"\n---\n\n{md_escape(head_line(ledger_head))}\n")
    return total


def _claim(c: dict[str, Any], article_id: int, elsewhere: dict[int, dict]) -> str:
    head = f"\n### Claim {c['id']} — {md_escape(c['status'])}"
    if c.get("rating"):
        head += f" · {md_escape(c['rating'])}"
    lines = [head, "", "> " + md_escape(c["quote"]).replace("\n", "\n> "), ""]
    if c["text"] != c["quote"]:
        lines.append(f"- Claim: {md_escape(c['text'])}")
    lines.append(f"- Claimant: {md_escape(c['claimant'] or 'unknown')}")
    also = [elsewhere.get(ap["article_id"], {}).get("title") or f"article {ap['article_id']}"
            for ap in c.get("appearances") or [] if ap["article_id"] != article_id]
    if also:
        lines.append("- Also appears in: " + "; ".join(md_escape(t) for t in also))
    if c["quantities"]:
        lines.append("- Quantities: " + "; ".join(md_escape(quantity_text(q))
                                                  for q in c["quantities"]))
    if c.get("rating"):
        lines.append(f"- Rating: **{md_escape(c['rating'])}** — "
                     f"{md_escape(c['summary'] or '')}")
    for v in c.get("verdicts", []):
        if v.get("correction_note") and v["superseded_at"] is None:
            lines.append(f"- Correction: {md_escape(v['correction_note'])}")
    evidence = current_evidence(c)
    if evidence:
        lines.append("- Evidence:")
        for e in evidence:
            lines.append(f"  - {md_link(e.get('title') or e['publisher'], e['url'])} — "
                         f"{md_escape(e['publisher'])}, {md_escape(e['stance'])}: "
                         f"“{md_escape(e['quote'])}”")
    if c.get("approval"):
        lines.append(f"- Approved by {md_escape(c['approval']['by'])} on "
                     f"{md_escape((c['approval']['at'] or '')[:10])}")
    if c.get("published_at"):
        lines.append(f"- Published {md_escape(c['published_at'][:10])}")
    return "\n".join(lines) + "\n"
