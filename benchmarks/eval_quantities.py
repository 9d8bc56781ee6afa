"""Evaluate quantity extraction on ../shared/data/quantities (value F1, value+unit F1) and,
with --dev, on the hand-labelled BBC dev set in tests/devsets (value, value+qualifier and
value+unit F1; its sentences are read from ../shared/data/news/bbc-train.csv).

Usage: python benchmarks/eval_quantities.py [DATA_DIR] [--dev] [--show-errors]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from factcheck.quantities.evaluation import _match, load_devset, match_dev, score_devset, score_file
from factcheck.quantities.extract import extract_quantities

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "quantities"
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc-train.csv"
DEVSETS = ROOT / "tests" / "devsets"


def main(argv: list[str]) -> int:
    """Print a table of scores per data set; with --show-errors, the sentences missed."""
    show = "--show-errors" in argv
    args = [a for a in argv if not a.startswith("--")]
    if "--dev" in argv:
        return dev(show)
    data_dir = Path(args[0]) if args else DEFAULT_DIR
    if not data_dir.is_dir():
        print(f"Error: no data at {data_dir}; pass the quantities folder", file=sys.stderr)
        return 1
    print(f"{'set':<12} {'gold':>5} {'pred':>5} {'value P/R/F1':>20} {'value+unit P/R/F1':>20}")
    for path in sorted(data_dir.glob("*.json")):
        s = score_file(path).as_dict()
        print(f"{path.stem.replace('-model', ''):<12} {s['gold']:>5} {s['predicted']:>5} "
              f"{s['value_precision']:>6.3f}/{s['value_recall']:.3f}/{s['value_f1']:.3f} "
              f"{s['unit_precision']:>6.3f}/{s['unit_recall']:.3f}/{s['value_unit_f1']:.3f}")
        if show:
            for item in json.loads(path.read_text(encoding="utf-8")):
                preds = extract_quantities(item["text"])
                gold = item["quantities"]
                if _match(preds, gold, with_unit=True) != len(gold) or len(preds) != len(gold):
                    print("   ", repr(item["text"][:120]))
                    print("      gold:", [(g["value"], g["normalized_unit"]) for g in gold])
                    print("      pred:", [(p.value, p.high, p.unit) for p in preds])
    return 0


def dev(show: bool) -> int:
    """Scores on the BBC dev set, alone and with its sentences that hold no quantity."""
    if not CORPUS.exists():
        print(f"Error: no corpus at {CORPUS}; the dev set's sentences are read from it",
              file=sys.stderr)
        return 1
    main_set = load_devset(DEVSETS / "quantities-bbc.labels.jsonl", CORPUS)
    negatives = load_devset(DEVSETS / "quantities-bbc.negatives-extra.labels.jsonl", CORPUS)
    print(f"{'set':<14} {'gold':>5} {'pred':>5} {'value P/R/F1':>20} {'+qualifier F1':>14} "
          f"{'+unit F1':>9}")
    for name, items in (("bbc-dev", main_set), ("bbc-dev+neg", main_set + negatives)):
        s = score_devset(items).as_dict()
        print(f"{name:<14} {s['gold']:>5} {s['predicted']:>5} "
              f"{s['value_precision']:>6.3f}/{s['value_recall']:.3f}/{s['value_f1']:.3f} "
              f"{s['value_qualifier_f1']:>14.3f} {s['value_unit_f1']:>9.3f}")
    if show:
        for item in main_set + negatives:
            preds = extract_quantities(item["sentence"])
            gold = item["quantities"]
            if match_dev(preds, gold, with_qualifier=True, with_unit=True) != len(gold) or \
                    len(preds) != len(gold):
                print("   ", repr(item["sentence"][:160]))
                print("      gold:", [(g["value"], g["high"], g["unit"], g["qualifier"])
                                      for g in gold])
                print("      pred:", [(p.value, p.high, p.unit, p.qualifier) for p in preds])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
