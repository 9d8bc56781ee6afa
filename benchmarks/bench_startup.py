"""Benchmark: how long short commands take from start to exit (start-up dominates them).

Usage: python benchmarks/bench_startup.py [--repeat N] [--factcheck PATH ...]

Ingests the sample article into a fresh temporary ledger, then times ``factcheck --help``,
``factcheck claims list`` and ``factcheck claims list --json`` as separate processes,
best and median of N runs. Give several ``--factcheck`` executables (e.g. an older
checkout's venv) to compare them, measured alternately so a busy machine affects all
alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "claims" / "kim-russia-arsenal-2023-11-12.txt"
COMMANDS = (["--help"], ["claims", "list"], ["claims", "list", "--json"])


def main() -> None:
    """Time each command for each executable, alternating, and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--factcheck", action="append", default=None,
                        help="factcheck executable(s) to time (default: the one on PATH)")
    args = parser.parse_args()
    exes = args.factcheck or [shutil.which("factcheck") or "factcheck"]
    times: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        homes = {}
        for i, exe in enumerate(exes):
            home = Path(tmp) / f"home{i}"
            env = {**os.environ, "FACTCHECK_HOME": str(home)}
            env.pop("FACTCHECK_DB", None)
            subprocess.run([exe, "ingest", str(SAMPLE)], env=env, check=True,
                           capture_output=True)
            homes[exe] = env
        for _ in range(args.repeat):
            for cmd in COMMANDS:
                for exe in exes:
                    started = time.perf_counter()
                    subprocess.run([exe, *cmd], env=homes[exe], check=True,
                                   capture_output=True)
                    times.setdefault((exe, " ".join(cmd)), []).append(
                        time.perf_counter() - started)
    print(f"{'command':<24} {'executable':<40} {'best s':>7} {'median s':>9}")
    for (exe, cmd), ts in times.items():
        print(f"{cmd:<24} {exe[-40:]:<40} {min(ts):7.3f} {statistics.median(ts):9.3f}")


if __name__ == "__main__":
    main()
