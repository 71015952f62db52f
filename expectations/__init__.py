"""Great Expectations suites, one module per domain.

Each module exposes `checks(config) -> list[AssetChecks]`: the mart tables to validate and
their expectations, with cardinality bounds computed from the run's config. `genims check`
turns them into GX suites named `<domain>.<table>` and validates them one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import great_expectations as gx


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


def count_per_day(name: str, column: str, as_of: str, days: int, bounds: tuple[int, int]) -> Any:
    """Rows of the suite's table per day (of date or timestamp `column`) within `bounds`, for
    each of the `days` days before `as_of`; a day without rows counts as 0."""
    low, high = bounds
    return rows_violating(
        f"{name.replace('_', ' ')} between {low} and {high}",
        f"SELECT d.day, count(t.{column}) AS n "
        f"FROM generate_series(DATE '{as_of}' - {days}, DATE '{as_of}' - 1, interval '1 day') "
        f"AS d(day) LEFT JOIN {{batch}} t ON CAST(t.{column} AS date) = d.day::date "
        f"GROUP BY d.day HAVING count(t.{column}) NOT BETWEEN {low} AND {high}",
    )


def suites() -> dict[str, Any]:
    """Every domain's `checks` function, in load order."""
    from expectations import erp, manufacturing, master, operations

    return {module.DOMAIN: module.checks for module in (master, operations, erp, manufacturing)}
