"""The dbt project's conventions, checked over the manifest of `dbt parse` (no database).

- names: models/staging/<domain>/stg_<domain>__*, models/intermediate/<domain>/int_<domain>__*,
  models/marts/<domain>/<domain>__*; singular tests tests/<domain>/assert_<domain>__*;
- every model is documented in a YAML file beside it, named like it, with a description;
- no column description merely restates its column's name;
- every staging and intermediate model has a key test: unique + not_null on one column, or
  unique_combination_of_columns;
- a mart's table is named by its folder and model name, never by a hand-set alias.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import defaultdict
from pathlib import PurePosixPath

import pytest

from scripts.scaffold_mart_yaml import echoes

from .conftest import REPO

LAYERS = {"staging": "stg_{domain}__", "intermediate": "int_{domain}__", "marts": "{domain}__"}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    target = tmp_path_factory.mktemp("dbt-target")
    dbt = os.path.join(os.path.dirname(sys.executable), "dbt")
    result = subprocess.run(
        [dbt, "parse", "--profiles-dir", str(REPO), "--target-path", str(target),
         "--log-path", str(target)],
        cwd=REPO / "dbt_project", capture_output=True, text=True, timeout=300,
        env={**os.environ, "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"},
    )
    assert result.returncode == 0, result.stdout[-3000:]
    return json.loads((target / "manifest.json").read_text())


def nodes(manifest: dict, resource_type: str) -> list[dict]:
    return [n for n in manifest["nodes"].values()
            if n["resource_type"] == resource_type and n["package_name"] == "genims"]


def test_models_are_named_after_their_layer_and_domain(manifest):
    wrong = []
    for model in nodes(manifest, "model"):
        path = PurePosixPath(model["original_file_path"])
        parts = path.parts  # models/<layer>/<domain>/<name>.sql
        layer, domain = (parts[1], parts[2]) if len(parts) == 4 else (None, None)
        if layer not in LAYERS or not model["name"].startswith(LAYERS[layer].format(domain=domain)):
            wrong.append(str(path))
    assert wrong == []


def test_singular_tests_are_named_after_their_domain(manifest):
    wrong = [t["original_file_path"] for t in nodes(manifest, "test")
             if "test_metadata" not in t and not (
                 len(PurePosixPath(t["original_file_path"]).parts) == 3
                 and t["name"].startswith(f"assert_{PurePosixPath(t['original_file_path']).parts[1]}__"))]
    assert wrong == []


def test_every_model_is_documented_beside_it(manifest):
    undocumented = [
        m["name"] for m in nodes(manifest, "model")
        if not m["description"].strip()
        or (m["patch_path"] or "").split("://")[-1]
        != str(PurePosixPath(m["original_file_path"]).with_suffix(".yml"))
    ]
    assert undocumented == []


def test_no_description_restates_its_column_name(manifest):
    echoing = [f"{m['name']}.{name}: {column['description']!r}"
               for m in nodes(manifest, "model") for name, column in m["columns"].items()
               if column["description"] and echoes(column["description"], name)]
    assert echoing == []


def key_tests(manifest: dict) -> dict[str, set[str]]:
    """model unique_id -> the kinds of key test it has ('unique:<column>', 'not_null:<column>',
    'combination')."""
    found: dict[str, set[str]] = defaultdict(set)
    for test in nodes(manifest, "test"):
        metadata = test.get("test_metadata") or {}
        model = test.get("attached_node")
        if metadata.get("name") in ("unique", "not_null"):
            found[model].add(f"{metadata['name']}:{test['column_name']}")
        elif metadata.get("name") == "unique_combination_of_columns":
            found[model].add("combination")
    return found


def has_key_test(kinds: set[str]) -> bool:
    unique = {k.split(":", 1)[1] for k in kinds if k.startswith("unique:")}
    not_null = {k.split(":", 1)[1] for k in kinds if k.startswith("not_null:")}
    return "combination" in kinds or bool(unique & not_null)


def test_every_staging_and_intermediate_model_has_a_key_test(manifest):
    tests = key_tests(manifest)
    without = [m["name"] for m in nodes(manifest, "model")
               if m["fqn"][1] in ("staging", "intermediate")
               and not has_key_test(tests[m["unique_id"]])]
    assert without == []


def test_the_key_rule_needs_both_tests_on_one_column():
    assert has_key_test({"unique:a", "not_null:a"})
    assert has_key_test({"combination"})
    assert not has_key_test({"unique:a", "not_null:b"})
    assert not has_key_test({"not_null:a"})


def test_marts_take_schema_and_table_from_folder_and_name(manifest):
    wrong = []
    for mart in nodes(manifest, "model"):
        if mart["fqn"][1] != "marts":
            continue
        domain = mart["fqn"][2]
        table = mart["name"].removeprefix(f"{domain}__")
        if (mart["schema"], mart["alias"]) != (domain, table) or mart["config"].get("alias"):
            wrong.append(mart["name"])
    assert wrong == []


def test_staging_and_intermediate_keep_their_layer_schema(manifest):
    schemas = {(m["fqn"][1], m["schema"]) for m in nodes(manifest, "model") if m["fqn"][1] != "marts"}
    assert schemas == {("staging", "staging"), ("intermediate", "intermediate")}
