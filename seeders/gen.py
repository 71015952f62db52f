"""The seeder toolkit: ids, random picks and counts, time units and times of day, and `Rows`,
the builder for tables generated one row at a time.

Time units: `DAY` is a `timedelta64` in days, so a date plus days stays a date; `HOUR`,
`MINUTE` and `SECOND` are in seconds, so a date plus hours is a timestamp. Code that works in
epoch seconds (integers, for speed) uses `DAY_SECONDS`, `HOUR_SECONDS` and `MINUTE_SECONDS`.

A chunk is a mapping {column: sequence}; the engine checks it against the table's declared
columns and converts each column by its declared type (see `seeders.engine.copy_chunk`), so
generators may build columns as lists of dates, timestamps and None.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from seeders.engine import ChunkError, RawTable

DAY = np.timedelta64(1, "D")
HOUR = np.timedelta64(3600, "s")
MINUTE = np.timedelta64(60, "s")
SECOND = np.timedelta64(1, "s")

DAY_SECONDS = 86_400
HOUR_SECONDS = 3_600
MINUTE_SECONDS = 60


# --------------------------------------------------------------------------- ids and picks


def ids(prefix: str, n: int, width: int, start: int = 1) -> list[str]:
    """`n` ids `PREFIX-000001` ... numbered from `start`, zero-padded to `width` digits."""
    return [f"{prefix}-{i:0{width}d}" for i in range(start, start + n)]  # id_of, inlined


def id_of(prefix: str, number: int, width: int) -> str:
    """One id of the `ids` form, for rows that need their id while being built."""
    return f"{prefix}-{number:0{width}d}"


def pick(rng: np.random.Generator, options: Sequence[Any], n: int,
         weights: Sequence[float] | None = None) -> np.ndarray:
    """`n` draws from `options` (with replacement), by relative `weights` if given."""
    p = None if weights is None else np.asarray(weights, dtype=float) / np.sum(weights)
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=n, p=p)]


def one_of(rng: np.random.Generator, candidates: Sequence[Any]) -> Any:
    """One uniformly chosen candidate, or None when there are none."""
    return candidates[int(rng.integers(len(candidates)))] if len(candidates) else None


def counts(rng: np.random.Generator, bounds: tuple[int, int], n: int) -> np.ndarray:
    """`n` whole numbers drawn uniformly from the `[min, max]` range `bounds`."""
    return rng.integers(bounds[0], bounds[1] + 1, size=n)


def count(rng: np.random.Generator, bounds: tuple[int, int]) -> int:
    """One whole number drawn uniformly from the `[min, max]` range `bounds` (the same draw
    as `counts(rng, bounds, 1)[0]`)."""
    return int(rng.integers(bounds[0], bounds[1] + 1))


# --------------------------------------------------------------------------- times


def between(rng: np.random.Generator, low: np.ndarray, high: np.ndarray) -> np.ndarray:
    """A uniformly random moment in `[low, high]` per element, at the arrays' unit (a date
    for dates, a second for timestamps in seconds)."""
    low = np.asarray(low)
    unit = np.timedelta64(1, np.datetime_data(low.dtype)[0])
    span = ((high - low) // unit).astype(np.int64)
    return low + (rng.random(len(span)) * (span + 1)).astype(np.int64) * unit


def days_before(as_of: Any, days: np.ndarray) -> np.ndarray:
    """The dates `days` days before the as-of day."""
    return np.datetime64(as_of, "D") - np.asarray(days, dtype=np.int64) * DAY


def at_hour(dates: np.ndarray, hour: int = 8) -> np.ndarray:
    """Timestamps (seconds) at `hour` o'clock on `dates`."""
    return np.asarray(dates).astype("datetime64[D]").astype("datetime64[s]") + hour * HOUR


def within_hours(rng: np.random.Generator, dates: np.ndarray,
                 hours: tuple[int, int]) -> np.ndarray:
    """Timestamps on `dates` at a random minute within `[hours[0], hours[1])`."""
    minutes = rng.integers(hours[0] * 60, hours[1] * 60, size=len(dates))
    return np.asarray(dates).astype("datetime64[D]").astype("datetime64[s]") + minutes * MINUTE


def epoch_seconds(values: Any) -> np.ndarray:
    """datetime64 (any unit) -> int64 seconds since the epoch."""
    return np.asarray(values).astype("datetime64[s]").astype(np.int64)


def from_epoch_seconds(values: Any) -> Any:
    """int seconds since the epoch -> datetime64[s] (an array for an array, a scalar for a
    number; None stays None)."""
    if values is None:
        return None
    if isinstance(values, int | np.integer):
        return np.datetime64(int(values), "s")
    return np.asarray(values, dtype=np.int64).astype("datetime64[s]")


# --------------------------------------------------------------------------- chunks


def concat(chunks: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """One chunk of the rows of `chunks` (same columns), in order."""
    if len(chunks) == 1:
        return dict(chunks[0])
    merged: dict[str, Any] = {}
    for name in chunks[0]:
        parts = [c[name] for c in chunks]
        if all(isinstance(p, np.ndarray) for p in parts):
            merged[name] = np.concatenate(parts)
        else:
            merged[name] = [v for p in parts for v in p]
    return merged


class Row:
    """One row of a `Rows`, read and updated by column name (a view: `Rows.sort_by` moves the
    rows under it)."""

    __slots__ = ("_columns", "_index")

    def __init__(self, columns: dict[str, list[Any]], index: int) -> None:
        self._columns = columns
        self._index = index

    def __getitem__(self, name: str) -> Any:
        return self._columns[name][self._index]

    def __setitem__(self, name: str, value: Any) -> None:
        self._columns[name][self._index] = value


class Rows:
    """A table's rows, added one at a time as keyword arguments, then `chunk()`ed into columns.

    Every keyword must be one of the table's declared columns, and every row must name the
    same columns; the engine checks the finished chunk for missing ones. Columns computed for
    all rows at once (ids numbered after sorting, people drawn in one go) are passed to
    `chunk()` instead. The rows are kept as one list per column: a dict per row would take
    about ten times the memory.
    """

    def __init__(self, tables: Iterable[RawTable], name: str) -> None:
        found = [t for t in tables if t.name == name]
        if not found:
            raise ChunkError(f"no raw table {name!r} is declared")
        self.table = found[0]
        self._declared = set(self.table.column_names)
        self._columns: dict[str, list[Any]] = {}
        self._count = 0

    def add(self, **values: Any) -> Row:
        """Append one row; returns it (a `Row` the caller may still update)."""
        if self._count:
            if values.keys() != self._columns.keys():
                self._mismatch(values.keys())
        else:
            unknown = [k for k in values if k not in self._declared]
            if unknown:
                raise ChunkError(f"{self.table.name}.{unknown[0]}: not a declared column")
            self._columns = {name: [] for name in values}
        for name, value in values.items():
            self._columns[name].append(value)
        self._count += 1
        return Row(self._columns, self._count - 1)

    def _mismatch(self, names: Iterable[str]) -> None:
        first = self._columns.keys()
        extra = [k for k in names if k not in first]
        missing = [k for k in first if k not in names]
        what = (f"{extra[0]} is not in the table's other rows" if extra
                else f"{missing[0]} is missing from this row")
        raise ChunkError(f"{self.table.name}.{what}")

    def __len__(self) -> int:
        return self._count

    def __iter__(self):
        return (Row(self._columns, i) for i in range(self._count))

    def __getitem__(self, index: int) -> Row:
        if not -self._count <= index < self._count:
            raise IndexError(index)
        return Row(self._columns, index % self._count)

    def sort_by(self, *columns: str) -> None:
        """Sort the rows by `columns` (stable), as NumPy arrays: far faster than a Python
        key over NumPy scalars such as datetime64."""
        if not self._count:
            return
        keys = [np.asarray(self._columns[name]) for name in reversed(columns)]
        order = np.lexsort(keys).tolist()
        for name, values in self._columns.items():
            self._columns[name] = [values[i] for i in order]

    def chunk(self, **columns: Sequence[Any]) -> dict[str, Any]:
        """The rows as {column: list}, in the table's column order, with `columns` (whole
        columns, one value per row) added. The lists are the rows' own, not copies."""
        given = self._columns.keys()
        for name, values in columns.items():
            if name not in self._declared or name in given:
                raise ChunkError(f"{self.table.name}.{name}: not a declared column, or given "
                                 "twice")
            if len(values) != self._count:
                raise ChunkError(f"{self.table.name}.{name}: {len(values)} values for "
                                 f"{self._count} rows")
        out: dict[str, Any] = {}
        for name in self.table.column_names:
            if name in columns:
                out[name] = columns[name]
            elif name in given:
                out[name] = self._columns[name]
            elif not self._count:
                out[name] = []
        return out
