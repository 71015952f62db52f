"""Running dbt against the resolved database, in-process, and counting what it did."""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field

from genims import PROJECT_ROOT
from genims.db import Target
from genims.errors import GenimsError

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"


@dataclass
class DbtSummary:
    success: bool
    models: Counter = field(default_factory=Counter)
    tests: Counter = field(default_factory=Counter)
    failures: list[str] = field(default_factory=list)

    @property
    def tests_passed(self) -> int:
        return self.tests.get("pass", 0)

    @property
    def tests_warned(self) -> int:
        """Tests of severity warn that found rows: reported, not failed."""
        return self.tests.get("warn", 0)

    @property
    def tests_failed(self) -> int:
        return sum(n for status, n in self.tests.items() if status not in ("pass", "warn"))


def dbt_environment(target: Target) -> dict[str, str]:
    return {
        **target.dbt_env(),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
    }


def run_dbt(target: Target, args: list[str]) -> DbtSummary:
    """Invoke `dbt <args>` in the project with the target's connection settings."""
    if not (DBT_PROJECT_DIR / "dbt_project.yml").exists():
        raise GenimsError(
            f"dbt project not found at {DBT_PROJECT_DIR}; install genims from a checkout "
            "with `pip install -e .`"
        )
    os.environ.update(dbt_environment(target))
    from dbt.cli.main import dbtRunner

    result = dbtRunner().invoke(
        [*args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(PROJECT_ROOT)]
    )
    summary = DbtSummary(success=bool(result.success))
    for node_result in getattr(result.result, "results", None) or []:
        node = getattr(node_result, "node", None)
        if node is None:  # run-operation's results name no node
            continue
        status = str(node_result.status).split(".")[-1].lower()
        if node.resource_type == "test":
            summary.tests[status] += 1
        else:
            summary.models[status] += 1
        if status in ("error", "fail", "runtime error"):
            message = (node_result.message or "").splitlines()
            summary.failures.append(f"{node.name}: {message[0] if message else status}")
    if result.exception is not None:
        summary.failures.append(f"dbt: {result.exception}")
    return summary
