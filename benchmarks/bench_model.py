"""Benchmark: check-worthiness scoring speed on one core (model load excluded).

Usage: python benchmarks/bench_model.py [--repeat N] [--version claimbuster-vN | --file PATH]

Scores the ClaimBuster training sentences and the BBC corpus's sentences with a shipped
model (default: the newest), each pass on a fresh model object (cold per-word cache) and
then again (warm), and prints sentences per second (best of N).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> int:
    """Print cold and warm sentences/s for each corpus."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    from factcheck.checkworthy.model import BUILTIN_VERSIONS, CheckworthyModel, builtin_path

    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--version", choices=BUILTIN_VERSIONS, default=BUILTIN_VERSIONS[-1])
    parser.add_argument("--file", type=Path, help="a model file (from model train --output)")
    args = parser.parse_args()
    from factcheck.ingest import iter_sources
    from factcheck.ingest.segment import split_sentences

    corpora = {}
    cb = SHARED / "claimbuster" / "train.json"
    if cb.exists():
        corpora["claimbuster"] = [x["text"] for x in json.loads(cb.read_text())]
    bbc = SHARED / "news" / "bbc-train.csv"
    if bbc.exists():
        corpora["bbc"] = [s.text for a in iter_sources([str(bbc)])
                          for s in split_sentences(a.text)]
    if not corpora:
        print("Error: no data under ../shared/data", file=sys.stderr)
        return 1
    started = time.perf_counter()
    blob = (args.file or builtin_path(args.version)).read_bytes()
    CheckworthyModel.from_bytes(blob)
    print(f"{args.file or args.version}: {len(blob) / 1e6:.1f} MB, "
          f"load {(time.perf_counter() - started) * 1000:.0f} ms")
    for name, texts in corpora.items():
        cold, warm = [], []
        for _ in range(args.repeat):
            model = CheckworthyModel.from_bytes(blob)
            t0 = time.perf_counter()
            model.score(texts)
            cold.append(len(texts) / (time.perf_counter() - t0))
            t0 = time.perf_counter()
            model.score(texts)
            warm.append(len(texts) / (time.perf_counter() - t0))
        print(f"{name}: {len(texts)} sentences, {max(cold):,.0f}/s cold cache, "
              f"{max(warm):,.0f}/s warm")
    return 0


if __name__ == "__main__":
    sys.exit(main())
