"""CheckThat! 2020 Task 2 (English) as the matching benchmarks read it, with cached
embeddings (shared by eval_matching.py and bench_matching.py; nothing here ships).

The data stay in ``../shared/data/claim-matching`` (or ``FACTCHECK_CLAIM_MATCHING``);
embeddings are cached under ``FACTCHECK_CACHE`` (default ``~/.cache/factcheck``), keyed by
the texts and the encoder, because encoding the 10,375 fact-checks takes about a minute.
"""

from __future__ import annotations

import csv
import hashlib
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(os.environ.get("FACTCHECK_CLAIM_MATCHING")
            or ROOT.parent / "shared" / "data" / "claim-matching")


def data_dir() -> Path:
    """The data folder, or exit with a clear reason when it is absent."""
    if not (DATA / "verified-claims.tsv").exists():
        sys.exit(f"CheckThat! 2020 claim-matching data not found at {DATA} "
                 "(set FACTCHECK_CLAIM_MATCHING)")
    return DATA


def _rows(path: Path) -> list[list[str]]:
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t")
        next(reader)
        return [row for row in reader if row]


def fact_checks() -> list[tuple[str, str, str]]:
    """(id, vclaim, title) for every verified claim."""
    return [(r[0], r[1], r[2] if len(r) > 2 else "")
            for r in _rows(data_dir() / "verified-claims.tsv")]


def queries(split: str) -> list[tuple[str, str]]:
    """(id, tweet text) of the ``train`` or ``dev`` tweets."""
    return [(r[0], r[1]) for r in _rows(data_dir() / f"{split}-queries.tsv")]


def qrels(split: str) -> dict[str, set[str]]:
    """Each tweet id's relevant fact-check ids."""
    out: dict[str, set[str]] = {}
    for line in (data_dir() / f"{split}.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[3] != "0":
            out.setdefault(parts[0], set()).add(parts[2])
    return out


PROBE = ["The Kinzhal can reach speeds of over 7,600 mph.", "Café owners protested, 2 March."]


def cached_embeddings(texts: list[str], label: str):
    """The encoder's vectors for ``texts``, from the cache when the same texts were encoded
    before by an encoder that gives the same vectors (keyed by its output on a probe)."""
    import numpy as np

    from factcheck.matching import encoder as enc_module

    probe = np.round(enc_module.get_encoder().encode(PROBE), 6).tobytes()
    key = hashlib.sha256(probe + "\x00".join(texts).encode("utf-8")).hexdigest()[:20]
    folder = Path(os.environ.get("FACTCHECK_CACHE") or Path.home() / ".cache" / "factcheck")
    path = folder / "matching" / f"{label}-{key}.npy"
    if path.exists():
        return np.load(path)
    vectors = enc_module.get_encoder().encode(texts)
    path.parent.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return vectors
