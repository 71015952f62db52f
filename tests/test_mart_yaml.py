"""The marts' YAML against the GenIMS catalog, without a database (scripts/scaffold_mart_yaml.py)."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml

from scripts import scaffold_mart_yaml

from .conftest import REPO

MARTS = REPO / "dbt_project" / "models" / "marts"


@pytest.fixture(scope="module")
def catalog():
    return scaffold_mart_yaml.load_catalog()


@pytest.fixture
def marts(tmp_path):
    """A scratch copy of models/marts to change."""
    shutil.copytree(MARTS, tmp_path / "marts")
    return tmp_path / "marts"


def column(model: dict, name: str) -> dict:
    return next(c for c in model["columns"] if c["name"] == name)


def edit(path, change) -> None:
    data = yaml.safe_load(path.read_text())
    change(data["models"][0])
    path.write_text(yaml.safe_dump(data, sort_keys=False))


def test_the_marts_yaml_matches_the_catalog(catalog):
    problems, _ = scaffold_mart_yaml.check(catalog=catalog)
    assert problems == []


def test_a_changed_type_or_column_is_drift(catalog, marts):
    path = marts / "erp" / "erp__materials.yml"
    edit(path, lambda m: column(m, "weight_kg").update(data_type="integer"))
    edit(marts / "master" / "master__factories.yml", lambda m: m["columns"].pop())
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert len(problems) == 2
    assert "erp__materials.weight_kg: data_type 'integer', catalog 'decimal(10,4)'" in problems
    assert problems[1].startswith("master__factories: columns differ from the catalog: missing")


def test_a_key_flag_without_its_constraint_is_drift(catalog, marts):
    # the catalog: material_id is the PRIMARY KEY, material_code NOT NULL and UNIQUE
    def unconstrain(model):
        column(model, "material_id").pop("constraints")
        column(model, "material_code")["constraints"] = [{"type": "not_null"}]

    edit(marts / "erp" / "erp__materials.yml", unconstrain)
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == [
        "erp__materials.material_id: catalog says PRIMARY KEY; no primary_key constraint",
        "erp__materials.material_code: catalog says UNIQUE; no unique constraint"]


def test_a_test_that_repeats_a_constraint_is_drift(catalog, marts):
    def retest(model):
        column(model, "material_id")["data_tests"] = ["unique", "not_null"]
        column(model, "material_code")["data_tests"] = ["not_null"]
        column(model, "weight_kg")["data_tests"] = ["not_null"]  # a rule the catalog lacks

    edit(marts / "erp" / "erp__materials.yml", retest)
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == [
        "erp__materials.material_id: the not_null test repeats a constraint; drop it",
        "erp__materials.material_id: the unique test repeats a constraint; drop it",
        "erp__materials.material_code: the not_null test repeats a constraint; drop it"]


def test_a_composite_key_without_its_constraint_is_drift(catalog, marts):
    # no built mart has a composite key in the catalog (hr.employee_skills will): give
    # operations.sensor_data the one its YAML declares beyond the catalog, then drop it
    catalog = copy.deepcopy(catalog)
    for spec in catalog[("operations", "sensor_data")].columns:
        if spec.name in ("sensor_id", "timestamp"):
            spec.composite = ("sensor_id", "timestamp")
    assert scaffold_mart_yaml.check(catalog=catalog, marts=marts)[0] == []
    edit(marts / "operations" / "operations__sensor_data.yml", lambda m: m.pop("constraints"))
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == ["operations__sensor_data: catalog says sensor_id, timestamp are unique "
                        "together; no unique constraint on them"]


def test_a_relationship_must_be_tested_where_the_catalog_says_or_waived(catalog, marts):
    path = marts / "erp" / "erp__materials.yml"

    def untest(model):  # the catalog's hint: default_supplier_id -> erp.suppliers
        col = column(model, "default_supplier_id")
        col["data_tests"] = [t for t in col["data_tests"] if "relationships" not in t]

    edit(path, untest)
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == ["erp__materials.default_supplier_id: catalog relationship to erp__suppliers."
                        "supplier_id is neither tested nor waived (meta relationship_waiver)"]

    def retarget(model):  # a test somewhere the catalog does not say
        column(model, "default_supplier_id")["data_tests"] = [{"relationships": {"arguments": {
            "to": "ref('master__customers')", "field": "customer_id"}}}]

    edit(path, retarget)
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert "erp__materials.default_supplier_id: relationships test to master__customers.customer_id " \
           "is not in the catalog; give the reason in meta relationship_waiver" in problems

    edit(path, lambda m: column(m, "default_supplier_id").update(
        config={"meta": {"relationship_waiver": "suppliers are customers here"}}))
    assert scaffold_mart_yaml.check(catalog=catalog, marts=marts)[0] == []

    edit(path, lambda m: column(m, "default_supplier_id").update(
        config={"meta": {"relationship_waiver": " "}}))
    assert scaffold_mart_yaml.check(catalog=catalog, marts=marts)[0] == [
        "erp__materials.default_supplier_id: relationship_waiver needs a reason"]


def test_a_waiver_on_a_column_without_relationships_is_drift(catalog, marts):
    edit(marts / "erp" / "erp__materials.yml", lambda m: column(m, "weight_kg").update(
        config={"meta": {"relationship_waiver": "nothing to waive"}}))
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == ["erp__materials.weight_kg: relationship_waiver waives nothing "
                        "(no catalog relationship, no relationships test)"]


def test_a_listing_description_must_list_the_accepted_values(catalog, marts):
    edit(marts / "erp" / "erp__materials.yml", lambda m: column(m, "procurement_type").update(
        description="One of: make, buy, both."))
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == ["erp__materials.procurement_type: description lists 'make, buy, both', "
                        "accepted_values ['make', 'buy']"]


def test_every_mart_declares_the_degenerate_column_check(catalog, marts):
    edit(marts / "master" / "master__shifts.yml", lambda m: m.pop("data_tests"))
    edit(marts / "erp" / "erp__routing.yml", lambda m: m.update(data_tests=[
        t for t in m["data_tests"] if t != "no_degenerate_columns"]))
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == [
        "erp__routing: no no_degenerate_columns test (every mart declares it)",
        "master__shifts: no no_degenerate_columns test (every mart declares it)"]


@pytest.mark.parametrize("exemption, problem", [
    ("", "degenerate needs a reason"),
    ({"min_rows": 50}, "degenerate needs a reason"),
    ({"min_rows": 0, "reason": "rare"}, "degenerate.min_rows must be a positive whole number, not 0"),
    ({"min_rows": "many", "reason": "rare"},
     "degenerate.min_rows must be a positive whole number, not 'many'"),
    ({"rows": 50, "reason": "rare"},
     "degenerate has unknown keys ['rows'] (min_rows, per, reason)"),
    ({"min_rows": 50, "per": 3, "reason": "rare"}, "degenerate.per must name a column, not 3"),
    ({"min_rows": 50, "per": "supplier_id", "reason": "rare"},
     "degenerate.per names 'supplier_id', not a column of erp__materials"),
    ("always EA: the catalog has one unit", None),
    ({"min_rows": 200, "reason": "2 % are blocked"}, None),
    ({"min_rows": 230, "per": "product_id", "reason": "8 % of products"}, None),
])
def test_a_degenerate_column_exemption_gives_its_reason(catalog, marts, exemption, problem):
    edit(marts / "erp" / "erp__materials.yml", lambda m: column(m, "base_unit_of_measure").update(
        config={"meta": {"degenerate": exemption}}))
    problems, _ = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == ([f"erp__materials.base_unit_of_measure: {problem}"] if problem else [])


def test_a_yaml_file_describes_its_own_catalog_table(catalog, marts):
    (marts / "erp" / "erp__materials.yml").rename(marts / "erp" / "erp__material_master.yml")
    problems, missing = scaffold_mart_yaml.check(catalog=catalog, marts=marts)
    assert problems == [f"{marts}/erp/erp__material_master.yml: must describe exactly model "
                        f"erp__material_master"]
    assert missing == ["erp.materials"]


def test_scaffold_writes_what_the_catalog_knows(catalog, tmp_path):
    models = {"erp__suppliers", "master__products", "master__employees"}
    written = scaffold_mart_yaml.scaffold("erp", ["materials", "purchase_requisitions"], catalog,
                                          tmp_path, models)
    assert [p.name for p in written] == ["erp__materials.yml", "erp__purchase_requisitions.yml"]
    text = written[0].read_text()
    (model,) = yaml.safe_load(text)["models"]
    assert model["name"] == "erp__materials"
    assert model["data_tests"] == ["no_degenerate_columns"]
    assert len(model["columns"]) == 36  # the catalog lists 36 columns for erp.materials
    # spec/genims_tables.csv: material_id VARCHAR(50) PRIMARY KEY; weight_kg DECIMAL(10,4)
    assert column(model, "material_id") == {"name": "material_id", "data_type": "varchar(50)",
                                            "constraints": [{"type": "primary_key"}]}
    # material_code VARCHAR(50) UNIQUE NOT NULL
    assert column(model, "material_code")["constraints"] == [{"type": "unique"},
                                                             {"type": "not_null"}]
    assert column(model, "weight_kg") == {"name": "weight_kg", "data_type": "decimal(10,4)"}
    # the catalog's comment, and the shared doc block for a shared column
    assert column(model, "dimensions")["description"] == "LxWxH"
    assert column(model, "created_at")["description"] == '{{ doc("created_at") }}'
    # spec/genims_relationships.csv: default_supplier_id -> erp.suppliers.supplier_id
    assert column(model, "default_supplier_id")["data_tests"] == [{"relationships": {"arguments": {
        "to": "ref('erp__suppliers')", "field": "supplier_id"}}}]
    # requester_id -> employees is ambiguous (master or hr): a comment, no test
    requisitions = written[1].read_text()
    assert "requester_id -> master__employees.employee_id is ambiguous" in requisitions
    assert "relationships" not in str(column(yaml.safe_load(requisitions)["models"][0],
                                             "requester_id"))


def test_scaffold_never_overwrites(catalog, marts):
    before = (marts / "erp" / "erp__materials.yml").read_text()
    assert scaffold_mart_yaml.scaffold("erp", ["materials"], catalog, marts) == []
    assert (marts / "erp" / "erp__materials.yml").read_text() == before


def test_scaffold_declares_a_composite_key(catalog, tmp_path):
    (path,) = scaffold_mart_yaml.scaffold("hr", ["employee_skills"], catalog, tmp_path, set())
    (model,) = yaml.safe_load(path.read_text())["models"]
    # the catalog: UNIQUE(employee_id, skill_id); every mart: no degenerate columns
    assert model["data_tests"] == ["no_degenerate_columns"]
    assert model["constraints"] == [{"type": "unique", "columns": ["employee_id", "skill_id"]}]
    # written on one line, as people write a key
    assert "columns: [employee_id, skill_id]" in path.read_text()


def test_a_scaffolded_domain_is_drift_free_once_ambiguities_are_decided(catalog, tmp_path):
    marts = tmp_path / "marts"
    shutil.copytree(MARTS, marts)
    shutil.rmtree(marts / "manufacturing")
    scaffold_mart_yaml.scaffold("manufacturing", [], catalog, marts)
    for sql in MARTS.glob("manufacturing/*.sql"):
        shutil.copy(sql, marts / "manufacturing" / sql.name)
    problems, missing = scaffold_mart_yaml.check(["manufacturing"], catalog, marts)
    assert missing == []
    # only the ambiguous hints (work orders: manufacturing or maintenance; employees: master
    # or hr) are left to decide
    assert problems and all("neither tested nor waived" in p for p in problems)
    assert {p.split(" to ")[1].split(" is ")[0] for p in problems} == {
        "manufacturing__work_orders.work_order_id", "master__employees.employee_id"}
