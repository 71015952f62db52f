"""Seed x as-of sweep: build random (seed, as-of) pairs and count, per rule, the builds it failed.

    python benchmarks/sweep.py [--presets tiny default] [--pairs 20] [--years 2]
                               [--draw 1] [--json sweep.json]
    python benchmarks/sweep.py --pair tiny:7:2028-02-29T13:00 [--pair ...]

`genims build` takes the current hour as its as-of instant and users change the seed, so a
rule must hold for any seed and any instant. Per preset this draws `--pairs` seeds (0 to
2**31) and as-of instants (a whole hour, uniform over the `--years` years ending at the
current hour; `--draw` seeds the drawing, so a sweep can be repeated), builds each pair with
`genims build` in a child process on the database genims uses (the embedded server, or
GENIMS_DSN: set it to sweep another PostgreSQL), and reads the pair's `summary.json`.
`--pair PRESET:SEED:AS-OF` builds the pairs given instead (the test suite's fixed matrix).

It prints one line per build as it goes, then per rule that failed or errored anywhere: the
builds it failed of those it ran in, and the command that reproduces each. A build that
stops before its checks (bad config, a dbt model that fails to build, a crash) counts as a
failure of the rule `build: <exit code>`. Exit code 0 when every build passed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FAILED = ("fail", "error")


@dataclass(frozen=True)
class Pair:
    preset: str
    seed: int
    as_of: str

    @property
    def command(self) -> str:
        return f"genims build --preset {self.preset} --seed {self.seed} --as-of {self.as_of}"


@dataclass
class Outcome:
    pair: Pair
    seconds: float
    exit_code: int
    checks: int = 0
    # rule -> status ("fail" or "error") and a short message, for every rule that did not pass
    failed: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # rules with too few samples to judge


def draw_pairs(presets: list[str], pairs: int, years: float, draw: int,
               now: dt.datetime) -> list[Pair]:
    """`pairs` (seed, as-of) pairs per preset: seeds uniform over [0, 2**31), instants whole
    hours uniform over the `years` years up to `now` (to the hour)."""
    rng = random.Random(draw)
    end = now.replace(minute=0, second=0, microsecond=0)
    hours = int(years * 365.25 * 24)
    drawn = []
    for preset in presets:
        for _ in range(pairs):
            as_of = end - dt.timedelta(hours=rng.randrange(hours + 1))
            drawn.append(Pair(preset, rng.randrange(2**31), as_of.strftime("%Y-%m-%dT%H:%M")))
    return drawn


def parse_pair(text: str) -> Pair:
    preset, seed, as_of = text.split(":", 2)
    return Pair(preset, int(seed), as_of)


def _rule(check: dict) -> str:
    """A rule's name across builds: the dbt test's name, or the expectation's suite, type and
    description (one suite holds several expectations of one type)."""
    if check["kind"] == "expectation":
        return f"{check['name']}: {check['description']}"
    return f"{check['kind']} {check['name']}"


def build(pair: Pair) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="genims-sweep-") as report_dir:
        command = [sys.executable, "-m", "genims.cli", "build", "--preset", pair.preset,
                   "--seed", str(pair.seed), "--as-of", pair.as_of, "--report-dir", report_dir]
        started = time.monotonic()
        child = subprocess.run(command, cwd=REPO, capture_output=True, text=True,
                               env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
                                    "GX_ANALYTICS_ENABLED": "false"})
        outcome = Outcome(pair, time.monotonic() - started, child.returncode)
        summary_file = Path(report_dir) / "summary.json"
        summary = json.loads(summary_file.read_text()) if summary_file.exists() else None
    if summary:
        for domain in summary["domains"].values():
            for check in domain["checks"]:
                outcome.checks += 1
                if check["status"] == "skipped" and check["message"].startswith("skipped:"):
                    outcome.skipped.append(_rule(check))
                if check["status"] in FAILED:
                    rows = json.dumps(check["rows"][:1], default=str) if check["rows"] else ""
                    outcome.failed[_rule(check)] = (
                        f"{check['status']}: {check['message']} {rows}".strip()[:300])
    # a build that failed without a failed check stopped before its checks (or crashed)
    if child.returncode != 0 and not outcome.failed:
        last = (child.stderr.strip().splitlines() or ["(no output)"])[-1]
        outcome.failed[f"build: exit {child.returncode}"] = last[:300]
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--presets", nargs="+", default=["tiny", "default"])
    parser.add_argument("--pairs", type=int, default=20, help="(seed, as-of) pairs per preset")
    parser.add_argument("--years", type=float, default=2.0,
                        help="as-of instants are drawn over this many years up to now")
    parser.add_argument("--draw", type=int, default=1, help="seed of the pairs' drawing")
    parser.add_argument("--now", help="the end of the as-of range (default: the current hour)")
    parser.add_argument("--pair", type=parse_pair, action="append", metavar="PRESET:SEED:AS-OF",
                        help="build this pair (repeatable) instead of drawing pairs")
    parser.add_argument("--json", type=Path, help="also write every build's outcome here")
    args = parser.parse_args(argv)

    server = os.environ.get("GENIMS_DSN", "").split("@")[-1] or "the embedded server"
    if args.pair:
        pairs = args.pair
        print(f"sweep: {len(pairs)} given builds on {server}", flush=True)
    else:
        now = dt.datetime.fromisoformat(args.now) if args.now else dt.datetime.now()
        pairs = draw_pairs(args.presets, args.pairs, args.years, args.draw, now)
        print(f"sweep: {len(pairs)} builds ({', '.join(args.presets)}; as-of over "
              f"{args.years:g} years up to {now:%Y-%m-%d %H:00}; draw {args.draw}) on {server}",
              flush=True)
    outcomes = []
    for number, pair in enumerate(pairs, 1):
        outcome = build(pair)
        outcomes.append(outcome)
        verdict = "green" if not outcome.failed else f"RED ({len(outcome.failed)} rules)"
        print(f"[{number}/{len(pairs)}] {pair.preset:<8} seed {pair.seed:<10} as of "
              f"{pair.as_of}  {outcome.seconds:5.1f} s  {outcome.checks} checks  {verdict}",
              flush=True)
        for rule, message in outcome.failed.items():
            print(f"      {rule}: {message}", flush=True)
    if args.json:
        args.json.write_text(json.dumps([{
            "preset": o.pair.preset, "seed": o.pair.seed, "as_of": o.pair.as_of,
            "seconds": round(o.seconds, 1), "exit_code": o.exit_code, "checks": o.checks,
            "failed": o.failed, "skipped": o.skipped} for o in outcomes], indent=2) + "\n")

    builds: dict[str, int] = defaultdict(int)
    for o in outcomes:
        builds[o.pair.preset] += 1
    failures: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        for rule in o.failed:
            failures[rule].append(o)
    red = sum(bool(o.failed) for o in outcomes)
    print(f"\n{len(outcomes) - red} of {len(outcomes)} builds green; "
          + ", ".join(f"{preset}: {sum(not o.failed for o in outcomes if o.pair.preset == preset)}"
                      f"/{n}" for preset, n in builds.items()))
    if failures:
        print(f"\n{'builds failed':>13}  rule")
        for rule, failed in sorted(failures.items(), key=lambda item: -len(item[1])):
            per_preset = ", ".join(
                f"{preset} {sum(o.pair.preset == preset for o in failed)}/{n}"
                for preset, n in builds.items())
            print(f"{len(failed):>13}  {rule}  ({per_preset})")
            for o in failed:
                print(f"{'':>15}{o.pair.command}")
    skips: dict[str, int] = defaultdict(int)
    for o in outcomes:
        for rule in o.skipped:
            skips[rule] += 1
    if skips:
        print(f"\n{'builds skipped':>14}  rule (too few samples to judge; the report says why)")
        for rule, n in sorted(skips.items(), key=lambda item: -item[1]):
            print(f"{n:>14}  {rule}")
    return 1 if red else 0


if __name__ == "__main__":
    sys.exit(main())
