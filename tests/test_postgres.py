"""PostgreSQL specifics; the rest of the suite runs on PostgreSQL when
FACTCHECK_TEST_DATABASE_URL is set."""

from __future__ import annotations

import pytest

from tests.conftest import PG_ENV, pg_base_url

pytestmark = pytest.mark.skipif(pg_base_url() is None,
                                reason=f"{PG_ENV} is unset: PostgreSQL tests need a server URL")


def test_the_suite_is_running_on_postgresql(database_url):
    from factcheck.storage.db import make_engine

    engine = make_engine(database_url)
    assert engine.dialect.name == "postgresql"
    engine.dispose()


def test_plain_postgresql_urls_use_psycopg_3():
    from factcheck.config import resolve_db_url

    assert resolve_db_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"
    assert resolve_db_url("postgres://u@h/d") == "postgresql+psycopg://u@h/d"
