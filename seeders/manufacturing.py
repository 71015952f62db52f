"""The manufacturing (MES) domain: execution of ERP's production orders on the shop floor.

Placeholder tables; parameters are final (the ERP seeder reads `days_of_history` and
`work_orders_per_day` to size its production orders).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from genims.config import Count, Range
from genims.errors import ConfigError
from seeders.engine import SeedContext
from seeders.plan import Estimate

NAME = "manufacturing"


@dataclass(frozen=True)
class Rate:
    """A share between 0 and 1."""

    help: str

    def validate(self, key: str, value: Any) -> float:
        numeric = isinstance(value, int | float) and not isinstance(value, bool)
        if not numeric or not 0 <= value <= 1:
            raise ConfigError(f"{key}: expected a number between 0 and 1, got {value!r}")
        return float(value)


PARAMETERS: dict[str, Any] = {
    "days_of_history": Count("days of production history ending at the as-of date", minimum=1),
    "work_orders_per_day": Range("work orders (= ERP production orders) started per day", minimum=1),
    "operations_per_order": Range("routing operations executed per work order", minimum=1),
    "materials_per_order": Range("BOM components consumed per work order", minimum=1),
    "inspections_per_order": Range("quality inspections per completed work order", minimum=1),
    "labor_entries_per_day": Range("labor time entries booked per day", minimum=1),
    "downtime_events_per_day": Range("machine downtime incidents per day", minimum=0),
    "changeovers_per_day": Range("product changeovers per day", minimum=0),
    "first_pass_yield_pct": Range(
        "first pass yield of a work order, percent", minimum=0, maximum=100, fraction=True
    ),
    "inspection_pass_rate": Rate("share of quality inspections that pass"),
    "defect_rate": Rate("share of work orders with recorded defects"),
    "batch_record_share": Rate("share of work orders with an electronic batch record"),
}

RAW_TABLES = ()


def plan(config: Any) -> list[Estimate]:
    return []


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from ()
