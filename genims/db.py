"""Which database to use, how to connect to it, and the one-run-at-a-time lock.

`GENIMS_DSN` (a libpq URI or key=value string) names an external server; without it the
embedded server is started on demand. Every connection failure becomes one line naming the
server (never its password) and the reason.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from dataclasses import dataclass

import psycopg
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from genims.errors import ConcurrentRunError, ConfigError, DatabaseUnavailable

DSN_ENV = "GENIMS_DSN"
THREADS_ENV = "GENIMS_DBT_THREADS"
APPLICATION_NAME = "genims"
# pg_try_advisory_lock key shared by every genims run against a database ("GENIMS" in hex).
RUN_LOCK_KEY = 0x47454E494D53


def dbt_threads() -> int:
    """dbt's threads: GENIMS_DBT_THREADS, else one per core this process may use. More
    threads than cores only make the nodes share the cores: on 2 cores, 4 threads built
    `large` no faster than 2, and its largest model took 21 s instead of 10."""
    configured = os.environ.get(THREADS_ENV, "").strip()
    if not configured:
        cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
        return max(1, len(cores) if cores else os.cpu_count() or 1)
    if not configured.isdigit() or int(configured) < 1:
        raise ConfigError(f"{THREADS_ENV} must be a whole number of threads, 1 or more, "
                          f"not {configured!r}")
    return int(configured)


@dataclass(frozen=True)
class Target:
    """A resolved database: its conninfo and whether it is the embedded server."""

    conninfo: str
    embedded: bool

    @property
    def params(self) -> dict[str, str]:
        return {k: str(v) for k, v in conninfo_to_dict(self.conninfo).items()}

    @property
    def display(self) -> str:
        """The server and database, without the password."""
        p = self.params
        host = p.get("host") or p.get("hostaddr") or "localhost"
        return f"postgresql://{p.get('user', '')}@{host}:{p.get('port', '5432')}/{p.get('dbname', '')}"

    def uri(self) -> str:
        p = self.params
        from urllib.parse import quote

        auth = quote(p.get("user", ""), safe="")
        if p.get("password"):
            auth += ":" + quote(p["password"], safe="")
        host = p.get("host") or "localhost"
        extra = {k: v for k, v in p.items() if k not in {"user", "password", "host", "port", "dbname"}}
        query = "&".join(f"{k}={quote(v, safe='')}" for k, v in sorted(extra.items()))
        return (
            f"postgresql://{auth}@{host}:{p.get('port', '5432')}/{p.get('dbname', '')}"
            + (f"?{query}" if query else "")
        )

    def dbt_env(self) -> dict[str, str]:
        """The environment `profiles.yml` reads."""
        p = self.params
        return {
            "GENIMS_PGHOST": p.get("host") or "localhost",
            "GENIMS_PGPORT": p.get("port", "5432"),
            "GENIMS_PGUSER": p.get("user", os.environ.get("USER", "postgres")),
            "GENIMS_PGPASSWORD": p.get("password", ""),
            "GENIMS_PGDATABASE": p.get("dbname", "postgres"),
            "GENIMS_PGSSLMODE": p.get("sslmode", "prefer"),
            THREADS_ENV: str(dbt_threads()),
        }

    def sqlalchemy_url(self) -> str:
        return self.uri().replace("postgresql://", "postgresql+psycopg://", 1)


def resolve_target(start_embedded: bool = True) -> Target:
    """The database every command uses: `GENIMS_DSN`, or the embedded server (started)."""
    dsn = os.environ.get(DSN_ENV, "").strip()
    if dsn:
        try:
            params = conninfo_to_dict(dsn)
        except psycopg.ProgrammingError as exc:
            raise ConfigError(f"{DSN_ENV} is not a valid connection string: {exc}") from None
        return Target(make_conninfo(**params), embedded=False)

    from genims.embedded import EmbeddedServer

    server = EmbeddedServer()
    if start_embedded:
        server.start()
    return Target(server.uri(), embedded=True)


def _reason(exc: psycopg.Error) -> str:
    text = str(exc).strip()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    # libpq puts the reason after the last "failed:"; the rest repeats the address.
    reason = lines[0] if lines else type(exc).__name__
    if "failed:" in reason:
        reason = reason.rsplit("failed:", 1)[1].strip()
    return reason


def connect(target: Target, autocommit: bool = False) -> psycopg.Connection:
    try:
        return psycopg.connect(
            target.conninfo,
            autocommit=autocommit,
            connect_timeout=int(os.environ.get("GENIMS_CONNECT_TIMEOUT", "10")),
            application_name=APPLICATION_NAME,
        )
    except psycopg.OperationalError as exc:
        raise DatabaseUnavailable(f"cannot connect to {target.display}: {_reason(exc)}") from None


@contextlib.contextmanager
def run_lock(target: Target) -> Iterator[psycopg.Connection]:
    """Hold the database-wide genims lock for the duration of a run, or refuse to start."""
    conn = connect(target, autocommit=True)
    try:
        acquired = conn.execute("SELECT pg_try_advisory_lock(%s)", (RUN_LOCK_KEY,)).fetchone()[0]
        if not acquired:
            holder = conn.execute(
                """
                SELECT a.pid, a.backend_start
                FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
                WHERE l.locktype = 'advisory' AND l.granted
                  AND ((l.classid::bigint << 32) | l.objid::bigint) = %s
                """,
                (RUN_LOCK_KEY,),
            ).fetchone()
            who = f" (server pid {holder[0]}, connected {holder[1]:%Y-%m-%d %H:%M:%S})" if holder else ""
            raise ConcurrentRunError(
                f"another genims run is already working on {target.display}{who}; "
                "wait for it to finish, then run again"
            )
        yield conn
    finally:
        conn.close()
