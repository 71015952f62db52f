"""Config validation, presets and the plan, without a database."""

from __future__ import annotations

import datetime as dt
from collections import Counter

import pytest
import yaml

from genims.config import available_presets, load_config
from genims.errors import ConfigError
from seeders import master
from seeders.engine import SeedContext
from seeders.plan import plan


def write(tmp_path, data) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data)
    return str(path)


def test_presets_exist_and_validate():
    assert {"tiny", "default", "large"} <= set(available_presets())
    for preset in available_presets():
        config = load_config(preset=preset, as_of="2026-01-31")
        assert config.preset == preset
        assert config.as_of == dt.datetime(2026, 1, 31)


def test_default_preset_matches_seed_document():
    p = load_config(preset="default")["master"]
    assert p["factories"] == 4
    assert p["lines_per_factory"] == (4, 6)
    assert p["machines_per_line"] == (8, 15)
    assert p["sensors_per_machine"] == (5, 10)
    assert p["employees_per_factory"] == (2000, 4000)
    assert len(p["shifts"]) == 6
    assert p["products"] == 20 and p["customers"] == 10


def test_as_of_defaults_to_now_to_the_hour():
    config = load_config(preset="tiny", now=lambda: dt.datetime(2031, 5, 6, 14, 37, 12, 5))
    assert config.as_of == dt.datetime(2031, 5, 6, 14)


@pytest.mark.parametrize(("value", "instant"), [
    ("2026-06-30", dt.datetime(2026, 6, 30)),  # a date is midnight at its start
    ("2026-06-30T14:30", dt.datetime(2026, 6, 30, 14, 30)),
    ("2026-06-30 14:30", dt.datetime(2026, 6, 30, 14, 30)),
    ("2026-06-30T14:30:15", dt.datetime(2026, 6, 30, 14, 30, 15)),
    (dt.date(2026, 6, 30), dt.datetime(2026, 6, 30)),
])
def test_as_of_is_an_instant(value, instant):
    config = load_config(preset="tiny", as_of=value)
    assert config.as_of == instant
    assert config.to_dict()["as_of"] == instant.isoformat()


def test_as_of_in_a_config_file_and_its_fingerprint(tmp_path):
    date_time = load_config(config_file=write(tmp_path, "as_of: 2026-06-30 14:30:00\n"))
    assert date_time.as_of == dt.datetime(2026, 6, 30, 14, 30)  # YAML reads it as a datetime
    midnight = load_config(config_file=write(tmp_path, "as_of: 2026-06-30\n"))
    assert midnight.fingerprint() == load_config(as_of="2026-06-30T00:00").fingerprint()
    assert midnight.fingerprint() != date_time.fingerprint()


@pytest.mark.parametrize("value", [
    "2026-06-30T25:00", "2026-02-30", "30/06/2026", "2026-06-30T14", "2026-06-30T14:30+02:00",
    "2026-06-30T14:30:00.5", "today",
])
def test_bad_as_of_is_one_clear_error(value):
    with pytest.raises(ConfigError, match=r"^as_of: expected a date \(YYYY-MM-DD\) or a local "
                                          r"date-time \(YYYY-MM-DDTHH:MM\[:SS\]\), got "):
        load_config(preset="tiny", as_of=value)


def test_bad_as_of_on_the_command_line_exits_2():
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "genims.cli", "plan", "--preset", "tiny", "--as-of", "2026-13-01"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "", "GENIMS_DSN": "postgresql://nobody@127.0.0.1:1/none"},
    )
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "genims: error: as_of: expected a date (YYYY-MM-DD) or a local date-time "
        "(YYYY-MM-DDTHH:MM[:SS]), got '2026-13-01'"]


def test_config_file_extends_its_preset_and_cli_overrides(tmp_path):
    path = write(tmp_path, {"preset": "tiny", "seed": 5, "master": {"customers": 9}})
    config = load_config(config_file=path, seed=11)
    assert config.preset == "tiny"
    assert config.seed == 11
    assert config["master"]["customers"] == 9
    assert config["master"]["factories"] == load_config(preset="tiny")["master"]["factories"]


def test_domains_share_one_history_window_unless_they_override_it(tmp_path):
    """One timeline: a domain's days key left null takes the top-level history_days; a number
    overrides it for that domain only."""
    inherited = load_config(config_file=write(tmp_path, {"history_days": 45}))
    assert inherited.history_days == 45
    assert inherited["manufacturing"]["days_of_history"] == 45
    assert inherited.to_dict()["history_days"] == 45
    overridden = load_config(config_file=write(tmp_path, {
        "history_days": 45, "manufacturing": {"days_of_history": 12}}))
    assert overridden.history_days == 45
    assert overridden["manufacturing"]["days_of_history"] == 12
    assert overridden.fingerprint() != inherited.fingerprint()
    assert load_config(preset="default")["manufacturing"]["days_of_history"] == 90


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"master": {"factoriez": 3}}, "master.factoriez: unknown key"),
        ({"mastr": {}}, "mastr: unknown key"),
        ({"master": {"factories": "four"}}, "master.factories: expected a whole number"),
        ({"master": {"factories": 2.5}}, "master.factories: expected a whole number"),
        ({"master": {"factories": True}}, "master.factories: expected a whole number"),
        ({"master": {"factories": -1}}, "master.factories: must be at least 1"),
        ({"master": {"customers": 0}}, "master.customers: must be at least 1"),
        ({"master": {"lines_per_factory": [6, 4]}},
         "master.lines_per_factory: min 6 is greater than max 4"),
        ({"master": {"machines_per_line": [3]}}, "master.machines_per_line: expected a [min, max]"),
        ({"master": {"sensors_per_machine": [-1, 4]}},
         "master.sensors_per_machine: values must be at least 0"),
        ({"master": {"customer_product_share": [0.2, 1.5]}},
         "master.customer_product_share: values must be at most 1"),
        ({"master": {"shifts": [{"name": "x"}]}}, "master.shifts[0].code: missing"),
        ({"master": {"shifts": [{"name": "a", "code": "A", "start": "25:00", "end": "06:00",
                                 "break_minutes": 30, "type": "regular", "days": ["mon"]}]}},
         "master.shifts[0].start: expected HH:MM"),
        ({"master": {"shifts": [{"name": "night", "code": "N", "start": "22:00", "end": "06:00",
                                 "break_minutes": 30, "type": "regular", "days": ["mon"]}]}},
         "master.shifts[0].name: expected one of shift_a, shift_b, shift_c"),
        ({"erp": {"allow_backorders": "yes"}}, "erp.allow_backorders: expected true or false"),
        ({"manufacturing": {"absence_rate": 1.5}},
         "manufacturing.absence_rate: expected a number between 0 and 1"),
        ({"manufacturing": {"mtbf_hours": {"CNC": 0}}},
         "manufacturing.mtbf_hours.CNC: must be positive"),
        ({"erp": {"material_type_mix": {"raw_material": 1, "component": 1, "packaging": 0}}},
         "erp.material_type_mix.packaging: must be positive"),
        ({"erp": {"material_type_mix": {"gold": 3}}},
         "erp.material_type_mix.gold: unknown material type"),
        ({"operations": {"fault_pattern_mix": {"bearing_failure": -1}}},
         "operations.fault_pattern_mix.bearing_failure: expected a non-negative number"),
        ({"operations": {"fault_pattern_mix": {}}},
         "operations.fault_pattern_mix: at least one weight must be positive"),
        ({"history_days": 0}, "history_days: must be at least 1"),
        ({"history_days": None}, "history_days: expected a whole number"),
        ({"manufacturing": {"days_of_history": 0}},
         "manufacturing.days_of_history: must be at least 1"),
        ({"manufacturing": {"days_of_history": "all"}},
         "manufacturing.days_of_history: expected a whole number"),
        ({"seed": -5}, "seed: must be at least 0"),
        ({"as_of": "yesterday"}, "as_of: expected a date"),
        ({"preset": "huge"}, "preset: unknown preset 'huge'"),
        ("master: [1, 2", "is not valid YAML"),
        ("- 1\n- 2\n", "must be a mapping"),
    ],
)
def test_bad_config_names_the_key(tmp_path, data, message):
    with pytest.raises(ConfigError) as error:
        load_config(config_file=write(tmp_path, data))
    assert message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_config_file_and_unknown_preset():
    with pytest.raises(ConfigError, match="config file not found"):
        load_config(config_file="/nonexistent/genims.yaml")
    with pytest.raises(ConfigError, match="unknown preset 'nope'"):
        load_config(preset="nope")


def generated_counts(config) -> Counter:
    counts: Counter = Counter()
    for table, chunk in master.generate(SeedContext(config, "master")):
        counts[table] += len(next(iter(chunk.values())))
    return counts


def test_any_number_of_factories(tmp_path):
    """The seed document's limit of 4 factory locations is lifted."""
    path = write(tmp_path, {"preset": "tiny", "master": {"factories": 45}})
    config = load_config(config_file=path, as_of="2026-11-22")
    generated = dict(master.generate(SeedContext(config, "master")))
    factories = generated["factories"]
    assert len(factories["factory_id"]) == 45
    assert len(set(factories["factory_id"])) == 45
    assert len(set(factories["factory_name"])) == 45


@pytest.mark.parametrize("preset", ["tiny", "default"])
def test_generated_counts_fall_inside_the_plan(preset):
    config = load_config(preset=preset, as_of="2026-11-22")
    counts = generated_counts(config)
    estimates = {e.table: e for e in plan(config)}
    for table in ("factories", "production_lines", "machines", "sensors", "employees",
                  "shifts", "products", "customers", "line_product_trials",
                  "customer_agreements"):
        e = estimates[table]
        assert e.low <= counts[table] <= e.high, (table, counts[table], e)


def test_generation_is_deterministic_and_seed_sensitive():
    a = load_config(preset="tiny", seed=1, as_of="2026-11-22")
    b = load_config(preset="tiny", seed=2, as_of="2026-11-22")

    def render(config):
        return [(t, repr(sorted((k, list(map(str, v))) for k, v in chunk.items())))
                for t, chunk in master.generate(SeedContext(config, "master"))]

    assert render(a) == render(a)
    assert render(a) != render(b)


def test_plan_command_prints_every_table(tmp_path):
    import re
    import subprocess
    import sys

    path = write(tmp_path, {"master": {"factories": 7, "lines_per_factory": [2, 3]}})
    result = subprocess.run(
        [sys.executable, "-m", "genims.cli", "plan", "--config", path, "--seed", "3"],
        capture_output=True, text=True, timeout=120,
        env={"PATH": "", "GENIMS_DSN": "postgresql://nobody@127.0.0.1:1/none"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "plan for preset 'default', seed 3" in out
    assert re.search(r"^master\.factories\s+7\s+exact$", out, re.M)
    assert re.search(r"^master\.production_lines\s+18\s+14 \.\. 21$", out, re.M)
    tables = re.findall(r"^(?:raw_)?master\.\w+", out, re.M)
    assert len(tables) == 12
    assert re.search(r"^total\s+[\d,]+$", out, re.M)
