"""The seeder engine against a real server: COPY rendering, atomicity, randomness."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import numpy as np
import psycopg
import pytest

from genims.config import load_config
from seeders import master
from seeders.engine import (
    ChunkError,
    copy_chunk,
    history_days,
    history_window,
    load,
    prepare_chunk,
    raw_table,
    render_copy_text,
    rng_for,
)
from seeders.gen import (
    DAY,
    DAY_SECONDS,
    HOUR,
    MINUTE,
    SECOND,
    Rows,
    at_hour,
    between,
    ids,
    within_hours,
)
from seeders.plan import Amount, estimate

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


def test_a_text_chunk_is_copied_in_slices_without_losing_or_repeating_rows(
        db: psycopg.Connection, monkeypatch):
    monkeypatch.setattr("seeders.engine.TEXT_SLICE_ROWS", 3)
    table = raw_table("sliced", "n INTEGER", "label TEXT")
    labels = [f"row {i}" if i % 4 else None for i in range(10)]  # NULLs: the text format
    db.execute("CREATE SCHEMA IF NOT EXISTS test_scratch")
    db.execute("DROP TABLE IF EXISTS test_scratch.sliced")
    db.execute("CREATE TABLE test_scratch.sliced (n integer, label text)")
    assert copy_chunk(db, "test_scratch", table, {"n": np.arange(10), "label": labels}) == 10
    rows = db.execute("SELECT n, label FROM test_scratch.sliced ORDER BY n").fetchall()
    assert rows == list(zip(range(10), labels, strict=True))
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


def test_history_window_runs_up_to_the_as_of_instant():
    # a date as-of: midnight, exactly `days` whole days
    start, end = history_window(dt.datetime(2026, 11, 22), 7)
    assert str(start) == "2026-11-15T00:00:00" and str(end) == "2026-11-22T00:00:00"
    assert [str(d) for d in history_days(dt.datetime(2026, 11, 22), 2)] == [
        "2026-11-20", "2026-11-21"]
    # an instant in the day: the whole days before it, then the as-of day up to the instant
    start, end = history_window(dt.datetime(2026, 11, 22, 14, 30), 7)
    assert str(start) == "2026-11-15T00:00:00" and str(end) == "2026-11-22T14:30:00"
    assert [str(d) for d in history_days(dt.datetime(2026, 11, 22, 14, 30), 2)] == [
        "2026-11-20", "2026-11-21", "2026-11-22"]


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


# --------------------------------------------------------------------------- chunk checks

class _ChunkProbe:
    """A domain whose one chunk is whatever the test puts in `chunk`."""

    NAME = "chunk_probe"
    PARAMETERS: dict = {}
    RAW_TABLES = (raw_table("things", "thing_id INTEGER", "label TEXT"),)
    chunk: dict = {}

    @classmethod
    def generate(cls, ctx):
        yield "things", cls.chunk


@pytest.mark.parametrize(("chunk", "message"), [
    ({"thing_id": [1], "label": ["a"], "_scratch": [2]},
     "raw_chunk_probe.things: unknown column _scratch"),
    ({"thing_id": [1]}, "raw_chunk_probe.things: missing column label"),
    ({"thing_id": [1, 2], "label": ["a"]}, "raw_chunk_probe.things: columns of unequal length"),
    ({"thing_id": [1.5], "label": ["a"]}, "raw_chunk_probe.things.thing_id: expected integer"),
])
def test_a_chunk_that_does_not_fit_its_table_is_named(dsn, monkeypatch, chunk, message):
    monkeypatch.setattr(_ChunkProbe, "chunk", chunk)
    config = load_config(preset="tiny", as_of="2026-11-22")
    with psycopg.connect(dsn) as conn, pytest.raises(ChunkError, match=re.escape(message)):
        load(conn, config, [_ChunkProbe])
    with psycopg.connect(dsn, autocommit=True) as conn:
        assert conn.execute("SELECT to_regnamespace('raw_chunk_probe')").fetchone()[0] is None


def test_columns_are_converted_by_their_declared_type(db: psycopg.Connection):
    """Lists of dates, timestamps, numbers and booleans with None for NULL load as such."""
    table = raw_table("typed", "id INTEGER", "day DATE", "at TIMESTAMP", "amount DECIMAL(8,2)",
                      "ok BOOLEAN", "note TEXT")
    chunk = {
        "id": [1, 2, 3],
        "day": [np.datetime64("2026-01-02"), None, dt.date(2026, 1, 4)],
        "at": [np.datetime64("2026-01-02T08:30:00"), None, np.datetime64("2026-01-04T23:59:59")],
        "amount": [1.25, None, 3],
        "ok": [True, False, True],
        "note": ["x", None, "z"],
    }
    prepared = prepare_chunk("raw_probe", table, chunk)
    assert prepared["day"].dtype == np.dtype("datetime64[D]") and np.isnat(prepared["day"][1])
    assert prepared["at"].dtype.kind == "M" and np.isnat(prepared["at"][1])
    assert prepared["amount"].dtype == np.float64 and np.isnan(prepared["amount"][1])
    assert prepared["id"].dtype.kind == "i" and prepared["ok"].dtype == bool
    assert prepared["note"] is chunk["note"]  # text passes through
    db.execute("CREATE SCHEMA IF NOT EXISTS test_scratch")
    db.execute("DROP TABLE IF EXISTS test_scratch.typed")
    db.execute("CREATE TABLE test_scratch.typed (id integer, day date, at timestamp, "
               "amount numeric(8,2), ok boolean, note text)")
    assert copy_chunk(db, "test_scratch", table, chunk) == 3
    assert db.execute("SELECT * FROM test_scratch.typed ORDER BY id").fetchall() == [
        (1, dt.date(2026, 1, 2), dt.datetime(2026, 1, 2, 8, 30), Decimal("1.25"), True, "x"),
        (2, None, None, None, False, None),
        (3, dt.date(2026, 1, 4), dt.datetime(2026, 1, 4, 23, 59, 59), Decimal("3.00"), True, "z"),
    ]
    db.execute("DROP SCHEMA test_scratch CASCADE")


def test_epoch_numbers_are_not_taken_for_timestamps():
    table = raw_table("times", "at TIMESTAMP")
    with pytest.raises(ChunkError, match=r"raw_probe\.times\.at: expected dates or timestamps"):
        prepare_chunk("raw_probe", table, {"at": np.array([1_700_000_000])})


# --------------------------------------------------------------------------- the toolkit


def test_rows_check_each_row_against_the_declared_columns():
    tables = (raw_table("orders", "order_id TEXT", "qty INTEGER", "placed DATE"),)
    rows = Rows(tables, "orders")
    with pytest.raises(ChunkError, match=r"orders\.quantity: not a declared column"):
        rows.add(order_id="A", quantity=1)
    rows.add(qty=5, placed=np.datetime64("2026-01-01"))
    with pytest.raises(ChunkError, match=r"orders\.placed is missing from this row"):
        rows.add(qty=6)
    rows.add(qty=6, placed=None)
    rows[1]["qty"] = 7  # a row stays editable until chunked
    with pytest.raises(ChunkError, match=r"orders\.order_id: 1 values for 2 rows"):
        rows.chunk(order_id=["A"])
    assert rows.chunk(order_id=ids("ORD", 2, 3)) == {
        "order_id": ["ORD-001", "ORD-002"], "qty": [5, 7],
        "placed": [np.datetime64("2026-01-01"), None],
    }
    assert Rows(tables, "orders").chunk() == {"order_id": [], "qty": [], "placed": []}
    with pytest.raises(ChunkError, match="no raw table 'order'"):
        Rows(tables, "order")


def test_rows_sort_stably_and_stay_editable_through_their_views():
    tables = (raw_table("visits", "who TEXT", "day INTEGER", "note TEXT"),)
    rows = Rows(tables, "visits")
    for who, day in (("c", 2), ("a", 1), ("b", 2), ("d", 1)):
        rows.add(who=who, day=day, note=None)
    rows.sort_by("day")
    assert rows.chunk()["who"] == ["a", "d", "c", "b"]  # ties keep their order of adding
    for row in rows:
        if row["day"] == 2:
            row["note"] = f"second day: {row['who']}"
    rows[-1]["day"] = 3
    assert rows.chunk() == {"who": ["a", "d", "c", "b"], "day": [1, 1, 2, 3],
                            "note": [None, None, "second day: c", "second day: b"]}
    with pytest.raises(IndexError):
        rows[4]


def test_time_helpers_stay_in_their_ranges():
    rng = np.random.default_rng(3)
    low = np.full(2000, np.datetime64("2026-01-01"))
    days = between(rng, low, low + 3 * DAY)
    assert days.dtype == np.dtype("datetime64[D]")
    assert set(np.unique(days).tolist()) == {dt.date(2026, 1, d) for d in (1, 2, 3, 4)}
    stamps = within_hours(rng, low, (8, 18))
    hours = (stamps - low.astype("datetime64[s]")) / HOUR
    assert hours.min() >= 8 and hours.max() < 18 and stamps.dtype == np.dtype("datetime64[s]")
    assert at_hour(low[:1], 6)[0] == np.datetime64("2026-01-01T06:00:00")
    assert DAY_SECONDS * SECOND == DAY and 60 * MINUTE == HOUR


def test_amounts_multiply_like_the_config_reads():
    factories = Amount.exact(4)
    lines = factories * (4, 6)
    assert lines == Amount(20, 16, 24)
    machines = lines * (8, 15)
    assert machines == Amount(230, 128, 360)
    assert machines + Amount.exact(1) == Amount(231, 129, 361)
    assert (lines * 2).scaled(low=0) == Amount(40, 0, 48)
    e = estimate("master", "machines", machines)
    assert (e.expected, e.low, e.high) == (230.0, 128, 360)


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
