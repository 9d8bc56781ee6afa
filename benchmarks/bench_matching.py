"""Claim matching speed: encoder load, encodings per second, one query against the 10,375
CheckThat! fact-checks, and the lexical screen over the BBC corpus's sentences.

    python benchmarks/bench_matching.py [--quick]

Timings are the best of several rounds, the compared settings measured alternately in
the same run (the machine is shared, so absolute numbers are noisy: compare within a run).
Fact-check embeddings come from matching_data's cache when eval_matching.py has filled it,
otherwise they are encoded here (about a minute or more).
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import matching_data as data  # noqa: E402

from factcheck.matching import Candidate, MatchIndex, figures_of, get_encoder  # noqa: E402

BBC = data.ROOT.parent / "shared" / "data" / "news" / "bbc-train.csv"
QUERY = "Russia's Kinzhal hypersonic missile can fly at more than 7,600 miles per hour."


def best_of(rounds: int, fn) -> float:
    """The fastest of ``rounds`` runs of ``fn``, in seconds."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def load_time() -> None:
    """Encoder load in a fresh process (import, safetensors read, weight layout)."""
    code = ("import time; t = time.perf_counter(); "
            "from factcheck.matching import get_encoder; get_encoder(); "
            "print(time.perf_counter() - t)")
    times = [float(subprocess.run([sys.executable, "-c", code], capture_output=True,
                                  text=True, check=True).stdout) for _ in range(3)]
    print(f"encoder load, fresh process (best of 3): {min(times) * 1000:.0f} ms")


def encoding_speed(texts: list[str], rounds: int) -> None:
    """Encodings per second by batch size and BLAS threads, settings alternated."""
    encoder = get_encoder()
    encoder.encode(texts[:16])
    settings = [(1, 1), (8, 1), (32, 1), (64, 1), (32, 2)]
    best = {s: float("inf") for s in settings}
    for _ in range(rounds):
        for batch, threads in settings:
            sample = texts[:64] if batch == 1 else texts
            start = time.perf_counter()
            encoder.encode(sample, batch_size=batch, threads=threads)
            best[(batch, threads)] = min(best[(batch, threads)],
                                         (time.perf_counter() - start) / len(sample))
    for (batch, threads), per_text in best.items():
        print(f"encode, batch {batch:3}, {threads} BLAS thread(s): "
              f"{1 / per_text:6.0f} texts/s")
    tokens = sum(len(encoder.tokenizer.encode(t, 256)) for t in texts) / len(texts)
    print(f"  (Snopes claims, {tokens:.0f} word pieces on average)")


def query_latency(facts, vectors, rounds: int) -> None:
    """One query against every fact-check, stored embeddings, encoding included."""
    encoder = get_encoder()
    start = time.perf_counter()
    index = MatchIndex((Candidate(f[0], f[1], f[2], embedding=vectors[i])
                        for i, f in enumerate(facts)), encoder=encoder)
    print(f"MatchIndex over {len(facts)} fact-checks with stored embeddings: built in "
          f"{time.perf_counter() - start:.2f} s")
    lexical = MatchIndex(Candidate(f[0], f[1], f[2]) for f in facts)
    queries = [QUERY] + [f[1] for f in facts[::997]][:9]
    for q in queries:  # the first search of each word fills the caches of postings
        index.search(q)
        lexical.search(q)
    parts = {
        "encode the query": lambda: [encoder.encode([q]) for q in queries],
        "BM25 over all": lambda: [index.lexical.scores(q) for q in queries],
        "search with encoder (all of it)": lambda: [index.search(q) for q in queries],
        "search without encoder": lambda: [lexical.search(q) for q in queries],
    }
    best = {k: float("inf") for k in parts}
    for _ in range(rounds):
        for name, fn in parts.items():
            best[name] = min(best[name], best_of(1, fn) / len(queries))
    for name, seconds in best.items():
        print(f"one query, {name}: {seconds * 1000:.1f} ms")


def ingest_screen(facts, rounds: int) -> None:
    """The ingest screen (``MatchIndex.screen``) of the BBC corpus's sentences against
    every fact-check: time per sentence and how many get a match, by ``max_postings``."""
    if not BBC.exists():
        print(f"(no BBC corpus at {BBC}: ingest screen skipped)")
        return
    csv.field_size_limit(1 << 30)
    with BBC.open(newline="", encoding="utf-8") as f:
        articles = [row[0] for row in csv.reader(f)][1:]
    # about as many as the claims ingest finds in the corpus (15,500)
    sentences = [s for a in articles for s in re.split(r"(?<=[.!?])\s+", a)
                 if len(s) > 40][:15500]
    index = MatchIndex(Candidate(f[0], f[1], f[2]) for f in facts)
    figures = [figures_of(s) for s in sentences]  # ingest has them already: not timed
    for s in sentences[:2000]:
        index.screen(s, figures=[], max_postings=None)
    caps = (None, 300, 100)
    best = dict.fromkeys(caps, float("inf"))
    matched = {}
    for _ in range(rounds):
        for cap in caps:
            start = time.perf_counter()
            found = [index.screen(s, figures=f, max_postings=cap)
                     for s, f in zip(sentences, figures, strict=True)]
            best[cap] = min(best[cap], time.perf_counter() - start)
            matched[cap] = sum(1 for m in found if m)
    for cap in caps:
        print(f"ingest screen of {len(sentences)} BBC sentences, max_postings={cap}: "
              f"{best[cap]:.2f} s ({best[cap] / len(sentences) * 1e6:.0f} us each); "
              f"{matched[cap]} get a match above the lexical threshold")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="one round each")
    args = parser.parse_args()
    rounds = 1 if args.quick else 3
    facts = data.fact_checks()
    load_time()
    encoding_speed([f[1] for f in facts[:256]], rounds)
    vectors = data.cached_embeddings([f[1] for f in facts], "vclaim")
    print(f"stored embeddings: {vectors.shape[1]} float32 = {vectors.shape[1] * 4} bytes "
          f"a claim; {len(facts)} fact-checks = {vectors.nbytes / 1e6:.1f} MB")
    query_latency(facts, vectors, rounds)
    ingest_screen(facts, rounds)


if __name__ == "__main__":
    main()
