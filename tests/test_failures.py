"""Bad input and interruptions: one clear error line, a distinct exit code, no data lost."""

from __future__ import annotations

import signal
import time

import psycopg
import pytest
from psycopg.conninfo import conninfo_to_dict, make_conninfo

from .conftest import AS_OF, load_run_count, table_checksums

HOLD = {"GENIMS_HOLD_BEFORE_COMMIT_SECONDS": "60"}


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("genims: error:")]


def assert_one_error(result, exit_code: int, *fragments: str) -> str:
    assert result.returncode == exit_code, result.stderr
    lines = error_lines(result.stderr)
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]
    return lines[0]


def test_unreachable_server(genims):
    result = genims.run("seed", "--preset", "tiny",
                        env={"GENIMS_DSN": "postgresql://genims:s3cret@127.0.0.1:1/genims"})
    line = assert_one_error(result, 3, "cannot connect to postgresql://genims@127.0.0.1:1/genims")
    assert "s3cret" not in result.stderr + result.stdout
    assert "refused" in line.lower()


def test_wrong_password(genims, dsn):
    params = conninfo_to_dict(dsn)
    bad = f"postgresql://{params['user']}:not-the-password@{params['host']}:{params['port']}/genims"
    result = genims.run("build", "--preset", "tiny", env={"GENIMS_DSN": bad})
    assert_one_error(result, 3, "password authentication failed")
    assert "not-the-password" not in result.stderr


def test_malformed_dsn(genims):
    result = genims.run("seed", "--preset", "tiny", env={"GENIMS_DSN": "host=localhost port"})
    assert_one_error(result, 2, "GENIMS_DSN is not a valid connection string")


def test_bad_config_writes_nothing(genims, db, tmp_path):
    genims.seed(seed=42)
    runs, before = load_run_count(db), table_checksums(db, "raw_master")
    config = tmp_path / "bad.yaml"
    config.write_text("master:\n  machines_per_line: [9, 2]\n")
    result = genims.run("build", "--config", str(config))
    assert_one_error(result, 2, "master.machines_per_line: min 9 is greater than max 2")
    assert load_run_count(db) == runs
    assert table_checksums(db, "raw_master") == before


def test_unknown_preset_and_usage_errors(genims):
    assert_one_error(genims.run("build", "--preset", "enormous"), 2, "unknown preset 'enormous'")
    assert_one_error(genims.run("plan", "--seed", "many"), 2, "--seed")
    assert_one_error(genims.run("frobnicate"), 2, "invalid choice")


def test_bad_dbt_threads_stop_the_build_before_it_loads(genims, db):
    genims.seed(seed=42)
    runs, before = load_run_count(db), table_checksums(db, "raw_master")
    for threads in ("0", "four", "-2"):
        result = genims.run("build", "--preset", "tiny", "--seed", "43",
                            env={"GENIMS_DBT_THREADS": threads})
        assert_one_error(result, 2, "GENIMS_DBT_THREADS", repr(threads))
    assert load_run_count(db) == runs
    assert table_checksums(db, "raw_master") == before
    assert_one_error(genims.run("db", "env", env={"GENIMS_DBT_THREADS": "0"}), 2,
                     "GENIMS_DBT_THREADS")
    exported = genims.ok("db", "env", env={"GENIMS_DBT_THREADS": "3"}).stdout
    assert "export GENIMS_DBT_THREADS=3" in exported.splitlines()


def wait_for_hold(process, timeout: float = 120) -> None:
    """Read stderr until the load reports it is holding before COMMIT."""
    deadline = time.monotonic() + timeout
    seen = []
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line and process.poll() is not None:
            break
        seen.append(line)
        if "holding the load open" in line:
            return
    process.kill()
    raise AssertionError("the load never reached the commit point:\n" + "".join(seen))


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_interrupted_load_keeps_previous_data(genims, db, signum):
    genims.seed(seed=42)
    before, runs = table_checksums(db, "raw_master"), load_run_count(db)
    process = genims.popen("seed", "--preset", "tiny", "--seed", "7", "--as-of", AS_OF, env=HOLD)
    wait_for_hold(process)
    # Mid-transaction, other sessions still see the previous load in full.
    assert table_checksums(db, "raw_master") == before
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "interrupted" in error_lines(stderr)[0]
    assert table_checksums(db, "raw_master") == before
    assert load_run_count(db) == runs


def test_second_concurrent_run_is_refused(genims, db):
    process = genims.popen("seed", "--preset", "tiny", "--seed", "7", "--as-of", AS_OF, env=HOLD)
    try:
        wait_for_hold(process)
        result = genims.run("build", "--preset", "tiny", "--as-of", AS_OF)
        assert_one_error(result, 4, "another genims run is already working on")
    finally:
        process.terminate()
        process.communicate(timeout=60)


def test_killed_client_rolls_back(genims, db):
    """SIGKILL gives no chance to clean up; the server aborts the open transaction."""
    genims.seed(seed=42)
    before, runs = table_checksums(db, "raw_master"), load_run_count(db)
    process = genims.popen("seed", "--preset", "tiny", "--seed", "7", "--as-of", AS_OF, env=HOLD)
    wait_for_hold(process)
    process.kill()
    process.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # the server notices the dropped connection
        busy = db.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'genims'"
        ).fetchone()[0]
        if not busy:
            break
        time.sleep(0.2)
    assert table_checksums(db, "raw_master") == before
    assert load_run_count(db) == runs
    # The lock went with the connection: a new run starts.
    genims.seed(seed=42)


def test_check_names_a_broken_row(genims, db):
    genims.build("tiny", 42, "--domains", "master")
    # a machine on a line that does not exist, complete otherwise (the table's not-null
    # constraints refuse a row with empty columns)
    db.execute("CREATE TEMP TABLE broken AS SELECT * FROM master.machines LIMIT 1")
    db.execute("UPDATE broken SET machine_id = 'MCH-BROKEN', line_id = 'LINE-NOWHERE'")
    db.execute("INSERT INTO master.machines SELECT * FROM broken")
    try:
        result = genims.run("check")
        line = assert_one_error(result, 1, "expectations failed")
        report = genims.report_dir / "index.html"
        assert str(report) in line
        assert "MCH-BROKEN" in report.read_text()
        failures = [x for x in result.stderr.splitlines() if "FAILED" in x]
        assert any("master.machines" in x and "MCH-BROKEN" in x for x in failures), failures
    finally:
        db.execute("DELETE FROM master.machines WHERE machine_id = 'MCH-BROKEN'")
    genims.ok("check")


def test_check_before_any_load_is_clear(genims, dsn):
    """A database with no genims data gives a clear message, not a stack trace."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS genims_empty")
        conn.execute("CREATE DATABASE genims_empty")
    empty = make_conninfo(dsn, dbname="genims_empty")
    try:
        assert_one_error(genims.run("check", env={"GENIMS_DSN": empty}), 1, "no data loaded")
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DROP DATABASE genims_empty")
