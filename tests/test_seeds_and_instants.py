"""A fixed seed x as-of matrix on `tiny`, through the sweep script itself: every rule holds at
instants a single test build never meets (a month's first midnight, a year end, a leap day,
a weekend night), with other seeds than the suite's. The full sweep
(`benchmarks/sweep.py --presets tiny default --pairs 40`) draws random pairs; this keeps a few
fixed ones so that CI catches a regression."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import REPO

MATRIX = (
    "tiny:7:2028-02-29T13:00",    # a leap day, past noon
    "tiny:123:2026-12-31T23:00",  # the last hour of a year
    "tiny:99:2026-05-01T00:00",   # a month's first midnight: the as-of day has not begun
    "tiny:2024:2026-03-15T04:00",  # a Sunday night
)


def test_every_rule_holds_across_the_matrix(genims, tmp_path):
    arguments = [arg for pair in MATRIX for arg in ("--pair", pair)]
    result = subprocess.run(
        [sys.executable, "benchmarks/sweep.py", *arguments, "--json", str(tmp_path / "sweep.json")],
        cwd=REPO, env=genims.env, capture_output=True, text=True, timeout=1800,
    )
    print(result.stdout)  # the builds and any rule skipped, shown with -rA or on failure
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert re.search(rf"^{len(MATRIX)} of {len(MATRIX)} builds green", result.stdout, re.M)
    # each build ran every check (a build that stopped early has no expectations)
    checks = [int(n) for n in re.findall(r"s  (\d+) checks  green", result.stdout)]
    assert len(checks) == len(MATRIX) and min(checks) > 600, result.stdout
