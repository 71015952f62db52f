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
import datetime as dt
import json
import logging
import os
import shutil
import signal
import sys
import time
from pathlib import Path
from typing import Any

from genims import __version__
from genims.config import Config, available_presets, instant_text, load_config
from genims.console import Terminal
from genims.errors import GenimsError, Interrupted, PipelineFailed

# Warnings that libraries log during a build or check go here, in the report folder.
LIBRARY_LOG = "genims.log"


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


def _report_dir(args: argparse.Namespace) -> Path:
    """The report folder, created, with library warnings logged to a file in it (only when
    there are some)."""
    from genims.report import default_report_dir

    report_dir = (args.report_dir or default_report_dir()).resolve()
    report_dir.mkdir(parents=True, exist_ok=True)
    # What this run does not rewrite must not be mistaken for its output.
    shutil.rmtree(report_dir / "data_docs", ignore_errors=True)
    (report_dir / LIBRARY_LOG).unlink(missing_ok=True)
    handler = logging.FileHandler(report_dir / LIBRARY_LOG, delay=True)
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    return report_dir


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


def _seed(term: Terminal, config: Config, target: Any, selected: tuple) -> dict[str, int]:
    from genims.console import SeedProgress
    from genims.db import connect
    from seeders import DOMAINS
    from seeders.engine import load, raw_schema

    left_out = [module.NAME for module in DOMAINS if module not in selected]
    if left_out:
        term.log(f"  domains {', '.join(m.NAME for m in selected)}; removing {', '.join(left_out)}")
    tables = {raw_schema(module.NAME): len(module.RAW_TABLES) for module in selected}
    with connect(target) as conn, SeedProgress(term, tables) as progress:
        result = load(conn, config, selected, progress=progress, drop=left_out)
    return result.rows


def _target(term: Terminal):
    from genims.db import resolve_target

    target = resolve_target()
    term.log(f"database {target.display} ({'embedded' if target.embedded else 'GENIMS_DSN'})")
    return target


def cmd_seed(args: argparse.Namespace) -> int:
    from genims.db import run_lock

    term = Terminal()
    config = _config_from(args)
    selected = _selected(args)
    target = _target(term)
    with run_lock(target), term.step(f"seeding raw data (preset {config.preset}, seed {config.seed})"):
        rows = _seed(term, config, target, selected)
    term.log(f"loaded {sum(rows.values()):,} raw rows into {len(rows)} tables")
    return 0


def _latest_config(target: Any) -> tuple[Config, list[str], dt.datetime]:
    """The config, domains and load time of the last successful load, from
    `genims_meta.load_runs`."""
    from genims.config import validate
    from genims.db import connect
    from seeders.engine import latest_run

    with connect(target) as conn:
        run = latest_run(conn)
    if not run:
        raise GenimsError(f"no data loaded in {target.display} yet; run `genims build` first")
    stored = dict(run["config"])
    preset = stored.pop("preset", "default")
    # loads recorded before the shared key hold every domain's days explicitly
    stored.setdefault("history_days", 1)
    return validate(stored, preset), list(run["domains"]), run["loaded_at"]


def _dbt_build(term: Terminal, target: Any, selected: tuple, report_dir: Path):
    from genims.console import DbtProgress
    from genims.transform import LOG_FILE, run_dbt
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
    # Unit tests are left out: their inputs are fixed rows, so they test the SQL, not the data
    # just loaded (as dbt advises, they run in development and CI: the test suite runs them).
    with DbtProgress(term, report_dir / LOG_FILE) as progress:
        summary = run_dbt(target, ["build", "--full-refresh", *select,
                                   "--exclude-resource-type", "unit_test"],
                          callbacks=[progress], log_dir=report_dir)
    term.log(f"  dbt log: {report_dir / LOG_FILE}")
    return summary


def _check(term: Terminal, target: Any, config: Config, domains: list[str], report_dir: Path):
    from genims.checks import run_checks
    from genims.console import CheckProgress

    with CheckProgress(term) as progress:
        checks = run_checks(target.sqlalchemy_url(), config, domains, report_dir, progress)
        progress.finish(checks)
    if not term.interactive:
        for domain in domains:
            outcomes = [c for c in checks if c.domain == domain]
            passed = sum(not c.failed for c in outcomes)
            term.log(f"  suite {domain}: {passed}/{len(outcomes)} expectations passed")
    return checks


def _report(target: Any, config: Config, domains: list[str], report_dir: Path,
            expectations: list | None, dbt_since: dt.datetime, no_dbt_results: str):
    """Write the report of the run from dbt's artifacts (when dbt ran after `dbt_since`;
    otherwise it says `no_dbt_results`), the expectations (None: not run) and the tables'
    rows next to the plan."""
    from genims.db import connect
    from genims.report import Report, count_tables, read_dbt_run, write
    from genims.transform import DBT_TARGET_DIR, INVOCATION_FILE
    from seeders.plan import plan

    # dbt's artifacts count only if genims ran them, on this database
    invocation = json.loads(INVOCATION_FILE.read_text()) if INVOCATION_FILE.exists() else None
    if invocation and invocation["database"] != target.display:
        invocation = None
    run = {"preset": config.preset, "seed": config.seed, "as_of": str(config.as_of),
           "database": target.display,
           "written": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")}
    notes = []
    with connect(target) as conn:
        dbt = read_dbt_run(DBT_TARGET_DIR, invocation, lambda query: _sample_rows(conn, query))
        tables = count_tables(conn, domains, plan(config))
    checks = []
    if dbt is None or dbt.generated_at < dbt_since:
        notes.append(no_dbt_results)
    else:
        checks.extend(dbt.checks)
        run["dbt_results"] = f"{dbt.command}, {dbt.generated_at:%Y-%m-%d %H:%M:%S} UTC"
    if expectations is None:
        notes.append("The expectations did not run because the dbt build failed.")
    else:
        checks.extend(expectations)
    report = Report(run=run, domains=domains, tables=tables, checks=checks, notes=notes)
    return report, write(report, report_dir)


def _sample_rows(conn: Any, query: str) -> list[dict[str, Any]]:
    """The rows a failed dbt test's query returns, or the error it raises, in a bounded time."""
    import psycopg
    from psycopg.rows import dict_row

    try:
        with conn.transaction():
            conn.execute("SET LOCAL statement_timeout = '30s'")
            return conn.cursor(row_factory=dict_row).execute(query).fetchall()
    except psycopg.Error as exc:
        return [{"error": str(exc).strip().splitlines()[0]}]


def _finish(term: Terminal, report: Any, files: Any, facts: list[tuple[str, str]],
            dbt_failure: str | None = None) -> int:
    """List the failures, print the summary, and fail with one line if anything failed."""
    term.failures(report.failures, files.index)
    term.unjudged(report.unjudged)
    term.summary(report, [("report", str(files.index)), ("junit", str(files.junit)), *facts])
    problems = []
    tests = report.tally("dbt test")
    failed_tests = [c.name for c in report.failures if c.kind == "dbt test"]
    if failed_tests:
        problems.append(f"{tests.problems('dbt tests')} "
                        f"({', '.join(failed_tests[:3])}{', ...' if len(failed_tests) > 3 else ''})")
    models = [c.name for c in report.failures if c.kind == "dbt model"]
    if models:
        problems.append(f"{len(models)} dbt models failed to build ({', '.join(models[:3])})")
    expectations = report.tally("expectation")
    if expectations.problems("expectations"):
        problems.append(expectations.problems("expectations"))
    if dbt_failure and not problems:
        problems.append(f"dbt build failed: {dbt_failure}")
    if problems:
        raise PipelineFailed(f"{'; '.join(problems)}; see {files.index}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from genims.db import run_lock

    term = Terminal()
    report_dir = _report_dir(args)
    target = _target(term)
    with run_lock(target):
        config, domains, loaded_at = _latest_config(target)
        with term.step("running Great Expectations suites"):
            expectations = _check(term, target, config, domains, report_dir)
        report, files = _report(target, config, domains, report_dir, expectations, loaded_at,
                                "No dbt results: genims has not run dbt on this database since "
                                "the data was loaded.")
    return _finish(term, report, files, [("database", target.display)])


def cmd_dbt(args: argparse.Namespace) -> int:
    from genims.db import run_lock
    from genims.transform import run_dbt

    target = _target(Terminal())
    with run_lock(target):
        summary = run_dbt(target, args.dbt_args or ["build"])
    return 0 if summary.success else 1


def cmd_build(args: argparse.Namespace) -> int:
    from genims.db import dbt_threads, run_lock
    from genims.transform import LOG_FILE

    term = Terminal(verbose=args.verbose)
    config = _config_from(args)
    dbt_threads()  # a bad GENIMS_DBT_THREADS stops the build before it loads anything
    selected = _selected(args)
    names = [module.NAME for module in selected]
    report_dir = _report_dir(args)
    started = time.monotonic()
    target = _target(term)
    with run_lock(target):
        with term.step(f"1/3 seeding raw data (preset {config.preset}, seed {config.seed}, "
                       f"as of {instant_text(config.as_of)})"):
            raw_rows = _seed(term, config, target, selected)
        dbt_started = dt.datetime.now(dt.UTC)
        with term.step("2/3 dbt build"):
            summary = _dbt_build(term, target, selected, report_dir)
        expectations = None
        if summary.success:
            with term.step("3/3 data-quality checks"):
                expectations = _check(term, target, config, names, report_dir)
        report, files = _report(target, config, names, report_dir, expectations, dbt_started,
                                f"No dbt results: dbt build stopped early (see {LOG_FILE}).")

    facts = [
        ("dbt log", str(report_dir / LOG_FILE)),
        ("build", f"preset {config.preset}, seed {config.seed}, "
                  f"as of {instant_text(config.as_of)}; "
                  f"{sum(raw_rows.values()):,} raw rows in {len(raw_rows)} tables"),
        ("database", target.display),
        ("wall time", f"{time.monotonic() - started:.1f}s"),
    ]
    dbt_failure = None if summary.success else "; ".join(summary.failures[:3]) or "see the dbt log"
    return _finish(term, report, files, facts, dbt_failure)


def cmd_status(args: argparse.Namespace) -> int:
    from genims.db import connect
    from seeders.engine import latest_run

    target = _target(Terminal())
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
    build.add_argument("-v", "--verbose", action="store_true",
                       help="show dbt's node-by-node log as it runs (it always goes to "
                            "dbt.log in the report folder)")
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


def _keep_library_logs_off_the_terminal() -> None:
    """Libraries log through the root logger; some configure it to print to stderr when
    imported (dbt's tracker calls `logging.basicConfig()`). With a handler in place first,
    their records go nowhere, or to the report folder's log (see `_report_dir`)."""
    logging.basicConfig(handlers=[logging.NullHandler()], level=logging.WARNING, force=True)
    logging.captureWarnings(True)


def _raise_interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    _keep_library_logs_off_the_terminal()
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
