"""The manufacturing domain (placeholder: tables arrive with its issue)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seeders.engine import SeedContext
from seeders.plan import Estimate

NAME = "manufacturing"

PARAMETERS: dict[str, Any] = {}

RAW_TABLES = ()


def plan(config: Any) -> list[Estimate]:
    return []


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from ()
