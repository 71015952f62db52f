"""The whole pipeline on `tiny`: seed, dbt build, checks, and the shape of the result."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from .catalog import assert_marts_match_the_catalog
from .conftest import AS_OF, REPO, table_checksums

MASTER_TABLES = {
    "factories", "production_lines", "machines", "sensors", "employees", "shifts", "products",
    "customers", "line_product_mapping", "customer_product_mapping",
}
MASTER_ONLY = ("--domains", "master")


@pytest.fixture(scope="module")
def built(genims):
    """One `genims build` of the whole enterprise on tiny, for the read-only tests here."""
    return genims.build("tiny", 42)


def test_build_summary(built, genims):
    out = built.stdout
    for table in MASTER_TABLES:
        assert re.search(rf"master\.{table}\s+[1-9][\d,]*$", out, re.M), f"{table} empty or missing"
    tests = re.search(r"dbt tests: (\d+) passed, (\d+) failed", out)
    assert tests and int(tests.group(1)) >= 100 and tests.group(2) == "0", out
    expectations = re.search(r"expectations: (\d+) passed, (\d+) failed", out)
    assert expectations and int(expectations.group(1)) >= 30 and expectations.group(2) == "0"
    report = genims.report_dir / "index.html"
    assert str(report) in out
    page = report.read_text()
    assert f"{expectations.group(1)} of {expectations.group(1)} expectations passed" in page
    assert "master.machines" in page and "http" not in page.split("</style>")[0]
    assert (genims.report_dir / "data_docs" / "index.html").stat().st_size > 1000
    summary = json.loads((genims.report_dir / "summary.json").read_text())
    assert summary["success"] is True
    from seeders import DOMAINS

    assert list(summary["domains"]) == [d.NAME for d in DOMAINS]
    assert sum(map(len, summary["domains"].values())) == int(expectations.group(1))
    assert "genims: 1/3 seeding raw data" in built.stderr  # progress is shown


def test_master_tables_match_the_catalog(built, db):
    assert_marts_match_the_catalog(db, "master", MASTER_TABLES)


def test_row_counts_within_plan(built, genims, db):
    estimates = json.loads(genims.ok("plan", "--preset", "tiny", "--json").stdout)
    for e in estimates:
        count = db.execute(f'SELECT count(*) FROM "{e["schema"]}"."{e["table"]}"').fetchone()[0]
        assert e["low"] <= count <= e["high"], (e, count)


def test_derived_values_follow_their_sources(built, db):
    """Spot checks of derivations, independent of the dbt tests that also cover them."""
    age = db.execute(
        "SELECT machine_id, current_age_years, installation_date FROM master.machines LIMIT 1"
    ).fetchone()
    from datetime import date

    expected = (date.fromisoformat(AS_OF) - age[2]).days / 365.25
    assert abs(float(age[1]) - expected) < 0.02
    mismatched = db.execute(
        """
        SELECT count(*) FROM master.line_product_mapping m
        JOIN (SELECT line_id, product_id, sum(units_good) * 100.0 / sum(units_produced) AS y
              FROM raw_master.line_product_trials GROUP BY 1, 2) t USING (line_id, product_id)
        WHERE abs(m.yield_percentage - t.y) > 0.01
        """
    ).fetchone()[0]
    assert mismatched == 0


def test_same_seed_same_data_other_seed_other_data(genims, db):
    genims.build("tiny", 42, *MASTER_ONLY)
    first = {s: table_checksums(db, s) for s in ("raw_master", "master")}
    genims.build("tiny", 42, *MASTER_ONLY)
    assert {s: table_checksums(db, s) for s in ("raw_master", "master")} == first
    genims.build("tiny", 43, *MASTER_ONLY)
    other = {s: table_checksums(db, s) for s in ("raw_master", "master")}
    for schema in first:
        changed = [t for t in first[schema] if first[schema][t] != other[schema][t]]
        assert len(changed) >= len(first[schema]) - 1, (schema, changed)


def test_dbt_tests_catch_a_broken_derivation(genims, db):
    genims.build("tiny", 42, *MASTER_ONLY)
    db.execute("UPDATE master.production_lines SET num_stations = num_stations + 1 "
               "WHERE line_id = (SELECT min(line_id) FROM master.production_lines)")
    result = genims.run("dbt", "test", "--select", "fqn:*.master.*")
    assert result.returncode == 1
    assert "FAIL" in result.stdout
    genims.build("tiny", 42, *MASTER_ONLY)


def test_plain_dbt_with_genims_db_env(genims):
    """The README's recipe: `eval "$(genims db env)"` then dbt inside dbt_project/."""
    exports = genims.ok("db", "env").stdout
    env = dict(genims.env)
    for line in exports.splitlines():
        key, _, value = line.removeprefix("export ").partition("=")
        env[key] = value.strip("'")
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    result = subprocess.run(
        # Cautious: the database holds master only here, and eager selection would add the
        # relationship tests other domains' marts have into master.factories.
        [dbt, "build", "--profiles-dir", "..", "--select", "master__factories",
         "--indirect-selection", "cautious"],
        cwd=REPO / "dbt_project", env=env, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:]
    assert re.search(r"PASS=\d+", result.stdout)


def test_status_reports_the_last_load(genims):
    out = genims.ok("status").stdout
    assert re.search(r"run \d+ loaded .* \(preset tiny, seed 4[23], as of " + AS_OF, out), out
