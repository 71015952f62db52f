"""sensor_data seeding against the COPY floor: `python benchmarks/sensor_data_benchmark.py`.

For each scale (a multiple of the `default` preset's readings, reached by sampling the sensors
that much more often), one fresh process generates the raw readings with the operations
seeder and streams them through the engine's COPY rendering into a scratch table, timing only
the reading chunks (generation + rendering + COPY). The same rows, dumped with `COPY TO` to a
file beforehand-rendered, are then loaded by a plain `COPY FROM` into an identical table: the
floor on this machine. Printed per scale: rows, seconds and rows/s of generate+COPY, seconds
and rows/s of the floor, their ratio, and the process's peak resident memory.

Needs a database genims resolves (GENIMS_DSN, or the embedded server under GENIMS_HOME); it
seeds `default` master data there first (`genims seed --preset default`).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
AS_OF = "2026-11-22"
SCRATCH = "genims_bench"


def measure(scale: int, uri: str) -> dict[str, float]:
    """Runs in a child process: generate+COPY of the readings, then the COPY floor."""
    sys.path.insert(0, str(REPO))
    import psycopg
    from psycopg import sql

    from genims.config import load_config
    from seeders import operations
    from seeders.engine import SeedContext, copy_chunk

    base = load_config(preset="default", as_of=AS_OF)
    seconds = max(1, base["operations"]["sensor_sampling_seconds"] // scale)
    config = load_config(preset="default", as_of=AS_OF, config_file=_config_file(seconds))
    table = next(t for t in operations.RAW_TABLES if t.name == "sensor_readings")
    columns = ", ".join(f"{c.name} {c.pg_type}" for c in table.columns)
    with psycopg.connect(uri) as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {SCRATCH}")
        for name in ("sensor_readings", "floor_readings"):
            conn.execute(f"DROP TABLE IF EXISTS {SCRATCH}.{name}")
            conn.execute(f"CREATE TABLE {SCRATCH}.{name} ({columns})")
        conn.commit()

        ctx = SeedContext(config=config, domain="operations", conn=conn)
        rows, busy = 0, 0.0
        chunks = operations.generate(ctx)
        while True:
            started = time.perf_counter()
            try:
                name, chunk = next(chunks)
            except StopIteration:
                break
            if name != "sensor_readings":
                continue  # the other tables (SCADA states the readings depend on) are not timed
            rows += copy_chunk(conn, SCRATCH, table, chunk)
            busy += time.perf_counter() - started
        conn.commit()
        generate_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

        with tempfile.NamedTemporaryFile(suffix=".copy") as dump:
            with conn.cursor().copy(f"COPY {SCRATCH}.sensor_readings TO STDOUT") as copy:
                for block in copy:
                    dump.write(block)
            dump.flush()
            dump.seek(0)
            started = time.perf_counter()
            statement = sql.SQL("COPY {} FROM STDIN").format(
                sql.Identifier(SCRATCH, "floor_readings"))
            with conn.cursor().copy(statement) as copy:
                while block := dump.read(1 << 20):
                    copy.write(block)
            conn.commit()
            floor = time.perf_counter() - started
        loaded = conn.execute(f"SELECT count(*) FROM {SCRATCH}.floor_readings").fetchone()[0]
        assert loaded == rows, (loaded, rows)
        conn.execute(f"DROP SCHEMA {SCRATCH} CASCADE")
        conn.commit()
    return {"scale": scale, "sampling_seconds": seconds, "rows": rows,
            "seconds": round(busy, 2), "floor_seconds": round(floor, 2),
            "peak_rss_mib": round(generate_rss)}


def _config_file(sampling_seconds: int) -> Path:
    path = Path(tempfile.mkdtemp()) / "bench.yaml"
    path.write_text(f"operations:\n  sensor_sampling_seconds: {sampling_seconds}\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10],
                        help="multiples of the default preset's readings per sensor")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--uri", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        print(json.dumps(measure(args.child, args.uri)))
        return

    env = dict(os.environ)
    cli = [sys.executable, "-m", "genims.cli"]
    uri = subprocess.run([*cli, "db", "uri"], cwd=REPO, env=env, capture_output=True,
                         text=True, check=True).stdout.strip()
    subprocess.run([*cli, "seed", "--preset", "default", "--as-of", AS_OF], cwd=REPO, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"{'scale':>5} {'rows':>11} {'gen+COPY s':>10} {'rows/s':>10} {'floor s':>8} "
          f"{'floor rows/s':>12} {'ratio':>6} {'peak MiB':>9}")
    for scale in args.scales:
        out = subprocess.run([sys.executable, __file__, "--child", str(scale), "--uri", uri],
                             cwd=REPO, env=env, capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(out.stderr)
        r = json.loads(out.stdout.splitlines()[-1])
        ratio = r["seconds"] / r["floor_seconds"]
        print(f"{scale:>5} {r['rows']:>11,} {r['seconds']:>10.2f} {r['rows'] / r['seconds']:>10,.0f} "
              f"{r['floor_seconds']:>8.2f} {r['rows'] / r['floor_seconds']:>12,.0f} {ratio:>6.2f} "
              f"{r['peak_rss_mib']:>9}")
        print(json.dumps({**r, "ratio": round(ratio, 2)}), file=sys.stderr)


if __name__ == "__main__":
    main()
