"""Code style: ruff for Python, sqlfluff (dbt templater) for the dbt SQL."""

from __future__ import annotations

import os
import subprocess
import sys

from .conftest import REPO


def tool(name: str) -> str:
    return os.path.join(os.path.dirname(sys.executable), name)


# Where the project's own Python lives when the checkout is not a git repository.
PROJECT_FOLDERS = ("genims", "seeders", "expectations", "tests", "benchmarks", "scripts")


def project_python_files() -> list[str]:
    """The project's own Python files: what git tracks (or, without git, the project's
    folders), never a virtualenv or other files a user keeps inside the checkout."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard",
                             "*.py"], cwd=REPO, capture_output=True, text=True)
    if listed.returncode == 0 and listed.stdout.strip():
        files = listed.stdout.split()
        # untracked files git does not ignore count too, except inside another virtualenv
        return [f for f in files if not (REPO / f.split("/")[0] / "pyvenv.cfg").exists()]
    return [folder for folder in PROJECT_FOLDERS if (REPO / folder).is_dir()]


def test_ruff_lints_only_the_project():
    venv = REPO / ".lint-probe-venv"
    (venv / "lib").mkdir(parents=True, exist_ok=True)
    try:
        (venv / "pyvenv.cfg").write_text("home = /usr/bin\n")
        (venv / "lib" / "bad.py").write_text("import os\n")  # unused import: a finding
        files = project_python_files()
        assert "genims/cli.py" in files or "genims" in files
        assert not any(f.startswith(".lint-probe-venv") for f in files)
    finally:
        (venv / "lib" / "bad.py").unlink()
        (venv / "lib").rmdir()
        (venv / "pyvenv.cfg").unlink()
        venv.rmdir()


def test_ruff_is_clean():
    result = subprocess.run([tool("ruff"), "check", *project_python_files()], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout


def test_sqlfluff_is_clean(genims):
    env = genims.shell_env()
    result = subprocess.run(
        [tool("sqlfluff"), "lint", "--processes", "2", "models", "tests", "macros"],
        cwd=REPO / "dbt_project", env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "All Finished" in result.stdout
