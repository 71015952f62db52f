"""The CI workflow for users and this repository's CI script run what the README says."""

from __future__ import annotations

import re

import yaml

from .conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "genims.yml"


def readme_block_after(heading: str) -> list[str]:
    """The command lines of the first bash block after a README heading."""
    readme = (REPO / "README.md").read_text()
    section = readme[readme.index(heading):]
    block = re.search(r"```bash\n(.*?)```", section, re.S).group(1)
    return [line for line in block.splitlines() if line.strip()]


def test_workflow_runs_the_readme_s_ci_commands_and_publishes_the_reports():
    from genims.report import default_report_dir

    workflow = yaml.safe_load(WORKFLOW.read_text())
    assert {"push", "pull_request"} <= set(workflow[True])  # YAML 1.1 reads `on` as true
    [job] = workflow["jobs"].values()
    steps = job["steps"]
    assert [s["run"] for s in steps if "run" in s] == readme_block_after("### In CI")
    reports = default_report_dir().relative_to(REPO).as_posix()
    [publish] = [s for s in steps if s.get("uses", "").startswith("mikepenz/action-junit-report@")]
    [upload] = [s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert publish["with"]["report_paths"] == f"{reports}/junit.xml"
    assert upload["with"]["path"].rstrip("/") == reports
    # they run after the build step, also when it failed
    build = next(i for i, s in enumerate(steps) if "genims build" in s.get("run", ""))
    assert steps.index(publish) > build and steps.index(upload) > build
    assert "always()" in publish["if"] or "!cancelled()" in publish["if"]
    assert "always()" in upload["if"] or "!cancelled()" in upload["if"]
    assert workflow["permissions"]["checks"] == "write"
    assert job["timeout-minutes"] <= 20


def test_ci_script_runs_the_readme_s_test_command_and_builds_tiny():
    script = (REPO / ".ci" / "run").read_text()
    [test_command] = [line for line in readme_block_after("Install and run the tests")
                      if "pytest" in line]
    assert test_command in script.splitlines()
    build = readme_block_after("### In CI")[-1]
    assert build in script.splitlines()
    assert script.index(test_command) < script.index(build)
