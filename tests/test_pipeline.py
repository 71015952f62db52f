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
from .reports import dbt_test_results, expectation_count, junit_cases, read_page

MASTER_TABLES = {
    "factories", "production_lines", "machines", "sensors", "employees", "shifts", "products",
    "customers", "line_product_mapping", "customer_product_mapping",
}
MASTER_ONLY = ("--domains", "master")


@pytest.fixture(scope="module")
def report_dir(built, enterprise):
    """Where the shared enterprise build wrote its report."""
    return enterprise.report_dir


def domain_names() -> list[str]:
    from seeders import DOMAINS

    return [d.NAME for d in DOMAINS]


def test_build_output_is_a_short_plain_summary(built, report_dir):
    """Piped, the build prints plain lines (no colour, no bars, no dbt node log, no library
    log lines) and a summary table with a row per domain."""
    out, err = built.stdout, built.stderr
    assert "\x1b[" not in out + err and "━" not in out + err
    assert not re.search(r"^(INFO|WARNING|DEBUG)[: ]", err, re.M), err
    assert "START sql" not in out + err
    assert len((out + err).splitlines()) < 60, out + err
    assert "genims: 1/3 seeding raw data" in err  # progress is shown
    for domain in domain_names():
        assert re.search(rf"\b{domain}\b.*\d+ passed\W.*\d+ passed", out), (domain, out)
    assert "failed" not in out
    log = report_dir / "dbt.log"
    assert str(log) in out
    assert re.search(r"OK created sql table model master\.factories", log.read_text())


def test_report_summary_names_every_domain_and_table(built, report_dir, conn, config):
    page = read_page(report_dir / "index.html")
    checks = len(dbt_test_results(report_dir)) + expectation_count(config, domain_names())
    summary = json.loads((report_dir / "summary.json").read_text())
    skipped = summary["totals"]["expectations"]["skipped"]
    assert f"all {checks - skipped} checks passed" + (f", {skipped} skipped" if skipped else "") \
        in page.verdict
    for domain in domain_names():
        assert domain in page.summary
    counted = {row[0]: row[1:] for row in page.rows if row}
    for schema, table in conn.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_schema = ANY(%s) AND table_type = 'BASE TABLE'", (domain_names(),)
    ).fetchall():
        count = conn.execute(f'SELECT count(*) FROM "{schema}"."{table}"').fetchone()[0]
        assert counted[f"{schema}.{table}"][0] == f"{count:,}", (schema, table)
    assert not [r for r in page.references if r.startswith(("http:", "https:", "//"))]
    assert page.details == checks and not page.failures


def test_report_shows_the_plan_next_to_the_rows(built, report_dir, genims):
    page = read_page(report_dir / "index.html")
    counted = {row[0]: row[1:] for row in page.rows if row}
    for e in json.loads(genims.ok("plan", "--preset", "tiny", "--as-of", AS_OF, "--json").stdout):
        rows, planned, *_ = counted[f"{e['schema']}.{e['table']}"]
        assert planned == f"{round(e['expected']):,}", e
        assert e["low"] <= int(rows.replace(",", "")) <= e["high"]  # tiny stays in its plan


def test_junit_has_a_case_per_dbt_test_and_expectation(built, report_dir, config):
    cases = junit_cases(report_dir / "junit.xml")
    dbt_tests = dbt_test_results(report_dir)
    assert len(cases) == len(dbt_tests) + expectation_count(config, domain_names())
    assert {c.name for c in cases if c.classname.endswith(".dbt")} == set(dbt_tests)
    assert set(domain_names()) <= {c.suite for c in cases}
    assert all(c.classname.startswith(c.suite + ".") for c in cases)
    # every case passed, or is a statistical check skipped with its reason (too few samples)
    assert all(c.outcome == "passed" or (c.outcome == "skipped" and c.message.startswith("skipped: "))
               for c in cases), [c for c in cases if c.outcome != "passed"]
    summary = json.loads((report_dir / "summary.json").read_text())
    assert summary["success"] is True
    assert list(summary["domains"])[:len(domain_names())] == domain_names()
    assert summary["totals"]["dbt_tests"]["passed"] == len(dbt_tests)


def test_master_tables_match_the_catalog(built, conn):
    assert_marts_match_the_catalog(conn, "master", MASTER_TABLES)


def test_row_counts_within_plan(built, genims, conn):
    estimates = json.loads(genims.ok("plan", "--preset", "tiny", "--as-of", AS_OF, "--json").stdout)
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


def test_unit_tests_pin_the_intricate_sql(built, enterprise):
    """`genims build` leaves dbt's unit tests out (fixed inputs: they test SQL, not data); the
    suite runs every one the project declares, and each passes."""
    dbt_tests = dbt_test_results(enterprise.report_dir)
    manifest = json.loads((REPO / "dbt_project" / "target" / "manifest.json").read_text())
    declared = {node["name"] for node in manifest["unit_tests"].values()}
    assert declared and not declared & set(dbt_tests)  # not part of the build
    result = enterprise.run("dbt", "test", "--select", "test_type:unit")
    assert result.returncode == 0, result.stdout[-3000:]
    ran = json.loads((REPO / "dbt_project" / "target" / "run_results.json").read_text())["results"]
    assert {r["unique_id"].split(".")[3]: r["status"] for r in ran
            if r["unique_id"].startswith("unit_test.")} == dict.fromkeys(declared, "pass")


def test_plain_dbt_with_genims_db_env(genims):
    """The README's recipe: `eval "$(genims db env)"` then dbt inside dbt_project/."""
    env = genims.shell_env()
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
    genims.seed("tiny", 43, "--domains", "master")
    out = genims.ok("status").stdout
    assert re.search(r"run \d+ loaded .* \(preset tiny, seed 43, as of " + AS_OF
                     + r" 00:00, .*domains master\)", out), out
