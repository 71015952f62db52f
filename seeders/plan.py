"""Row counts a config will produce, per table, computed without generating anything."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Estimate:
    schema: str
    table: str
    expected: float
    low: int
    high: int


def mean(bounds: tuple[int, int]) -> float:
    return (bounds[0] + bounds[1]) / 2


def estimate(schema: str, table: str, counts) -> Estimate:
    """`counts` is one exact number or an (expected, low, high) triple."""
    expected, low, high = counts if isinstance(counts, tuple) else (counts,) * 3
    return Estimate(schema, table, float(expected), int(low), int(high))


def plan(config) -> list[Estimate]:
    from seeders import domain

    estimates: list[Estimate] = []
    for name in config.sections:
        estimates.extend(domain(name).plan(config))
    return estimates


def lookup(estimates: list[Estimate], table: str) -> tuple[float, int, int]:
    """One table's (expected, low, high) from a domain's plan, for a dependent domain's plan."""
    for e in estimates:
        if e.table == table:
            return e.expected, e.low, e.high
    raise KeyError(table)


def times(counts: tuple[float, int, int], bounds: tuple[float, float]) -> tuple[float, int, int]:
    """Children of `counts` parents at `bounds` children each: (expected, low, high)."""
    expected, low, high = counts
    return expected * (bounds[0] + bounds[1]) / 2, int(low * bounds[0]), int(high * bounds[1])
