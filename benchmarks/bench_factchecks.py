"""Benchmark: 10,000 fact-checks imported, embedded and matched against.

Usage: python benchmarks/bench_factchecks.py [--queries N]

Imports the CheckThat! 2020 Snopes fact-checks (10,375, from ../shared, as a TSV with
id/claim/title columns) into a fresh SQLite ledger with ``factchecks import --no-embed``
(the rows) and times it; then the embeddings (``match --pending``); then, in one process,
``match_text`` for N dev tweets: the first query (the index built from the database and the
encoder loaded) and the rest (each query's own time, encoding included), and the command
``factcheck match`` end to end.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "claim-matching"


def main() -> None:
    """Print the import, embedding and query times."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=100)
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"{DATA} is absent (the shared data sets sit beside the checkout)")
    tmp = Path(tempfile.mkdtemp())
    tsv = tmp / "snopes.tsv"
    with open(DATA / "verified-claims.tsv", encoding="utf-8", newline="") as f, \
            open(tsv, "w", encoding="utf-8", newline="") as out:
        rows = list(csv.reader(f, delimiter="\t"))[1:]
        w = csv.writer(out, delimiter="\t")
        w.writerow(["id", "claim", "title"])
        w.writerows([r[0], r[1], r[2]] for r in rows)
    db = f"sqlite:///{tmp / 'fc.db'}"
    env = {**os.environ, "FACTCHECK_DB": db}

    def cli(*a: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "factcheck", *a], env=env, check=True,
                       capture_output=True, cwd=ROOT)
        return time.perf_counter() - started

    print(f"factchecks import of {len(rows)} (rows, figures): "
          f"{cli('factchecks', 'import', str(tsv), '--no-embed'):.1f} s")
    print(f"their embeddings (match --pending): {cli('match', '--pending'):.1f} s")
    with open(DATA / "dev-queries.tsv", encoding="utf-8", newline="") as f:
        tweets = [r[1] for r in list(csv.reader(f, delimiter="\t"))[1:]][:args.queries]
    os.environ["FACTCHECK_DB"] = db
    from factcheck.services.matching import match_text
    from factcheck.storage.db import get_engine, session_scope

    engine = get_engine(db)
    times = []
    with session_scope(engine) as session:
        for tweet in tweets:
            started = time.perf_counter()
            match_text(session=session, text=tweet, limit=5)
            times.append(time.perf_counter() - started)
    print(f"match_text, first query (index from the database, encoder loaded): "
          f"{times[0] * 1000:.0f} ms")
    rest = times[1:]
    print(f"match_text, each later query ({len(rest)} dev tweets, encoding included): median "
          f"{statistics.median(rest) * 1000:.1f} ms, 90th percentile "
          f"{sorted(rest)[int(len(rest) * 0.9)] * 1000:.1f} ms")
    print(f"'factcheck match TEXT' end to end: {cli('match', tweets[0]):.2f} s")


if __name__ == "__main__":
    main()
