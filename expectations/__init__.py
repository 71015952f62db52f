"""Great Expectations suites, one module per domain, named after it (`expectations/<domain>.py`).

Each module exposes `checks(config) -> list[AssetChecks]`: the mart tables to validate and
their expectations, with cardinality bounds computed from the run's config. `genims check`
turns them into GX suites named `<domain>.<table>` and validates them one by one.

What belongs here: what only the run's config knows (rows per table, per parent and per day
against the configured counts and ranges, shares against configured rates) and business
rules stated independently of the dbt tests on purpose. Keys, not-null, enumerations and
foreign keys are the dbt YAML tests' job; a suite does not repeat them.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass, field
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
