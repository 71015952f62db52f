"""Seeding speed and memory at several scales: `python benchmarks/seed_benchmark.py`.

Each scale runs `genims seed` in a fresh process against the database genims resolves
(GENIMS_DSN, or the embedded server under GENIMS_HOME), and reports rows, wall seconds,
rows per second and the process's peak resident memory. Scales multiply the `default`
preset's factories, so every master table grows with them.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg

REPO = Path(__file__).resolve().parent.parent


def run_seed(config: Path, env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one `genims seed` process."""
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "genims.cli", "seed", "--config", str(config)],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"genims seed failed: {process.stderr.read()}")
    return seconds, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10],
                        help="multiples of the default preset's factory count")
    parser.add_argument("--repeat", type=int, default=2, help="runs per scale; the best counts")
    args = parser.parse_args()

    env = dict(os.environ)
    uri = subprocess.run([sys.executable, "-m", "genims.cli", "db", "uri"], cwd=REPO, env=env,
                         capture_output=True, text=True, check=True).stdout.strip()
    print(f"{'scale':>5} {'raw rows':>10} {'seconds':>8} {'rows/s':>10} {'peak MiB':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        for scale in args.scales:
            config = Path(tmp) / f"scale{scale}.yaml"
            config.write_text(f"preset: default\nas_of: 2026-11-22\nmaster:\n  factories: {4 * scale}\n")
            best = min(run_seed(config, env) for _ in range(args.repeat))
            with psycopg.connect(uri) as conn:
                counts = conn.execute(
                    "SELECT row_counts FROM genims_meta.load_runs ORDER BY run_id DESC LIMIT 1"
                ).fetchone()[0]
            rows = sum(counts.values())
            seconds, peak_kib = best
            print(f"{scale:>5} {rows:>10,} {seconds:>8.2f} {rows / seconds:>10,.0f} "
                  f"{peak_kib / 1024:>9.0f}")
            print(json.dumps({"scale": scale, "rows": rows, "seconds": round(seconds, 2),
                              "peak_mib": round(peak_kib / 1024)}), file=sys.stderr)


if __name__ == "__main__":
    main()
