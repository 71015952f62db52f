"""The seeder engine against a real server: COPY rendering, atomicity, randomness."""

from __future__ import annotations

import datetime as dt

import numpy as np
import psycopg
import pytest

from genims.config import load_config
from seeders import master
from seeders.engine import copy_chunk, history_window, load, raw_table, render_copy_text, rng_for

from .conftest import load_run_count, table_checksums


def test_rng_is_independent_per_table_and_chunk():
    first = rng_for(7, "master", "machines", 0).random(5)
    assert np.array_equal(first, rng_for(7, "master", "machines", 0).random(5))
    assert not np.array_equal(first, rng_for(7, "master", "machines", 1).random(5))
    assert not np.array_equal(first, rng_for(7, "master", "sensors", 0).random(5))
    assert not np.array_equal(first, rng_for(8, "master", "machines", 0).random(5))


def test_render_escapes_and_nulls():
    chunk = {
        "text": ["plain", "tab\there", "line\nbreak", "back\\slash", None],
        "number": np.array([1.5, np.nan, 2.0, -3.25, 0.0]),
        "count": np.array([1, 2, 3, 4, 5]),
        "day": np.array(["2026-01-01", "NaT", "2026-02-03", "2026-02-04", "2026-02-05"],
                        dtype="datetime64[D]"),
        "flag": np.array([True, False, True, False, True]),
    }
    lines = render_copy_text(chunk, list(chunk)).splitlines()
    assert lines[0] == "plain\t1.5\t1\t2026-01-01\tt"
    assert lines[1] == "tab\\there\t\\N\t2\t\\N\tf"
    assert lines[2].startswith("line\\nbreak\t")
    assert lines[3].startswith("back\\\\slash\t")
    assert lines[4].startswith("\\N\t")


def test_render_rejects_ragged_chunks():
    with pytest.raises(ValueError, match="unequal length"):
        render_copy_text({"a": [1, 2], "b": [1]}, ["a", "b"])


def test_copy_round_trip(db: psycopg.Connection):
    table = raw_table("round_trip", "label TEXT", "amount DECIMAL(10,2)", "day DATE",
                      "at TIMESTAMP", "n INTEGER")
    values = {
        "label": ["a\tb", "c\\d", None, "é ü 中"],
        "amount": np.array([1.25, np.nan, 3.5, -0.01]),
        "day": np.array(["2026-01-01", "2026-01-02", "NaT", "2026-01-04"], dtype="datetime64[D]"),
        "at": np.array(["2026-01-01T08:00:00"] * 4, dtype="datetime64[s]"),
        "n": np.array([1, 2, 3, 4]),
    }
    db.execute("CREATE SCHEMA IF NOT EXISTS test_scratch")
    db.execute("DROP TABLE IF EXISTS test_scratch.round_trip")
    db.execute("CREATE TABLE test_scratch.round_trip (label text, amount numeric(10,2), "
               "day date, at timestamp, n integer)")
    assert copy_chunk(db, "test_scratch", table, values) == 4
    rows = db.execute("SELECT * FROM test_scratch.round_trip ORDER BY n").fetchall()
    assert [r[0] for r in rows] == values["label"]
    assert [None if r[1] is None else float(r[1]) for r in rows] == [1.25, None, 3.5, -0.01]
    assert rows[2][2] is None and rows[0][2] == dt.date(2026, 1, 1)
    assert rows[0][3] == dt.datetime(2026, 1, 1, 8)
    db.execute("DROP SCHEMA test_scratch CASCADE")


class _FailingDomain:
    """The master domain, failing after it has loaded a few tables."""

    NAME = master.NAME
    PARAMETERS = master.PARAMETERS
    RAW_TABLES = master.RAW_TABLES

    @staticmethod
    def generate(ctx):
        for index, item in enumerate(master.generate(ctx)):
            if index == 4:
                raise RuntimeError("generator failed mid-load")
            yield item


def test_failed_load_leaves_previous_data(genims, dsn):
    genims.seed(seed=42)
    with psycopg.connect(dsn, autocommit=True) as conn:
        before, runs = table_checksums(conn, "raw_master"), load_run_count(conn)
    config = load_config(preset="tiny", seed=999, as_of="2026-11-22")
    with psycopg.connect(dsn) as conn, pytest.raises(RuntimeError, match="mid-load"):
        load(conn, config, [_FailingDomain])
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert table_checksums(conn, "raw_master") == before
        assert load_run_count(conn) == runs


class _ReadsMaster:
    """A dependent domain: one raw row per master machine, read from the same load."""

    NAME = "dependent_probe"
    PARAMETERS: dict = {}
    RAW_TABLES = (raw_table("machine_echo", "machine_id VARCHAR(50)", "installed DATE"),)

    @staticmethod
    def generate(ctx):
        machines = ctx.read("master", "machines", "machine_id, installation_date AS installed")
        assert machines["installed"].dtype == np.dtype("datetime64[D]")
        yield "machine_echo", machines


def test_dependent_domain_reads_the_rows_of_the_same_load(genims, dsn):
    config = load_config(preset="tiny", seed=4242, as_of="2026-11-22")
    with psycopg.connect(dsn) as conn:
        load(conn, config, [master, _ReadsMaster])
    with psycopg.connect(dsn, autocommit=True) as conn:
        echoed = conn.execute("SELECT machine_id, installed FROM raw_dependent_probe.machine_echo "
                              "ORDER BY 1").fetchall()
        machines = conn.execute("SELECT machine_id, installation_date FROM raw_master.machines "
                                "ORDER BY 1").fetchall()
        conn.execute("DROP SCHEMA raw_dependent_probe CASCADE")
    assert echoed == machines and len(machines) > 0


def test_history_window_ends_at_the_start_of_the_as_of_day():
    start, end = history_window(dt.date(2026, 11, 22), 7)
    assert str(end) == "2026-11-22T00:00:00" and str(start) == "2026-11-15T00:00:00"


def test_binary_and_text_copy_load_the_same_values(db: psycopg.Connection):
    """Fixed-width chunks go through binary COPY, the rest through text: same rows either way."""
    from seeders.engine import render_copy_binary

    table = raw_table("fast", "id BIGINT", "code VARCHAR(20)", "at TIMESTAMP", "day DATE",
                      "value DOUBLE PRECISION", "q SMALLINT", "ok BOOLEAN")
    chunk = {
        "id": np.array([1, 2, 3]), "code": ["SNS-01", "SNS-02", "SNS-03"],
        "at": np.array(["2026-01-01T08:00:05", "1999-12-31T23:59:59", "2000-01-01"],
                       dtype="datetime64[s]"),
        "day": np.array(["2026-01-01", "1970-01-01", "2000-01-01"], dtype="datetime64[D]"),
        "value": np.array([0.1, -1e-5, 51.7975]), "q": np.array([192, 64, 0], dtype=np.int16),
        "ok": np.array([True, False, True]),
    }
    assert render_copy_binary(chunk, table) is not None
    assert render_copy_binary({**chunk, "code": ["a", "bb", "c"]}, table) is None  # ragged text
    assert render_copy_binary({**chunk, "value": np.array([1.0, np.nan, 2.0])}, table) is None
    db.execute("CREATE SCHEMA IF NOT EXISTS test_scratch")
    loaded = []
    for name, data in (("fast", chunk), ("fast_text", {**chunk, "code": ["SNS-01", "SNS-02", None]})):
        db.execute(f"DROP TABLE IF EXISTS test_scratch.{name}")
        db.execute(f"CREATE TABLE test_scratch.{name} (id bigint, code varchar(20), at timestamp, "
                   "day date, value float8, q smallint, ok boolean)")
        assert copy_chunk(db, "test_scratch", raw_table(name, *[f"{c.name} {c.pg_type}" for c in
                                                              table.columns]), data) == 3
        loaded.append(db.execute(f"SELECT * FROM test_scratch.{name} ORDER BY id").fetchall())
    binary, text = loaded
    assert [r[2:] for r in binary] == [r[2:] for r in text]
    assert binary[0] == (1, "SNS-01", dt.datetime(2026, 1, 1, 8, 0, 5), dt.date(2026, 1, 1), 0.1,
                         192, True)
    assert text[2][1] is None
    db.execute("DROP SCHEMA test_scratch CASCADE")


def test_load_reports_the_rows_of_every_chunk(genims, dsn):
    """The progress callback gets each chunk's raw table and rows: they add up to the load."""
    config = load_config(preset="tiny", seed=42, as_of="2026-11-22")
    reported: dict[str, int] = {}

    def progress(table: str, rows: int) -> None:
        assert rows >= 0
        reported[table] = reported.get(table, 0) + rows

    with psycopg.connect(dsn) as conn:
        result = load(conn, config, [master], progress=progress)
    loaded = {t: n for t, n in result.rows.items() if n}
    assert {t: n for t, n in reported.items() if n} == loaded and sum(loaded.values()) > 0
