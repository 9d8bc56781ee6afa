"""Benchmark: ingest the BBC corpus end to end (detection, quantities, storage).

Usage: python benchmarks/bench_ingest.py [CSV] [--db URL] [--repeat N]

Runs the real command (``factcheck ingest``) in a subprocess against a fresh database
(a temporary SQLite file unless --db is given; a PostgreSQL URL should name an empty
database or schema) and prints wall-clock seconds, articles and claims. Also times
``factcheck --help`` (start-up).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT_CSV = Path(__file__).resolve().parents[2] / "shared" / "data" / "news" / "bbc-train.csv"


def factcheck(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run the installed command (``python -m factcheck``) and fail loudly."""
    return subprocess.run([sys.executable, "-m", "factcheck", *args], env=env, check=True,
                          capture_output=True, text=True)


def main() -> int:
    """Time ingest of the corpus and CLI start-up; print one line per measurement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", nargs="?", default=str(DEFAULT_CSV))
    parser.add_argument("--db", default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not Path(args.csv).exists():
        print(f"Error: {args.csv} not found; pass the corpus path", file=sys.stderr)
        return 1
    times = []
    for _ in range(args.repeat):
        tmp = tempfile.mkdtemp()
        env = {**os.environ, "FACTCHECK_DB": args.db or f"sqlite:///{tmp}/bench.db"}
        started = time.perf_counter()
        out = factcheck("ingest", args.csv, env=env)
        times.append(time.perf_counter() - started)
        info = json.loads(factcheck("db", "info", "--json", env=env).stdout)
        print(f"ingest: {times[-1]:.2f} s wall, {info['articles']} articles, "
              f"{info['sentences']} sentences, {info['claims']} claims, "
              f"{info['quantities']} quantities  [{out.stdout.strip().splitlines()[-1]}]")
        shutil.rmtree(tmp, ignore_errors=True)
        if args.db:
            break
    print(f"ingest best of {len(times)}: {min(times):.2f} s")
    start_times = []
    for _ in range(5):
        started = time.perf_counter()
        factcheck("--help", env=dict(os.environ))
        start_times.append(time.perf_counter() - started)
    print(f"start-up (factcheck --help): best {min(start_times) * 1000:.0f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
