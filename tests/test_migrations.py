"""Migrations: a blank database upgrades to head, and the models match the migrations."""

from __future__ import annotations

import json


def test_blank_database_upgrades_to_head_with_every_table(database_url):
    import sqlalchemy as sa

    from factcheck.storage.db import current_revision, head_revision, make_engine, upgrade

    engine = make_engine(database_url)
    assert current_revision(engine) is None
    before, after = upgrade(engine)
    assert (before, after) == (None, head_revision())
    assert current_revision(engine) == head_revision()
    tables = set(sa.inspect(engine).get_table_names())
    assert {"article", "sentence", "claim", "quantity", "alembic_version"} <= tables
    engine.dispose()


def test_models_and_migrations_agree(database_url):
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext
    from sqlmodel import SQLModel

    import factcheck.storage.models  # noqa: F401
    from factcheck.storage.db import make_engine, upgrade

    engine = make_engine(database_url)
    upgrade(engine)
    # the search tables are the database's own (FTS5 / tsvector), made by the migration
    def ours(name, type_, parent_names):
        return not (type_ == "table" and name.startswith("claim_search"))

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"include_name": ours}),
                                SQLModel.metadata)
    engine.dispose()
    assert diff == []


def test_head_revision_matches_alembic():
    from alembic.script import ScriptDirectory

    from factcheck.storage.db import _alembic_config, head_revision

    assert head_revision() == ScriptDirectory.from_config(_alembic_config()).get_current_head()


def test_an_issue_2_ledger_upgrades_with_its_claims(database_url):
    """A database made by the first release (0001) keeps its rows through 0002."""
    import sqlalchemy as sa
    from alembic import command

    from factcheck.storage.db import _alembic_config, make_engine, upgrade

    engine = make_engine(database_url)
    with engine.begin() as conn:
        command.upgrade(_alembic_config(conn), "0001")
        conn.execute(sa.text("INSERT INTO article (id, title, sha256, text, ingested_at) "
                             "VALUES (1, 't', 'abc', 'Text.', CURRENT_TIMESTAMP)"))
        conn.execute(sa.text(
            'INSERT INTO claim (id, article_id, text, quote, start, "end", score, kind, '
            "status, origin, created_at, updated_at, version) VALUES (1, 1, 'Text.', "
            "'Text.', 0, 5, 0.5, 'event', 'new', 'detected', CURRENT_TIMESTAMP, "
            "CURRENT_TIMESTAMP, 1)"))
    upgrade(engine)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT status, assignee FROM claim")).one() == ("new",
                                                                                  None)
        # the upgrade records the state of the old ledger's records in one baseline event
        assert conn.execute(sa.text("SELECT last_event_id FROM ledger_head")).scalar() == 1
        action, details = conn.execute(sa.text("SELECT action, details FROM event")).one()
    assert action == "audit-baseline"
    assert set(json.loads(details)["articles"]) == {"1"}
    assert set(json.loads(details)["claims"]) == {"1"}
    from factcheck.storage.db import session_scope
    from factcheck.storage.events import verify_ledger

    with session_scope(engine) as s:
        assert verify_ledger(session=s).ok
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE claim SET status = 'published'"))
    with session_scope(engine) as s:
        result = verify_ledger(session=s)
    assert not result.ok and result.problem.startswith("claim 1 differs from what event 1")
    engine.dispose()
