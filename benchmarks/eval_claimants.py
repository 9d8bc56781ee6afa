"""Evaluate claimant attribution on the hand-labelled BBC development sets.

Usage: python benchmarks/eval_claimants.py [--devset PATH] [--csv PATH] [--part all|tune|held]
                                           [--show-failures]

Without ``--devset`` every set in ``tests/devsets`` is read (see ``DEVSETS``): the first set
(all, tuning part, held-back part), the second set (an independent held-out set labelled by
someone else: its totals only, never its items), the third (labelled for tuning by the helper
who wrote the rules of issue 12) and the fourth (labelled by that helper as a check: totals
only). ``--devset PATH`` reads one file as the first set is read. ``--show-failures`` prints
the wrong items of the tuning parts only.

Each dev item names a row of ``bbc-train.csv`` (0-based, csv.DictReader order), a sentence
(an exact substring of the row's text) and its gold claimant. The row is read as ``factcheck
ingest`` reads it (``read_file`` on the CSV, so a ``RawArticle`` with the row's metadata) and
goes through ``prepare_article`` with threshold 0, so every sentence becomes a claim and the
attribution is judged whether or not the sentence scored as check-worthy. The gold sentence is
found by its offset in the stored text; the tool's claim that overlaps it most is compared.

Scoring rule (one item is right when):
- the gold kind is ``outlet`` and the tool says outlet (``claimant_kind == "outlet"``, or, for
  code older than ``claimant_kind``, its claimant is the outlet/author/"the article"
  fallback); or
- the gold kind is person or organisation and the tool's claimant equals the gold claimant or
  one of its aliases after normalising both: case-folded, a leading "the" removed, honorifics
  and ranks removed (Mr, Mrs, Ms, Miss, Dr, Prof, Sir, Dame, Lord, Lady, Rev, Gen, Adm, Lt,
  Col, Maj, Capt, Sgt, Sen, Rep, Gov, with or without a full stop), a trailing possessive
  's removed, white space collapsed. The tool's kind is not part of this rule; kind accuracy
  is reported on its own line.

Held-back part of the first set: rows whose index is divisible by 5 (22 rows, 65 items) were
not looked at while the rules were written; ``--part tune`` / ``--part held`` report each half.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# labels only: each item's sentence is the row's text[start:end] (the BBC text is never
# committed here; it is read from ../shared)
DEFAULT_DEVSET = ROOT / "tests" / "devsets" / "claimants-bbc.labels.jsonl"
# (name, labels, role): "split" is tuned on except rows divisible by 5, "held" is never looked
# at item by item (totals only), "tune" is looked at freely, "check" is measured, not tuned on
DEVSETS = (
    ("bbc-1", DEFAULT_DEVSET, "split"),
    ("bbc-2", ROOT / "tests" / "devsets" / "claimants-bbc-2.labels.jsonl", "held"),
    ("bbc-3", ROOT / "tests" / "devsets" / "claimants-bbc-3.labels.jsonl", "tune"),
    ("bbc-4", ROOT / "tests" / "devsets" / "claimants-bbc-4.labels.jsonl", "check"),
)
DEFAULT_CSV = ROOT.parent / "shared" / "data" / "news" / "bbc-train.csv"
HONORIFICS = ("mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "rev",
              "gen", "adm", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov")
_HONORIFIC_RE = re.compile(rf"\b(?:{'|'.join(HONORIFICS)})\b\.?\s*")
FALLBACKS = ("the article",)


def normalise(name: str) -> str:
    """The form two claimant names are compared in (see the module docstring)."""
    s = name.casefold().strip()
    s = re.sub(r"^the\s+", "", s)
    s = _HONORIFIC_RE.sub("", s)
    s = re.sub(r"['’]s$", "", s.strip())
    return re.sub(r"\s+", " ", s).strip(" .,")


def is_held_back(row: int) -> bool:
    """Rows kept out of rule writing (about a quarter of the set)."""
    return row % 5 == 0


def tool_kind(claim, fallback: str) -> str:
    """The claim's claimant kind; code older than ``claimant_kind`` is read by its text."""
    kind = getattr(claim, "claimant_kind", None)
    if kind is not None:
        return kind
    return "outlet" if claim.claimant in (fallback, *FALLBACKS) else "named"


def judge(item: dict, claimant: str, kind: str) -> bool:
    """Whether the tool's answer is right for one dev item (the module's scoring rule)."""
    if item["kind"] == "outlet":
        return kind == "outlet"
    if kind == "outlet":
        return False
    golds = {normalise(g) for g in [item["claimant"], *item.get("aliases", [])]}
    return normalise(claimant) in golds


def read_items(path: Path) -> list[dict]:
    """The labelled items of one dev set (JSON lines)."""
    return [json.loads(line) for line in Path(path).read_text("utf-8").splitlines()
            if line.strip()]


def evaluate(items: list[dict], csv_path: Path, rows: list | None = None) -> list[dict]:
    """Run ingest's preparation on every item's row; return one result per item. ``rows``
    may pass the corpus already read."""
    from factcheck.ingest.pipeline import prepare_article
    from factcheck.ingest.readers import read_file

    rows = rows if rows is not None else list(read_file(csv_path))
    prepared: dict[int, object] = {}
    results = []
    for item in items:
        raw = rows[item["row"]]
        if item["row"] not in prepared:
            prepared[item["row"]] = prepare_article(raw, threshold=0.0)
        article = prepared[item["row"]]
        start, end = item["start"], item["end"]
        if article.text[start:end] != raw.text[start:end]:
            raise SystemExit(f"row {item['row']}: the stored text does not keep the row's "
                             "offsets")
        item = {**item, "sentence": article.text[start:end]}
        best = max(article.claims,
                   key=lambda c: min(end, c.end) - max(start, c.start))
        fallback = article.outlet or article.author or "the article"
        kind = tool_kind(best, fallback)
        results.append({**item, "got": best.claimant, "got_kind": kind,
                        "right": judge(item, best.claimant, kind),
                        "kind_right": kind == item["kind"]})
    return results


def report(results: list[dict], label: str) -> None:
    """Print accuracy overall and by gold kind."""
    total = Counter(r["kind"] for r in results)
    right = Counter(r["kind"] for r in results if r["right"])
    n = len(results)
    ok = sum(right.values())
    by_kind = "  ".join(f"{k} {right[k]}/{total[k]} ({right[k] / total[k]:.2f})"
                        for k in ("person", "organisation", "outlet") if total[k])
    kinds = sum(r["kind_right"] for r in results)
    print(f"{label}: claimant right {ok}/{n} = {ok / n:.3f}  [{by_kind}]  "
          f"kind right {kinds}/{n} = {kinds / n:.3f}")


def main() -> int:
    """Evaluate and print accuracy (overall, per kind; all, tuning and held-back parts)."""
    from factcheck.ingest.readers import read_file

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", default=None,
                        help="one labels file, read as the first set is (default: all sets)")
    parser.add_argument("--csv", default=str(DEFAULT_CSV))
    parser.add_argument("--part", choices=("all", "tune", "held"), default="all")
    parser.add_argument("--show-failures", action="store_true",
                        help="print the wrong items of the tuning parts (never a held part)")
    args = parser.parse_args()
    if not Path(args.csv).exists():
        print(f"Error: {args.csv} not found; pass --csv PATH", file=sys.stderr)
        return 1
    sets = [("devset", Path(args.devset), "split")] if args.devset else \
        [s for s in DEVSETS if s[1].exists()]
    rows = list(read_file(Path(args.csv)))
    combined = []
    for name, path, role in sets:
        results = evaluate(read_items(path), Path(args.csv), rows)
        tune = [r for r in results if role == "tune" or
                (role == "split" and not is_held_back(r["row"]))]
        held = [r for r in results if role in ("held", "check") or
                (role == "split" and is_held_back(r["row"]))]
        if role == "split":
            if args.part == "all":
                report(results, f"{name} all ")
            if args.part in ("all", "tune"):
                report(tune, f"{name} tune")
            if args.part in ("all", "held"):
                report(held, f"{name} held")
        elif args.part == "all" or args.part == ("tune" if role == "tune" else "held"):
            report(results, f"{name} {role}")
        if role in ("split", "held"):
            combined += results
        if args.show_failures:
            for r in tune:
                if not r["right"]:
                    print(f"- {name} row {r['row']}: gold {r['kind']} {r['claimant']!r}, got "
                          f"{r['got_kind']} {r['got']!r}\n    {r['sentence'][:160]}\n"
                          f"    why: {r['why']}")
    if not args.devset and args.part == "all" and len(combined) > 0:
        report(combined, "bbc-1 + bbc-2")
    return 0


if __name__ == "__main__":
    sys.exit(main())
