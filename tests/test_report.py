"""The data-quality report when something fails, and the terminal the commands draw."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

import pytest

from .conftest import AS_OF, REPO
from .reports import junit_cases, read_page, summary_json
from .test_failures import assert_one_error

MASTER_ONLY = ("--domains", "master")
# A singular dbt test that every machine breaks; it exists only while a test runs.
FORCED_FAILURE = REPO / "dbt_project" / "tests" / "master" / "assert_master__pytest_forced_failure.sql"


@pytest.fixture
def failing_dbt_test():
    FORCED_FAILURE.write_text(
        "-- Every machine breaks this rule (written by the test suite).\n"
        "select machine_id, line_id from {{ ref('master__machines') }}\n"
    )
    try:
        yield FORCED_FAILURE.stem
    finally:
        FORCED_FAILURE.unlink()


def test_a_failing_dbt_test_fails_the_build_after_writing_the_report(genims, db, failing_dbt_test,
                                                                     tmp_path):
    result = genims.run("build", "--preset", "tiny", "--as-of", AS_OF, *MASTER_ONLY,
                        "--report-dir", str(tmp_path))
    index = tmp_path / "index.html"
    assert_one_error(result, 1, "dbt tests failed", failing_dbt_test, str(index))
    machines = {r[0] for r in db.execute("SELECT machine_id FROM master.machines")}

    page = read_page(index)
    assert "1 of" in page.verdict and "checks failed" in page.verdict
    [failure] = page.failures
    assert failing_dbt_test in failure and f"Got {len(machines)} results" in failure
    shown = set(re.findall(r"MCH-\d+", failure))
    assert len(shown) == min(5, len(machines)) and shown <= machines
    assert failing_dbt_test in page.summary and "master" in page.summary

    [case] = [c for c in junit_cases(tmp_path / "junit.xml") if c.outcome != "passed"]
    assert (case.suite, case.classname, case.name) == ("master", "master.dbt", failing_dbt_test)
    assert case.outcome == "failure" and f"Got {len(machines)} results" in case.message
    assert set(re.findall(r"MCH-\d+", case.text)) == shown

    summary = summary_json(result)
    assert summary["success"] is False and summary["totals"]["dbt_tests"]["failed"] == 1
    assert any("expectations did not run" in note for note in summary["notes"])
    assert re.search(rf"FAIL \d+ {failing_dbt_test}", (tmp_path / "dbt.log").read_text())


@pytest.fixture(scope="module")
def master_built(genims):
    return genims.build("tiny", 42, *MASTER_ONLY)


def test_check_flags_a_table_outside_its_plan_and_lists_the_failures(master_built, genims, db,
                                                                     tmp_path):
    factories = db.execute("SELECT count(*) FROM master.factories").fetchone()[0]
    db.execute("CREATE TEMP TABLE rogue AS SELECT * FROM master.factories LIMIT 1")
    db.execute("UPDATE rogue SET factory_id = 'FAC-ROGUE'")
    db.execute("INSERT INTO master.factories SELECT * FROM rogue")
    try:
        result = genims.run("check", "--report-dir", str(tmp_path))
        assert_one_error(result, 1, "expectations failed", str(tmp_path / "index.html"))
        page = read_page(tmp_path / "index.html")
        [row] = [r for r in page.rows if r and r[0] == "master.factories"]
        assert row[1] == f"{factories + 1}" and "outside plan" in row
        assert [r for r in page.rows if r and r[0] == "master.machines"][0][-1] == ""  # not flagged
        assert any("FAC-ROGUE" in f for f in page.failures)
        assert len(page.failures) == summary_json(result)["totals"]["failures"]
        cases = junit_cases(tmp_path / "junit.xml")
        assert page.details == len(cases)  # one row per check, sample rows inside it
        failed = [c for c in cases if c.outcome == "failure"]
        assert len(failed) == len(page.failures)
        assert {c.classname for c in failed} == {"master.expectations"}
        assert any("FAC-ROGUE" in c.text for c in failed)
        # dbt's results of the build are in the report too, all passed
        assert any(c.classname == "master.dbt" for c in cases)
    finally:
        db.execute("DELETE FROM master.factories WHERE factory_id = 'FAC-ROGUE'")
    genims.ok("check", "--report-dir", str(tmp_path))


def test_check_reports_only_dbt_results_genims_produced_on_this_database(master_built, genims,
                                                                        tmp_path):
    """dbt's target folder is shared by every database of the checkout: results of a plain
    `dbt` run (which genims cannot attribute to a database) are left out, with a note."""
    env = genims.shell_env()
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    plain = subprocess.run([dbt, "test", "--profiles-dir", "..", "--select", "master__factories",
                            "--indirect-selection", "cautious"],  # the database holds master only
                           cwd=REPO / "dbt_project", env=env, capture_output=True, text=True,
                           timeout=300)
    assert plain.returncode == 0, plain.stdout[-3000:]
    result = genims.ok("check", "--report-dir", str(tmp_path))
    assert not [c for c in junit_cases(tmp_path / "junit.xml") if c.classname.endswith(".dbt")]
    assert any("No dbt results" in note for note in summary_json(result)["notes"])
    assert "No dbt results" in read_page(tmp_path / "index.html").summary


def run_in_terminal(genims, *args: str, timeout: float = 300) -> str:
    """Run genims with stdout and stderr on a pseudo-terminal; return what it drew."""
    leader, follower = pty.openpty()
    env = {**genims.env, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen([sys.executable, "-m", "genims.cli", *args], cwd=REPO, env=env,
                               stdout=follower, stderr=follower, stdin=subprocess.DEVNULL)
    os.close(follower)
    output = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the other end closed: the process has exited
            break
        if not chunk:
            break
        output += chunk
    os.close(leader)
    assert process.wait(timeout=60) == 0, output.decode(errors="replace")[-3000:]
    return output.decode(errors="replace")


def test_a_terminal_gets_progress_bars_a_summary_table_and_with_verbose_dbt_s_log(genims):
    drawn = run_in_terminal(genims, "build", "--preset", "tiny", "--as-of", AS_OF, *MASTER_ONLY,
                            "--verbose")
    assert "\x1b[" in drawn and "━" in drawn  # bars, drawn with escape sequences
    text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", drawn)
    assert re.search(r"raw_master .* 10/10 tables .* rows/s", text)
    assert re.search(r"dbt build .* (\d+)/\1 nodes .* 0 failed", text)
    assert re.search(r"checks .* (\d+)/\1 suites", text)
    assert re.search(r"OK created sql table model master\.factories", text)  # --verbose
    assert "genims:" not in text  # the prefix is for plain logs
    assert re.search(r"master\s+\d+\s+[\d,]+\s+0\s+\d+ passed\s+\d+ passed", text)


def test_report_escapes_what_it_shows(tmp_path):
    from genims.report import Check, Report, render_html, render_junit

    hostile = "<script>alert(1)</script> & \"quotes\""
    report = Report(run={"preset": "tiny"}, domains=["master"], tables=[], checks=[
        Check("master", "expectation", "master.x: T", "master.x", hostile, "fail", hostile,
              [{"value": hostile}]),
    ])
    page = render_html(report, tmp_path)
    assert hostile not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    failure = ET.fromstring(render_junit(report)).find("testsuite/testcase/failure")
    assert failure.get("message") == hostile and hostile in failure.text


@pytest.mark.parametrize(("path", "domain"), [
    ("models/marts/erp/_erp__models.yml", "erp"),
    ("models/marts/erp/erp__materials.yml", "erp"),
    ("models/staging/operations/stg_operations__readings.sql", "operations"),
    ("tests/manufacturing/assert_manufacturing__x.sql", "manufacturing"),
    ("tests/assert_loose.sql", "genims_meta"),
])
def test_dbt_nodes_belong_to_the_domain_of_their_folder(path, domain):
    from genims.report import node_domain

    assert node_domain(path) == domain


def test_a_check_that_cannot_run_is_an_error_with_its_message(master_built, genims, db, tmp_path):
    """A dbt test and an expectation whose queries raise (a column they read is gone) are
    errors, not failures: with the database's message, in the terminal, summary.json and
    JUnit (`<error>`)."""
    dbt_test = "assert_master__sensor_thresholds_ordered"
    db.execute("ALTER TABLE master.sensors RENAME COLUMN measurement_range_max TO pytest_gone")
    try:
        genims.run("dbt", "test", "--select", dbt_test)
        result = genims.run("check", "--report-dir", str(tmp_path))
    finally:
        db.execute("ALTER TABLE master.sensors RENAME COLUMN pytest_gone TO measurement_range_max")
        genims.ok("dbt", "test", "--select", dbt_test)  # the last dbt run on this database passes
    missing = 'column "measurement_range_max" does not exist'
    line = assert_one_error(result, 1, "1 of", "dbt tests errored", "expectations errored")
    assert "failed" not in line
    expectation = "a sensor's thresholds nest inside its measurement range"
    # the terminal's lines: the error, then the database's message (dbt's spans lines)
    assert f"genims: ERROR expectation master.sensors: {expectation} ((psycopg.errors." \
        f"UndefinedColumn) {missing})" in result.stderr, result.stderr
    assert re.search(rf"^genims: ERROR dbt test master.sensors: {dbt_test} \(Database Error.*\n"
                     rf"\s*{missing}$", result.stderr, re.M), result.stderr
    assert "genims: FAILED" not in result.stderr

    summary = summary_json(result)
    checks = {c["description"] if c["kind"] == "expectation" else c["name"]: c
              for c in summary["domains"]["master"]["checks"]}
    assert checks[expectation]["status"] == "error" and missing in checks[expectation]["message"]
    assert checks[dbt_test]["status"] == "error" and "measurement_range_max" in checks[dbt_test]["message"]
    assert summary["totals"]["expectations"]["errored"] == 1 == summary["totals"]["dbt_tests"]["errored"]
    assert summary["totals"]["expectations"]["failed"] == 0 == summary["totals"]["dbt_tests"]["failed"]

    cases = {c.name: c for c in junit_cases(tmp_path / "junit.xml") if c.outcome != "passed"}
    assert {c.outcome for c in cases.values()} == {"error"}, cases
    assert missing in cases[f"master.sensors: {expectation}"].message
    assert "measurement_range_max" in cases[dbt_test].message
    page = read_page(tmp_path / "index.html")
    assert any(expectation in f and missing in f for f in page.failures), page.failures
    [row] = [r for r in page.rows if r and r[0] == "master"]
    assert [cell.endswith("1 errored") for cell in row[-2:]] == [True, True], row  # dbt, GX
