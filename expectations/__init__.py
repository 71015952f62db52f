"""Great Expectations suites, one module per domain.

Each module exposes `checks(config) -> list[AssetChecks]`: the assets to validate (a mart
table, or a SQL aggregate such as machines per line) and their expectations, with
cardinality bounds computed from the run's config. `genims check` turns them into GX suites
named `<domain>.<asset>` and runs one checkpoint per domain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import great_expectations as gx


@dataclass(frozen=True)
class AssetChecks:
    """Expectations about one asset: a table (`schema.table`) or a named SQL query."""

    domain: str
    name: str
    expectations: list[Any] = field(default_factory=list)
    table: str | None = None
    query: str | None = None

    @property
    def suite_name(self) -> str:
        return f"{self.domain}.{self.name}"


def table(domain: str, qualified_name: str, *expectations: Any) -> AssetChecks:
    return AssetChecks(domain, qualified_name.split(".", 1)[1], list(expectations),
                       table=qualified_name)


def query(domain: str, name: str, sql: str, *expectations: Any) -> AssetChecks:
    return AssetChecks(domain, name, list(expectations), query=sql)


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


def count_between(
    domain: str, name: str, child: str, parent_key: str, parent: str, bounds: tuple[int, int]
) -> AssetChecks:
    """Children per parent within `bounds`, counting parents that have none as 0."""
    low, high = bounds
    return table(
        domain, parent,
        rows_violating(
            f"{name.replace('_', ' ')} between {low} and {high}",
            f"SELECT p.{parent_key}, count(c.{parent_key}) AS n FROM {{batch}} p "
            f"LEFT JOIN {child} c ON c.{parent_key} = p.{parent_key} GROUP BY p.{parent_key} "
            f"HAVING count(c.{parent_key}) NOT BETWEEN {low} AND {high}",
        ),
    )


def merge(checks: list[AssetChecks]) -> list[AssetChecks]:
    """One suite per asset: combine the expectations of checks on the same asset."""
    merged: dict[str, AssetChecks] = {}
    for check in checks:
        if check.suite_name in merged:
            merged[check.suite_name].expectations.extend(check.expectations)
        else:
            merged[check.suite_name] = AssetChecks(
                check.domain, check.name, list(check.expectations), check.table, check.query
            )
    return list(merged.values())


def suites() -> dict[str, Any]:
    """Every domain's `checks` function, in load order."""
    from expectations import master

    return {"master": master.checks}
