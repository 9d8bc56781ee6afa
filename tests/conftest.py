"""Test fixtures: every test gets its own empty database.

SQLite by default (a file in the test's tmp_path). With FACTCHECK_TEST_DATABASE_URL set
(e.g. postgresql+psycopg://postgres@127.0.0.1:5432/test) every test gets a fresh
PostgreSQL schema in that database instead, dropped afterwards.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SAMPLE = ROOT / "claims" / "kim-russia-arsenal-2023-11-12.txt"
PG_ENV = "FACTCHECK_TEST_DATABASE_URL"

pytest_plugins = ["tests.bdd.steps_ingest", "tests.bdd.steps_claims", "tests.bdd.steps_review",
                  "tests.bdd.steps_audit", "tests.bdd.steps_export", "tests.bdd.steps_model",
                  "tests.bdd.steps_matching"]


def pg_base_url() -> str | None:
    """The PostgreSQL URL the suite runs against, if any."""
    return os.environ.get(PG_ENV) or None


def _with_search_path(url: str, schema: str) -> str:
    sep = "&" if "?" in url else "?"
    return f"{url}{sep}options=-csearch_path%3D{schema}"


@pytest.fixture(autouse=True)
def database_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Point FACTCHECK_DB at a fresh database for this test; yield its URL."""
    from factcheck.storage.db import dispose_engines

    monkeypatch.setenv("FACTCHECK_REVIEWER", "tester")
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("FACTCHECK_DEBUG", raising=False)
    base = pg_base_url()
    if base is None:
        url = f"sqlite:///{tmp_path / 'test.db'}"
        monkeypatch.setenv("FACTCHECK_DB", url)
        yield url
        dispose_engines()
        return
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    url = _with_search_path(base, schema)
    monkeypatch.setenv("FACTCHECK_DB", url)
    try:
        yield url
    finally:
        dispose_engines()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def runner() -> CliRunner:
    """A CLI runner (stderr kept apart from stdout)."""
    return CliRunner()


@pytest.fixture
def cli(runner: CliRunner):
    """Run ``factcheck ARGS...`` in-process; returns the click Result."""
    from factcheck.cli import app

    def invoke(*args: str, input: str | None = None, catch: bool = True):
        return runner.invoke(app, list(args), input=input, catch_exceptions=catch)

    return invoke


@pytest.fixture
def sample_path() -> Path:
    """The sample article shipped in claims/."""
    return SAMPLE


@pytest.fixture
def ingested(cli, sample_path: Path) -> int:
    """The sample article ingested; returns its article id."""
    result = cli("ingest", str(sample_path), catch=False)
    assert result.exit_code == 0, result.output
    return 1 if "article 1," in result.output else int(
        result.output.split("article ")[1].split(",")[0])


def shared_or_skip(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared data sets sit beside the checkout)")
    return path


def heavy_modules_imported(code: str, modules: tuple[str, ...]) -> list[str]:
    """Run ``code`` in a fresh interpreter; return which of ``modules`` it imported."""
    import subprocess
    import sys

    probe = (f"{code}\nimport sys\n"
             f"print(','.join(m for m in {modules!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True)
    return [m for m in out.stdout.strip().split(",") if m]
