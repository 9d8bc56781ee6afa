"""Markdown report for editors: per article, a summary line and every claim."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TextIO

from factcheck.export.common import current_evidence, quantity_text, summary_line


def md_escape(text: str) -> str:
    """Neutralise HTML in Markdown (renderers may pass raw HTML through)."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def _link_text(text: str) -> str:
    return md_escape(text).replace("[", "\\[").replace("]", "\\]")


def write_markdown(bundles: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the report; return the number of claims written."""
    total = 0
    out.write("# Fact-check report\n")
    for b in bundles:
        a, claims = b["article"], b["claims"]
        total += len(claims)
        out.write(f"\n## {md_escape(a['title'])}\n\n")
        meta = [md_escape(a[k]) for k in ("outlet", "published") if a.get(k)]
        if a.get("url"):
            meta.append(f"<{md_escape(a['url'])}>")
        if meta:
            out.write(" · ".join(meta) + "\n\n")
        out.write(f"**{summary_line(claims)}**\n")
        for c in claims:
            out.write(_claim(c))
    return total


def _claim(c: dict[str, Any]) -> str:
    head = f"\n### Claim {c['id']} — {c['status']}"
    if c.get("rating"):
        head += f" · {c['rating']}"
    lines = [head, "", "> " + md_escape(c["quote"]).replace("\n", "\n> "), ""]
    if c["text"] != c["quote"]:
        lines.append(f"- Claim: {md_escape(c['text'])}")
    lines.append(f"- Claimant: {md_escape(c['claimant'] or 'unknown')}")
    if c["quantities"]:
        lines.append("- Quantities: " + "; ".join(md_escape(quantity_text(q))
                                                  for q in c["quantities"]))
    if c.get("rating"):
        lines.append(f"- Rating: **{c['rating']}** — {md_escape(c['summary'] or '')}")
    for v in c.get("verdicts", []):
        if v.get("correction_note") and v["superseded_at"] is None:
            lines.append(f"- Correction: {md_escape(v['correction_note'])}")
    evidence = current_evidence(c)
    if evidence:
        lines.append("- Evidence:")
        for e in evidence:
            label = _link_text(e.get("title") or e["publisher"])
            lines.append(f"  - [{label}]({e['url'].replace(')', '%29')}) — "
                         f"{md_escape(e['publisher'])}, {e['stance']}: "
                         f"“{md_escape(e['quote'])}”")
    if c.get("approval"):
        lines.append(f"- Approved by {md_escape(c['approval']['by'])} on "
                     f"{(c['approval']['at'] or '')[:10]}")
    if c.get("published_at"):
        lines.append(f"- Published {c['published_at'][:10]}")
    return "\n".join(lines) + "\n"
