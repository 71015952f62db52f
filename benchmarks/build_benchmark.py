"""End-to-end build benchmark: rows, seconds per phase, peak memory and the slowest dbt nodes.

    python benchmarks/build_benchmark.py [--presets default large] [--as-of 2026-11-22]
                                         [--runs 1] [--slowest 10]

Each preset is built with `genims build` in a child process, on the database genims uses
(the embedded server, or GENIMS_DSN), with its report in a temporary folder. Per run it
prints raw and mart rows, the seconds of each phase (seed, dbt, checks) as the build reports
them, the wall time, the genims process's peak resident memory (the PostgreSQL server's own
memory is not included) and whether dbt reused its parsed project (partial parsing); then the
slowest dbt nodes of the preset's last run. With --runs 2 the second run shows the warm case.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUN_RESULTS = REPO / "dbt_project" / "target" / "run_results.json"
PHASES = {"seed": "1/3 seeding raw data", "dbt": "2/3 dbt build", "checks": "3/3 data-quality checks"}


@dataclass
class Run:
    preset: str
    wall: float
    peak_mib: float
    phases: dict[str, float]
    raw_rows: int
    mart_rows: int
    full_parse: bool
    slowest: list[tuple[float, str]] = field(default_factory=list)


def _phase_seconds(stderr: str) -> dict[str, float]:
    seconds = {}
    for phase, title in PHASES.items():
        match = re.search(rf"{re.escape(title)}.* done in ([\d.]+)s", stderr)
        seconds[phase] = float(match.group(1)) if match else float("nan")
    return seconds


def _slowest(limit: int) -> list[tuple[float, str]]:
    results = json.loads(RUN_RESULTS.read_text())["results"]
    ranked = sorted(results, key=lambda r: -r["execution_time"])[:limit]
    return [(r["execution_time"], r["unique_id"].split(".", 1)[1]) for r in ranked]


def build(preset: str, as_of: str, slowest: int) -> Run:
    with tempfile.TemporaryDirectory(prefix="genims-bench-") as report_dir:
        command = [sys.executable, "-m", "genims.cli", "build", "--preset", preset,
                   "--as-of", as_of, "--report-dir", report_dir]
        out, err = Path(report_dir) / "stdout.txt", Path(report_dir) / "stderr.txt"
        started = time.monotonic()
        with out.open("w") as stdout_file, err.open("w") as stderr_file:
            child = subprocess.Popen(command, cwd=REPO, stdout=stdout_file, stderr=stderr_file,
                                     env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                                          "GX_ANALYTICS_ENABLED": "false"})
            # wait4 gives this child's own resource usage (ru_maxrss in KiB on Linux)
            _, status, usage = os.wait4(child.pid, 0)
        wall = time.monotonic() - started
        stdout, stderr = out.read_text(), err.read_text()
        code = child.returncode = os.waitstatus_to_exitcode(status)
        if code != 0:
            tail = "\n".join((stdout + stderr).splitlines()[-20:])
            raise SystemExit(f"genims build --preset {preset} failed ({code}):\n{tail}")
        peak_kib = usage.ru_maxrss
        summary = json.loads((Path(report_dir) / "summary.json").read_text())
        dbt_log = (Path(report_dir) / "dbt.log").read_text()
    tables = [t for d in summary["domains"].values() for t in d.get("tables", [])]
    raw = re.search(r"([\d,]+) raw rows", stdout + stderr)
    return Run(
        preset=preset, wall=wall, peak_mib=peak_kib / 1024, phases=_phase_seconds(stderr),
        raw_rows=int(raw.group(1).replace(",", "")) if raw else 0,
        mart_rows=sum(t["rows"] for t in tables),
        full_parse="Unable to do partial parsing" in dbt_log, slowest=_slowest(slowest),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presets", nargs="+", default=["default", "large"])
    parser.add_argument("--as-of", default="2026-11-22")
    parser.add_argument("--runs", type=int, default=1, help="builds per preset")
    parser.add_argument("--slowest", type=int, default=10, help="slowest dbt nodes to list")
    args = parser.parse_args(argv)

    runs = [build(preset, args.as_of, args.slowest)
            for preset in args.presets for _ in range(args.runs)]
    print(f"{'preset':<8} {'raw rows':>11} {'mart rows':>11} {'seed s':>7} {'dbt s':>7} "
          f"{'checks s':>8} {'total s':>8} {'peak MiB':>9}  dbt parse")
    for r in runs:
        p = r.phases
        print(f"{r.preset:<8} {r.raw_rows:>11,} {r.mart_rows:>11,} {p['seed']:>7.1f} "
              f"{p['dbt']:>7.1f} {p['checks']:>8.1f} {r.wall:>8.1f} {r.peak_mib:>9.0f}  "
              f"{'full' if r.full_parse else 'partial'}")
    for preset in args.presets:
        last = [r for r in runs if r.preset == preset][-1]
        print(f"\nslowest dbt nodes, {preset}:")
        for seconds, node in last.slowest:
            print(f"  {seconds:6.2f} s  {node}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
