"""Building a subset of the enterprise with `--domains`."""

from __future__ import annotations

import json

from .conftest import AS_OF
from .test_failures import assert_one_error


def schemas(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT nspname FROM pg_namespace")}


def test_a_subset_build_holds_exactly_its_domains(genims, db):
    genims.seed()
    assert {"raw_master", "raw_operations", "raw_erp", "raw_manufacturing"} <= schemas(db)

    genims.build("tiny", 42, "--domains", "master")
    present = schemas(db)
    assert {"raw_master", "master"} <= present
    assert not present & {"raw_operations", "operations", "raw_erp", "erp",
                          "raw_manufacturing", "manufacturing"}
    assert db.execute("SELECT domains FROM genims_meta.load_runs "
                      "ORDER BY run_id DESC LIMIT 1").fetchone()[0] == ["master"]
    summary = json.loads((genims.report_dir / "summary.json").read_text())
    # the platform's own dbt tests (schema genims_meta) are reported beside the domains
    assert list(summary["domains"]) == ["master", "genims_meta"]
    assert "domains master" in genims.ok("status").stdout
    assert [t["table"] for t in summary["domains"]["master"]["tables"]].count("master.factories") == 1


def test_a_domain_brings_what_it_requires():
    from seeders import select

    assert [m.NAME for m in select(["operations"])] == ["master", "operations"]
    assert [m.NAME for m in select(["manufacturing"])] == ["master", "erp", "manufacturing"]
    assert [m.NAME for m in select(None)] == ["master", "operations", "erp", "manufacturing"]


def test_plan_lists_only_the_selected_domains(genims):
    rows = json.loads(genims.ok("plan", "--preset", "tiny", "--domains", "master",
                                "--json").stdout)
    assert {r["schema"] for r in rows} == {"master", "raw_master"}


def test_unknown_domain_is_a_config_error(genims):
    result = genims.run("build", "--preset", "tiny", "--as-of", AS_OF, "--domains", "master,hr")
    assert_one_error(result, 2, "unknown domain 'hr'")
