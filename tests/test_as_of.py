"""The as-of instant: history runs up to it and never past it in every domain, what is going
on at that instant is open, and the load records it (also in a database made by a version
that recorded a date)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import psycopg
import pytest
from psycopg.conninfo import make_conninfo

from seeders import DOMAINS

from .conftest import rows, table_checksums

# A Friday afternoon: the day shift has ended and the afternoon shift (14:00-22:00) is on.
INSTANT = dt.datetime(2026, 11, 20, 14, 30)
AS_OF = "2026-11-20T14:30"
# tiny, with machines failing often enough that some machine's last repair is still under way
BUSY = """\
preset: tiny
manufacturing:
  mtbf_hours: {CNC: 20, press: 20, robot: 20, conveyor: 20, welding: 20, assembly: 20, testing: 20}
"""
RAW = [f"raw_{d.NAME}" for d in DOMAINS]


@pytest.fixture(scope="module")
def busy(tmp_path_factory):
    path = tmp_path_factory.mktemp("as_of") / "busy.yaml"
    path.write_text(BUSY)
    return str(path)


@pytest.fixture(scope="module")
def built(genims, busy):
    """tiny with more faults and work orders, built at a Friday-afternoon instant in the
    scenario database (the shared enterprise build is made at a date)."""
    return genims.ok("build", "--config", busy, "--seed", "42", "--as-of", AS_OF)


@pytest.fixture(scope="module")
def conn(built, dsn) -> Iterator[psycopg.Connection]:
    with psycopg.connect(dsn, autocommit=True) as connection:
        yield connection


def test_no_mart_timestamp_is_at_or_after_the_instant(built, conn):
    """Every timestamp column of every domain's marts, found in the catalog, so new domains
    are covered. Plans may lie ahead: columns named planned_* or scheduled_* hold them."""
    columns = rows(conn, """
        SELECT c.table_schema, c.table_name, c.column_name
        FROM information_schema.columns c
        JOIN information_schema.tables t USING (table_schema, table_name)
        WHERE c.table_schema = ANY(%s) AND t.table_type = 'BASE TABLE'
          AND c.data_type LIKE 'timestamp%%'
          AND c.column_name NOT LIKE 'planned\\_%%' AND c.column_name NOT LIKE 'scheduled\\_%%'
        ORDER BY 1, 2, 3""", [d.NAME for d in DOMAINS])
    assert len(columns) > 80 and {c[0] for c in columns} == {d.NAME for d in DOMAINS}
    late = {}
    for schema, table, column in columns:
        count = conn.execute(
            f'SELECT count(*) FROM "{schema}"."{table}" WHERE "{column}" >= %s', (INSTANT,)
        ).fetchone()[0]
        if count:
            late[f"{schema}.{table}.{column}"] = count
    assert late == {}


@pytest.mark.parametrize(("table", "column"), [
    ("operations.sensor_data", "timestamp"),
    ("operations.scada_machine_data", "timestamp"),
    ("manufacturing.labor_transactions", "clock_in_time"),
    ("manufacturing.work_orders", "actual_start_time"),
])
def test_the_as_of_day_has_data_up_to_the_instant(built, conn, table, column):
    today, latest = conn.execute(
        f'SELECT count(*) FILTER (WHERE "{column}" >= %s), max("{column}") FROM {table}',
        (INSTANT.replace(hour=0, minute=0),),
    ).fetchone()
    assert today > 0 and latest < INSTANT, (today, latest)


def test_this_hours_readings_are_there(built, conn):
    hour = INSTANT.replace(minute=0)
    readings = conn.execute("SELECT count(*) FROM operations.sensor_data "
                            'WHERE "timestamp" >= %s AND "timestamp" < %s',
                            (hour, INSTANT)).fetchone()[0]
    assert readings > 0


def test_what_is_going_on_at_the_instant_is_open(built, conn):
    running = rows(conn, """
        SELECT work_order_id FROM manufacturing.work_orders
        WHERE status = 'in_progress' AND actual_start_time < %s AND actual_end_time IS NULL""",
                   INSTANT)
    assert running
    faults = rows(conn, """
        SELECT f.fault_id, f.status, f.resolved_by, e.actual_start, e.actual_end,
               e.completion_status, f.fault_start_time, last.machine_state, last."timestamp"
        FROM operations.machine_faults f
        JOIN operations.maintenance_events e ON e.maintenance_id = f.maintenance_ticket_id
        CROSS JOIN LATERAL (
            SELECT machine_state, "timestamp" FROM operations.scada_machine_data s
            WHERE s.machine_id = f.machine_id ORDER BY s."timestamp" DESC LIMIT 1) last
        WHERE f.fault_end_time IS NULL""")
    assert faults
    for (_, status, resolved_by, repair_start, repair_end, outcome, start, last_state,
         last_sample) in faults:
        assert status == "in_progress" and resolved_by is None
        assert repair_start < INSTANT and repair_end is None and outcome == "partial"
        # the machine is still down: its last SCADA sample says so, unless the fault began
        # after that sample (within the last sampling step before the instant)
        assert last_state == "fault" or start > last_sample, (start, last_sample, last_state)
    clocked_in = rows(conn, """
        SELECT clock_in_time FROM manufacturing.labor_transactions
        WHERE clock_out_time IS NULL""")
    assert clocked_in and all(c < INSTANT for (c,) in clocked_in)
    runs = rows(conn, """
        SELECT status FROM operations.production_runs WHERE run_end_time IS NULL""")
    assert runs and {s for (s,) in runs} == {"in_progress"}


def test_counts_fall_inside_the_plan_of_the_instant(built, genims, conn, busy):
    estimates = json.loads(genims.ok("plan", "--config", busy, "--as-of", AS_OF,
                                     "--json").stdout)
    for e in estimates:
        count = conn.execute(f'SELECT count(*) FROM "{e["schema"]}"."{e["table"]}"').fetchone()[0]
        assert e["low"] <= count <= e["high"], (e, count)


def test_the_load_and_status_record_the_instant(built, genims, conn):
    assert conn.execute("SELECT as_of FROM genims_meta.load_runs "
                        "ORDER BY run_id DESC LIMIT 1").fetchone()[0] == INSTANT
    assert "as of 2026-11-20 14:30," in genims.ok("status").stdout


# ----------------------------------------------------------------- these reseed the database


def test_same_instant_seed_and_config_give_the_same_rows(built, genims, db, busy):
    first = {s: table_checksums(db, s) for s in RAW}
    genims.ok("seed", "--config", busy, "--seed", "42", "--as-of", AS_OF)
    assert {s: table_checksums(db, s) for s in RAW} == first
    genims.ok("seed", "--config", busy, "--seed", "42", "--as-of", "2026-11-20T15:30")
    later = table_checksums(db, "raw_operations")
    assert later["sensor_readings"] != first["raw_operations"]["sensor_readings"]


def test_a_bare_date_is_midnight_at_its_start(genims, db):
    genims.seed("tiny", 42, "--as-of", "2026-11-20T00:00")
    midnight = {s: table_checksums(db, s) for s in RAW}
    genims.seed("tiny", 42, "--as-of", "2026-11-20")
    assert {s: table_checksums(db, s) for s in RAW} == midnight
    assert db.execute("SELECT as_of FROM genims_meta.load_runs "
                      "ORDER BY run_id DESC LIMIT 1").fetchone()[0] == dt.datetime(2026, 11, 20)
    latest = db.execute("SELECT max(reading_time) FROM raw_operations.sensor_readings").fetchone()
    assert latest[0] < dt.datetime(2026, 11, 20)


def test_a_database_that_recorded_an_as_of_date_is_migrated(genims, dsn):
    """Versions before the instant created load_runs.as_of as a date, with dbt's staging
    view on it: the next load turns it into a timestamp (midnight) and keeps the history."""
    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS genims_dated")
        conn.execute("CREATE DATABASE genims_dated")
    old = make_conninfo(dsn, dbname="genims_dated")
    try:
        with psycopg.connect(old, autocommit=True) as conn:
            conn.execute("""
                CREATE SCHEMA genims_meta;
                CREATE TABLE genims_meta.load_runs (
                    run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    loaded_at timestamptz NOT NULL DEFAULT now(), seed bigint NOT NULL,
                    as_of date NOT NULL, preset text NOT NULL, config_fingerprint text NOT NULL,
                    config jsonb NOT NULL, domains text[] NOT NULL, row_counts jsonb NOT NULL,
                    seconds numeric(10, 2) NOT NULL);
                INSERT INTO genims_meta.load_runs (seed, as_of, preset, config_fingerprint,
                    config, domains, row_counts, seconds)
                VALUES (7, '2026-11-01', 'tiny', 'x', '{}', '{master}', '{}', 1);
                CREATE SCHEMA staging;
                CREATE VIEW staging.stg_genims_meta__load_runs AS
                    SELECT run_id, as_of FROM genims_meta.load_runs;""")
        env = {"GENIMS_DSN": old}
        assert "as of 2026-11-01 00:00," in genims.ok("status", env=env).stdout
        genims.ok("seed", "--preset", "tiny", "--domains", "master", "--as-of", AS_OF, env=env)
        with psycopg.connect(old) as conn:
            assert conn.execute("SELECT data_type FROM information_schema.columns WHERE "
                                "table_schema = 'genims_meta' AND column_name = 'as_of'"
                                ).fetchone()[0] == "timestamp without time zone"
            assert [r[0] for r in conn.execute(
                "SELECT as_of FROM genims_meta.load_runs ORDER BY run_id")] == [
                dt.datetime(2026, 11, 1), INSTANT]
        assert "as of 2026-11-20 14:30," in genims.ok("status", env=env).stdout
    finally:
        with psycopg.connect(dsn, autocommit=True) as conn:
            conn.execute("DROP DATABASE IF EXISTS genims_dated WITH (FORCE)")
