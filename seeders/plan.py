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
    for name, section in config.sections.items():
        estimates.extend(domain(name).plan(section))
    return estimates
