"""Benchmark: factcheck at a million claims (about 100,000 articles) on SQLite.

Usage: python benchmarks/bench_scale.py [--claims N] [--db PATH] [--keep] [--repeat R]

1. Times the short commands on an empty ledger (each a separate process, best of R):
   ``claims list --limit 20``, ``search``, ``match``, ``stats``, with their peak memory.
2. Ingests the BBC corpus into an empty ledger and reports MB/s (text bytes / seconds).
3. Grows the ledger to N claims by ingesting variants of the BBC articles (every variant
   rewritten: numbers changed and a fifth of its words swapped for others of the corpus,
   seeded, so no sentence repeats word for word and matching sees ordinary news), in
   chunks the size of the corpus, reporting each chunk's MB/s and the process's peak
   memory.
4. Times the same commands on the full ledger and prints the ratios the issue sets
   (list 1.5x, search 1.5x, match 2x, stats 3x; ingest MB/s within 20 % of the corpus's).

The ledger is a temporary file (kept with --keep, or reused with --db PATH when it already
holds N claims). With ``--ingest-rounds R`` a reused ledger's ingest speed is measured by
a new variant of the corpus per round, ingested alternately into a fresh empty ledger and
into the full one (best of each; the full ledger keeps each round's claims).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc-train.csv"
COMMANDS = {
    "claims list --limit 20": ["claims", "list", "--limit", "20"],
    "search": ["search", "missiles", "--limit", "20"],
    "match": ["match", "The Kinzhal can reach speeds of over 7,600 mph", "--limit", "5"],
    "stats": ["stats", "--json"],
}
TARGETS = {"claims list --limit 20": 1.5, "search": 1.5, "match": 2.0, "stats": 3.0}


def run(db: str, args: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident memory (kB) of ``factcheck ARGS`` as a process (its
    own, from wait4; ingest's detection workers are its children and not counted)."""
    env = {**os.environ, "FACTCHECK_DB": db}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "factcheck", *args], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"factcheck {' '.join(args)} failed: {proc.stderr.read().decode()}")
    return seconds, usage.ru_maxrss


def time_commands(db: str, repeat: int) -> dict[str, tuple[float, int]]:
    """Best wall time and peak memory of each command."""
    out = {}
    for name, args in COMMANDS.items():
        runs = [run(db, args) for _ in range(repeat)]
        out[name] = (min(t for t, _ in runs), max(m for _, m in runs))
    return out


def corpus_rows() -> list[str]:
    """The BBC articles' texts."""
    csv.field_size_limit(1 << 30)
    with open(CORPUS, encoding="utf-8", newline="") as f:
        return [r["text"] for r in csv.DictReader(f)]


def variant(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """The article rewritten: every number changed, a fifth of its words swapped."""
    text = re.sub(r"\d", lambda m: str(rng.randrange(10)), text)
    words = text.split(" ")
    for i in range(len(words)):
        if rng.random() < 0.2 and words[i].isalpha():
            words[i] = rng.choice(vocabulary)
    return " ".join(words)


def ingest_chunk(db: str, texts: list[str], tmp: Path, name: str
                 ) -> tuple[float, float, int]:
    """Ingest texts as one corpus file through the CLI; (MB/s, seconds, peak kB)."""
    path = tmp / f"{name}.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for t in texts:
            f.write(json.dumps({"text": t}) + "\n")
    size = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    seconds, peak = run(db, ["ingest", str(path)])
    path.unlink()
    return size / seconds, seconds, peak


def claims_in(db: str) -> int:
    """How many claims the ledger holds."""
    env = {**os.environ, "FACTCHECK_DB": db}
    info = subprocess.run([sys.executable, "-m", "factcheck", "db", "info", "--json"], env=env,
                          check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(info.stdout)["claims"]


def main() -> None:
    """Build the ledger and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=1_000_000)
    parser.add_argument("--db", default=None, help="SQLite file to build (or reuse)")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--ingest-rounds", type=int, default=0,
                        help="alternate rounds of the same texts into an empty and the full "
                             "ledger")
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent (the shared data sets sit beside the checkout)")
    tmp = Path(tempfile.mkdtemp())
    empty = f"sqlite:///{tmp / 'empty.db'}"
    base = time_commands(empty, args.repeat)
    for name, (t, m) in base.items():
        print(f"empty ledger: {name}: {t:.2f} s, peak {m / 1024:.0f} MB", flush=True)
    rows = corpus_rows()
    mbps, seconds, _ = ingest_chunk(f"sqlite:///{tmp / 'bbc.db'}", rows, tmp, "bbc")
    print(f"BBC corpus into an empty ledger: {seconds:.1f} s, {mbps:.2f} MB/s", flush=True)
    db_path = Path(args.db) if args.db else tmp / "scale.db"
    db = f"sqlite:///{db_path}"
    rng = random.Random(20261125)
    vocabulary = sorted({w for t in rows[:200] for w in t.split() if w.isalpha()})
    chunk = 0
    have = claims_in(db) if db_path.exists() else 0
    rates = []
    while have < args.claims:
        texts = [variant(t, rng, vocabulary) for t in rows]
        rate, seconds, peak = ingest_chunk(db, texts, tmp, f"chunk{chunk}")
        have = claims_in(db)
        rates.append(rate)
        print(f"chunk {chunk}: {seconds:.1f} s, {rate:.2f} MB/s, ledger {have} claims, "
              f"peak memory {peak / 1024:.0f} MB", flush=True)
        chunk += 1
    full = time_commands(db, args.repeat)
    print(f"\nledger of {have} claims ({db_path.stat().st_size / 1e9:.2f} GB):")
    for name, (t, m) in full.items():
        ratio = t / base[name][0]
        print(f"  {name}: {t:.2f} s ({ratio:.2f}x empty; target {TARGETS[name]}x), peak "
              f"{m / 1024:.0f} MB")
    if args.ingest_rounds:
        into_empty, into_full = [], []
        for i in range(args.ingest_rounds):
            # texts the ledger has never seen (a reused ledger holds the seeded chunks)
            fresh_rng = random.Random(f"round {i} at {have}")
            texts = [variant(t, fresh_rng, vocabulary) for t in rows]
            fresh = tmp / f"round{i}.db"
            into_empty.append(ingest_chunk(f"sqlite:///{fresh}", texts, tmp, f"e{i}")[0])
            fresh.unlink()
            into_full.append(ingest_chunk(db, texts, tmp, f"f{i}")[0])
            print(f"  round {i}: empty {into_empty[-1]:.2f} MB/s, full {into_full[-1]:.2f} "
                  f"MB/s", flush=True)
        print(f"  ingest, best of {args.ingest_rounds}: {max(into_full):.2f} MB/s into the "
              f"full ledger, {max(into_empty):.2f} MB/s into an empty one "
              f"({max(into_full) / max(into_empty):.2f}x; target >= 0.8x)")
    if rates:
        print(f"  ingest at that size: {rates[-1]:.2f} MB/s ({rates[-1] / mbps:.2f}x the "
              f"corpus into an empty ledger; target >= 0.8x)")
    if not args.keep and not args.db:
        for f in tmp.iterdir():
            f.unlink()
        tmp.rmdir()
    else:
        print(f"ledger kept at {db_path}")


if __name__ == "__main__":
    main()
