"""Alembic environment: runs on the connection factcheck hands it, or on the URL."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import factcheck.storage.models  # noqa: F401 - registers every table on SQLModel.metadata

target_metadata = SQLModel.metadata
config = context.config


def run_migrations_online() -> None:
    """Run with the connection in ``config.attributes`` (or one made from the URL)."""
    connection = config.attributes.get("connection")
    if connection is None:
        from factcheck.config import resolve_db_url
        from factcheck.storage.db import make_engine

        url = config.get_main_option("sqlalchemy.url") or resolve_db_url()
        with make_engine(url).connect() as conn:
            _run(conn)
            conn.commit()
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"),
                      target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
