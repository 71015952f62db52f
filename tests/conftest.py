"""Test fixtures: a real PostgreSQL server and the real `genims` command.

By default the session starts its own embedded server in a temporary GENIMS_HOME, so a
developer's `.genims/` data is never touched. With GENIMS_DSN set, tests use that database
instead (and overwrite its genims schemas).

Two databases on that server:
- the enterprise database (`<dbname>_enterprise`) holds one build of the whole enterprise on
  `tiny`, made once per session (`enterprise_build`); the domain test modules read it through
  their `built` and `conn` fixtures and never change it;
- the server's own database (`dsn`, `db`, `genims`) is where scenarios seed, rebuild, break and
  interrupt loads.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from psycopg import sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"


@dataclass
class Genims:
    """Runs `genims` in a subprocess with the test session's environment."""

    env: dict[str, str]
    report_dir: Path

    def run(
        self, *args: str, env: dict[str, str] | None = None, timeout: float = 600
    ) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "genims.cli", *args],
            cwd=REPO, env={**self.env, **(env or {})}, capture_output=True, text=True,
            timeout=timeout,
        )

    def popen(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            [sys.executable, "-m", "genims.cli", *args],
            cwd=REPO, env={**self.env, **(env or {})}, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True,
            # Ctrl-C reaches the child even when pytest itself runs in the background, where
            # the shell starts it with SIGINT ignored (a state children inherit).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )

    def ok(self, *args: str, **kwargs) -> subprocess.CompletedProcess:
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, (
            f"genims {' '.join(args)} exited {result.returncode}\n"
            f"stdout:\n{result.stdout[-4000:]}\nstderr:\n{result.stderr[-4000:]}"
        )
        return result

    def shell_env(self) -> dict[str, str]:
        """The environment of a shell that ran `eval "$(genims db env)"` (for plain dbt)."""
        env = dict(self.env)
        for line in self.ok("db", "env").stdout.splitlines():
            key, _, value = line.removeprefix("export ").partition("=")
            env[key] = value.strip("'")
        return env

    def build(self, preset: str = "tiny", seed: int = 42, *extra: str):
        return self.ok("build", "--preset", preset, "--seed", str(seed), "--as-of", AS_OF, *extra)

    def seed(self, preset: str = "tiny", seed: int = 42, *extra: str):
        return self.ok("seed", "--preset", preset, "--seed", str(seed), "--as-of", AS_OF, *extra)


@pytest.fixture(scope="session")
def genims_home(tmp_path_factory) -> Iterator[Path | None]:
    if os.environ.get("GENIMS_DSN"):
        yield None
        return
    home = tmp_path_factory.mktemp("genims-home")
    yield home
    from genims.embedded import EmbeddedServer

    EmbeddedServer(home).stop()


@pytest.fixture(scope="session")
def genims(genims_home, tmp_path_factory) -> Genims:
    report_dir = tmp_path_factory.mktemp("reports")
    env = {
        **os.environ,
        "GENIMS_REPORT_DIR": str(report_dir),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "GX_ANALYTICS_ENABLED": "false",
        "PYTHONUNBUFFERED": "1",
    }
    if genims_home is not None:
        env["GENIMS_HOME"] = str(genims_home)
    runner = Genims(env=env, report_dir=report_dir)
    if genims_home is not None:
        runner.ok("db", "start")
    return runner


@pytest.fixture(scope="session")
def dsn(genims) -> str:
    """A libpq URI for the test database."""
    return genims.ok("db", "uri").stdout.strip()


@pytest.fixture
def db(dsn) -> Iterator[psycopg.Connection]:
    with psycopg.connect(dsn, autocommit=True) as conn:
        yield conn


@pytest.fixture(scope="session")
def enterprise_dsn(dsn) -> str:
    """A second database on the test server for the shared enterprise build."""
    name = conninfo_to_dict(dsn)["dbname"] + "_enterprise"
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return make_conninfo(dsn, dbname=name)


@pytest.fixture(scope="session")
def enterprise(genims, enterprise_dsn, tmp_path_factory) -> Genims:
    """`genims` acting on the enterprise database, with its own report folder."""
    report_dir = tmp_path_factory.mktemp("enterprise-reports")
    env = {**genims.env, "GENIMS_DSN": enterprise_dsn, "GENIMS_REPORT_DIR": str(report_dir)}
    return Genims(env=env, report_dir=report_dir)


@pytest.fixture(scope="session")
def enterprise_build(enterprise) -> subprocess.CompletedProcess:
    """The whole enterprise, built once on tiny at the suite's instant, for every read-only
    test of every domain. dbt's run results are kept beside the build's report: the next
    dbt invocation, on any database, overwrites dbt's own copy."""
    result = enterprise.build("tiny", 42)
    shutil.copy(REPO / "dbt_project" / "target" / "run_results.json", enterprise.report_dir)
    return result


@pytest.fixture(scope="session")
def pg15_dsn() -> Iterator[str]:
    """A PostgreSQL 15 server of Debian's packages for the session (`tests/pg15.py`), its
    database's URI; tests using it skip, with the reason, where the binaries are missing."""
    from . import pg15

    reason = pg15.missing()
    if reason:
        pytest.skip(reason)
    server = pg15.Server()
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="module")
def built(enterprise_build) -> subprocess.CompletedProcess:
    """The build a module's read-only tests examine (the shared enterprise build)."""
    return enterprise_build


@pytest.fixture(scope="module")
def conn(built, enterprise_dsn) -> Iterator[psycopg.Connection]:
    """One connection to the shared enterprise build, for a module's read-only tests."""
    with psycopg.connect(enterprise_dsn, autocommit=True) as connection:
        yield connection


@pytest.fixture(scope="module")
def config():
    """The config of the test builds (preset tiny, the suite's as-of date)."""
    from genims.config import load_config

    return load_config(preset="tiny", as_of=AS_OF)


def rows(conn: psycopg.Connection, query: str, *params) -> list[tuple]:
    return conn.execute(query, params).fetchall()


def table_checksums(conn: psycopg.Connection, schema: str) -> dict[str, str]:
    """md5 over every row of every table in `schema`, in a stable order."""
    tables = [r[0] for r in conn.execute(
        "SELECT table_name FROM information_schema.tables "
        "WHERE table_schema = %s AND table_type = 'BASE TABLE' ORDER BY 1", (schema,)
    )]
    sums = {}
    for table in tables:
        sums[table] = conn.execute(
            # byte order, so that servers with other default collations agree
            f'SELECT md5(coalesce(string_agg(t::text, E\'\\n\' ORDER BY t::text COLLATE "C"), \'\')) '
            f'FROM "{schema}"."{table}" t'
        ).fetchone()[0]
    return sums


def load_run_count(conn: psycopg.Connection) -> int:
    exists = conn.execute("SELECT to_regclass('genims_meta.load_runs') IS NOT NULL").fetchone()[0]
    if not exists:
        return 0
    return conn.execute("SELECT count(*) FROM genims_meta.load_runs").fetchone()[0]
