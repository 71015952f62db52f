"""Every supported PostgreSQL builds the same enterprise: `tiny` on PostgreSQL 15 (the oldest
supported, `tests/pg15.py`) passes every check and equals, table for table and check for
check, the shared build on the suite's own server (`enterprise_build`)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import psycopg
import pytest

from genims.checks import run_checks
from genims.db import Target

from .conftest import Genims, table_checksums

# Run metadata (load runs, their instants and timings) differs between any two builds.
META_SCHEMAS = ("genims_meta",)


@pytest.fixture(scope="module")
def pg15(genims, pg15_dsn, tmp_path_factory) -> Genims:
    """`genims` on the PostgreSQL 15 server, with its own report folder, after the same build
    as `enterprise_build` (`ok` asserts it exited 0)."""
    report_dir = tmp_path_factory.mktemp("pg15-reports")
    runner = Genims(env={**genims.env, "GENIMS_DSN": pg15_dsn, "GENIMS_REPORT_DIR": str(report_dir)},
                    report_dir=report_dir)
    runner.build("tiny", 42)
    return runner


def _summary(report_dir: Path) -> dict:
    return json.loads((report_dir / "summary.json").read_text())


def _statuses(summary: dict) -> Counter:
    """Each check (domain, kind, name, table, description) with its status; a multiset, since
    a suite's row rules share a name."""
    return Counter((c["domain"], c["kind"], c["name"], c["table"], c["description"], c["status"])
                   for d in summary["domains"].values() for c in d["checks"])


def _schemas(conn: psycopg.Connection) -> list[str]:
    """Every schema holding a table the build made (raw, intermediate and marts)."""
    return [r[0] for r in conn.execute(
        "SELECT DISTINCT table_schema FROM information_schema.tables "
        "WHERE table_type = 'BASE TABLE' AND table_schema <> ALL(%s) "
        "AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1",
        (list(META_SCHEMAS),))]


def test_tiny_builds_on_postgresql_15_with_every_check_passed(pg15, pg15_dsn):
    with psycopg.connect(pg15_dsn) as conn:
        assert conn.info.server_version // 10000 == 15
    summary = _summary(pg15.report_dir)
    problems = [(c["name"], c["status"], c["message"]) for d in summary["domains"].values()
                for c in d["checks"] if c["status"] not in ("pass", "skipped")]
    assert summary["success"] is True and not problems, problems
    for kind in ("dbt_tests", "expectations"):
        assert summary["totals"][kind]["passed"] > 0, summary["totals"]


def test_postgresql_15_builds_the_same_data(pg15, pg15_dsn, enterprise_build, enterprise_dsn):
    with psycopg.connect(enterprise_dsn) as main, psycopg.connect(pg15_dsn) as old:
        schemas = _schemas(main)
        assert _schemas(old) == schemas
        assert any(s.startswith("raw_") for s in schemas) and "operations" in schemas
        differ = []
        for schema in schemas:
            ours, theirs = table_checksums(main, schema), table_checksums(old, schema)
            assert theirs.keys() == ours.keys(), schema
            differ += [f"{schema}.{t}" for t in ours if ours[t] != theirs[t]]
        assert not differ, differ


def test_postgresql_15_gives_the_same_check_results(pg15, enterprise_build, enterprise):
    ours, theirs = _summary(enterprise.report_dir), _summary(pg15.report_dir)
    assert sum(_statuses(ours).values()) > 500
    assert _statuses(theirs) == _statuses(ours)


def test_an_expectation_joining_its_table_unaliased_runs_on_postgresql_15(pg15, pg15_dsn, config,
                                                                          tmp_path):
    """GX puts `(SELECT ...)` without an alias in place of `{batch}` in a query with a JOIN,
    which PostgreSQL before 16 rejects; genims names the table itself."""
    from expectations import rows_violating, table

    only = [table("operations", "operations.sensor_data", rows_violating(
        "every reading's sensor is a master sensor",
        "SELECT sensor_id FROM {batch} WHERE sensor_id NOT IN "
        "(SELECT s.sensor_id FROM master.sensors s JOIN master.machines m USING (machine_id))"))]
    url = Target(pg15_dsn, embedded=False).sqlalchemy_url()
    [check] = run_checks(url, config, ["operations"], tmp_path, only=only)
    assert (check.status, check.message) == ("pass", "0")
