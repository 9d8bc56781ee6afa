"""A self-contained HTML page for readers: each article with its claims highlighted in
place, a legend, a chart of claims by status, and the verdict shown on click or focus.

Everything from the ledger is escaped (``html.escape``; JSON embedded for the script has
``<``, ``>`` and ``&`` escaped), the page makes no external request, and a Content
Security Policy allows only this page's own script (by hash), so markup in an article
stays text.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html import escape
from typing import Any, TextIO

from factcheck.core.rules import is_http_url
from factcheck.core.vocabulary import RATINGS, STATUSES
from factcheck.export.common import count_by, head_line, inert_json, reported, summary_line

# a colour per status and per rating (a test checks every status and rating has one)
STATUS_COLOURS = {"new": "#e0e0e0", "triaged": "#bcd7f5", "dismissed": "#f2f2f2",
                  "rated": "#ffe08a", "approved": "#b8e6d3", "published": "#9fdf9f"}
RATING_COLOURS = {"true": "#1a7f37", "mostly-true": "#57a55a", "half-true": "#b58900",
                  "misleading": "#d97706", "mostly-false": "#d4533b", "false": "#b91c1c",
                  "unverifiable": "#6b7280"}

CSS = """
body{font:16px/1.55 system-ui,sans-serif;margin:0;color:#1f2328;background:#fafafa}
header.page{padding:1rem 2rem;background:#fff;border-bottom:1px solid #ddd}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(16rem,1fr);gap:1.5rem;
padding:1rem 2rem}
section.article{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem 1.5rem;
margin-bottom:1.5rem}
.text{white-space:pre-wrap}
mark.claim{background:var(--bg);border-bottom:3px solid var(--rating,#999);cursor:pointer;
padding:0 1px;border-radius:2px}
mark.claim:focus,mark.claim.active{outline:2px solid #0969da;outline-offset:1px}
aside#details{position:sticky;top:1rem;align-self:start;background:#fff;border:1px solid #ddd;
border-radius:6px;padding:1rem;min-height:6rem}
.legend span{display:inline-block;margin:0 .6rem .3rem 0;font-size:.85rem}
.legend i{display:inline-block;width:.9rem;height:.9rem;vertical-align:middle;
margin-right:.25rem;border-radius:2px}
.meta{color:#57606a;font-size:.9rem}
svg.chart text{font-size:11px;fill:#1f2328}
"""

SCRIPT = """
(function(){
  var data = {};
  document.querySelectorAll('script.claims-data').forEach(function(s){
    JSON.parse(s.textContent).forEach(function(c){ data[String(c.id)] = c; });
  });
  var panel = document.getElementById('details');
  function el(tag, text, cls){ var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls; return e; }
  function show(id){
    var c = data[String(id)]; if (!c) return;
    document.querySelectorAll('mark.claim.active').forEach(function(m){
      m.classList.remove('active'); });
    document.querySelectorAll('mark.claim[data-claim-id="' + c.id + '"]').forEach(
      function(m){ m.classList.add('active'); });
    panel.replaceChildren();
    panel.appendChild(el('h3', 'Claim ' + c.id));
    panel.appendChild(el('p', c.text));
    panel.appendChild(el('p', 'Status: ' + c.status + (c.rating ? ' · rating: ' + c.rating : ''),
                         'meta verdict'));
    if (c.claimant) panel.appendChild(el('p', 'Claimant: ' + c.claimant, 'meta'));
    if (c.summary) panel.appendChild(el('p', c.summary, 'summary'));
    if (c.evidence.length){
      panel.appendChild(el('h4', 'Evidence'));
      var ul = el('ul');
      c.evidence.forEach(function(e){
        var li = el('li'); var a = el('a', e.title || e.publisher);
        if (/^https?:\\/\\//i.test(e.url)) { a.href = e.url; a.rel = 'noopener noreferrer'; }
        li.appendChild(a);
        li.appendChild(el('span', ' — ' + e.publisher + ', ' + e.stance + ': “' + e.quote + '”'));
        ul.appendChild(li); });
      panel.appendChild(ul);
    }
    if (c.approval) panel.appendChild(el('p', 'Approved by ' + c.approval.by, 'meta'));
  }
  document.addEventListener('click', function(ev){
    var m = ev.target.closest ? ev.target.closest('mark.claim') : null;
    if (m) show(m.getAttribute('data-claim-id')); });
  document.addEventListener('focusin', function(ev){
    var m = ev.target.closest ? ev.target.closest('mark.claim') : null;
    if (m) show(m.getAttribute('data-claim-id')); });
  var hit = /^#claim-(\\d+)$/.exec(location.hash);
  if (hit){ var m = document.getElementById('claim-' + hit[1]);
    if (m){ m.focus(); show(hit[1]); } }
  document.body.setAttribute('data-ready', '1');
})();
"""


def _script_hash() -> str:
    digest = hashlib.sha256(SCRIPT.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def segments(text: str, claims: list[dict[str, Any]]) -> list[tuple[int, int, dict | None]]:
    """Cut ``text`` into plain and highlighted stretches; an overlapping claim is
    highlighted from where the previous one ends."""
    out: list[tuple[int, int, dict | None]] = []
    pos = 0
    for c in sorted(claims, key=lambda c: (c["start"], -c["end"], c["id"])):
        start, end = max(c["start"], pos), c["end"]
        if start >= end:
            continue
        if start > pos:
            out.append((pos, start, None))
        out.append((start, end, c))
        pos = end
    if pos < len(text):
        out.append((pos, len(text), None))
    return out


def write_html(bundles: Iterable[dict[str, Any]], out: TextIO, *, title: str,
               generated: str, ledger_head: dict[str, Any] | None = None) -> int:
    """Write the page; return the number of claims highlighted."""
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; script-src '{_script_hash()}'; "
           "img-src data:; base-uri 'none'; form-action 'none'")
    out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
              f"<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              f"<title>{escape(title)}</title>\n<style>{CSS}</style></head>\n<body>\n"
              f"<header class=\"page\"><h1>{escape(title)}</h1>"
              f"<p class=\"meta\">Generated {escape(generated)}</p>{_legend()}</header>\n"
              "<main><div class=\"articles\">\n")
    n = 0
    for b in bundles:
        n += len(b["claims"])
        out.write(_article(b))
    out.write("</div>\n<aside id=\"details\" aria-live=\"polite\"><p class=\"meta\">Select a "
              "highlighted claim to see its verdict and evidence.</p></aside></main>\n"
              f"<footer class=\"meta page\">{escape(head_line(ledger_head))}</footer>\n"
              f"<script>{SCRIPT}</script>\n</body></html>\n")
    return n


def _legend() -> str:
    statuses = "".join(f"<span><i style=\"background:{STATUS_COLOURS[s]}\"></i>{s}</span>"
                       for s in STATUSES)
    ratings = "".join(f"<span><i style=\"background:{c}\"></i>{r}</span>"
                      for r, c in ((r, RATING_COLOURS[r]) for r in RATINGS))
    return (f"<div class=\"legend\"><div>Fill: status — {statuses}</div>"
            f"<div>Underline: rating — {ratings}</div></div>")


def _chart(claims: list[dict[str, Any]]) -> str:
    counts = count_by(claims, "status")
    if not counts:
        return ""
    top = max(counts.values())
    bars, y = [], 0
    for status, n in counts.items():
        width = max(2, int(200 * n / top))
        bars.append(f"<text x=\"0\" y=\"{y + 12}\">{status}</text>"
                    f"<rect x=\"70\" y=\"{y + 2}\" width=\"{width}\" height=\"12\" "
                    f"fill=\"{STATUS_COLOURS[status]}\" stroke=\"#999\"/>"
                    f"<text x=\"{75 + width}\" y=\"{y + 12}\">{n}</text>")
        y += 16
    return (f"<svg class=\"chart\" role=\"img\" aria-label=\"claims by status\" width=\"320\" "
            f"height=\"{y}\">{''.join(bars)}</svg>")


def _article(b: dict[str, Any]) -> str:
    a, claims = b["article"], reported(b)
    text = a["text"]
    parts = []
    # every appearance located in this article, whichever article its claim was found in
    marks = [{"id": ap["claim_id"], "start": ap["start"], "end": ap["end"],
              "status": ap["status"], "rating": ap["rating"]}
             for ap in b.get("appearances", [])] if "appearances" in b else claims
    shown = {c["id"] for c in claims}
    for start, end, c in segments(text, marks):
        chunk = escape(text[start:end], quote=False)
        if c is None:
            parts.append(chunk)
            continue
        style = f"--bg:{STATUS_COLOURS.get(c['status'], '#eee')}"
        if c.get("rating"):
            style += f";--rating:{RATING_COLOURS.get(c['rating'], '#999')}"
        label = c["status"] + (f" · {c['rating']}" if c.get("rating") else "")
        cls = f"claim status-{c['status']}" + (f" rating-{c['rating']}" if c.get("rating")
                                                else "")
        anchor = f"claim-{c['id']}" if c["id"] in shown else f"claim-{c['id']}-{start}"
        shown.discard(c["id"])  # the first highlight of a claim is its anchor
        parts.append(f"<mark class=\"{escape(cls)}\" id=\"{anchor}\" "
                     f"data-claim-id=\"{c['id']}\" tabindex=\"0\" style=\"{escape(style)}\" "
                     f"title=\"{escape(label)}\">"
                     f"{chunk}</mark>")
    meta = " · ".join(escape(a[k]) for k in ("outlet", "published") if a.get(k))
    link = (f" · <a href=\"{escape(a['url'])}\" rel=\"noopener noreferrer\">source</a>"
            if is_http_url(a.get("url"))
            else "")
    foreign = [{"id": ap["claim_id"], "text": ap["text"], "status": ap["status"],
                "rating": ap["rating"], "summary": None, "claimant": ap["claimant"],
                "approval": None, "evidence": []}
               for ap in b.get("appearances", []) if ap["claim_id"] not in
               {c["id"] for c in claims}]
    data = [{"id": c["id"], "text": c["text"], "status": c["status"], "rating": c.get("rating"),
             "summary": c.get("summary"), "claimant": c.get("claimant"),
             "approval": c.get("approval"),
             "evidence": [{k: e.get(k) for k in ("url", "publisher", "title", "quote",
                                                  "stance")}
                          for e in c.get("evidence", []) if not e.get("removed_at")]}
            for c in claims] + foreign
    return (f"<section class=\"article\" id=\"article-{a['id']}\"><h2>{escape(a['title'])}"
            f"</h2><p class=\"meta\">{meta}{link}</p><p><strong>{escape(summary_line(claims))}"
            f"</strong></p>{_chart(claims)}<div class=\"text\">{''.join(parts)}</div>"
            f"<script type=\"application/json\" class=\"claims-data\">{inert_json(data)}"
            "</script></section>\n")
