"""The dbt test no_degenerate_columns on real data: what it reports, what its exemptions and
its small-table rule leave alone, and that it reads each table once."""

from __future__ import annotations

import csv
import re

import pytest

from .conftest import AS_OF, REPO

MASTER_ONLY = ("--domains", "master")


# tiny's master with a workforce in the band the test needs (judged from 200 rows, status
# only from 370), whatever tiny's own staffing becomes
SMALL_WORKFORCE = """\
preset: tiny
master:
  employees_per_factory: [100, 150]
"""


@pytest.fixture(scope="module")
def master(genims, dsn, tmp_path_factory):
    """tiny's master data, 200-300 employees in its 2 factories, in the server's own database."""
    config = tmp_path_factory.mktemp("degenerate") / "small_workforce.yaml"
    config.write_text(SMALL_WORKFORCE)
    genims.ok("build", "--config", str(config), "--seed", "42", "--as-of", AS_OF, *MASTER_ONLY)
    return dsn


def _catalog() -> list[dict]:
    with open(REPO / "spec" / "genims_tables.csv", newline="") as handle:
        return list(csv.DictReader(handle))


def _stored(db, test: str) -> list[tuple]:
    """The rows a test run with --store-failures kept: (column, non-null values, value)."""
    return db.execute(
        f"SELECT column_name, non_null, only_value FROM dbt_test__audit.{test} ORDER BY 1"
    ).fetchall()


def test_a_clean_master_passes(master, genims):
    result = genims.run("dbt", "test", "--select", "test_name:no_degenerate_columns,fqn:*.master.*")
    assert result.returncode == 0, result.stdout[-3000:]
    # one per master table of the catalog, each passing
    tables = {row["table"] for row in _catalog() if row["domain"] == "master"}
    passed = set(re.findall(r"PASS no_degenerate_columns_master__(\w+?)_ ", result.stdout))
    assert passed == tables


def test_degenerate_columns_are_reported_unless_exempt_or_too_few(master, genims, db):
    employees = db.execute("SELECT count(*) FROM master.employees").fetchone()[0]
    assert 200 <= employees < 370  # judged (min_rows 200), but status only from 370 rows
    # made degenerate: two plain columns; status, whose other values are rare by design
    # (exempt below 370 rows); and in tiny's 2 factories (under 200 rows) two more
    db.execute("UPDATE master.employees SET skill_level = 'senior', certifications = NULL, "
               "status = 'active'")
    db.execute("UPDATE master.factories SET factory_type = 'assembly', certification = NULL")
    tests = [f"no_degenerate_columns_master__{t}_" for t in ("employees", "factories", "shifts")]
    try:
        result = genims.run("dbt", "test", "--select", *tests, "--store-failures")
        assert result.returncode == 1
        assert _stored(db, tests[0]) == [("certifications", 0, None),
                                         ("skill_level", employees, "senior")]
        assert _stored(db, tests[1]) == []
        # every configured shift is worked: shifts.status is exempt at any size
        assert db.execute("SELECT count(DISTINCT status) FROM master.shifts").fetchone()[0] == 1
        assert _stored(db, tests[2]) == []
    finally:
        genims.ok("dbt", "run", "--select", "master__employees", "master__factories")
    # one pass over the table: one scan, no count(distinct), every catalog column counted
    (compiled,) = (REPO / "dbt_project" / "target" / "compiled").rglob(f"{tests[0]}.sql")
    sql = compiled.read_text().lower()
    assert len(re.findall(r'\bfrom\s+"[^"]+"\."master"\."employees"', sql)) == 1
    assert "distinct" not in sql
    columns = [row for row in _catalog() if (row["domain"], row["table"]) == ("master", "employees")]
    assert sql.count("count(") == 1 + len(columns)
