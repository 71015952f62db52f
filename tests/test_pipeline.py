"""The whole pipeline on `tiny`: seed, dbt build, checks, and the shape of the result."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

from .catalog import assert_marts_match_the_catalog
from .conftest import AS_OF, REPO, table_checksums

MASTER_TABLES = {
    "factories", "production_lines", "machines", "sensors", "employees", "shifts", "products",
    "customers", "line_product_mapping", "customer_product_mapping",
}
MASTER_ONLY = ("--domains", "master")


def test_build_summary(built, enterprise):
    out = built.stdout
    for table in MASTER_TABLES:
        assert re.search(rf"master\.{table}\s+[1-9][\d,]*$", out, re.M), f"{table} empty or missing"
    tests = re.search(r"dbt tests: (\d+) passed, (\d+) failed", out)
    assert tests and int(tests.group(1)) >= 100 and tests.group(2) == "0", out
    expectations = re.search(r"expectations: (\d+) passed, (\d+) failed", out)
    assert expectations and int(expectations.group(1)) >= 30 and expectations.group(2) == "0"
    report = enterprise.report_dir / "index.html"
    assert str(report) in out
    page = report.read_text()
    assert f"{expectations.group(1)} of {expectations.group(1)} expectations passed" in page
    assert "master.machines" in page and "http" not in page.split("</style>")[0]
    assert (enterprise.report_dir / "data_docs" / "index.html").stat().st_size > 1000
    summary = json.loads((enterprise.report_dir / "summary.json").read_text())
    assert summary["success"] is True
    from seeders import DOMAINS

    assert list(summary["domains"]) == [d.NAME for d in DOMAINS]
    assert sum(map(len, summary["domains"].values())) == int(expectations.group(1))
    assert "genims: 1/3 seeding raw data" in built.stderr  # progress is shown


def test_master_tables_match_the_catalog(built, conn):
    assert_marts_match_the_catalog(conn, "master", MASTER_TABLES)


def test_row_counts_within_plan(built, genims, conn):
    estimates = json.loads(genims.ok("plan", "--preset", "tiny", "--json").stdout)
    for e in estimates:
        count = conn.execute(f'SELECT count(*) FROM "{e["schema"]}"."{e["table"]}"').fetchone()[0]
        assert e["low"] <= count <= e["high"], (e, count)


def test_derived_values_follow_their_sources(built, conn):
    """Spot checks of derivations, independent of the dbt tests that also cover them."""
    age = conn.execute(
        "SELECT machine_id, current_age_years, installation_date FROM master.machines LIMIT 1"
    ).fetchone()
    from datetime import date

    expected = (date.fromisoformat(AS_OF) - age[2]).days / 365.25
    assert abs(float(age[1]) - expected) < 0.02
    mismatched = conn.execute(
        """
        SELECT count(*) FROM master.line_product_mapping m
        JOIN (SELECT line_id, product_id, sum(units_good) * 100.0 / sum(units_produced) AS y
              FROM raw_master.line_product_trials GROUP BY 1, 2) t USING (line_id, product_id)
        WHERE abs(m.yield_percentage - t.y) > 0.01
        """
    ).fetchone()[0]
    assert mismatched == 0


def test_same_seed_same_enterprise_other_seed_other_data(genims, db, conn):
    """Building the whole enterprise again with the same config, seed and as-of gives the
    shared build row for row, raw tables and marts of every domain; another seed changes
    (nearly) every raw table of every domain."""
    from seeders import DOMAINS

    genims.build("tiny", 42)
    schemas = [s for d in DOMAINS for s in (f"raw_{d.NAME}", d.NAME)]
    shared = {s: table_checksums(conn, s) for s in schemas}
    assert {s: table_checksums(db, s) for s in schemas} == shared
    genims.seed("tiny", 43)
    for domain in DOMAINS:
        raw = f"raw_{domain.NAME}"
        other = table_checksums(db, raw)
        changed = [t for t in other if other[t] != shared[raw][t]]
        assert len(changed) >= len(other) - 1, (raw, changed)  # reference tables may not change


def test_dbt_tests_catch_a_broken_derivation(genims, db):
    genims.build("tiny", 42, *MASTER_ONLY)
    broken = ("UPDATE master.production_lines SET num_stations = num_stations {} 1 "
              "WHERE line_id = (SELECT min(line_id) FROM master.production_lines)")
    db.execute(broken.format("+"))
    result = genims.run("dbt", "test", "--select", "fqn:*.master.*")
    assert result.returncode == 1
    assert "FAIL" in result.stdout
    db.execute(broken.format("-"))


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
