"""Expectations for the erp domain (placeholder: suites arrive with its tables)."""

from __future__ import annotations

from typing import Any

from expectations import AssetChecks

DOMAIN = "erp"


def checks(config: Any) -> list[AssetChecks]:
    return []
