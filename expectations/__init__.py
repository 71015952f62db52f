"""Great Expectations suites, one module per domain, named after it (`expectations/<domain>.py`).

Each module exposes `checks(config) -> list[AssetChecks]`: the mart tables to validate and
their expectations, with cardinality bounds computed from the run's config. `genims check`
turns them into GX suites named `<domain>.<table>` and validates them one by one.

What belongs here: what only the run's config knows (rows per table, per parent and per day
against the configured counts and ranges, shares against configured rates) and business
rules stated independently of the dbt tests on purpose. Keys, not-null, enumerations and
foreign keys are the dbt YAML tests' job; a suite does not repeat them.

A rule holds for every seed and every as-of instant: a hard invariant, or a statistical band
computed from the sample it judges (`share_near`, `share_between`, `share_at_most`,
`count_band`). Each
statistical check fails a correct build with probability at most LEVEL (1e-6; a check over
several groups splits it between them), and a build has fewer than 30 of them, so together
they fail a correct build less than once in 30,000 builds. A band is `CONTINUITY` counts
wider than the normal approximation's (`tests/test_expectations.py` checks the exact
binomial and Poisson tails against LEVEL). A check whose sample is so small that its band
admits every share (none and all alike) is skipped, with the reason in the report (`Judged`).
"""

from __future__ import annotations

import datetime as dt
import importlib
import math
from dataclasses import dataclass, field
from statistics import NormalDist
from typing import Any

import great_expectations as gx

from seeders.engine import history_days, history_window


@dataclass(frozen=True)
class AssetChecks:
    """Expectations about one table (`schema.table`)."""

    domain: str
    name: str
    table: str
    expectations: list[Any] = field(default_factory=list)

    @property
    def suite_name(self) -> str:
        return f"{self.domain}.{self.name}"


# What one statistical check may cost a correct build: the probability that it fails one.
LEVEL = 1e-6
# Counts added to a band's normal approximation: with them the exact binomial and Poisson
# tails stay under LEVEL for small samples and rare events too.
CONTINUITY = 4


def z_score(comparisons: int = 1) -> float:
    """Standard deviations that a two-sided band over `comparisons` groups needs to fail a
    correct build with probability at most LEVEL (Bonferroni: LEVEL / comparisons each)."""
    return NormalDist().inv_cdf(1 - LEVEL / (2 * max(1, comparisons)))


@dataclass(frozen=True)
class Judged:
    """An expectation that is judged only from `minimum` samples or more: `samples_sql`
    returns their number (one row and column; `{batch}` is the suite's table). With fewer,
    the check is skipped, and the report says why."""

    expectation: Any
    samples_sql: str
    minimum: int
    samples: str  # what a sample is, in the plural: "warning episodes"

    def reason(self, found: int) -> str:
        return (f"skipped: {found:,} {self.samples}; it takes {self.minimum:,} for the band to "
                "exclude either none or all of them, so fewer judge nothing")


def smallest_sample(share: float, slack: float = 0.0, comparisons: int = 1) -> int:
    """The fewest samples whose band around `share` excludes a share of 0 or of 1: with
    fewer, no share at all fails it, and the check judges nothing."""
    z, gap = z_score(comparisons), max(share, 1 - share) - slack
    if gap <= 0:
        raise ValueError(f"a band of {slack} around {share} judges nothing")
    n = 1
    while z * math.sqrt(n * share * (1 - share)) + CONTINUITY >= gap * n:
        n += 1
    return n


def _counts_check(description: str, counts_sql: str, violated: str, minimum: int,
                  samples: str) -> Judged:
    return Judged(
        rows_violating(description, f"SELECT hits, n FROM ({counts_sql}) AS c WHERE {violated}"),
        f"SELECT n FROM ({counts_sql}) AS c", minimum, samples)


def share_near(description: str, counts_sql: str, share: float, samples: str,
               slack: float = 0.0) -> Judged:
    """A share (`hits` of `n`, the columns of `counts_sql`'s one row) near the configured
    `share`: within the two-sided band (plus `slack`, a share the model adds or takes on
    its own) that a correct build leaves with probability at most LEVEL."""
    z = z_score()
    return _counts_check(
        f"{description} near {share:.0%} (within {z:.1f} standard deviations"
        + (f" and {slack:.0%}" if slack else "") + f" of {samples}; level {LEVEL:g})",
        counts_sql,
        f"abs(hits - n * {share}) > {z:.4f} * sqrt(n * {share} * (1 - {share})) "
        f"+ {slack} * n + {CONTINUITY}",
        smallest_sample(share, slack), samples)


def share_at_most(description: str, counts_sql: str, share: float, samples: str) -> Judged:
    """A share (`hits` of `n`) at most the configured `share`, within the one-sided band a
    correct build leaves with probability at most LEVEL."""
    z = NormalDist().inv_cdf(1 - LEVEL)
    return _counts_check(
        f"{description} at most {share:g} (plus {z:.1f} standard deviations of {samples}; "
        f"level {LEVEL:g})",
        counts_sql,
        f"hits > n * {share} + {z:.4f} * sqrt(n * {share} * (1 - {share})) + {CONTINUITY}",
        smallest_sample(share), samples)


def share_between(description: str, counts_sql: str, low: float, high: float,
                  samples: str) -> Judged:
    """A share (`hits` of `n`) whose samples each hit with a probability the generator draws
    within [`low`, `high`] (a sales order's make-to-order share, a supplier's on-time rate):
    between the two, within the band a correct build leaves with probability at most LEVEL
    (the variance of such a sum is at most n times the largest p (1 - p) in the range)."""
    z = z_score()
    variance = max(p * (1 - p) for p in (low, high, min(max(0.5, low), high)))
    return _counts_check(
        f"{description} between {low:g} and {high:g} (within {z:.1f} standard deviations of "
        f"{samples}; level {LEVEL:g})",
        counts_sql,
        f"hits < n * {low} - {z:.4f} * sqrt(n * {variance}) - {CONTINUITY} "
        f"OR hits > n * {high} + {z:.4f} * sqrt(n * {variance}) + {CONTINUITY}",
        smallest_sample((low + high) / 2, (high - low) / 2), samples)


def count_band(expected: str, comparisons: int = 1) -> str:
    """SQL: the half-width of the band around a Poisson count with mean `expected` (an SQL
    expression) that a correct build leaves with probability at most LEVEL, split between
    `comparisons` groups."""
    return f"({z_score(comparisons):.4f} * sqrt({expected}) + {CONTINUITY})"


def table(domain: str, qualified_name: str, *expectations: Any) -> AssetChecks:
    return AssetChecks(domain, qualified_name.split(".", 1)[1], qualified_name, list(expectations))


def no_orphans(column: str, parent: str, parent_column: str, key: str) -> Any:
    """Every non-null `column` of the suite's table exists in `parent.parent_column`.

    Failures list the offending rows by `key`.
    """
    return gx.expectations.UnexpectedRowsExpectation(
        description=f"every {column} exists in {parent}.{parent_column}",
        unexpected_rows_query=(
            f"SELECT c.{key}, c.{column} FROM {{batch}} c "
            f"LEFT JOIN {parent} p ON p.{parent_column} = c.{column} "
            f"WHERE c.{column} IS NOT NULL AND p.{parent_column} IS NULL"
        ),
    )


def rows_violating(description: str, sql: str) -> Any:
    """A rule written as a query returning the offending rows; `{batch}` is the suite's table."""
    return gx.expectations.UnexpectedRowsExpectation(
        description=description, unexpected_rows_query=sql
    )


def count_between(name: str, child: str, key: str, bounds: tuple[int, int]) -> Any:
    """Rows of `child` per row of the suite's table (joined on `key`) within `bounds`.

    A parent with no children counts as 0; failures list the parent and its count.
    """
    low, high = bounds
    return rows_violating(
        f"{name.replace('_', ' ')} between {low} and {high}",
        f"SELECT p.{key}, count(c.{key}) AS n FROM {{batch}} p "
        f"LEFT JOIN {child} c ON c.{key} = p.{key} GROUP BY p.{key} "
        f"HAVING count(c.{key}) NOT BETWEEN {low} AND {high}",
    )


def history(config: Any, days: int) -> tuple[str, str]:
    """SQL timestamps of the `[start, end)` window of `days` days of history up to the
    run's as-of instant: the window the seeders generated (`seeders.engine.history_window`)."""
    start, end = history_window(config.as_of, days)
    return f"TIMESTAMP '{start}'", f"TIMESTAMP '{end}'"


def count_per_day(name: str, column: str, config: Any, days: int,
                  bounds: tuple[int, int]) -> Any:
    """Rows of the suite's table per day (of date or timestamp `column`) within `bounds`, on
    each calendar day of `days` days of history; a day without rows counts as 0, and the
    as-of day, when the instant is past its midnight, only has an upper bound (it is not
    over)."""
    low, high = bounds
    calendar = history_days(config.as_of, days)
    first, last = calendar[0], calendar[-1]
    partial = config.as_of.time() != dt.time()
    return rows_violating(
        f"{name.replace('_', ' ')} between {low} and {high}"
        + (f" (the as-of day so far: at most {high})" if partial else ""),
        f"SELECT d.day, count(t.{column}) AS n "
        f"FROM generate_series(DATE '{first}', DATE '{last}', interval '1 day') "
        f"AS d(day) LEFT JOIN {{batch}} t ON CAST(t.{column} AS date) = d.day::date "
        f"GROUP BY d.day HAVING count(t.{column}) NOT BETWEEN "
        f"CASE WHEN d.day = DATE '{last}' THEN {0 if partial else low} ELSE {low} END "
        f"AND {high}",
    )


def suites() -> dict[str, Any]:
    """Every domain's `checks` function, in load order: module `expectations.<domain>` of
    each domain that has one."""
    from seeders import DOMAINS

    found = {}
    for domain in DOMAINS:
        name = f"{__name__}.{domain.NAME}"
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as missing:
            if missing.name != name:
                raise
            continue
        found[domain.NAME] = module.checks
    return found
