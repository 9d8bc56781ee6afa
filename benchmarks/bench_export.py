"""Benchmark: export 100,000 synthetic claims in every format; time and peak memory.

Usage: python benchmarks/bench_export.py [--claims N] [--per-article K] [--db URL]

Builds a synthetic ledger (made-up articles, each claim with one quantity, one in ten
published with a verdict and evidence) in a fresh SQLite file unless --db names an empty
database, then runs ``factcheck export`` for each format in a subprocess and reports wall
time, output size and the subprocess's peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# runs the CLI in-process, then reports that process's own peak resident memory (KiB)
MEASURE = """
import resource, sys
from factcheck.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("peak_rss_kib", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
"""


def build_ledger(url: str, n_claims: int, per_article: int) -> None:
    """Fill the database with synthetic articles and claims (bulk Core inserts)."""
    import datetime as dt

    from sqlalchemy import insert

    from factcheck.ingest.pipeline import PreparedArticle, PreparedClaim, PreparedSentence
    from factcheck.quantities import extract_quantities
    from factcheck.storage.bulk import insert_article_rows
    from factcheck.storage.db import get_engine
    from factcheck.storage.models import Claim, Evidence, Verdict, utcnow

    engine = get_engine(url)
    sentence = "Synthetic fixture claim {i}: the agency spent over $4{i} million in 2024. "
    made = 0
    article = 0
    while made < n_claims:
        k = min(per_article, n_claims - made)
        parts, sentences, claims, pos = [], [], [], 0
        for j in range(k):
            s = sentence.format(i=made + j)
            text = s.strip()
            sentences.append(PreparedSentence(pos, pos + len(text), 0.8))
            claims.append(PreparedClaim(text, pos, pos + len(text), 0.8, "quantity",
                                        "Fixture Agency (made up)", j,
                                        extract_quantities(text, pos)))
            parts.append(s)
            pos += len(s)
        body = "".join(parts)
        prepared = PreparedArticle(body, __import__("hashlib").sha256(body.encode()).hexdigest(),
                                   f"Synthetic article {article}",
                                   f"https://example.org/fixture/{article}", None, None,
                                   dt.date(2024, 1, 1), f"synthetic-{article}", sentences, claims)
        with engine.begin() as conn:
            aid, _ = insert_article_rows(conn, prepared)
            ids = [r[0] for r in conn.exec_driver_sql(
                f"SELECT id FROM claim WHERE article_id = {aid} ORDER BY id")]
            now = utcnow()
            published = ids[::10]
            if published:
                conn.execute(insert(Verdict.__table__), [
                    {"claim_id": c, "rating": "mostly-true", "summary": "Synthetic summary.",
                     "author": "fixture-a", "created_at": now, "published_at": now}
                    for c in published])
                conn.execute(insert(Evidence.__table__), [
                    {"claim_id": c, "url": f"https://example.org/fixture/{c}",
                     "publisher": "Fixture (made up)", "quote": "Synthetic evidence.",
                     "stance": "supports", "added_by": "fixture-a", "added_at": now}
                    for c in published])
                conn.execute(Claim.__table__.update().where(Claim.__table__.c.id.in_(published))
                             .values(status="published", published_at=now,
                                     approved_by="fixture-b", approved_at=now))
        made += k
        article += 1
    engine.dispose()


def main() -> int:
    """Build the ledger, then time each export format."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--per-article", type=int, default=100)
    parser.add_argument("--db", default=None)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    url = args.db or f"sqlite:///{tmp / 'bench.db'}"
    started = time.perf_counter()
    build_ledger(url, args.claims, args.per_article)
    print(f"built {args.claims} claims in {time.perf_counter() - started:.1f} s")
    env = {**os.environ, "FACTCHECK_DB": url}
    subprocess.run([sys.executable, "-m", "factcheck", "config", "set", "desk.name",
                    "Fixture Checks (made up)"], env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "factcheck", "config", "set", "desk.url",
                    "https://checks.example.org"], env=env, check=True, capture_output=True)
    for fmt in ("json", "csv", "markdown", "html", "claimreview"):
        out = tmp / f"export.{fmt}"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", MEASURE, "export", "--format", fmt,
                               "--output", str(out)], env=env, capture_output=True, text=True)
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            print(f"{fmt}: failed: {proc.stderr.strip()[:200]}")
            continue
        peak_kb = int(proc.stderr.strip().splitlines()[-1].split()[-1])
        print(f"{fmt:<12} {wall:6.1f} s  {out.stat().st_size / 1e6:7.1f} MB  "
              f"peak RSS {peak_kb / 1024:6.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
