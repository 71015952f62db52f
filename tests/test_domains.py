"""The domain registry (load order, `--domains`) and building a subset of the enterprise."""

from __future__ import annotations

import json
import sys
import textwrap

import pytest
import yaml

import expectations
import seeders
from genims.config import load_config
from genims.errors import ConfigError, DomainError
from seeders import DOMAINS, select
from seeders.plan import plan

from .conftest import AS_OF
from .test_failures import assert_one_error


def schemas(db) -> set[str]:
    return {r[0] for r in db.execute("SELECT nspname FROM pg_namespace")}


def test_a_subset_build_holds_exactly_its_domains(genims, db):
    others = {d.NAME for d in DOMAINS} - {"master"}
    genims.seed()
    assert {f"raw_{d.NAME}" for d in DOMAINS} <= schemas(db)

    genims.build("tiny", 42, "--domains", "master")
    present = schemas(db)
    assert {"raw_master", "master"} <= present
    assert not present & (others | {f"raw_{name}" for name in others})
    assert db.execute("SELECT domains FROM genims_meta.load_runs "
                      "ORDER BY run_id DESC LIMIT 1").fetchone()[0] == ["master"]
    summary = json.loads((genims.report_dir / "summary.json").read_text())
    # the platform's own dbt tests (schema genims_meta) are reported beside the domains
    assert list(summary["domains"]) == ["master", "genims_meta"]
    assert "domains master" in genims.ok("status").stdout
    assert [t["table"] for t in summary["domains"]["master"]["tables"]].count("master.factories") == 1


def test_every_domain_loads_after_what_it_requires():
    order = [d.NAME for d in DOMAINS]
    assert len(order) == len(set(order)) >= 4
    for position, module in enumerate(DOMAINS):
        for required in module.REQUIRES:
            assert order.index(required) < position, (module.NAME, required)


def test_a_domain_brings_what_it_requires_and_is_built_with():
    for module in DOMAINS:
        chosen = [d.NAME for d in select([module.NAME])]
        assert chosen == [d.NAME for d in DOMAINS if d.NAME in chosen]  # in load order
        for name in chosen:
            needed = seeders.domain(name)
            assert set(needed.REQUIRES) | set(getattr(needed, "BUILT_WITH", ())) <= set(chosen)
    # Stated independently: operations is the shop floor MES runs, so it brings MES, which
    # executes ERP's production orders; ERP and MES always come together.
    assert [d.NAME for d in select(["operations"])] == ["master", "erp", "manufacturing",
                                                        "operations"]
    assert {d.NAME for d in select(["erp"])} == {d.NAME for d in select(["manufacturing"])} \
        == {"master", "erp", "manufacturing"}
    assert select(None) == DOMAINS


def test_plan_lists_only_the_selected_domains(genims):
    rows = json.loads(genims.ok("plan", "--preset", "tiny", "--domains", "master",
                                "--json").stdout)
    assert {r["schema"] for r in rows} == {"master", "raw_master"}


def test_unknown_domain_is_a_config_error(genims):
    result = genims.run("build", "--preset", "tiny", "--as-of", AS_OF, "--domains", "master,hr")
    assert_one_error(result, 2, "unknown domain 'hr'")


# --------------------------------------------------------------------------- a new domain

PROBE_SEEDER = '''
    """A domain that exists only for this test: its module is all it adds."""

    from genims.params import Count
    from seeders.engine import raw_table
    from seeders.plan import estimate

    NAME = "aaa_probe"  # sorts first, but must load after what it requires
    REQUIRES = ("operations",)
    PARAMETERS = {"widgets": Count("widgets", minimum=1)}
    RAW_TABLES = (raw_table("widgets", "widget_id INTEGER"),)


    def plan(config):
        return [estimate("raw_aaa_probe", "widgets", config[NAME]["widgets"])]


    def generate(ctx):
        yield "widgets", {"widget_id": list(range(ctx.params["widgets"]))}
'''

PROBE_EXPECTATIONS = '''
    DOMAIN = "aaa_probe"


    def checks(config):
        return []
'''


def add_package_dir(monkeypatch, package, directory, modules: dict[str, str]) -> None:
    """Put `modules` (name -> source) on `package`'s search path, as a new domain's files
    would be, without touching the package's own folder."""
    directory.mkdir()
    for name, source in modules.items():
        (directory / f"{name}.py").write_text(textwrap.dedent(source))
        monkeypatch.delitem(sys.modules, f"{package.__name__}.{name}", raising=False)
    monkeypatch.setattr(package, "__path__", [*package.__path__, str(directory)])


@pytest.fixture
def probe(tmp_path, monkeypatch):
    add_package_dir(monkeypatch, seeders, tmp_path / "seeders", {"aaa_probe": PROBE_SEEDER})
    add_package_dir(monkeypatch, expectations, tmp_path / "expectations",
                    {"aaa_probe": PROBE_EXPECTATIONS})
    yield
    for name in ("seeders.aaa_probe", "expectations.aaa_probe"):
        sys.modules.pop(name, None)


def probe_config(tmp_path, widgets):
    path = tmp_path / "probe.yaml"
    path.write_text(yaml.safe_dump({"preset": "tiny", "aaa_probe": {"widgets": widgets}}))
    return load_config(config_file=path, as_of=AS_OF)


def test_a_new_domain_needs_only_its_own_files(probe, tmp_path):
    order = [d.NAME for d in seeders.DOMAINS]
    assert "aaa_probe" in order
    assert order.index("aaa_probe") > max(order.index("master"), order.index("operations"))
    assert [d.NAME for d in select(["aaa_probe"])] == ["master", "erp", "manufacturing",
                                                       "operations", "aaa_probe"]

    config = probe_config(tmp_path, 3)
    assert config["aaa_probe"] == {"widgets": 3}
    with pytest.raises(ConfigError, match=r"aaa_probe\.widgets: must be at least 1"):
        probe_config(tmp_path, 0)
    with pytest.raises(ConfigError, match=r"aaa_probe\.widgets: missing"):
        load_config(preset="tiny", as_of=AS_OF)  # the presets know nothing of it
    estimates = [(e.schema, e.table, e.expected) for e in plan(config)]
    assert ("raw_aaa_probe", "widgets", 3.0) in estimates
    assert "aaa_probe" in expectations.suites()


def test_a_domain_breaking_the_contract_is_named(tmp_path, monkeypatch):
    broken = PROBE_SEEDER.replace('REQUIRES = ("operations",)', "")
    add_package_dir(monkeypatch, seeders, tmp_path / "seeders", {"aaa_probe": broken})
    with pytest.raises(DomainError, match=r"seeders\.aaa_probe: .* must declare REQUIRES"):
        select(None)
    sys.modules.pop("seeders.aaa_probe", None)


def test_a_requirement_cycle_is_named(tmp_path, monkeypatch):
    first = PROBE_SEEDER.replace('("operations",)', '("aaa_other",)')
    second = PROBE_SEEDER.replace('"aaa_probe"', '"aaa_other"').replace(
        '("operations",)', '("master", "aaa_probe")')
    add_package_dir(monkeypatch, seeders, tmp_path / "seeders",
                    {"aaa_probe": first, "aaa_other": second})
    with pytest.raises(DomainError, match="cycle: aaa_other -> aaa_probe -> aaa_other"):
        select(None)
    for name in ("seeders.aaa_probe", "seeders.aaa_other"):
        sys.modules.pop(name, None)
