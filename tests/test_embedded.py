"""`genims db`: the embedded server's lifecycle, in a home of its own."""

from __future__ import annotations

import psycopg

from .conftest import Genims


def test_embedded_lifecycle(genims, tmp_path):
    env = {k: v for k, v in genims.env.items() if k != "GENIMS_DSN"}
    own = Genims(env={**env, "GENIMS_HOME": str(tmp_path / "home")}, report_dir=tmp_path)
    try:
        assert "stopped" in own.ok("db", "status").stdout
        started = own.ok("db", "start").stdout
        assert "running on 127.0.0.1:" in started
        uri = own.ok("db", "uri").stdout.strip()
        assert uri.startswith("postgresql://genims:")
        with psycopg.connect(uri) as conn:
            version = conn.execute("SHOW server_version_num").fetchone()[0]
            assert int(version) >= 160000
        assert "running" in own.ok("db", "status").stdout
        assert own.ok("db", "start").stdout == started  # idempotent
        assert "stopped" in own.ok("db", "stop").stdout
        assert "stopped" in own.ok("db", "status").stdout
        assert "was not running" in own.ok("db", "stop").stdout
        # Data survives a restart.
        own.ok("db", "start")
        with psycopg.connect(uri, autocommit=True) as conn:
            conn.execute("CREATE TABLE kept (x int)")
        own.ok("db", "stop")
        own.ok("db", "start")
        with psycopg.connect(uri) as conn:
            assert conn.execute("SELECT count(*) FROM kept").fetchone()[0] == 0
    finally:
        own.run("db", "stop")


def test_db_commands_with_an_external_server(genims):
    external = {"GENIMS_DSN": "postgresql://someone:pw@db.example:6543/warehouse"}
    result = genims.run("db", "start", env=external)
    assert result.returncode == 1
    assert "GENIMS_DSN is set" in result.stderr
    uri = genims.ok("db", "uri", env=external).stdout.strip()
    assert uri == "postgresql://someone:pw@db.example:6543/warehouse"
    exports = genims.ok("db", "env", env=external).stdout
    assert "export GENIMS_PGHOST=db.example" in exports
    assert "export GENIMS_PGPORT=6543" in exports
    assert "export GENIMS_PGDATABASE=warehouse" in exports
