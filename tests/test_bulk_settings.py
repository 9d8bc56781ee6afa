"""Bulk ingest's connection settings: what they promise, on each database."""

from __future__ import annotations


def test_bulk_settings_apply_to_the_connection_and_transaction(database_url):
    from factcheck.storage.bulk import bulk_transaction_settings, prepare_for_bulk
    from factcheck.storage.db import make_engine

    engine = make_engine(database_url)
    with engine.connect() as conn:
        prepare_for_bulk(conn)
        with conn.begin():
            bulk_transaction_settings(conn)
            if conn.dialect.name == "postgresql":
                assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "off"
        if conn.dialect.name == "sqlite":
            # 64 MB of page cache for a large ledger's index pages (SQLite's default: 2 MB)
            assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -65536
        else:
            # SET LOCAL ends with its transaction: later commits wait for the flush again
            assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == "on"
    engine.dispose()
