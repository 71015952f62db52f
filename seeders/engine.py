"""The seeder engine: deterministic randomness, column chunks, and the atomic COPY load.

A domain seeder declares its raw tables and yields `(table, chunk)` pairs, where a chunk
is a mapping of column name to a sequence (NumPy array or list) of equal length. The engine
renders chunks to PostgreSQL's COPY text format and streams them, so memory is bounded by
the chunk size, not the table size.

The whole load runs in one transaction: each domain's tables are built in a shadow schema
(`raw_<domain>__loading`), swapped in for the live `raw_<domain>` at the end, and the run is
recorded in `genims_meta.load_runs`, all committed together. Until that commit, readers see
the previous complete load without waiting; an exception, SIGINT or SIGTERM rolls
everything back.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import sys
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
from faker import Faker
from psycopg import Connection, sql

META_SCHEMA = "genims_meta"
# Test hook: sleep this many seconds once the data is loaded, before it is published and
# committed, so tests can interrupt a load or start a concurrent one at a known point.
HOLD_BEFORE_COMMIT_ENV = "GENIMS_HOLD_BEFORE_COMMIT_SECONDS"


class ChunkError(ValueError):
    """A generated chunk does not fit its declared raw table (a seeder bug)."""


# Declared type -> how the engine converts a chunk's column before COPY.
_KINDS = {
    "DATE": "date", "TIMESTAMP": "timestamp",
    "SMALLINT": "integer", "INTEGER": "integer", "INT": "integer", "BIGINT": "integer",
    "DECIMAL": "number", "NUMERIC": "number", "DOUBLE PRECISION": "number", "FLOAT8": "number",
    "REAL": "number", "BOOLEAN": "boolean",
}


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str

    @property
    def kind(self) -> str:
        """date, timestamp, integer, number, boolean, or text (anything else: passed as is)."""
        return _KINDS.get(self.pg_type.upper().split("(")[0].strip(), "text")


@dataclass(frozen=True)
class RawTable:
    name: str
    columns: tuple[Column, ...]

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


def raw_table(name: str, *columns: str) -> RawTable:
    """Declare a raw table from `"column TYPE"` strings."""
    parsed = []
    for spec in columns:
        column_name, pg_type = spec.split(" ", 1)
        parsed.append(Column(column_name, pg_type))
    return RawTable(name, tuple(parsed))


def raw_schema(domain: str) -> str:
    return f"raw_{domain}"


# --------------------------------------------------------------------------- randomness


def _stable_hash(text: str) -> int:
    return zlib.crc32(text.encode())


def rng_for(seed: int, domain: str, table: str, chunk: int = 0) -> np.random.Generator:
    """An independent generator per (seed, domain, table, chunk): order-free and parallel-safe."""
    sequence = np.random.SeedSequence([seed, _stable_hash(domain), _stable_hash(table), chunk])
    return np.random.Generator(np.random.PCG64(sequence))


def faker_for(
    seed: int, domain: str, table: str, locale: str = "en_US", chunk: int = 0
) -> Faker:
    fake = Faker(locale)
    fake.seed_instance(
        int(rng_for(seed, domain, f"{table}/faker/{locale}", chunk).integers(2**62))
    )
    return fake


@dataclass
class SeedContext:
    """What a domain seeder gets: the config, the as-of instant, its random sources, and read
    access to the raw tables of the domains seeded before it (`read`)."""

    config: Any
    domain: str
    conn: Connection | None = None
    # Domains loaded earlier in this run: their new rows are still in the shadow schema.
    loaded_this_run: frozenset[str] = frozenset()

    @property
    def seed(self) -> int:
        return self.config.seed

    @property
    def as_of(self) -> dt.datetime:
        """The instant history runs up to: nothing generated happens at or after it."""
        return self.config.as_of

    @property
    def params(self) -> dict[str, Any]:
        return self.config[self.domain]

    def rng(self, table: str, chunk: int = 0) -> np.random.Generator:
        return rng_for(self.seed, self.domain, table, chunk)

    def faker(self, table: str, locale: str = "en_US", chunk: int = 0) -> Faker:
        return faker_for(self.seed, self.domain, table, locale, chunk)

    def history(self, days: int) -> tuple[np.datetime64, np.datetime64]:
        """The `[start, end)` window of `days` days of history up to the as-of instant."""
        return history_window(self.as_of, days)

    def history_days(self, days: int) -> np.ndarray:
        """The calendar days of that window, the last one partial unless the instant is a
        midnight."""
        return history_days(self.as_of, days)

    def read(self, domain: str, table: str, columns: Sequence[str] | str,
             order_by: str | None = None) -> dict[str, np.ndarray]:
        """Columns of another domain's raw table, as NumPy arrays (see `read_raw`)."""
        if self.conn is None:
            raise RuntimeError(f"{self.domain} reads {domain}.{table}: the context has no connection")
        schema = shadow_schema(domain) if domain in self.loaded_this_run else raw_schema(domain)
        return read_raw(self.conn, schema, table, columns, order_by)


def history_window(as_of: dt.datetime, days: int) -> tuple[np.datetime64, np.datetime64]:
    """`[start, as_of)` in seconds: the `days` whole days before the as-of day, then the
    as-of day up to the instant (none of it when the instant is midnight, so a date as-of
    gives exactly `days` days). It covers `[as_of - days, as_of)`, and per-day generators
    keep whole calendar days."""
    end = np.datetime64(as_of, "s")
    start = np.datetime64(as_of, "D") - np.timedelta64(int(days), "D")
    return start.astype("datetime64[s]"), end


def history_days(as_of: dt.datetime, days: int) -> np.ndarray:
    """The calendar days (datetime64[D]) of `history_window(as_of, days)`."""
    start, end = history_window(as_of, days)
    last = (end - np.timedelta64(1, "s")).astype("datetime64[D]")
    return np.arange(start.astype("datetime64[D]"), last + np.timedelta64(1, "D"))


def read_raw(conn: Connection, schema: str, table: str, columns: Sequence[str] | str,
             order_by: str | None = None) -> dict[str, np.ndarray]:
    """Read columns of `schema.table` into NumPy arrays, ordered by `order_by` (default: the
    first column) so that what a seeder derives from them is deterministic.

    `columns` are names or SQL expressions with an alias (`"max_value::float8 AS hi"`).
    Dates become datetime64[D], timestamps datetime64[us], numerics float64, integers int64
    (object if NULLs), booleans bool, text object arrays.
    """
    if isinstance(columns, str):
        columns = [c.strip() for c in columns.split(",")]
    query = sql.SQL("SELECT {} FROM {} ORDER BY {}").format(
        sql.SQL(", ").join(sql.SQL(c) for c in columns),
        sql.Identifier(schema, table),
        sql.SQL(order_by or "1"),
    )
    cursor = conn.execute(query)
    names = [c.name for c in cursor.description]
    rows = cursor.fetchall()
    values = list(zip(*rows, strict=True)) if rows else [() for _ in names]
    return {name: _to_array(column) for name, column in zip(names, values, strict=True)}


def _to_array(values: Sequence[Any]) -> np.ndarray:
    sample = next((v for v in values if v is not None), None)
    has_null = any(v is None for v in values)
    if isinstance(sample, dt.datetime):
        return np.array([v if v is not None else np.datetime64("NaT") for v in values],
                        dtype="datetime64[us]")
    if isinstance(sample, dt.date):
        return np.array([v if v is not None else np.datetime64("NaT") for v in values],
                        dtype="datetime64[D]")
    if isinstance(sample, bool) and not has_null:
        return np.array(values, dtype=bool)
    if isinstance(sample, int) and not has_null:
        return np.array(values, dtype=np.int64)
    if isinstance(sample, (float, Decimal)):
        return np.array([float(v) if v is not None else np.nan for v in values], dtype=np.float64)
    return np.array(values, dtype=object)


# --------------------------------------------------------------------------- COPY rendering

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"


_SPECIAL = ("\\", "\t", "\n", "\r")


@functools.cache
def _times_of_day() -> np.ndarray:
    """`THH:MM:SS` for every second of a day (built once)."""
    seconds = np.arange(86_400)
    return np.array(
        [f"T{h:02d}:{m:02d}:{x:02d}" for h, m, x in
         zip(seconds // 3600, seconds // 60 % 60, seconds % 60, strict=True)], dtype=object)


def _render_datetimes(values: np.ndarray) -> list[str]:
    """ISO dates/timestamps as `np.datetime_as_string` writes them, built from a few distinct
    days and a table of times of day instead of formatting every value."""
    missing = np.isnat(values)
    unit = np.datetime_data(values.dtype)[0]
    if unit == "D":
        days = values
        seconds = None
    else:
        as_seconds = values.astype("datetime64[s]")
        if unit not in ("s", "m", "h") and (as_seconds != values)[~missing].any():
            text = np.datetime_as_string(values).astype(object)  # sub-second values
            text[missing] = NULL
            return text.tolist()
        days = as_seconds.astype("datetime64[D]")
        seconds = (as_seconds - days).astype(np.int64)
    unique_days, index = np.unique(days, return_inverse=True)
    text = np.datetime_as_string(unique_days).astype(object)[index]
    if seconds is not None:
        text = text + _times_of_day()[np.where(missing, 0, seconds)]
    if missing.any():
        text[missing] = NULL
    return text.tolist()


def _render_column(values: Sequence[Any] | np.ndarray) -> list[str]:
    """One column as COPY text fields; vectorized for NumPy arrays."""
    if isinstance(values, np.ndarray):
        kind = values.dtype.kind
        if kind == "f":
            text = list(map(repr, values.tolist()))  # shortest round-trip, like NumPy's str
            for i in np.flatnonzero(np.isnan(values)).tolist():
                text[i] = NULL
            return text
        if kind in "iu":
            return list(map(str, values.tolist()))
        if kind == "b":
            return np.where(values, "t", "f").tolist()
        if kind == "M":
            return _render_datetimes(values)
        values = values.tolist()
    # fast path: only strings, none needing an escape
    try:
        joined = "".join(values)
    except TypeError:
        pass
    else:
        if not any(c in joined for c in _SPECIAL):
            return list(values)
    out = []
    for value in values:
        if value is None:
            out.append(NULL)
        elif isinstance(value, str):
            out.append(value.translate(_ESCAPES))
        elif isinstance(value, bool):
            out.append("t" if value else "f")
        elif isinstance(value, float) and value != value:
            out.append(NULL)
        else:
            out.append(str(value))
    return out


def render_copy_text(chunk: Mapping[str, Sequence[Any]], columns: Sequence[str]) -> str:
    """Render a column chunk as COPY text (tab-separated, `\\N` for NULL, one row per line)."""
    rendered = [_render_column(chunk[name]) for name in columns]
    lengths = {len(c) for c in rendered}
    if len(lengths) > 1:
        raise ValueError(f"columns of unequal length in chunk: {sorted(lengths)}")
    if not rendered or not rendered[0]:
        return ""
    return "\n".join(map("\t".join, zip(*rendered, strict=True))) + "\n"


def chunk_rows(chunk: Mapping[str, Sequence[Any]]) -> int:
    first = next(iter(chunk.values()), ())
    return len(first)


# --------------------------------------------------------------------------- loading


class DomainSeeder:
    """What every `seeders/<domain>.py` module provides (checked by `seeders.DOMAINS`; see
    `seeders/__init__.py`). `BUILT_WITH` is optional."""

    NAME: str
    REQUIRES: tuple[str, ...]
    BUILT_WITH: tuple[str, ...] = ()
    PARAMETERS: dict[str, Any]
    RAW_TABLES: tuple[RawTable, ...]

    @staticmethod
    def plan(config: Any) -> list[Any]:
        raise NotImplementedError

    @staticmethod
    def generate(ctx: SeedContext) -> Iterator[tuple[str, Mapping[str, Sequence[Any]]]]:
        raise NotImplementedError


@dataclass
class LoadResult:
    run_id: int
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def ensure_meta(conn: Connection) -> None:
    """Create `genims_meta.load_runs`, or bring one created by an older version up to date."""
    conn.execute(sql.SQL("CREATE SCHEMA IF NOT EXISTS {}").format(sql.Identifier(META_SCHEMA)))
    conn.execute(
        sql.SQL(
            """
            CREATE TABLE IF NOT EXISTS {}.load_runs (
                run_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                loaded_at timestamptz NOT NULL DEFAULT now(),
                seed bigint NOT NULL,
                as_of timestamp NOT NULL,
                preset text NOT NULL,
                config_fingerprint text NOT NULL,
                config jsonb NOT NULL,
                domains text[] NOT NULL,
                row_counts jsonb NOT NULL,
                seconds numeric(10, 2) NOT NULL
            )
            """
        ).format(sql.Identifier(META_SCHEMA))
    )
    _migrate_as_of_to_timestamp(conn)


def _migrate_as_of_to_timestamp(conn: Connection) -> None:
    """Versions before the as-of instant recorded `as_of` as a date: make it a timestamp
    (midnight, which is what a date meant). The views dbt built on the column go first, as
    every seed drops dbt's views on the raw schemas; the `dbt build` after it recreates them."""
    kind = conn.execute(
        "SELECT data_type FROM information_schema.columns WHERE table_schema = %s "
        "AND table_name = 'load_runs' AND column_name = 'as_of'", (META_SCHEMA,)
    ).fetchone()
    if kind is None or kind[0] != "date":
        return
    views = conn.execute(
        "SELECT DISTINCT view.oid::regclass::text FROM pg_depend d "
        "JOIN pg_rewrite r ON r.oid = d.objid JOIN pg_class view ON view.oid = r.ev_class "
        "WHERE d.refobjid = %s::regclass AND view.oid <> d.refobjid",
        (f"{META_SCHEMA}.load_runs",),
    ).fetchall()
    for (view,) in views:
        conn.execute(sql.SQL("DROP VIEW IF EXISTS {} CASCADE").format(sql.SQL(view)))
    conn.execute(sql.SQL("ALTER TABLE {}.load_runs ALTER COLUMN as_of TYPE timestamp").format(
        sql.Identifier(META_SCHEMA)))


def latest_run(conn: Connection) -> dict[str, Any] | None:
    """The newest row of `genims_meta.load_runs`, or None before the first load."""
    exists = conn.execute(f"SELECT to_regclass('{META_SCHEMA}.load_runs') IS NOT NULL").fetchone()
    if not exists[0]:
        return None
    cursor = conn.execute(
        sql.SQL("SELECT * FROM {}.load_runs ORDER BY run_id DESC LIMIT 1").format(
            sql.Identifier(META_SCHEMA)
        )
    )
    row = cursor.fetchone()
    return dict(zip([c.name for c in cursor.description], row, strict=True)) if row else None


SHADOW_SUFFIX = "__loading"


def shadow_schema(domain: str) -> str:
    """Where a load builds a domain's new raw tables before swapping them in."""
    return f"{raw_schema(domain)}{SHADOW_SUFFIX}"


def create_table(conn: Connection, schema: str, table: RawTable) -> None:
    column_defs = sql.SQL(", ").join(
        sql.SQL("{} {}").format(sql.Identifier(c.name), sql.SQL(c.pg_type)) for c in table.columns
    )
    conn.execute(sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(schema, table.name), column_defs))


def publish(conn: Connection, domain: str) -> None:
    """Swap the freshly loaded shadow schema in for the live raw schema.

    The views dbt built on the old raw tables go with them (CASCADE); the `dbt build` that
    follows every seed recreates them.
    """
    live, shadow = sql.Identifier(raw_schema(domain)), sql.Identifier(shadow_schema(domain))
    conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(live))
    conn.execute(sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(shadow, live))


# --------------------------------------------------------------------------- binary COPY

_BINARY_HEADER = b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") + (0).to_bytes(4, "big")
_BINARY_TRAILER = (-1).to_bytes(2, "big", signed=True)
_PG_EPOCH_US = np.datetime64("2000-01-01T00:00:00", "us")
_PG_EPOCH_DAY = np.datetime64("2000-01-01", "D")
_BINARY_INTEGERS = {"BIGINT": ">i8", "INTEGER": ">i4", "SMALLINT": ">i2"}


def _binary_field(pg_type: str, values: Sequence[Any] | np.ndarray) -> np.ndarray | None:
    """One column as big-endian fixed-width binary COPY values, or None when the column does
    not qualify (NULLs, strings of different lengths, types without a fixed-width form)."""
    base = pg_type.upper().split("(")[0].strip()
    if base in ("VARCHAR", "TEXT", "CHAR", "CHARACTER VARYING"):
        items = values.tolist() if isinstance(values, np.ndarray) else list(values)
        if not items or not all(isinstance(v, str) for v in items):
            return None
        try:
            encoded = np.array(items, dtype="S")
        except UnicodeEncodeError:
            return None  # non-ASCII text: the text format handles the encoding
        width = encoded.dtype.itemsize
        if width == 0 or not (np.char.str_len(encoded) == width).all():
            return None
        return encoded
    if not isinstance(values, np.ndarray):
        return None
    kind = values.dtype.kind
    if base in _BINARY_INTEGERS and kind in "iu":
        target = np.dtype(_BINARY_INTEGERS[base])
        info = np.iinfo(target)
        if len(values) and (values.min() < info.min or values.max() > info.max):
            return None
        return values.astype(target)
    if base in ("DOUBLE PRECISION", "FLOAT8") and kind in "fiu":
        if kind == "f" and np.isnan(values).any():
            return None
        return values.astype(">f8")
    if base == "TIMESTAMP" and kind == "M" and not np.isnat(values).any():
        return (values.astype("datetime64[us]") - _PG_EPOCH_US).astype(">i8")
    if base == "DATE" and kind == "M" and not np.isnat(values).any():
        return (values.astype("datetime64[D]") - _PG_EPOCH_DAY).astype(">i4")
    if base == "BOOLEAN" and kind == "b":
        return values.astype("u1")
    return None


def render_copy_binary(chunk: Mapping[str, Sequence[Any]], table: RawTable) -> bytes | None:
    """Render a chunk in PostgreSQL's binary COPY format, entirely vectorized: one packed
    NumPy record per row (field count, then length and value of each field). Only for
    chunks whose every column has a fixed width (no NULLs; text of one length, as ids
    usually are); returns None otherwise and the caller uses the text format."""
    fields = [_binary_field(c.pg_type, chunk[c.name]) for c in table.columns]
    if any(f is None for f in fields):
        return None
    rows = {len(f) for f in fields}
    if len(rows) != 1:
        raise ValueError(f"columns of unequal length in chunk: {sorted(rows)}")
    layout = [("fields", ">i2")]
    for i, f in enumerate(fields):
        layout += [(f"length{i}", ">i4"), (f"value{i}", f.dtype)]
    records = np.empty(rows.pop(), dtype=np.dtype(layout))
    records["fields"] = len(fields)
    for i, f in enumerate(fields):
        records[f"length{i}"] = f.dtype.itemsize
        records[f"value{i}"] = f
    return _BINARY_HEADER + records.tobytes() + _BINARY_TRAILER


def _coerce(column: Column, values: Any) -> Any:
    """One column converted to its declared kind: lists (dates, timestamps, numbers, booleans,
    with None for NULL) become NumPy arrays, NumPy arrays only change unit (dates). Text, and
    integer or boolean columns holding NULLs, stay as they are for the text COPY."""
    kind = column.kind
    if kind == "text" or len(values) == 0:
        return values
    array = values if isinstance(values, np.ndarray) else np.array(values)
    if kind in ("date", "timestamp"):
        if array.dtype.kind in "iufb":  # epoch numbers would silently become 1970 dates
            raise ChunkError(f"expected dates or timestamps for {column.pg_type}, got numbers")
        unit = "datetime64[D]" if kind == "date" else "datetime64[us]"
        if array.dtype.kind == "M":
            return array.astype(unit, copy=False) if kind == "date" else array
        return np.array(array, dtype=unit)  # None -> NaT -> NULL
    if array.dtype == object and kind == "number":
        array = np.array(array, dtype=np.float64)  # None -> NaN -> NULL
    wanted = {"integer": "iu", "number": "iuf", "boolean": "b"}[kind]
    if array.dtype.kind in wanted:
        return array
    if array.dtype == object:
        return values
    raise ChunkError(f"expected {kind} values for {column.pg_type}, got {array.dtype}")


def prepare_chunk(schema: str, table: RawTable, chunk: Mapping[str, Any]) -> dict[str, Any]:
    """`chunk` checked against `table`'s declared columns (exactly those, of equal length)
    and converted by their declared types (see `_coerce`); errors name `schema.table`."""
    where = f"{schema.removesuffix(SHADOW_SUFFIX)}.{table.name}"
    declared = table.column_names
    unknown = [name for name in chunk if name not in declared]
    if unknown:
        raise ChunkError(f"{where}: unknown column {unknown[0]} (not declared in RAW_TABLES)")
    missing = [name for name in declared if name not in chunk]
    if missing:
        raise ChunkError(f"{where}: missing column {missing[0]}")
    prepared = {}
    for column in table.columns:
        try:
            prepared[column.name] = _coerce(column, chunk[column.name])
        except (TypeError, ValueError) as error:
            raise ChunkError(f"{where}.{column.name}: {error}") from error
    lengths = {name: len(values) for name, values in prepared.items()}
    if len(set(lengths.values())) > 1:
        raise ChunkError(f"{where}: columns of unequal length {lengths}")
    return prepared


# Rows rendered to COPY text at a time: a rendered field is a Python string (about 60 bytes
# with its list slot), so a whole table of a dozen columns would take about 1 KB per row.
TEXT_SLICE_ROWS = 20_000


def copy_chunk(conn: Connection, schema: str, table: RawTable, chunk: Mapping[str, Any]) -> int:
    """COPY one chunk into `schema.table`, checked and converted by `prepare_chunk`: binary
    when every column is fixed-width (the fast path for large numeric streams), text
    otherwise, rendered `TEXT_SLICE_ROWS` rows at a time. Both load the same values."""
    chunk = prepare_chunk(schema, table, chunk)
    rows = chunk_rows(chunk)
    if rows == 0:
        return 0
    target = sql.SQL("COPY {} ({}) FROM STDIN").format(
        sql.Identifier(schema, table.name),
        sql.SQL(", ").join(map(sql.Identifier, table.column_names)),
    )
    binary = render_copy_binary(chunk, table)
    if binary is not None:
        target = sql.SQL("{} WITH (FORMAT binary)").format(target)
    with conn.cursor().copy(target) as copy:
        if binary is not None:
            copy.write(binary)
            return rows
        for first in range(0, rows, TEXT_SLICE_ROWS):
            rows_slice = {name: values[first:first + TEXT_SLICE_ROWS]
                          for name, values in chunk.items()}
            copy.write(render_copy_text(rows_slice, table.column_names))
    return rows


# Called after each chunk is copied, with its raw table (`raw_<domain>.<table>`) and row count.
ProgressFn = Callable[[str, int], None]


def drop_domain(conn: Connection, domain: str) -> None:
    """Remove a domain that is not part of the new load: its raw schema and the marts dbt
    derived from it (schema `<domain>`), which would otherwise refer to data that is gone."""
    for schema in (raw_schema(domain), shadow_schema(domain), domain):
        conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def load(
    conn: Connection,
    config: Any,
    domains: Iterable[type[DomainSeeder]] | Iterable[Any],
    progress: ProgressFn = lambda table, rows: None,
    drop: Iterable[str] = (),
) -> LoadResult:
    """Seed every domain's raw schema in one transaction (see the module docstring).

    `drop` names domains left out of this load: they are removed in the same transaction, so
    the database always holds exactly the domains of its latest run.
    """
    started = time.monotonic()
    domains = list(domains)
    rows: dict[str, int] = {}
    loaded: list[str] = []
    with conn.transaction():
        ensure_meta(conn)
        for domain in domains:
            schema, shadow = raw_schema(domain.NAME), shadow_schema(domain.NAME)
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(shadow)))
            conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(shadow)))
            tables = {t.name: t for t in domain.RAW_TABLES}
            for table in tables.values():
                create_table(conn, shadow, table)
                rows[f"{schema}.{table.name}"] = 0
            ctx = SeedContext(config=config, domain=domain.NAME, conn=conn,
                              loaded_this_run=frozenset(loaded))
            for table_name, chunk in domain.generate(ctx):
                key = f"{schema}.{table_name}"
                copied = copy_chunk(conn, shadow, tables[table_name], chunk)
                del chunk  # not held while the generator builds the next one
                rows[key] += copied
                progress(key, copied)
            # statistics now, not when autovacuum comes by: the next domains' seeders and
            # dbt's first models query these tables right away, and without column
            # statistics PostgreSQL plans their joins blind (nested loops over guesses)
            for table in tables.values():
                conn.execute(sql.SQL("ANALYZE {}.{}").format(sql.Identifier(shadow),
                                                             sql.Identifier(table.name)))
            loaded.append(domain.NAME)
        hold = float(os.environ.get(HOLD_BEFORE_COMMIT_ENV, "0") or 0)
        if hold > 0:
            print(f"genims: holding the load open for {hold:g}s before publishing it",
                  file=sys.stderr, flush=True)
            time.sleep(hold)
        for domain in domains:
            publish(conn, domain.NAME)
        for name in drop:
            drop_domain(conn, name)
        seconds = time.monotonic() - started
        run_id = conn.execute(
            sql.SQL(
                """
                INSERT INTO {}.load_runs
                    (seed, as_of, preset, config_fingerprint, config, domains, row_counts, seconds)
                VALUES (%s, %s, %s, %s, %s, %s, %s, %s)
                RETURNING run_id
                """
            ).format(sql.Identifier(META_SCHEMA)),
            (
                config.seed,
                config.as_of,
                config.preset,
                config.fingerprint(),
                json.dumps(config.to_dict()),
                [d.NAME for d in domains],
                json.dumps(rows),
                round(seconds, 2),
            ),
        ).fetchone()[0]
    return LoadResult(run_id=run_id, rows=rows, seconds=time.monotonic() - started)
