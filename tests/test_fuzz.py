"""Seeded fuzzing of the two doors data comes in by: ``ingest`` and ``import``.

Every malformed input must end in exit 1 or 2 with one ``Error:`` line, no traceback, and
nothing written; an input that happens to be valid must leave a ledger that passes the
audit. The suite runs a CI-sized sample; ``FACTCHECK_FUZZ=N pytest tests/test_fuzz.py``
runs N cases of each kind (seeded, so a failure can be replayed).
"""

from __future__ import annotations

import copy
import json
import os
import random

import pytest

from tests.conftest import SAMPLE

CASES = int(os.environ.get("FACTCHECK_FUZZ") or 0)
N_INGEST = CASES or 40
N_IMPORT = CASES or 80
SEED = 20261125


def ok(result):
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def counts(cli) -> tuple[int, int]:
    """(articles, events) in the ledger: what 'nothing written' is checked against."""
    articles = len(json.loads(ok(cli("articles", "list", "--json")).stdout))
    head = json.loads(ok(cli("audit", "head", "--json")).stdout)
    return articles, head["events"]


def check_outcome(cli, result, before: tuple[int, int], what: str) -> str:
    """Refused in one line with nothing written, or accepted into a ledger that audits."""
    assert "Traceback" not in result.output, what
    if result.exit_code == 0:
        ok(cli("audit", "verify"))
        return "accepted"
    assert result.exit_code in (1, 2), (what, result.exit_code, result.output)
    assert result.stderr.startswith("Error: "), (what, result.stderr)
    assert result.stderr.count("\n") == 1, (what, result.stderr)
    assert "unexpected" not in result.stderr, (what, result.stderr)
    assert counts(cli) == before, what
    return "refused"


# --- ingest -----------------------------------------------------------------------------

def _ingest_inputs(rng: random.Random, n: int) -> list[tuple[str, bytes]]:
    good = SAMPLE.read_text(encoding="utf-8")
    makers = [
        lambda: ("random.txt", rng.randbytes(rng.randint(1, 4000))),
        lambda: ("cut.txt", good.encode("utf-8")[:rng.choice([
            i for i, b in enumerate(good.encode("utf-8")) if b >= 0xC0][:50]) + 1]),
        lambda: ("nul.txt", (good[:rng.randint(100, len(good))] + "\x00" + good[-50:]
                             ).encode("utf-8")),
        lambda: ("latin1.txt", ("Le ministre a déclaré " * rng.randint(1, 50)).encode(
            "latin-1")),
        lambda: ("broken.csv", b'text,category\n"The agency spent $5 billion, officials '
                               b'said,news\n"unclosed,' + rng.randbytes(20)),
        lambda: ("rows.jsonl", "\n".join(rng.choice(['[1, 2]', '"text"', "42", "null",
                                                      '{"text": 5}', '{"body": "x"}',
                                                      '{"text": "ok row"}'])
                                         for _ in range(rng.randint(1, 6))).encode()),
        lambda: ("empty.md", rng.choice([b"", b"\n\n  \n", b"---\ntitle: x\n---\n"])),
        lambda: ("pdf.txt", b"%PDF-1." + rng.randbytes(100)),
        lambda: ("date.md", f"---\ndate: {rng.choice(['2023-13-45', 'yesterday', '0000-00-00'])}"
                            f"\n---\nThe agency spent $5 billion.".encode()),
        lambda: ("url.md", f"---\nurl: {rng.choice(['javascript:x', 'data:,x', 'ftp://x'])}"
                           "\n---\nThe agency spent $5 billion.".encode()),
    ]
    return [rng.choice(makers)() for _ in range(n)]


def test_malformed_ingest_inputs_are_refused_in_one_line(cli, tmp_path):
    rng = random.Random(SEED)
    before = counts(cli)
    outcomes = {"accepted": 0, "refused": 0}
    for i, (name, data) in enumerate(_ingest_inputs(rng, N_INGEST)):
        path = tmp_path / f"{i}-{name}"
        path.write_bytes(data)
        outcome = check_outcome(cli, cli("ingest", str(path)), before, f"case {i} {name}")
        outcomes[outcome] += 1
        before = counts(cli)
    print(f"ingest fuzz, {N_INGEST} cases: {outcomes}")
    assert outcomes["refused"] >= N_INGEST * 0.8, outcomes


def test_a_long_line_without_full_stops_is_ingested(cli, tmp_path):
    rng = random.Random(SEED)
    words = ["officials", "said", "the", "agency", "spent", "$5", "billion", "Smith", "on",
             "projects", "and", "Mr", "Jones", "claimed"]
    path = tmp_path / "long.txt"
    path.write_text(" ".join(rng.choice(words) for _ in range(20_000)), encoding="utf-8")
    ok(cli("ingest", str(path)))
    ok(cli("audit", "verify"))


# --- import -----------------------------------------------------------------------------

MUTATIONS = [None, -1, 10**30, 1.5, "x", "bogus", "", "a\x00b", "\ud800",
             "javascript:alert(1)", [], {}, True, float("nan")]


def _leaves(node, path=()):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _leaves(v, (*path, i))
    yield path


def _mutate(doc, rng: random.Random):
    doc = copy.deepcopy(doc)
    paths = [p for p in _leaves(doc) if p]
    path = rng.choice(paths)
    parent = doc
    for part in path[:-1]:
        parent = parent[part]
    if rng.random() < 0.1 and isinstance(parent, dict):
        del parent[path[-1]]
        return doc, ("del", path)
    value = rng.choice(MUTATIONS)
    parent[path[-1]] = value
    return doc, (repr(value)[:20], path)


@pytest.fixture
def export_doc(cli) -> dict:
    """A complete v2 export of the sample with one claim reviewed to publication."""
    ok(cli("ingest", str(SAMPLE)))
    claims = json.loads(ok(cli("claims", "list", "--json")).stdout)
    cid = str(claims[0]["id"])
    ok(cli("review", "triage", cid, "--accept", "--as", "alice"))
    ok(cli("evidence", "add", cid, "--url", "https://example.org/made-up", "--publisher",
           "Fixture (made up)", "--quote", "q", "--stance", "supports", "--as", "alice"))
    ok(cli("review", "rate", cid, "--rating", "true", "--summary", "s", "--as", "alice"))
    ok(cli("review", "approve", cid, "--as", "bob"))
    return json.loads(ok(cli("export", "--format", "json")).stdout)


def test_mutated_exports_are_refused_or_audit_clean(cli, tmp_path, export_doc):
    rng = random.Random(SEED)
    before = counts(cli)
    outcomes = {"accepted": 0, "refused": 0}
    for i in range(N_IMPORT):
        doc, what = _mutate(export_doc, rng)
        path = tmp_path / f"m{i}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8",
                        errors="surrogatepass")
        outcome = check_outcome(cli, cli("import", str(path)), before, f"case {i} {what}")
        outcomes[outcome] += 1
        before = counts(cli)
    print(f"import fuzz, {N_IMPORT} cases: {outcomes}")
    assert outcomes["refused"] >= N_IMPORT * 0.6, outcomes


def test_mutated_exports_into_an_empty_ledger(cli, tmp_path, export_doc, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("each case needs an empty ledger of its own: SQLite files")
    rng = random.Random(SEED + 1)
    refused = 0
    for i in range(N_IMPORT // 2):
        doc, what = _mutate(export_doc, rng)
        path = tmp_path / f"e{i}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8",
                        errors="surrogatepass")
        db = str(tmp_path / f"e{i}.db")
        result = cli("--db", db, "import", str(path))
        assert "Traceback" not in result.output, what
        if result.exit_code == 0:
            ok(cli("--db", db, "audit", "verify"))
            continue
        refused += 1
        assert result.exit_code == 1 and result.stderr.count("\n") == 1, (what, result.stderr)
        assert "unexpected" not in result.stderr, (what, result.stderr)
        assert json.loads(ok(cli("--db", db, "articles", "list", "--json")).stdout) == []
    print(f"import fuzz into empty ledgers, {N_IMPORT // 2} cases: {refused} refused")
    assert refused >= N_IMPORT // 4
