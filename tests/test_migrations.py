"""Migrations: a blank database upgrades to head, and the models match the migrations."""

from __future__ import annotations


def test_blank_database_upgrades_to_head_with_every_table(database_url):
    import sqlalchemy as sa

    from factcheck.db import current_revision, head_revision, make_engine, upgrade

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

    import factcheck.models  # noqa: F401
    from factcheck.db import make_engine, upgrade

    engine = make_engine(database_url)
    upgrade(engine)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    engine.dispose()
    assert diff == []
