"""Row counts a config will produce, per table, computed without generating anything.

A domain's `plan(config)` derives its tables' sizes with `Amount`s, which multiply like the
config reads: `lines = factories * p["lines_per_factory"]` (a `[min, max]` range), then
`estimate(schema, table, lines)`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Estimate:
    schema: str
    table: str
    expected: float
    low: int
    high: int


@dataclass(frozen=True)
class Amount:
    """A planned row count: its expected value and the lowest and highest it can be.

    Times a number scales all three; times a `(min, max)` range gives the children of these
    parents at min..max each (expected at the mean); `+` adds two amounts.
    """

    expected: float
    low: float
    high: float

    @classmethod
    def exact(cls, count: float) -> Amount:
        return cls(count, count, count)

    def __mul__(self, other: float | tuple[float, float]) -> Amount:
        if isinstance(other, tuple):
            low, high = other
            return Amount(self.expected * (low + high) / 2, self.low * low, self.high * high)
        return Amount(self.expected * other, self.low * other, self.high * other)

    __rmul__ = __mul__

    def scaled(self, expected: float = 1.0, low: float = 1.0, high: float = 1.0) -> Amount:
        """Each figure times its own factor: the share of parents that have children, say,
        or a low bound of 0 where a table may be empty."""
        return Amount(self.expected * expected, self.low * low, self.high * high)

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.expected + other.expected, self.low + other.low,
                      self.high + other.high)


def mean(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


def estimate(schema: str, table: str, count: Amount | float) -> Estimate:
    """One table's estimate from an `Amount` or one exact number."""
    amount = count if isinstance(count, Amount) else Amount.exact(count)
    return Estimate(schema, table, float(amount.expected), int(amount.low), int(amount.high))


def plan(config) -> list[Estimate]:
    from seeders import domain

    estimates: list[Estimate] = []
    for name in config.sections:
        estimates.extend(domain(name).plan(config))
    return estimates


def lookup(estimates: list[Estimate], table: str) -> Amount:
    """One table's amount from a domain's plan, for a dependent domain's plan."""
    for e in estimates:
        if e.table == table:
            return Amount(e.expected, e.low, e.high)
    raise KeyError(table)
