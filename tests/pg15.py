"""A throwaway PostgreSQL 15 server from Debian's packages (`/usr/lib/postgresql/15/bin`),
for builds that must also hold on the oldest supported version.

PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` OS user,
with the data folder in a temporary folder that user owns. The server listens on 127.0.0.1
only, on a free port, with one password-authenticated user that may create databases and
roles (what `GENIMS_DSN` asks of a user).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN = Path(os.environ.get("GENIMS_PG15_BIN", "/usr/lib/postgresql/15/bin"))
USER = "genims"
PASSWORD = "genims"
DATABASE = "genims"
OS_USER = "postgres"
SUPERUSER = "postgres"


def missing() -> str | None:
    """Why no PostgreSQL 15 server can run here, or None when one can."""
    absent = [name for name in ("initdb", "pg_ctl", "postgres") if not (BIN / name).exists()]
    if absent:
        return f"PostgreSQL 15 server binaries not found: {', '.join(str(BIN / n) for n in absent)}"
    if os.geteuid() == 0:
        try:
            subprocess.run(["id", OS_USER], check=True, capture_output=True)
        except (OSError, subprocess.CalledProcessError):
            return f"running as root and there is no {OS_USER!r} OS user to run PostgreSQL 15 as"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """One PostgreSQL 15 cluster: `start()` initializes and starts it, `stop()` stops it and
    removes its data."""

    def __init__(self) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="genims-pg15-"))
        self.data_dir = self.root / "data"
        self.log_file = self.root / "postgres.log"
        self.port = _free_port()

    @property
    def dsn(self) -> str:
        return f"postgresql://{USER}:{PASSWORD}@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, *args: str, timeout: float = 120) -> None:
        command = [str(BIN / args[0]), *args[1:]]
        if os.geteuid() == 0:
            command = ["runuser", "-u", OS_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if done.returncode != 0:
            log = self.log_file.read_text()[-2000:] if self.log_file.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {done.stderr[-2000:]}{log}")

    def start(self) -> str:
        if os.geteuid() == 0:
            shutil.chown(self.root, OS_USER)
        password_file = self.root / "password"
        password_file.write_text(PASSWORD + "\n")
        if os.geteuid() == 0:
            shutil.chown(password_file, OS_USER)
        self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "--pwfile", str(password_file),
                  "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C")
        options = (f"-c listen_addresses=127.0.0.1 -c port={self.port} "
                   "-c unix_socket_directories='' -c fsync=off -c synchronous_commit=off "
                   "-c shared_buffers=128MB -c work_mem=64MB")
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.log_file), "-o", options,
                  "-w", "-t", "60", "start")
        import psycopg

        # The build's user is what GENIMS_DSN asks for and no more: not a superuser.
        with psycopg.connect(f"postgresql://{SUPERUSER}:{PASSWORD}@127.0.0.1:{self.port}/postgres",
                             autocommit=True) as conn:
            conn.execute(f"CREATE ROLE {USER} LOGIN CREATEDB CREATEROLE PASSWORD '{PASSWORD}'")
            conn.execute(f"CREATE DATABASE {DATABASE} OWNER {USER}")
        return self.dsn

    def stop(self) -> None:
        if (self.data_dir / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data_dir), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
