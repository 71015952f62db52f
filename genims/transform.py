"""Running dbt against the resolved database, in-process, and counting what it did."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from genims import PROJECT_ROOT
from genims.db import Target
from genims.errors import GenimsError

DBT_PROJECT_DIR = PROJECT_ROOT / "dbt_project"
# Where dbt writes run_results.json and manifest.json (its default target path).
DBT_TARGET_DIR = DBT_PROJECT_DIR / "target"
# Which database the latest dbt invocation through genims worked on. The target folder is
# shared by every database this checkout builds (the test suite's, yours, GENIMS_DSN's).
INVOCATION_FILE = DBT_TARGET_DIR / "genims_invocation.json"
LOG_FILE = "dbt.log"


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
    def tests_failed(self) -> int:
        return sum(n for status, n in self.tests.items() if status != "pass")


def dbt_environment(target: Target) -> dict[str, str]:
    return {
        **target.dbt_env(),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "DBT_PROFILES_DIR": str(PROJECT_ROOT),
        "DBT_PROJECT_DIR": str(DBT_PROJECT_DIR),
    }


def run_dbt(
    target: Target, args: list[str], callbacks: Sequence[Callable[[Any], None]] = (),
    log_dir: Path | None = None,
) -> DbtSummary:
    """Invoke `dbt <args>` in the project with the target's connection settings.

    `callbacks` receive each of dbt's events (`EventMsg`). With `log_dir`, dbt prints nothing:
    its node-by-node log goes to `log_dir/dbt.log` (this invocation only, plain text).
    """
    if not (DBT_PROJECT_DIR / "dbt_project.yml").exists():
        raise GenimsError(
            f"dbt project not found at {DBT_PROJECT_DIR}; install genims from a checkout "
            "with `pip install -e .`"
        )
    os.environ.update(dbt_environment(target))
    from dbt.cli.main import dbtRunner

    logging: list[str] = []
    if log_dir is not None:
        (log_dir / LOG_FILE).unlink(missing_ok=True)
        logging = ["--log-path", str(log_dir), "--log-level", "none", "--log-level-file", "info",
                   "--log-format-file", "text", "--no-use-colors", "--no-use-colors-file"]
    result = dbtRunner(callbacks=list(callbacks)).invoke(
        [*args, "--project-dir", str(DBT_PROJECT_DIR), "--profiles-dir", str(PROJECT_ROOT), *logging]
    )
    from dbt_common.invocation import get_invocation_id

    INVOCATION_FILE.parent.mkdir(parents=True, exist_ok=True)
    INVOCATION_FILE.write_text(json.dumps({"invocation_id": get_invocation_id(),
                                           "database": target.display}))
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
