"""Code style: ruff for Python, sqlfluff (dbt templater) for the dbt SQL."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import REPO


def tool(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


def test_ruff_is_clean():
    result = subprocess.run([tool("ruff"), "check", "."], cwd=REPO, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout


def test_sqlfluff_is_clean(genims):
    env = genims.shell_env()
    result = subprocess.run(
        [tool("sqlfluff"), "lint", "--processes", "2", "models", "tests", "macros"],
        cwd=REPO / "dbt_project", env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "All Finished" in result.stdout
