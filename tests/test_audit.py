"""Tampering behind the tool's back: every way of changing the database by hand that the
audit promises to notice, one test each (each fails if its detection is removed)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from tests.conftest import SAMPLE


def ok(result):
    assert result.exit_code == 0, result.output
    return result


@pytest.fixture
def ledger(cli, database_url):
    """The sample ingested, one claim reviewed to publication, a desk setting; returns
    (engine, the published claim's id). The audit passes before any tampering."""
    ok(cli("ingest", str(SAMPLE), catch=False))
    claims = json.loads(ok(cli("claims", "list", "--json")).stdout)
    claim = next(c["id"] for c in claims if "7,600 mph" in c["quote"])
    ok(cli("review", "triage", str(claim), "--accept", "--as", "alice"))
    ok(cli("evidence", "add", str(claim), "--url", "https://example.org/made-up-source",
           "--publisher", "Example Source (made up)", "--quote", "Mach 10 top speed.",
           "--stance", "supports", "--as", "alice"))
    ok(cli("review", "rate", str(claim), "--rating", "mostly-true", "--summary",
           "Close to the published figures.", "--as", "alice"))
    ok(cli("review", "approve", str(claim), "--as", "bob"))
    ok(cli("review", "publish", str(claim), "--as", "bob"))
    ok(cli("config", "set", "desk.url", "https://checks.example.org"))
    ok(cli("audit", "verify"))
    engine = sa.create_engine(database_url)
    yield engine, claim
    engine.dispose()


def tamper(engine, *statements: str, **params) -> None:
    with engine.begin() as conn:
        for sql in statements:
            conn.execute(sa.text(sql), params)


def refused(cli, *extra: str) -> str:
    result = cli("audit", "verify", *extra)
    assert result.exit_code == 1, result.output
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: audit failed")
    return result.stderr


def test_an_edited_event_is_named(cli, ledger):
    engine, _ = ledger
    tamper(engine, "UPDATE event SET actor = 'mallory' WHERE id = 3")
    assert refused(cli) == "Error: audit failed at event 3: event 3 was edited\n"


def test_an_event_note_changed_is_named(cli, ledger):
    engine, _ = ledger
    tamper(engine, "UPDATE event SET note = 'nothing to see' WHERE id = 2")
    assert "event 2 was edited" in refused(cli)


def test_a_deleted_event_is_named(cli, ledger):
    engine, _ = ledger
    tamper(engine, "DELETE FROM event WHERE id = 3")
    assert "event 3 is missing (deleted)" in refused(cli)


def test_an_edited_head_is_noticed(cli, ledger):
    engine, _ = ledger
    tamper(engine, "UPDATE ledger_head SET last_hash = :h", h="0" * 64)
    assert "the ledger head does not match the last event" in refused(cli)


@pytest.mark.parametrize("what, sql", [
    ("rating", "UPDATE verdict SET rating = 'false' WHERE claim_id = :c"),
    ("summary", "UPDATE verdict SET summary = 'Rewritten.' WHERE claim_id = :c"),
    ("evidence deleted", "DELETE FROM evidence WHERE claim_id = :c"),
    ("evidence url", "UPDATE evidence SET url = 'https://example.org/other' WHERE claim_id = :c"),
    ("quote and statement", "UPDATE claim SET quote = 'Nothing.', text = 'Nothing.' "
                            "WHERE id = :c"),
    ("status", "UPDATE claim SET status = 'dismissed' WHERE id = :c"),
    ("claimant", "UPDATE claim SET claimant = 'Someone Else' WHERE id = :c"),
    ("assignee", "UPDATE claim SET assignee = 'mallory' WHERE id = :c"),
    ("offsets", 'UPDATE claim SET start = start + 1 WHERE id = :c'),
    ("approval", "UPDATE claim SET approved_by = 'mallory' WHERE id = :c"),
])
def test_a_changed_decision_names_its_claim(cli, ledger, what, sql):
    engine, claim = ledger
    tamper(engine, sql, c=claim)
    assert f"claim {claim} differs from what event" in refused(cli), what


def test_a_claim_published_by_hand_is_noticed(cli, ledger):
    engine, _ = ledger
    other = json.loads(ok(cli("claims", "list", "--status", "new", "--json")).stdout)[0]["id"]
    tamper(engine, "UPDATE claim SET status = 'published' WHERE id = :c", c=other)
    assert f"claim {other} differs from what event 1 recorded" in refused(cli)


def test_an_edited_article_text_is_noticed(cli, ledger):
    engine, _ = ledger
    tamper(engine, "UPDATE article SET text = replace(text, '7,600', '9,600')")
    assert "article 1 differs from what event 1 recorded" in refused(cli)


def test_a_deleted_claim_and_an_added_one_are_noticed(cli, ledger):
    engine, claim = ledger
    other = json.loads(ok(cli("claims", "list", "--status", "new", "--json")).stdout)[0]["id"]
    tamper(engine, "DELETE FROM claim WHERE id = :c", c=other)
    assert f"claim {other} was deleted outside factcheck" in refused(cli)


def test_a_setting_changed_by_hand_is_noticed(cli, ledger):
    engine, _ = ledger
    tamper(engine, "UPDATE setting SET value = 'https://evil.example.org' WHERE key = 'desk.url'")
    assert "setting desk.url is not what event" in refused(cli)


def test_deleting_the_newest_events_and_rewinding_the_head_is_noticed(cli, ledger):
    engine, claim = ledger
    head = json.loads(ok(cli("audit", "head", "--json")).stdout)
    with engine.begin() as conn:
        keep = conn.execute(sa.text("SELECT id, hash FROM event WHERE action = 'approve'")
                            ).one()
        conn.execute(sa.text("DELETE FROM event WHERE id > :i"), {"i": keep.id})
        conn.execute(sa.text("UPDATE ledger_head SET last_event_id = :i, last_hash = :h"),
                     {"i": keep.id, "h": keep.hash})
    # the published claim no longer matches the last state its remaining events recorded
    assert f"claim {claim} differs" in refused(cli)
    assert "kept elsewhere is not in the chain" in refused(cli, "--expect-head", head["hash"])


def test_deleting_every_event_and_resetting_the_head_is_noticed(cli, ledger):
    engine, _ = ledger
    tamper(engine, "DELETE FROM event",
           "UPDATE ledger_head SET last_event_id = 0, last_hash = :h", h="0" * 64)
    assert refused(cli) == ("Error: audit failed: article 1 is in no event (added or its "
                            "history removed outside factcheck)\n")


def test_a_rewritten_history_fails_against_the_head_kept_elsewhere(cli, ledger):
    from factcheck.storage.events import GENESIS, event_hash
    from factcheck.storage.models import Event

    engine, _ = ledger
    head = json.loads(ok(cli("audit", "head", "--json")).stdout)
    t = Event.__table__
    with engine.begin() as conn:  # rename an actor and recompute every hash after it
        rows = conn.execute(sa.select(t).order_by(t.c.id)).mappings().all()
        prev = GENESIS
        for r in rows:
            actor = "mallory" if r["actor"] == "bob" else r["actor"]
            h = event_hash(event_id=r["id"], claim_id=r["claim_id"], at=r["at"], actor=actor,
                           action=r["action"], from_status=r["from_status"],
                           to_status=r["to_status"], note=r["note"], details=r["details"],
                           prev_hash=prev, article_id=r["article_id"], state=r["state"])
            conn.execute(sa.text("UPDATE event SET actor = :a, prev_hash = :p, hash = :h "
                                 "WHERE id = :i"), {"a": actor, "p": prev, "h": h,
                                                    "i": r["id"]})
            prev = h
        conn.execute(sa.text("UPDATE ledger_head SET last_hash = :h"), {"h": prev})
    assert ok(cli("audit", "verify")).stdout.startswith("Audit OK")  # what a chain can't see
    assert "kept elsewhere is not in the chain" in refused(cli, "--expect-head", head["hash"])
    assert ok(cli("audit", "verify", "--expect-head", prev)).stdout.startswith("Audit OK")


def test_expect_head_must_be_a_hash(cli, ledger):
    result = cli("audit", "verify", "--expect-head", "abc")
    assert result.exit_code == 2
    assert result.stderr == "Error: 'abc' is not a head hash (64 hexadecimal digits)\n"


def test_an_article_stored_by_a_run_that_fails_later_is_in_the_history(cli, tmp_path,
                                                                       monkeypatch,
                                                                       database_url):
    import factcheck.services.ingest as ingest

    monkeypatch.setattr(ingest, "STORE_BATCH", 2)  # batches of two: the third fails alone
    folder = tmp_path / "inbox"
    folder.mkdir()
    for i in range(3):  # made-up articles
        (folder / f"a{i}.txt").write_text(f"Fixture article {i}. The agency spent $4{i} "
                                          "million in 2024, a spokesman said.\n")
    real = ingest.insert_articles
    calls = []

    def fail_on_second_batch(conn, items):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("killed")
        return real(conn, items)

    monkeypatch.setattr(ingest, "insert_articles", fail_on_second_batch)
    failed = cli("ingest", str(folder))
    assert failed.exit_code == 1, failed.output
    monkeypatch.setattr(ingest, "insert_articles", real)  # (undo() would reset the database)
    articles = json.loads(ok(cli("articles", "list", "--json")).stdout)
    assert len(articles) == 2
    ok(cli("audit", "verify"))
    engine = sa.create_engine(database_url)
    with engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT article_id FROM event WHERE action = 'ingest' "
                                      "ORDER BY id")).scalars().all()
    engine.dispose()
    assert stored == [a["id"] for a in articles]
    ok(cli("ingest", str(folder)))  # the re-run stores the third, no duplicates
    assert len(json.loads(ok(cli("articles", "list", "--json")).stdout)) == 3
    ok(cli("audit", "verify"))
