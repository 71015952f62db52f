"""Expectations for the operations domain (placeholder: suites arrive with its tables)."""

from __future__ import annotations

from typing import Any

from expectations import AssetChecks

DOMAIN = "operations"


def checks(config: Any) -> list[AssetChecks]:
    return []
