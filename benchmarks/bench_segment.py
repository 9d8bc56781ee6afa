"""Benchmark the sentence splitter: accuracy on the dev set and golden rules, and speed.

Usage: python benchmarks/bench_segment.py [--repeat N] [--limit N] [--against FILE]
       [--no-speed] [--show-errors GENRE]

Accuracy: boundary precision/recall/F1 per genre on tests/fixtures/segment-dev.json (the
BBC part needs ../shared) and the pySBD golden rules passed, for ours and for whichever of
pysbd, syntok, sentencex and blingfire are installed (comparison only; none is a
dependency). ``--against FILE`` adds another version of segment.py (e.g. the one on main)
as "before". Speed: ours (and "before") against pysbd on the first --limit BBC articles,
then ours against "before" on the whole corpus; the splitters run alternately in each of
--repeat rounds and the best round counts, since the machine is shared.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from factcheck.ingest.segment import split_sentences  # noqa: E402
from tests.segment_dev import (  # noqa: E402
    GOLDEN_RULES,
    golden_rules_passed,
    load_dev_set,
    score_splitter,
)

Starts = Callable[[str], list[int]]


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _from_strings(text: str, sentences: list[str]) -> list[int]:
    """Starts of ``sentences`` found in order in ``text`` (for splitters without offsets)."""
    starts, pos = [], 0
    for s in sentences:
        s = s.strip()
        if not s:
            continue
        i = text.find(s, pos)
        if i < 0:  # the splitter changed the text; fall back to the running position
            i = _skip_space(text, pos)
        starts.append(i)
        pos = i + len(s)
    return starts


def splitters(against: Path | None) -> dict[str, Starts]:
    """Every splitter to compare, by name: a function from text to sentence starts."""
    found: dict[str, Starts] = {"ours": lambda t: [s.start for s in split_sentences(t)]}
    if against:
        spec = importlib.util.spec_from_file_location("segment_before", against)
        module = importlib.util.module_from_spec(spec)
        sys.modules["segment_before"] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
        found["before"] = lambda t: [s.start for s in module.split_sentences(t)]
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        found["pysbd"] = lambda t: [_skip_space(t, s.start) for s in seg.segment(t)]
    except ImportError:
        pass
    try:
        from syntok import segmenter

        found["syntok"] = lambda t: [s[0].offset for p in segmenter.analyze(t) for s in p]
    except ImportError:
        pass
    try:
        from sentencex import segment

        found["sentencex"] = lambda t: _from_strings(t, list(segment("en", t)))
    except ImportError:
        pass
    try:
        import blingfire

        found["blingfire"] = lambda t: [a for a, _ in
                                        blingfire.text_to_sentences_and_offsets(t)[1]]
    except ImportError:
        pass
    return found


def texts_between(text: str, starts: list[int]) -> list[str]:
    """The sentences a list of starts cuts ``text`` into."""
    cuts = sorted(set(starts) | {0})
    return [text[a:b] for a, b in zip(cuts, [*cuts[1:], len(text)], strict=True)]


def report_accuracy(found: dict[str, Starts], show: str | None) -> None:
    """Print boundary P/R/F1 per genre and golden rules passed, one column per splitter."""
    docs, missing = load_dev_set(SHARED)
    for m in missing:
        print(f"(skipped: {m} is absent)")
    scores = {name: score_splitter(docs, f) for name, f in found.items()}
    genres = list(next(iter(scores.values())))
    gold = {g: 0 for g in genres}
    for d in docs:
        for key in (d.genre, f"all {d.part}", "all"):
            gold[key] += len(d.breaks)
    print(f"boundary F1 on the dev set ({len(docs)} documents, {gold['all']} boundaries)")
    print(f"{'genre':<12}{'gold':>6}" + "".join(f"{n:>11}" for n in found))
    for g in genres:
        print(f"{g:<12}{gold[g]:>6}" + "".join(f"{scores[n][g].f1:>11.3f}" for n in found))
    print(f"{'P/R (all)':<18}" + "".join(
        f"{scores[n]['all'].precision:.3f}/{scores[n]['all'].recall:.3f}".rjust(12)
        for n in found))
    rules_path = SHARED.joinpath(*GOLDEN_RULES)
    if rules_path.exists():
        rules = json.loads(rules_path.read_text(encoding="utf-8"))
        print(f"{'golden rules':<18}" + "".join(
            f"{len(golden_rules_passed(rules, lambda t, f=f: texts_between(t, f(t)))):>8}/"
            f"{len(rules)}" for f in found.values()))
    if show:
        ours = found["ours"]
        for d in docs:
            if d.genre != show:
                continue
            predicted = set(ours(d.text)) - {_skip_space(d.text, 0)}
            for i in sorted(predicted ^ d.breaks):
                kind = "extra" if i in predicted else "missed"
                print(f"  {d.id} {kind}: {d.text[max(0, i - 50):i]!r} | {d.text[i:i + 30]!r}")


def best_seconds(funcs: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Run each function once per round, alternating; the best time of each."""
    best = {name: float("inf") for name in funcs}
    for _ in range(repeat):
        for name, f in funcs.items():
            t0 = time.perf_counter()
            f()
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def report_speed(found: dict[str, Starts], repeat: int, limit: int) -> None:
    """Print ours (and before) against pysbd on some BBC articles, then on the corpus."""
    path = SHARED / "data" / "news" / "bbc-train.csv"
    if not path.exists():
        print(f"(speed skipped: {path} is absent)")
        return
    with path.open(encoding="utf-8", newline="") as f:
        articles = [r["text"] for r in csv.DictReader(f)]
    mine = {n: found[n] for n in ("ours", "before") if n in found}

    def run(f: Starts, texts: list[str]) -> Callable[[], object]:
        return lambda: [f(t) for t in texts]

    if "pysbd" in found:
        import pysbd

        # timed without char_span (its faster mode); the accuracy table needs the spans
        seg = pysbd.Segmenter(language="en", clean=False)
        some = articles[:limit]
        size = sum(map(len, some)) / 1e6
        t = best_seconds({**{n: run(f, some) for n, f in mine.items()},
                          "pysbd": run(seg.segment, some)}, repeat)
        print(f"speed on {len(some)} BBC articles ({size:.2f} M chars), best of {repeat}, "
              f"alternating:")
        for n in mine:
            print(f"  {n}: {t[n] * 1000:.0f} ms, {t['pysbd'] / t[n]:.0f}x pysbd "
                  f"({t['pysbd']:.1f} s)")
    t = best_seconds({n: run(f, articles) for n, f in mine.items()}, repeat)
    size = sum(map(len, articles)) / 1e6
    print(f"whole corpus, {len(articles)} articles ({size:.1f} M chars), best of {repeat}: "
          + ", ".join(f"{n} {t[n] * 1000:.0f} ms" for n in mine))


def main() -> int:
    """Print the accuracy table and the speed comparison."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=int, default=200, help="BBC articles for pysbd")
    parser.add_argument("--against", type=Path, help="another segment.py, shown as 'before'")
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--show-errors", metavar="GENRE", help="list our misses in GENRE")
    args = parser.parse_args()
    if args.against and not args.against.exists():
        print(f"Error: {args.against} not found; pass a segment.py file", file=sys.stderr)
        return 1
    found = splitters(args.against)
    report_accuracy(found, args.show_errors)
    if not args.no_speed:
        report_speed(found, args.repeat, args.limit)
    return 0


if __name__ == "__main__":
    sys.exit(main())
