"""scripts/audit.py: the issue 9 audit's figures, re-run on the shared enterprise build."""

from __future__ import annotations

import subprocess
import sys

import pytest

from scripts import audit

from .conftest import REPO


@pytest.fixture(scope="module")
def printed(built, enterprise_dsn) -> str:
    result = subprocess.run([sys.executable, "scripts/audit.py", "--dsn", enterprise_dsn],
                            cwd=REPO, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stderr == ""
    return result.stdout


def test_every_figure_runs_on_the_current_schema(printed):
    rows = [line for line in printed.splitlines() if line.startswith("| ")][1:]
    assert len(rows) == len(audit.FIGURES)
    # every query runs: a missing table or column would print its reason instead
    broken = [r for r in rows if "n/a (" in r and "n/a (no data)" not in r
              and "n/a (no rows)" not in r]
    assert broken == []
    findings = {int(r.split("|")[1]) for r in rows if r.split("|")[1].strip().isdigit()}
    assert findings == set(range(1, 14))


def test_a_figure_is_what_the_data_says(conn):
    """The downtime resolution figure, counted here from the rows themselves."""
    texts = [r[0] for r in conn.execute(
        "SELECT resolution_action FROM manufacturing.downtime_events")]
    present = [t for t in texts if t is not None]
    (item,) = [f for f in audit.FIGURES if f.label == "downtime resolution actions"]
    assert audit.measure(conn, item) == f"{len(set(present)):,} distinct in {len(present):,}"


def test_a_query_that_cannot_run_says_why_and_the_next_one_runs(conn):
    renamed = audit.Figure(1, "a renamed column", "-", "SELECT fault_kind FROM operations.machine_faults",
                           audit._first())
    missing = audit.Figure(1, "a table not built", "-", "SELECT count(*) FROM hr.employees",
                           audit._first())
    assert audit.measure(conn, renamed) == 'n/a (column "fault_kind" does not exist)'
    assert audit.measure(conn, missing) == 'n/a (relation "hr.employees" does not exist)'
    counted = conn.execute("SELECT count(*) FROM master.factories").fetchone()[0]
    works = audit.Figure(1, "factories", "-", "SELECT count(*) FROM master.factories",
                         audit._first())
    assert audit.measure(conn, works) == f"{counted:,}"


def test_degenerate_columns_are_listed_per_domain(conn):
    found = audit.degenerate_columns(conn)
    schemas = {schema for schema, *_ in found}
    assert schemas <= {"master", "operations", "erp", "manufacturing"}
    # each reported column really is entirely NULL or single-valued
    for schema, table, column, rows, value in found[:40]:
        distinct, total, one = conn.execute(
            f'SELECT count(DISTINCT "{column}"::text), count(*), min("{column}"::text) '
            f'FROM "{schema}"."{table}"').fetchone()
        assert total == rows
        assert (distinct, one) == ((0, None) if value is None else (1, value)), column


def test_an_unreachable_database_is_one_error_line():
    result = subprocess.run(
        [sys.executable, "scripts/audit.py", "--dsn",
         "postgresql://nobody:wrong@127.0.0.1:1/nothing?connect_timeout=3"],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 3
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("audit: error: cannot connect")


def test_the_audit_changes_nothing(conn):
    writes = audit.Figure(1, "a write", "-", "CREATE TABLE master.audit_probe (x int)",
                          audit._first())
    assert audit.measure(conn, writes) == ("n/a (cannot execute CREATE TABLE in a read-only "
                                           "transaction)")
