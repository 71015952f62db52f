"""The `genims` command line.

    genims build [--preset NAME | --config FILE] [--seed N] [--as-of DATE] [--domains A,B]
    genims plan | seed | check | dbt ARGS... | status
    genims db start | stop | status | uri | env

Every failure ends in one `genims: error: ...` line on stderr and a non-zero exit code:
2 bad config or usage, 3 database unreachable, 4 another run in progress, 1 failed
tests or checks, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from genims import __version__
from genims.config import Config, available_presets, instant_text, load_config
from genims.errors import GenimsError, Interrupted, PipelineFailed


def log(message: str) -> None:
    print(f"genims: {message}", file=sys.stderr, flush=True)


@contextmanager
def step(title: str) -> Iterator[None]:
    log(f"{title} ...")
    started = time.monotonic()
    yield
    log(f"{title} done in {time.monotonic() - started:.1f}s")


# --------------------------------------------------------------------------- config


def _config_from(args: argparse.Namespace) -> Config:
    return load_config(
        preset=args.preset, config_file=args.config, seed=args.seed, as_of=args.as_of
    )


def _seed_arg(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None


def _add_config_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("configuration")
    group.add_argument("--preset", help=f"named preset: {', '.join(available_presets())}")
    group.add_argument("--config", type=Path, help="YAML config file (extends a preset)")
    group.add_argument("--seed", type=_seed_arg, help="random seed (overrides the config)")
    group.add_argument("--as-of", help="the instant history runs up to: YYYY-MM-DD (midnight at "
                       "its start) or YYYY-MM-DDTHH:MM[:SS] (default: now, to the hour)")
    group.add_argument(
        "--domains", type=_domains_arg, metavar="A,B",
        help="build only these domains and what they require (default: all); the others are "
             "removed from the database",
    )


def _domains_arg(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


def _selected(args: argparse.Namespace) -> tuple:
    from seeders import select

    return select(getattr(args, "domains", None))


def _add_report_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--report-dir", type=Path,
        help="where the data-quality report goes (default: ./reports or $GENIMS_REPORT_DIR)",
    )


# --------------------------------------------------------------------------- commands


def cmd_plan(args: argparse.Namespace) -> int:
    from seeders.plan import plan

    config = _config_from(args)
    names = {module.NAME for module in _selected(args)}
    estimates = [e for e in plan(config) if e.schema.removeprefix("raw_") in names]
    if args.json:
        print(json.dumps([e.__dict__ for e in estimates], indent=2))
        return 0
    print(f"plan for preset {config.preset!r}, seed {config.seed}, "
          f"as of {instant_text(config.as_of)}")
    width = max(len(f"{e.schema}.{e.table}") for e in estimates)
    print(f"{'table':<{width}}  {'expected':>12}  {'range':>21}")
    for e in estimates:
        span = f"{e.low:,} .. {e.high:,}" if e.low != e.high else "exact"
        print(f"{e.schema + '.' + e.table:<{width}}  {round(e.expected):>12,}  {span:>21}")
    print(f"{'total':<{width}}  {round(sum(e.expected for e in estimates)):>12,}")
    return 0


def _seed(config: Config, target: Any, selected: tuple) -> dict[str, int]:
    from genims.db import connect
    from seeders import DOMAINS
    from seeders.engine import load

    left_out = [module.NAME for module in DOMAINS if module not in selected]
    if left_out:
        log(f"  domains {', '.join(m.NAME for m in selected)}; removing {', '.join(left_out)}")
    with connect(target) as conn:
        result = load(conn, config, selected, progress=lambda m: log(f"  {m}"), drop=left_out)
    return result.rows


def _target():
    from genims.db import resolve_target

    target = resolve_target()
    log(f"database {target.display} ({'embedded' if target.embedded else 'GENIMS_DSN'})")
    return target


def cmd_seed(args: argparse.Namespace) -> int:
    from genims.db import run_lock

    config = _config_from(args)
    selected = _selected(args)
    target = _target()
    with run_lock(target), step(f"seeding raw data (preset {config.preset}, seed {config.seed})"):
        rows = _seed(config, target, selected)
    log(f"loaded {sum(rows.values()):,} raw rows into {len(rows)} tables")
    return 0


def _latest_config(target: Any) -> tuple[Config, list[str]]:
    """The config and domains of the last successful load, from `genims_meta.load_runs`."""
    from genims.config import validate
    from genims.db import connect
    from seeders.engine import latest_run

    with connect(target) as conn:
        run = latest_run(conn)
    if not run:
        raise GenimsError(f"no data loaded in {target.display} yet; run `genims build` first")
    stored = dict(run["config"])
    preset = stored.pop("preset", "default")
    return validate(stored, preset), list(run["domains"])


def _dbt_build(target: Any, selected: tuple):
    from genims.transform import run_dbt
    from seeders import DOMAINS

    select: list[str] = []
    if len(selected) < len(DOMAINS):
        # A domain's nodes are those in its folders (models/*/<domain>/, tests/<domain>/),
        # matched by fqn. Cautious: a test picked up through a selected model runs only when
        # all of its parents are selected, so a relationship test from a left-out domain into
        # a selected one stays out.
        select = ["--select", *(f"fqn:*.{name}.*" for name in ("genims_meta", *(m.NAME for m in selected))),
                  "--indirect-selection", "cautious"]
    # The seed just replaced every raw table, so the incremental marts rebuild from scratch:
    # a full refresh creates them as new tables (one pass, no per-row index upkeep), where the
    # incremental path would delete every row, stage the new ones and insert them again.
    summary = run_dbt(target, ["build", "--full-refresh", *select])
    if not summary.success:
        detail = "; ".join(summary.failures[:3]) or "see the dbt output above"
        raise PipelineFailed(f"dbt build failed: {detail}")
    return summary


def _check(target: Any, config: Config, domains: list[str], report_dir: Path | None):
    from genims.checks import run_checks

    report = run_checks(target.sqlalchemy_url(), config, domains, report_dir)
    for domain in report.domains:
        total, failed = len(domain.outcomes), len(domain.failed)
        log(f"  suite {domain.domain}: {total - failed}/{total} expectations passed")
        for outcome in domain.failed:
            rows = f"; e.g. {outcome.unexpected}" if outcome.unexpected else ""
            log(f"    FAILED {outcome.suite}: {outcome.description} "
                f"(observed {outcome.observed}){rows}")
    log(f"  data-quality report: {report.index}")
    return report


def cmd_check(args: argparse.Namespace) -> int:
    from genims.db import run_lock

    target = _target()
    with run_lock(target):
        config, domains = _latest_config(target)
        with step("running Great Expectations suites"):
            report = _check(target, config, domains, args.report_dir)
    if not report.success:
        raise PipelineFailed(
            f"{report.failed} of {report.evaluated} expectations failed; see {report.index}"
        )
    return 0


def cmd_dbt(args: argparse.Namespace) -> int:
    from genims.db import run_lock
    from genims.transform import run_dbt

    target = _target()
    with run_lock(target):
        summary = run_dbt(target, args.dbt_args or ["build"])
    return 0 if summary.success else 1


def _table_rows(target: Any, schemas: list[str]) -> list[tuple[str, int]]:
    from psycopg import sql

    from genims.db import connect

    with connect(target) as conn:
        tables = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_schema = ANY(%s) AND table_type = 'BASE TABLE' ORDER BY 1, 2",
            (schemas,),
        ).fetchall()
        return [
            (f"{s}.{t}", conn.execute(
                sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(s, t))
            ).fetchone()[0])
            for s, t in tables
        ]


def cmd_build(args: argparse.Namespace) -> int:
    from genims.db import run_lock

    config = _config_from(args)
    selected = _selected(args)
    names = [module.NAME for module in selected]
    started = time.monotonic()
    target = _target()
    with run_lock(target):
        with step(f"1/3 seeding raw data (preset {config.preset}, seed {config.seed}, "
                  f"as of {instant_text(config.as_of)})"):
            raw_rows = _seed(config, target, selected)
        with step("2/3 dbt build"):
            summary = _dbt_build(target, selected)
        with step("3/3 data-quality checks"):
            report = _check(target, config, names, args.report_dir)
        tables = _table_rows(target, names)

    print()
    print(f"GenIMS build: preset {config.preset}, seed {config.seed}, "
          f"as of {instant_text(config.as_of)}")
    width = max([len(name) for name, _ in tables] + [5])
    for name, count in tables:
        print(f"  {name:<{width}}  {count:>10,}")
    print(f"  {'raw rows':<{width}}  {sum(raw_rows.values()):>10,}")
    warned = f", {summary.tests_warned} warned" if summary.tests_warned else ""
    print(f"  dbt tests: {summary.tests_passed} passed, {summary.tests_failed} failed{warned}")
    print(f"  expectations: {report.evaluated - report.failed} passed, {report.failed} failed")
    print(f"  report: {report.index}")
    print(f"  database: {target.display}")
    print(f"  wall time: {time.monotonic() - started:.1f}s")
    if not report.success:
        raise PipelineFailed(f"{report.failed} expectations failed; see {report.index}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from genims.db import connect
    from seeders.engine import latest_run

    target = _target()
    with connect(target) as conn:
        run = latest_run(conn)
    if not run:
        print(f"{target.display}: no data loaded yet")
        return 0
    print(f"{target.display}: run {run['run_id']} loaded {run['loaded_at']:%Y-%m-%d %H:%M:%S %Z} "
          f"(preset {run['preset']}, seed {run['seed']}, as of {instant_text(run['as_of'])}, "
          f"config {run['config_fingerprint']}, {run['seconds']}s; "
          f"domains {', '.join(run['domains'])})")
    return 0


def cmd_db(args: argparse.Namespace) -> int:
    from genims.db import DSN_ENV, resolve_target
    from genims.embedded import EmbeddedServer

    external = bool(os.environ.get(DSN_ENV, "").strip())
    if args.action in ("uri", "env"):
        target = resolve_target(start_embedded=not external)
        if args.action == "uri":
            print(target.uri())
        else:
            for key, value in target.dbt_env().items():
                print(f"export {key}={_shell_quote(value)}")
        return 0
    if external:
        raise GenimsError(f"{DSN_ENV} is set: the database is managed outside genims")
    server = EmbeddedServer()
    if args.action == "start":
        status = server.start()
        print(f"embedded PostgreSQL running on 127.0.0.1:{status.port} (data: {status.data_dir})")
    elif args.action == "stop":
        print("embedded PostgreSQL stopped" if server.stop() else "embedded PostgreSQL was not running")
    else:
        status = server.status()
        state = f"running on 127.0.0.1:{status.port}, pid {status.pid}" if status.running else "stopped"
        print(f"embedded PostgreSQL {state} (data: {status.data_dir})")
    return 0


def _shell_quote(value: str) -> str:
    import shlex

    return shlex.quote(value)


# --------------------------------------------------------------------------- entry point


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2, like every other error
        print(f"genims: error: {message} (see genims --help)", file=sys.stderr)
        raise SystemExit(2)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="genims", description="Build the GenIMS synthetic enterprise.")
    parser.add_argument("--version", action="version", version=f"genims {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    build = commands.add_parser("build", help="seed, dbt build and check, then summarize")
    _add_config_options(build)
    _add_report_option(build)
    build.set_defaults(func=cmd_build)

    plan = commands.add_parser("plan", help="print the row counts a config will produce")
    _add_config_options(plan)
    plan.add_argument("--json", action="store_true", help="machine-readable output")
    plan.set_defaults(func=cmd_plan)

    seed = commands.add_parser("seed", help="load the raw schemas only")
    _add_config_options(seed)
    seed.set_defaults(func=cmd_seed)

    check = commands.add_parser("check", help="run the Great Expectations suites")
    _add_report_option(check)
    check.set_defaults(func=cmd_check)

    dbt = commands.add_parser("dbt", help="run dbt against the genims database (default: build)")
    dbt.add_argument("dbt_args", nargs=argparse.REMAINDER, help="arguments for dbt")
    dbt.set_defaults(func=cmd_dbt)

    status = commands.add_parser("status", help="show the last load")
    status.set_defaults(func=cmd_status)

    db = commands.add_parser("db", help="manage the embedded PostgreSQL server")
    db.add_argument("action", choices=["start", "stop", "status", "uri", "env"])
    db.set_defaults(func=cmd_db)
    return parser


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    args = build_parser().parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        error: GenimsError = Interrupted(
            "interrupted; nothing was committed, the previous data is unchanged"
        )
    except GenimsError as exc:
        error = exc
    finally:
        signal.signal(signal.SIGTERM, previous)
    print(f"genims: error: {error}", file=sys.stderr)
    return error.exit_code


if __name__ == "__main__":
    sys.exit(main())
