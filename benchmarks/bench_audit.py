"""Benchmark: ``audit verify`` on a ledger of about 100,000 events.

Usage: python benchmarks/bench_audit.py [--events N] [--db URL] [--repeat R]

Builds the ledger in a temporary SQLite file (unless --db names an empty database):
ingests the BBC corpus from ../shared (one event per article), then reassigns claims
round-robin through the review service (one event each, every one recording the claim's
state) until N events exist. Then times ``factcheck audit verify`` as a separate process,
best of R, and prints the figures.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc-train.csv"


def build(url: str, events: int) -> tuple[int, float]:
    """Fill the ledger; return (events, seconds)."""
    from sqlmodel import select

    from factcheck.ingest import iter_sources
    from factcheck.services.ingest import ingest_raw
    from factcheck.services.review import assign
    from factcheck.storage.db import get_engine, session_scope
    from factcheck.storage.models import Claim, LedgerHead

    started = time.perf_counter()
    engine = get_engine(url, create_folder=True)
    ingest_raw(engine=engine, raws=list(iter_sources([str(CORPUS)])), actor="bench")
    with session_scope(engine) as s:
        claim_ids = list(s.exec(select(Claim.id).order_by(Claim.id)))
        have = s.get(LedgerHead, 1).last_event_id
    i = 0
    while have < events:
        with session_scope(engine) as s:
            for _ in range(min(5000, events - have)):
                cid = claim_ids[i % len(claim_ids)]
                assign(session=s, claim_id=cid, assignee=f"reviewer-{i % 7}", actor="bench")
                i += 1
                have += 1
        print(f"  {have} events", file=sys.stderr)
    return have, time.perf_counter() - started


def main() -> None:
    """Build the ledger, then time the audit."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not CORPUS.exists():
        sys.exit(f"{CORPUS} is absent (the shared data sets sit beside the checkout)")
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite:///{Path(tmp) / 'audit.db'}"
        n, seconds = build(url, args.events)
        print(f"built {n} events in {seconds:.0f} s")
        env = {**os.environ, "FACTCHECK_DB": url}
        times = []
        for _ in range(args.repeat):
            t = time.perf_counter()
            result = subprocess.run([sys.executable, "-m", "factcheck", "audit", "verify"],
                                    env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - t)
            print(result.stdout.strip() or result.stderr.strip())
        print(f"audit verify on {n} events: best {min(times):.2f} s, "
              f"runs {', '.join(f'{t:.2f}' for t in times)} s")


if __name__ == "__main__":
    main()
