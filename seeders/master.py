"""Master data: factories, lines, machines, sensors, employees, shifts, products, customers.

Raw facts only. dbt derives the denormalized keys (a sensor's line and factory), ages and
tenure at the as-of date, a line's station count, a product's BOM complexity, a customer's
annual volume, and both mapping tables: `line_product_mapping` from the qualification
trials each line ran for a product, `customer_product_mapping` from supply agreements.
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from genims.params import Count, Range, RangesByName, Rate, ShiftTemplates
from seeders import commerce, text
from seeders.engine import SeedContext, raw_table
from seeders.engineering import MasterView, design, erp_history_start, setup_day
from seeders.gen import (
    DAY,
    HOUR_SECONDS,
    SECOND,
    Rows,
    at_hour,
    between,
    counts,
    days_before,
    ids,
    pick,
)
from seeders.plan import Amount, Estimate, estimate, mean
from seeders.shopfloor import CRITICALITY_SHARES, SCHEDULE_BY_CRITICALITY

NAME = "master"
REQUIRES = ()

CATEGORIES = ("suspension", "brake", "electrical", "steering", "transmission")

PARAMETERS = {
    "factories": Count("manufacturing facilities (any number)", minimum=1),
    "lines_per_factory": Range("production lines per factory", minimum=1),
    "machines_per_line": Range("machines per production line", minimum=1),
    "sensors_per_machine": Range("sensors per machine", minimum=0),
    "employees_per_factory": Range("employees per factory", minimum=1),
    "operators_per_machine": Range(
        "line operators per machine and shift (per line, drawn in this range; a crew also has "
        "one or two spares)", minimum=0, fraction=True),
    "shifts": ShiftTemplates("the shift pattern each factory runs"),
    "products": Count("finished products", minimum=1),
    "customers": Count("customers", minimum=1),
    "lines_per_product": Range("lines qualified to make each product", minimum=1),
    "trials_per_line_product": Range("qualification trial runs per line and product", minimum=1),
    "customer_product_share": Range(
        "share of the product range each customer buys", minimum=0, maximum=1, fraction=True
    ),
    "agreements_per_customer_product": Range(
        "successive supply agreements per customer and product", minimum=1
    ),
    "gross_margin_by_family": RangesByName(
        "gross margin band per product family (category): list price = standard cost / "
        "(1 - margin), the margin drawn per product", kind="product family",
        names=CATEGORIES, maximum=0.95,
    ),
    "customer_price_band": Range(
        "a customer's price relative to the list price, e.g. [-0.1, 0.05]", minimum=-0.9,
        maximum=1, fraction=True,
    ),
    "below_cost_rate": Rate("share of agreements priced below standard cost on purpose"),
    "demand_share_of_capacity": Range(
        "share of the lines' planned output that customers' agreements in force buy",
        minimum=0, maximum=1.5, fraction=True,
    ),
}

RAW_TABLES = (
    raw_table(
        "factories",
        "factory_id VARCHAR(50)", "factory_name VARCHAR(200)", "country VARCHAR(100)",
        "city VARCHAR(100)", "region VARCHAR(100)", "timezone VARCHAR(50)",
        "total_area_sqm INTEGER", "operational_since DATE", "factory_type VARCHAR(50)",
        "certification VARCHAR(200)", "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "production_lines",
        "line_id VARCHAR(50)", "factory_id VARCHAR(50)", "line_name VARCHAR(200)",
        "line_number INTEGER", "product_category VARCHAR(100)", "line_type VARCHAR(50)",
        "design_capacity_units_per_hour INTEGER", "installed_capacity_units_per_hour INTEGER",
        "line_length_meters DECIMAL(10,2)", "automation_level VARCHAR(50)",
        "commissioning_date DATE", "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "machines",
        "machine_id VARCHAR(50)", "line_id VARCHAR(50)", "machine_name VARCHAR(200)",
        "machine_code VARCHAR(50)", "machine_type VARCHAR(100)", "manufacturer VARCHAR(100)",
        "model_number VARCHAR(100)", "serial_number VARCHAR(100)", "installation_date DATE",
        "last_major_overhaul DATE", "design_capacity_units_per_hour INTEGER",
        "power_rating_kw DECIMAL(10,2)", "maintenance_schedule VARCHAR(50)",
        "criticality VARCHAR(20)", "asset_value_usd DECIMAL(15,2)",
        "expected_life_years INTEGER", "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "sensors",
        "sensor_id VARCHAR(50)", "machine_id VARCHAR(50)", "sensor_name VARCHAR(200)",
        "sensor_code VARCHAR(50)", "sensor_type VARCHAR(100)", "measurement_unit VARCHAR(50)",
        "measurement_range_min DECIMAL(15,4)", "measurement_range_max DECIMAL(15,4)",
        "normal_operating_min DECIMAL(15,4)", "normal_operating_max DECIMAL(15,4)",
        "warning_threshold_min DECIMAL(15,4)", "warning_threshold_max DECIMAL(15,4)",
        "critical_threshold_min DECIMAL(15,4)", "critical_threshold_max DECIMAL(15,4)",
        "sampling_frequency_hz DECIMAL(10,2)", "data_protocol VARCHAR(50)",
        "manufacturer VARCHAR(100)", "model_number VARCHAR(100)", "calibration_date DATE",
        "calibration_frequency_days INTEGER", "accuracy_percentage DECIMAL(5,2)",
        "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "employees",
        "employee_id VARCHAR(50)", "factory_id VARCHAR(50)", "line_id VARCHAR(50)",
        "employee_code VARCHAR(50)", "first_name VARCHAR(100)", "last_name VARCHAR(100)",
        "email VARCHAR(200)", "phone VARCHAR(50)", "role VARCHAR(100)",
        "department VARCHAR(100)", "skill_level VARCHAR(50)", "shift VARCHAR(20)",
        "hire_date DATE", "prior_experience_years DECIMAL(5,2)", "certifications VARCHAR(500)",
        "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "shifts",
        "shift_id VARCHAR(50)", "factory_id VARCHAR(50)", "shift_name VARCHAR(50)",
        "shift_code VARCHAR(20)", "start_time TIME", "end_time TIME", "shift_type VARCHAR(50)",
        "break_duration_minutes INTEGER", "days_of_week VARCHAR(100)", "status VARCHAR(20)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "products",
        "product_id VARCHAR(50)", "product_code VARCHAR(50)", "product_name VARCHAR(200)",
        "product_category VARCHAR(100)", "product_type VARCHAR(100)", "description TEXT",
        "number_of_components INTEGER", "standard_cycle_time_seconds INTEGER",
        "target_quality_ppm INTEGER", "unit_weight_kg DECIMAL(10,3)",
        "material_type VARCHAR(100)", "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "customers",
        "customer_id VARCHAR(50)", "customer_code VARCHAR(50)", "customer_name VARCHAR(200)",
        "customer_type VARCHAR(50)", "country VARCHAR(100)", "region VARCHAR(100)",
        "industry_segment VARCHAR(100)", "quality_rating VARCHAR(20)",
        "payment_terms_days INTEGER", "sla_on_time_delivery_percentage DECIMAL(5,2)",
        "sla_quality_ppm_max INTEGER", "status VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "line_product_trials",
        "trial_id VARCHAR(50)", "line_id VARCHAR(50)", "product_id VARCHAR(50)",
        "trial_date DATE", "setup_time_minutes INTEGER", "changeover_time_minutes INTEGER",
        "cycle_time_seconds DECIMAL(10,2)", "units_produced INTEGER", "units_good INTEGER",
    ),
    raw_table(
        "customer_agreements",
        "agreement_id VARCHAR(50)", "customer_id VARCHAR(50)", "product_id VARCHAR(50)",
        "signed_at TIMESTAMP", "valid_from DATE", "valid_to DATE", "annual_volume INTEGER",
        "unit_price_usd DECIMAL(10,2)", "lead_time_days INTEGER",
        "quality_requirement_ppm INTEGER",
    ),
)

# --------------------------------------------------------------------------- reference data

# city, country, region, timezone, Faker locale for people's names
LOCATIONS = (
    ("Pune", "India", "Asia Pacific", "Asia/Kolkata", "en_IN"),
    ("Chennai", "India", "Asia Pacific", "Asia/Kolkata", "en_IN"),
    ("Detroit", "United States", "North America", "America/Detroit", "en_US"),
    ("Greenville", "United States", "North America", "America/New_York", "en_US"),
    ("Monterrey", "Mexico", "North America", "America/Monterrey", "es_MX"),
    ("Querétaro", "Mexico", "North America", "America/Mexico_City", "es_MX"),
    ("Stuttgart", "Germany", "Europe", "Europe/Berlin", "de_DE"),
    ("Wolfsburg", "Germany", "Europe", "Europe/Berlin", "de_DE"),
    ("Győr", "Hungary", "Europe", "Europe/Budapest", "hu_HU"),
    ("Katowice", "Poland", "Europe", "Europe/Warsaw", "pl_PL"),
    ("Mladá Boleslav", "Czech Republic", "Europe", "Europe/Prague", "cs_CZ"),
    ("Turin", "Italy", "Europe", "Europe/Rome", "it_IT"),
    ("Valladolid", "Spain", "Europe", "Europe/Madrid", "es_ES"),
    ("Sunderland", "United Kingdom", "Europe", "Europe/London", "en_GB"),
    ("Curitiba", "Brazil", "South America", "America/Sao_Paulo", "pt_BR"),
    ("Bursa", "Turkey", "Europe", "Europe/Istanbul", "tr_TR"),
    ("Toyota City", "Japan", "Asia Pacific", "Asia/Tokyo", "en_US"),
    ("Rayong", "Thailand", "Asia Pacific", "Asia/Bangkok", "en_US"),
    ("Ulsan", "South Korea", "Asia Pacific", "Asia/Seoul", "en_US"),
    ("Windsor", "Canada", "North America", "America/Toronto", "en_CA"),
)


LINE_TYPES = ("assembly", "machining", "testing", "painting")
LINE_TYPE_WEIGHTS = (0.45, 0.35, 0.12, 0.08)
AUTOMATION_LEVELS = ("manual", "semi-automated", "fully-automated")

# Which machines a line of each type is built from, with weights.
MACHINE_MIX = {
    "assembly": {"assembly": 4, "robot": 3, "welding": 2, "conveyor": 2, "testing": 1},
    "machining": {"CNC": 6, "press": 2, "robot": 2, "conveyor": 1, "testing": 1},
    "testing": {"testing": 5, "conveyor": 2, "robot": 1},
    "painting": {"robot": 5, "conveyor": 3, "testing": 1},
}

# machine type -> label, manufacturers, kW, asset value USD, sensor type weights (a machine's
# rated units/hour follow its line's pace: `_size_capacity`)
MACHINE_SPECS: dict[str, dict[str, Any]] = {
    "CNC": {
        "label": "CNC Machining Center",
        "makers": ("DMG Mori", "Haas", "Mazak", "Okuma"),
        "kw": (15, 60), "value": (250_000, 900_000),
        "sensors": {"vibration": 4, "temperature": 3, "current": 2, "speed": 2, "torque": 2},
    },
    "press": {
        "label": "Hydraulic Press",
        "makers": ("Schuler", "Aida", "Komatsu"),
        "kw": (45, 250), "value": (400_000, 2_500_000),
        "sensors": {"pressure": 4, "vibration": 2, "temperature": 2, "current": 2, "flow": 1},
    },
    "robot": {
        "label": "Industrial Robot",
        "makers": ("FANUC", "KUKA", "ABB", "Yaskawa"),
        "kw": (5, 25), "value": (80_000, 350_000),
        "sensors": {"current": 3, "torque": 3, "temperature": 2, "vibration": 2, "voltage": 1},
    },
    "conveyor": {
        "label": "Conveyor",
        "makers": ("Dorner", "Interroll", "Bosch Rexroth"),
        "kw": (2, 15), "value": (20_000, 120_000),
        "sensors": {"speed": 4, "current": 2, "vibration": 2, "temperature": 1},
    },
    "welding": {
        "label": "Welding Cell",
        "makers": ("Lincoln Electric", "Fronius", "Miller"),
        "kw": (10, 50), "value": (90_000, 400_000),
        "sensors": {"current": 4, "voltage": 4, "temperature": 2, "flow": 2},
    },
    "assembly": {
        "label": "Assembly Station",
        "makers": ("Bosch Rexroth", "Festo", "ATS Automation"),
        "kw": (3, 20), "value": (60_000, 300_000),
        "sensors": {"torque": 3, "pressure": 3, "current": 2, "temperature": 1},
    },
    "testing": {
        "label": "Test Bench",
        "makers": ("Zeiss", "Keyence", "Hexagon", "Kistler"),
        "kw": (2, 12), "value": (70_000, 450_000),
        "sensors": {"voltage": 3, "current": 2, "pressure": 2, "temperature": 2, "torque": 1},
    },
}

# sensor type -> unit, physical range, typical normal band, sampling Hz, code
SENSOR_SPECS: dict[str, dict[str, Any]] = {
    "temperature": {"unit": "degC", "range": (-20, 200), "normal": (35, 75), "hz": (1, 10)},
    "vibration": {"unit": "mm/s", "range": (0, 50), "normal": (0.5, 4.5), "hz": (500, 2000)},
    "pressure": {"unit": "bar", "range": (0, 250), "normal": (60, 120), "hz": (10, 100)},
    "current": {"unit": "A", "range": (0, 400), "normal": (20, 90), "hz": (50, 200)},
    "voltage": {"unit": "V", "range": (0, 600), "normal": (380, 420), "hz": (50, 200)},
    "flow": {"unit": "L/min", "range": (0, 200), "normal": (20, 60), "hz": (1, 10)},
    "speed": {"unit": "rpm", "range": (0, 12000), "normal": (1200, 6000), "hz": (10, 100)},
    "torque": {"unit": "Nm", "range": (0, 800), "normal": (60, 260), "hz": (10, 100)},
}
# sensor types with low alarm thresholds (the others alarm only high)
LOW_ALARM_SENSOR_TYPES = ("pressure", "flow", "voltage")
SENSOR_MAKERS = ("Siemens", "Honeywell", "SKF", "ifm electronic", "Endress+Hauser", "Omron")
PROTOCOLS = ("OPC-UA", "Modbus", "MQTT", "REST")
PROTOCOL_WEIGHTS = (0.45, 0.25, 0.22, 0.08)

# role, department, share of the off-line workforce, certifications offered. Line crews
# (LINE_CREW) are sized from the lines' machines; everyone else works off the lines.
WORKFORCE = (
    ("operator", "production", 0.30, ("Forklift", "Safety Level 1", "5S", "Lean Basics")),
    ("operator", "logistics", 0.16, ("Forklift", "Hazmat Handling", "Safety Level 1")),
    ("technician", "maintenance", 0.14,
     ("PLC Programming", "Hydraulics", "Electrical Safety", "Vibration Analysis Cat I")),
    ("supervisor", "production", 0.03, ("Lean Six Sigma Yellow Belt", "Safety Level 2")),
    ("supervisor", "logistics", 0.01, ("Forklift", "Safety Level 2")),
    ("engineer", "planning", 0.05, ("APICS CPIM", "Lean Six Sigma Green Belt")),
    ("engineer", "production", 0.05, ("Lean Six Sigma Green Belt", "PMP")),
    ("engineer", "quality", 0.03, ("ASQ CQE", "Lean Six Sigma Black Belt")),
    ("engineer", "sales", 0.03, ("Key Account Management", "APICS CSCP")),
    ("quality_inspector", "quality", 0.08, ("ISO 9001 Internal Auditor", "CMM Operation")),
    ("manager", "production", 0.02, ("PMP", "Lean Six Sigma Black Belt")),
    ("manager", "maintenance", 0.01, ("CMRP", "PMP")),
    ("manager", "quality", 0.01, ("ASQ CMQ/OE", "IATF 16949 Lead Auditor")),
    ("manager", "planning", 0.01, ("APICS CSCP", "PMP")),
    ("manager", "logistics", 0.01, ("APICS CLTD", "PMP")),
    ("manager", "sales", 0.01, ("Key Account Management", "PMP")),
)
# Each line has a crew per shift rota (the regular shifts' names; weekend shifts share them):
# operators (`operators_per_machine` x machines, plus one or two spares), a supervisor, a
# quality inspector and a technician; and a production engineer on day hours.
LINE_SHIFTS = ("shift_a", "shift_b", "shift_c")
LINE_CREW = {  # role -> (department, workforce row for its certifications)
    "operator": ("production", 0), "supervisor": ("production", 3),
    "quality_inspector": ("quality", 9), "technician": ("maintenance", 2),
    "engineer": ("production", 6),
}

# category -> product families and their main material
PRODUCT_FAMILIES = {
    "suspension": (("Shock Absorber", "steel"), ("Coil Spring", "spring steel"),
                   ("Control Arm", "forged aluminum"), ("Strut Assembly", "steel"),
                   ("Stabilizer Link", "steel"), ("Ball Joint", "forged steel")),
    "brake": (("Brake Caliper", "cast iron"), ("Brake Disc", "cast iron"),
              ("Brake Pad Set", "ceramic composite"), ("Master Cylinder", "aluminum"),
              ("ABS Module", "aluminum"), ("Brake Booster", "steel")),
    "electrical": (("Alternator", "copper"), ("Starter Motor", "copper"),
                   ("Wiring Harness", "copper"), ("Engine Control Unit", "PCB assembly"),
                   ("Ignition Coil", "copper"), ("LED Headlamp", "polycarbonate")),
    "steering": (("Steering Rack", "steel"), ("Tie Rod End", "forged steel"),
                 ("Power Steering Pump", "aluminum"), ("Steering Column", "steel"),
                 ("EPS Motor", "copper")),
    "transmission": (("Gear Set", "alloy steel"), ("Clutch Plate", "friction composite"),
                     ("Drive Shaft", "alloy steel"), ("Transmission Housing", "die-cast aluminum"),
                     ("Synchronizer Ring", "brass"), ("CV Joint", "forged steel")),
}
# typical unit weight of a product family, kg; a product weighs within about ±40 % of it
FAMILY_WEIGHT_KG = {
    "Shock Absorber": 2.5, "Coil Spring": 2.0, "Control Arm": 3.0, "Strut Assembly": 6.0,
    "Stabilizer Link": 0.5, "Ball Joint": 0.6, "Brake Caliper": 4.0, "Brake Disc": 8.0,
    "Brake Pad Set": 1.2, "Master Cylinder": 1.5, "ABS Module": 2.5, "Brake Booster": 3.5,
    "Alternator": 6.0, "Starter Motor": 4.0, "Wiring Harness": 3.0, "Engine Control Unit": 0.8,
    "Ignition Coil": 0.4, "LED Headlamp": 3.5, "Steering Rack": 9.0, "Tie Rod End": 0.7,
    "Power Steering Pump": 3.0, "Steering Column": 7.0, "EPS Motor": 3.0, "Gear Set": 4.0,
    "Clutch Plate": 2.5, "Drive Shaft": 8.0, "Transmission Housing": 18.0,
    "Synchronizer Ring": 0.15, "CV Joint": 2.5,
}
PRODUCT_TYPES = ("assembly", "sub-assembly", "component")
# product type -> bottleneck cycle time band, seconds per unit (automotive parts: a stamped or
# machined component every 15-45 s, an assembly every 45-120 s); the line's automation level
# scales it (LINE_SPEED)
CYCLE_SECONDS = {"component": (15, 45), "sub-assembly": (30, 75), "assembly": (45, 120)}
LINE_SPEED = {"manual": 1.25, "semi-automated": 1.0, "fully-automated": 0.8}
SERIES = ("S", "X", "HD", "LT", "Pro", "E")
EMPLOYEE_BLOCK = 20_000  # rows per generated chunk

CUSTOMER_TYPES = ("oem", "tier1", "tier2", "aftermarket")
CUSTOMER_TYPE_WEIGHTS = (0.3, 0.35, 0.2, 0.15)
CUSTOMER_SUFFIX = {
    "oem": "Motors", "tier1": "Automotive Systems", "tier2": "Components",
    "aftermarket": "Parts Distribution",
}
SEGMENTS = ("automotive_oem", "commercial_vehicle", "two_wheeler")


# --------------------------------------------------------------------------- helpers

def _ascii(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _money(values: np.ndarray) -> np.ndarray:
    return np.round(values, 2)


# --------------------------------------------------------------------------- plan


def plan(config: Any) -> list[Estimate]:
    """Expected, lowest and highest row count of every table this config produces."""
    p = config[NAME]
    factories = Amount.exact(p["factories"])
    lines = factories * p["lines_per_factory"]
    machines = lines * p["machines_per_line"]
    sensors = machines * p["sensors_per_machine"]
    employees = factories * p["employees_per_factory"]
    shifts = factories * len(p["shifts"])
    products, customers = p["products"], p["customers"]
    # A product is qualified on at most as many lines as its category has; the low bound
    # assumes the fewest lines, one category's worth each.
    lpm = Amount(products * mean(p["lines_per_product"]), products,
                 products * p["lines_per_product"][1])
    share = p["customer_product_share"]
    cpm = Amount(customers * max(1.0, products * (share[0] + share[1]) / 2),
                 customers * max(1, round(products * share[0])),
                 customers * max(1, round(products * share[1])))
    trials = lpm * p["trials_per_line_product"]
    agreements = cpm * p["agreements_per_customer_product"]

    return [
        estimate("master", "factories", factories),
        estimate("master", "production_lines", lines),
        estimate("master", "machines", machines),
        estimate("master", "sensors", sensors),
        estimate("master", "employees", employees),
        estimate("master", "shifts", shifts),
        estimate("master", "products", products),
        estimate("master", "customers", customers),
        estimate("master", "line_product_mapping", lpm),
        estimate("master", "customer_product_mapping", cpm),
        estimate("raw_master", "line_product_trials", trials),
        estimate("raw_master", "customer_agreements", agreements),
    ]


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    factories, locales = _factories(ctx, p["factories"])
    yield "factories", factories
    lines = _lines(ctx, factories, p["lines_per_factory"])
    machines = _machines(ctx, lines, p["machines_per_line"])
    products = _products(ctx, lines, p["products"])
    trials = _trials(ctx, lines, products)
    _size_capacity(ctx, lines, machines, trials)
    yield "production_lines", lines
    yield "machines", machines
    yield "sensors", _sensors(ctx, machines, p["sensors_per_machine"])
    yield "shifts", _shifts(ctx, factories, p["shifts"])
    yield from _employees(ctx, factories, locales, lines, machines)
    yield "products", products
    customers = _customers(ctx, p["customers"])
    yield "customers", customers
    yield "line_product_trials", trials
    yield "customer_agreements", _agreements(ctx, customers, products, lines, machines, trials)


def _factories(ctx: SeedContext, n: int) -> tuple[dict[str, Any], list[str]]:
    """The factories, and the Faker locale of each one's city (for its employees' names)."""
    rng = ctx.rng("factories")
    # Cycle through the locations in a seed-dependent order; a location reused by a later
    # factory becomes that city's second (third ...) plant.
    order = rng.permutation(len(LOCATIONS))
    picks = [LOCATIONS[order[i % len(LOCATIONS)]] for i in range(n)]
    names, seen = [], {}
    for city, *_ in picks:
        seen[city] = seen.get(city, 0) + 1
        names.append(f"GenIMS {city} Plant" + (f" {seen[city]}" if seen[city] > 1 else ""))
    since = days_before(ctx.as_of, rng.integers(6 * 365, 40 * 365, size=n))
    certs = ("ISO9001", "ISO9001, IATF16949", "ISO9001, IATF16949, ISO14001")
    factories = {
        "factory_id": ids("FAC", n, 3),
        "factory_name": names,
        "country": [loc[1] for loc in picks],
        "city": [loc[0] for loc in picks],
        "region": [loc[2] for loc in picks],
        "timezone": [loc[3] for loc in picks],
        "total_area_sqm": rng.integers(25, 150, size=n) * 1000,
        "operational_since": since,
        "factory_type": pick(rng, ("assembly", "machining", "testing"), n, (0.5, 0.4, 0.1)),
        "certification": pick(rng, certs, n, (0.15, 0.45, 0.4)),
        "status": ["active"] * n,
        "created_at": at_hour(since),
    }
    return factories, [loc[4] for loc in picks]


def _lines(ctx: SeedContext, factories: dict[str, Any], bounds: tuple[int, int]) -> dict[str, Any]:
    rng = ctx.rng("production_lines")
    per_factory = counts(rng, bounds, len(factories["factory_id"]))
    n = int(per_factory.sum())
    factory_index = np.repeat(np.arange(len(per_factory)), per_factory)
    line_number = np.concatenate([np.arange(1, k + 1) for k in per_factory])
    # Spread categories so that every category has lines whenever there are enough lines.
    offset = rng.integers(len(CATEGORIES))
    category = np.asarray(CATEGORIES, dtype=object)[(np.arange(n) + offset) % len(CATEGORIES)]
    line_type = pick(rng, LINE_TYPES, n, LINE_TYPE_WEIGHTS)
    automation = pick(rng, AUTOMATION_LEVELS, n, (0.15, 0.5, 0.35))
    opened = np.asarray(factories["operational_since"])[factory_index]
    commissioning = between(rng, opened, np.full(n, np.datetime64(ctx.as_of, "D") - 180 * DAY))
    cities = np.asarray(factories["city"], dtype=object)[factory_index]
    names = [
        f"{city} {cat.title()} {kind.title()} Line {num}"
        for city, cat, kind, num in zip(cities, category, line_type, line_number, strict=True)
    ]
    return {
        "line_id": ids("LINE", n, 4),
        "factory_id": np.asarray(factories["factory_id"], dtype=object)[factory_index].tolist(),
        "line_name": names,
        "line_number": line_number,
        "product_category": category,
        "line_type": line_type,
        "line_length_meters": np.round(rng.uniform(35, 260, size=n), 2),
        "automation_level": automation,
        "commissioning_date": commissioning,
        "status": pick(rng, ("active", "maintenance"), n, (0.95, 0.05)),
        "created_at": at_hour(commissioning),
    }


def _machines(ctx: SeedContext, lines: dict[str, Any], bounds: tuple[int, int]) -> dict[str, Any]:
    rng = ctx.rng("machines")
    per_line = counts(rng, bounds, len(lines["line_id"]))
    n = int(per_line.sum())
    line_index = np.repeat(np.arange(len(per_line)), per_line)
    position = np.concatenate([np.arange(1, k + 1) for k in per_line])
    machine_type = np.empty(n, dtype=object)
    for line_type, mix in MACHINE_MIX.items():
        mask = np.asarray(lines["line_type"])[line_index] == line_type
        machine_type[mask] = pick(rng, tuple(mix), int(mask.sum()), tuple(mix.values()))

    commissioned = np.asarray(lines["commissioning_date"])[line_index]
    installed = between(rng, commissioned, commissioned + rng.integers(0, 8 * 365, n) * DAY)
    installed = np.minimum(installed, np.datetime64(ctx.as_of, "D") - 30 * DAY)
    age_days = (np.datetime64(ctx.as_of, "D") - installed).astype(int)
    overhauled = age_days > 5 * 365
    overhaul = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    overhaul[overhauled] = between(
        rng, installed[overhauled] + 3 * 365 * DAY,
        np.full(int(overhauled.sum()), np.datetime64(ctx.as_of, "D") - 7 * DAY),
    )
    criticality = pick(rng, tuple(CRITICALITY_SHARES), n, tuple(CRITICALITY_SHARES.values()))
    schedule = np.array([SCHEDULE_BY_CRITICALITY[c] for c in criticality], dtype=object)
    schedule[(machine_type == "conveyor") & (criticality == "critical")] = "daily"

    def spec_uniform(key: str) -> np.ndarray:
        low = np.array([MACHINE_SPECS[t][key][0] for t in machine_type], dtype=float)
        high = np.array([MACHINE_SPECS[t][key][1] for t in machine_type], dtype=float)
        return low + rng.random(n) * (high - low)

    makers = [
        MACHINE_SPECS[t]["makers"][i % len(MACHINE_SPECS[t]["makers"])]
        for t, i in zip(machine_type, rng.integers(0, 12, n), strict=True)
    ]
    line_ids = np.asarray(lines["line_id"], dtype=object)[line_index]
    serial = rng.integers(100_000, 999_999, n)
    years = installed.astype("datetime64[Y]").astype(int) + 1970
    return {
        "machine_id": ids("MCH", n, 5),
        "line_id": line_ids.tolist(),
        "machine_name": [
            f"{MACHINE_SPECS[t]['label']} {pos:02d}"
            for t, pos in zip(machine_type, position, strict=True)
        ],
        "machine_code": [
            f"{lid}-{t[:3].upper()}{pos:02d}"
            for lid, t, pos in zip(line_ids, machine_type, position, strict=True)
        ],
        "machine_type": machine_type,
        "manufacturer": makers,
        "model_number": [
            f"{m.split()[0][:3].upper()}-{v}"
            for m, v in zip(makers, rng.integers(100, 9999, n), strict=True)
        ],
        "serial_number": [
            f"{m[:2].upper()}{y}{s}" for m, y, s in zip(makers, years, serial, strict=True)
        ],
        "installation_date": installed,
        "last_major_overhaul": overhaul,
        "power_rating_kw": np.round(spec_uniform("kw"), 2),
        "maintenance_schedule": schedule,
        "criticality": criticality,
        "asset_value_usd": _money(np.round(spec_uniform("value"), -2)),
        "expected_life_years": rng.integers(10, 26, n),
        "status": pick(rng, ("active", "maintenance", "inactive"), n, (0.93, 0.05, 0.02)),
        "created_at": at_hour(installed),
    }


def _sensors(ctx: SeedContext, machines: dict[str, Any], bounds: tuple[int, int]) -> dict[str, Any]:
    rng = ctx.rng("sensors")
    per_machine = counts(rng, bounds, len(machines["machine_id"]))
    n = int(per_machine.sum())
    machine_index = np.repeat(np.arange(len(per_machine)), per_machine)
    position = np.concatenate([np.arange(1, k + 1) for k in per_machine]) if n else np.array([])
    mtype = np.asarray(machines["machine_type"], dtype=object)[machine_index]
    sensor_type = np.empty(n, dtype=object)
    for machine_type, spec in MACHINE_SPECS.items():
        mask = mtype == machine_type
        mix = spec["sensors"]
        sensor_type[mask] = pick(rng, tuple(mix), int(mask.sum()), tuple(mix.values()))

    def spec_array(key: str, index: int) -> np.ndarray:
        return np.array([SENSOR_SPECS[t][key][index] for t in sensor_type], dtype=float)

    range_min, range_max = spec_array("range", 0), spec_array("range", 1)
    # Each sensor's normal band is the type's band, shifted and scaled a little.
    base_low, base_high = spec_array("normal", 0), spec_array("normal", 1)
    width = (base_high - base_low) * rng.uniform(0.85, 1.15, n)
    center = (base_low + base_high) / 2 + (base_high - base_low) * rng.uniform(-0.1, 0.1, n)
    normal_min = np.maximum(range_min, center - width / 2)
    normal_max = np.minimum(range_max, center + width / 2)
    band = normal_max - normal_min
    # low thresholds only where a low value means a failure (a pressure or voltage drop);
    # a stopped machine's vibration, current, speed, torque and temperature fall, harmlessly
    low_alarm = np.isin(sensor_type, LOW_ALARM_SENSOR_TYPES)
    warning_min = np.where(low_alarm, np.maximum(range_min, normal_min - 0.15 * band), range_min)
    warning_max = np.minimum(range_max, normal_max + 0.15 * band)
    critical_min = np.where(low_alarm, np.maximum(range_min, normal_min - 0.35 * band), range_min)
    critical_max = np.minimum(range_max, normal_max + 0.35 * band)
    hz_low, hz_high = spec_array("hz", 0), spec_array("hz", 1)
    frequency = np.round(hz_low + rng.random(n) * (hz_high - hz_low), 2)

    calibration_days = pick(rng, (90, 180, 365), n, (0.3, 0.4, 0.3)).astype(int)
    overdue = rng.random(n) < 0.05
    # at least a day before the as-of day: that day's calibration round (7:00-16:00, see
    # operations) may not have happened by the as-of instant
    since_calibration = np.maximum(1, (rng.random(n) * calibration_days).astype(int))
    since_calibration[overdue] = calibration_days[overdue] + rng.integers(1, 60, int(overdue.sum()))
    installed = np.asarray(machines["installation_date"])[machine_index]
    calibrated = np.maximum(days_before(ctx.as_of, since_calibration), installed)
    machine_names = np.asarray(machines["machine_name"], dtype=object)[machine_index]
    machine_codes = np.asarray(machines["machine_code"], dtype=object)[machine_index]
    makers = pick(rng, SENSOR_MAKERS, n)
    return {
        "sensor_id": ids("SNS", n, 6),
        "machine_id": np.asarray(machines["machine_id"], dtype=object)[machine_index].tolist(),
        "sensor_name": [
            f"{m} {t.title()} Sensor {pos}"
            for m, t, pos in zip(machine_names, sensor_type, position, strict=True)
        ],
        "sensor_code": [
            f"{code}-{t[:3].upper()}{pos:02d}"
            for code, t, pos in zip(machine_codes, sensor_type, position, strict=True)
        ],
        "sensor_type": sensor_type,
        "measurement_unit": [SENSOR_SPECS[t]["unit"] for t in sensor_type],
        "measurement_range_min": np.round(range_min, 4),
        "measurement_range_max": np.round(range_max, 4),
        "normal_operating_min": np.round(normal_min, 4),
        "normal_operating_max": np.round(normal_max, 4),
        "warning_threshold_min": np.round(warning_min, 4),
        "warning_threshold_max": np.round(warning_max, 4),
        "critical_threshold_min": np.round(critical_min, 4),
        "critical_threshold_max": np.round(critical_max, 4),
        "sampling_frequency_hz": frequency,
        "data_protocol": pick(rng, PROTOCOLS, n, PROTOCOL_WEIGHTS),
        "manufacturer": makers,
        "model_number": [
            f"{m[:2].upper()}{v}" for m, v in zip(makers, rng.integers(1000, 99999, n), strict=True)
        ],
        "calibration_date": calibrated,
        "calibration_frequency_days": calibration_days,
        "accuracy_percentage": np.round(rng.uniform(95.0, 99.9, n), 2),
        "status": pick(rng, ("active", "maintenance", "inactive"), n, (0.95, 0.03, 0.02)),
        "created_at": at_hour(installed),
    }


def _shifts(ctx: SeedContext, factories: dict[str, Any], templates: tuple) -> dict[str, Any]:
    rows = Rows(RAW_TABLES, "shifts")
    for factory_id, opened in zip(
        factories["factory_id"], factories["operational_since"], strict=True
    ):
        for shift in templates:
            rows.add(
                shift_id=f"{factory_id}-{shift['code']}", factory_id=factory_id,
                shift_name=shift["name"], shift_code=shift["code"], start_time=shift["start"],
                end_time=shift["end"], shift_type=shift["type"],
                break_duration_minutes=shift["break_minutes"],
                days_of_week=",".join(shift["days"]), status="active",
                created_at=at_hour(opened),
            )
    return rows.chunk()


def _name_pool(ctx: SeedContext, locale: str, size: int = 400) -> tuple[list, list]:
    fake = ctx.faker("employees", locale)
    return [fake.first_name() for _ in range(size)], [fake.last_name() for _ in range(size)]


def _crew_slots(ctx: SeedContext, lines: dict[str, Any], machines: dict[str, Any],
                factory: str, n: int) -> list[tuple[int, str | None, str]]:
    """The line jobs of `factory` as (workforce row, line, shift): per line and shift rota a
    crew of operators sized by its machines, a supervisor, a quality inspector and a
    technician, and a day-shift production engineer per line; in that order of need, so a
    factory with fewer than `n` people staffs every line-shift with at least an operator."""
    rng = ctx.rng("employees/crews")
    low, high = ctx.params["operators_per_machine"]
    per_line = dict(zip(*np.unique(np.asarray(machines["line_id"], dtype=object),
                                   return_counts=True), strict=True))
    own = [line for line, f in zip(lines["line_id"], lines["factory_id"], strict=True)
           if f == factory]
    tiers: list[list[tuple[int, str | None, str]]] = [[], [], [], []]
    for line in own:
        operators_per_machine = rng.uniform(low, high)
        for shift in LINE_SHIFTS:
            crew = int(round(per_line.get(line, 0) * operators_per_machine)) + int(rng.integers(1, 3))
            tiers[0].append((LINE_CREW["operator"][1], line, shift))
            tiers[1] += [(LINE_CREW["supervisor"][1], line, shift)]
            tiers[2] += [(LINE_CREW["operator"][1], line, shift)] * (crew - 1)
            tiers[3] += [(LINE_CREW[role][1], line, shift)
                         for role in ("quality_inspector", "technician")]
        tiers[3].append((LINE_CREW["engineer"][1], line, "general"))
    return [slot for tier in tiers for slot in tier][:n]


def _employees(
    ctx: SeedContext, factories: dict[str, Any], locales: list[str], lines: dict[str, Any],
    machines: dict[str, Any],
) -> Iterator[tuple[str, dict[str, Any]]]:
    """Chunks of at most EMPLOYEE_BLOCK rows, each with its own generator: flat memory. A
    factory's first employees fill its line crews, the rest work off the lines."""
    per_factory = counts(ctx.rng("employees"), ctx.params["employees_per_factory"],
                         len(factories["factory_id"]))
    commissioned = dict(zip(lines["line_id"], lines["commissioning_date"], strict=True))
    shares = np.array([w[2] for w in WORKFORCE])
    pools: dict[str, tuple[list, list]] = {}
    slots = {f: _crew_slots(ctx, lines, machines, factories["factory_id"][f], int(per_factory[f]))
             for f in range(len(per_factory))}
    next_id = 1
    blocks = (
        (f, start, min(EMPLOYEE_BLOCK, int(per_factory[f]) - start))
        for f in range(len(per_factory))
        for start in range(0, int(per_factory[f]), EMPLOYEE_BLOCK)
    )
    for chunk, (f, start, n) in enumerate(blocks, start=1):
        factory_id = factories["factory_id"][f]
        locale = locales[f]
        opened = factories["operational_since"][f]
        rng = ctx.rng("employees", chunk=chunk)
        if locale not in pools:
            pools[locale] = _name_pool(ctx, locale)
        first_pool, last_pool = pools[locale]
        first = np.asarray(first_pool, dtype=object)[rng.integers(len(first_pool), size=n)]
        last = np.asarray(last_pool, dtype=object)[rng.integers(len(last_pool), size=n)]
        group = rng.choice(len(WORKFORCE), size=n, p=shares / shares.sum())
        line = np.full(n, None, dtype=object)
        shift = np.full(n, "general", dtype=object)
        for k, (row, line_id, rota) in enumerate(slots[f][start:start + n]):
            group[k], line[k], shift[k] = row, line_id, rota

        # Staff joined after the factory opened; line staff after their line was commissioned.
        started = np.array([commissioned[x] if x is not None else opened for x in line],
                           dtype="datetime64[D]")
        max_tenure = np.maximum(30, (np.datetime64(ctx.as_of, "D") - started).astype(int))
        tenure = np.minimum(rng.exponential(6 * 365, n).astype(int) + 14, max_tenure)
        hire = days_before(ctx.as_of, tenure)
        prior = np.round(np.minimum(rng.gamma(1.5, 2.5, n), 25), 2)
        experience = prior + tenure / 365.25
        skill_index = np.searchsorted([1, 5, 12], experience + rng.normal(0, 1.5, n))
        skill = np.asarray(("trainee", "skilled", "senior", "expert"), dtype=object)[skill_index]

        certifications = []
        for g, u in zip(group, rng.random(n), strict=True):
            offered = WORKFORCE[g][3]
            k = int(u * (len(offered) + 1))
            certifications.append(", ".join(offered[:k]) if k else None)
        numbers = range(next_id, next_id + n)
        next_id += n
        yield "employees", {
            "employee_id": ids("EMP", n, 6, start=numbers[0]),
            "factory_id": [factory_id] * n,
            "line_id": line.tolist(),
            "employee_code": [f"E{f + 1:03d}{i:07d}" for i in numbers],
            "first_name": first,
            "last_name": last,
            "email": [
                f"{_ascii(a)}.{_ascii(b)}.{i}@genims.example".replace(" ", "")
                for a, b, i in zip(first, last, numbers, strict=True)
            ],
            "phone": [f"+1-555-{i // 10000 % 1000:03d}-{i % 10000:04d}" for i in numbers],
            "role": [WORKFORCE[g][0] for g in group],
            "department": [WORKFORCE[g][1] for g in group],
            "skill_level": skill,
            "shift": shift,
            "hire_date": hire,
            "prior_experience_years": prior,
            "certifications": certifications,
            "status": pick(rng, ("active", "on_leave", "inactive"), n, (0.95, 0.03, 0.02)),
            "created_at": at_hour(hire),
        }


def _products(ctx: SeedContext, lines: dict[str, Any], n: int) -> dict[str, Any]:
    rng = ctx.rng("products")
    # Only categories some line can make, so every product has a qualified line.
    available = tuple(c for c in CATEGORIES if c in set(lines["product_category"]))
    category = np.asarray(available, dtype=object)[np.arange(n) % len(available)]
    rng.shuffle(category)
    product_type = pick(rng, PRODUCT_TYPES, n, (0.4, 0.35, 0.25))
    components = np.where(
        product_type == "assembly", rng.integers(25, 90, n),
        np.where(product_type == "sub-assembly", rng.integers(8, 30, n), rng.integers(1, 8, n)),
    )
    # seconds per finished unit at the bottleneck of a semi-automated line
    low = np.log([CYCLE_SECONDS[t][0] for t in product_type])
    high = np.log([CYCLE_SECONDS[t][1] for t in product_type])
    cycle = np.round(np.exp(low + rng.random(n) * (high - low))).astype(int)
    names, families, materials, used = [], [], [], set()
    for i, cat in enumerate(category):
        options = PRODUCT_FAMILIES[cat]
        family, material = options[int(rng.integers(len(options)))]
        name = f"{family} {SERIES[int(rng.integers(len(SERIES)))]}-{100 + 10 * int(rng.integers(90))}"
        while name in used:
            name = f"{name}{i}"
        used.add(name)
        names.append(name)
        families.append(family)
        materials.append(material)
    created = days_before(ctx.as_of, rng.integers(180, 12 * 365, n))
    target_ppm = rng.choice((50, 100, 150, 250, 500, 1000), n)
    typical = np.array([FAMILY_WEIGHT_KG[f] for f in families])
    weight = np.round(typical * np.exp(0.2 * rng.normal(0, 1, n)), 3)
    return {
        "product_id": ids("PRD", n, 4),
        "product_code": [f"{c[:3].upper()}-{i:04d}" for i, c in enumerate(category, start=1)],
        "product_name": names,
        "product_category": category,
        "product_type": product_type,
        "description": text.compose_many(
            ctx.rng("products/description"), "product_description", family=families,
            product_type=product_type, product_category=category, material=materials,
            components=components, weight_kg=weight),
        "number_of_components": components,
        "standard_cycle_time_seconds": cycle,
        "target_quality_ppm": target_ppm,
        "unit_weight_kg": weight,
        "material_type": materials,
        "status": pick(rng, ("active", "discontinued"), n, (0.92, 0.08)),
        "created_at": at_hour(created),
    }


def _customers(ctx: SeedContext, n: int) -> dict[str, Any]:
    rng = ctx.rng("customers")
    fake = ctx.faker("customers")
    ctype = pick(rng, CUSTOMER_TYPES, n, CUSTOMER_TYPE_WEIGHTS)
    locations = [LOCATIONS[i] for i in rng.integers(len(LOCATIONS), size=n)]
    names, used = [], set()
    for kind in ctype:
        name = f"{fake.last_name()} {CUSTOMER_SUFFIX[kind]}"
        while name in used:
            name = f"{fake.last_name()}-{fake.last_name()} {CUSTOMER_SUFFIX[kind]}"
        used.add(name)
        names.append(name)
    ppm_max = np.where(
        np.isin(ctype, ["oem", "tier1"]), rng.choice((50, 100, 150, 200), n),
        rng.choice((300, 500, 800, 1000), n),
    )
    created = days_before(ctx.as_of, rng.integers(365, 15 * 365, n))
    return {
        "customer_id": ids("CUS", n, 4),
        "customer_code": [f"C{i:05d}" for i in range(1, n + 1)],
        "customer_name": names,
        "customer_type": ctype,
        "country": [loc[1] for loc in locations],
        "region": [loc[2] for loc in locations],
        "industry_segment": pick(rng, SEGMENTS, n, (0.6, 0.25, 0.15)),
        "quality_rating": pick(rng, ("excellent", "good", "fair"), n, (0.35, 0.5, 0.15)),
        "payment_terms_days": rng.choice((30, 45, 60, 90), n),
        "sla_on_time_delivery_percentage": np.round(rng.uniform(90, 99.5, n), 2),
        "sla_quality_ppm_max": ppm_max,
        "status": pick(rng, ("active", "inactive"), n, (0.95, 0.05)),
        "created_at": at_hour(created),
    }


def _trials(ctx: SeedContext, lines: dict[str, Any], products: dict[str, Any]) -> dict[str, Any]:
    """Qualification runs: each product is trialled on lines of its category."""
    rng = ctx.rng("line_product_trials")
    p = ctx.params
    line_ids = np.asarray(lines["line_id"], dtype=object)
    line_category = np.asarray(lines["product_category"], dtype=object)
    commissioned = np.asarray(lines["commissioning_date"])
    automation = np.asarray(lines["automation_level"], dtype=object)
    products_on = np.zeros(len(line_ids), dtype=int)
    rows = Rows(RAW_TABLES, "line_product_trials")
    as_of = np.datetime64(ctx.as_of, "D")
    for product_id, category, cycle, product_created in zip(
        products["product_id"], products["product_category"],
        products["standard_cycle_time_seconds"], _created_on(products), strict=True,
    ):
        # lines that make nothing yet first, so that every line gets a product when the
        # category has enough of them
        candidates = rng.permutation(np.flatnonzero(line_category == category))
        candidates = candidates[np.argsort(products_on[candidates] > 0, kind="stable")]
        k = min(len(candidates), int(counts(rng, p["lines_per_product"], 1)[0]))
        for li in candidates[:k]:
            products_on[li] += 1
            trials = int(counts(rng, p["trials_per_line_product"], 1)[0])
            setup_base = rng.uniform(20, 120)
            line_yield = rng.uniform(0.9, 0.995)
            start = max(commissioned[li] + 30 * DAY, product_created)
            dates = np.sort(between(rng, np.full(trials, start), np.full(trials, as_of - DAY)))
            produced = rng.integers(50, 500, trials)
            setup = np.maximum(5, rng.normal(setup_base, setup_base * 0.1, trials)).astype(int)
            changeover = np.maximum(5, rng.normal(setup_base * 0.6, 5, trials)).astype(int)
            cycle_time = np.round(cycle * LINE_SPEED[automation[li]]
                                  * rng.normal(1, 0.05, trials), 2)
            good = rng.binomial(produced, line_yield)
            for j in range(trials):
                rows.add(line_id=line_ids[li], product_id=product_id, trial_date=dates[j],
                         setup_time_minutes=int(setup[j]),
                         changeover_time_minutes=int(changeover[j]),
                         cycle_time_seconds=float(cycle_time[j]),
                         units_produced=int(produced[j]), units_good=int(good[j]))
    return rows.chunk(trial_id=ids("LPT", len(rows), 6))


def _size_capacity(ctx: SeedContext, lines: dict[str, Any], machines: dict[str, Any],
                   trials: dict[str, Any]) -> None:
    """A line's installed capacity is what its bottleneck allows for the products it makes:
    3600 / their mean cycle time (units per hour; a line without products gets a nominal
    minute cycle), its design capacity 5-20 % above; each machine is rated above its line's
    pace."""
    rng = ctx.rng("production_lines/capacity")
    per_product: dict[tuple[str, str], list[float]] = {}
    for line, product, cycle in zip(trials["line_id"], trials["product_id"],
                                    trials["cycle_time_seconds"], strict=True):
        per_product.setdefault((line, product), []).append(float(cycle))
    cycles: dict[str, list[float]] = {}
    for (line, _), values in per_product.items():
        cycles.setdefault(line, []).append(float(np.mean(values)))
    n = len(lines["line_id"])
    cycle = np.array([np.mean(cycles[line]) if line in cycles else 60 * rng.uniform(0.7, 1.3)
                      for line in lines["line_id"]])
    installed = np.maximum(1, np.round(HOUR_SECONDS / cycle)).astype(int)
    lines["installed_capacity_units_per_hour"] = installed
    lines["design_capacity_units_per_hour"] = np.ceil(installed / rng.uniform(0.8, 0.95, n)).astype(int)
    line_index = {line: i for i, line in enumerate(lines["line_id"])}
    pace = installed[[line_index[line] for line in machines["line_id"]]]
    machines["design_capacity_units_per_hour"] = np.ceil(
        pace * rng.uniform(1.1, 1.8, len(pace))).astype(int)


def _created_on(chunk: dict[str, Any]) -> np.ndarray:
    """The day each row of a master chunk was created."""
    return np.asarray(chunk["created_at"]).astype("datetime64[D]")


def _agreements(
    ctx: SeedContext, customers: dict[str, Any], products: dict[str, Any],
    lines: dict[str, Any], machines: dict[str, Any], trials: dict[str, Any],
) -> dict[str, Any]:
    """Supply agreements: each customer buys a share of the range, renewed over the years.

    Volumes: the products sold under an agreement in force fill
    `demand_share_of_capacity` of the lines that make them (`seeders.commerce`), split among
    the product's customers by their size. Prices: the customer's price around the
    product's list price, which follows from its standard cost (ERP's engineering, designed
    here from the same data: `seeders.engineering`).
    """
    rng = ctx.rng("customer_agreements")
    p = ctx.params
    view = MasterView.of(products, machines, lines, trials)
    erp = SeedContext(ctx.config, "erp")
    standard = design(ctx.config, view, erp.rng, setup_day(erp_history_start(ctx.config)))
    cost = standard.standard_cost
    product_ids = list(products["product_id"])
    listed = dict(zip(product_ids, commerce.list_prices(
        ctx.rng("list_prices"), [cost[pid] for pid in product_ids],
        list(products["product_category"]), p["gross_margin_by_family"]), strict=True))
    volume_scale = {"oem": 6.0, "tier1": 3.0, "tier2": 1.2, "aftermarket": 0.6}
    as_of = np.datetime64(ctx.as_of, "D")
    product_created = _created_on(products)
    # (customer, type, product index, [(start, years)], lead, ppm, weight, earliest start)
    chains = []
    # products some customer buys under an agreement in force: every product still sold is,
    # so that no line (and no factory) stands idle for want of a buyer
    in_force: set[int] = set()
    for customer_id, kind, created, ppm_max in zip(
        customers["customer_id"], customers["customer_type"], _created_on(customers),
        customers["sla_quality_ppm_max"], strict=True,
    ):
        share = rng.uniform(*p["customer_product_share"])
        k = min(len(product_ids), max(1, int(round(share * len(product_ids)))))
        # The customer buys k products: drawn in random order, those nobody buys yet first,
        # until k have traded (a discontinued product the pair never traded before it was
        # dropped does not count).
        customer_chains = []
        order = sorted(rng.permutation(len(product_ids)).tolist(), key=lambda pi: pi in in_force)
        for pi in order:
            if len(customer_chains) == k:
                break
            # No agreement before both parties exist; discontinued products are no longer
            # under contract, and about 10% of other pairs have lapsed too (only a pair old
            # enough for a past agreement can have let it lapse, and not a product's only
            # buyer).
            earliest = max(created, product_created[pi]) + 14 * DAY
            discontinued = products["status"][pi] == "discontinued"
            lapsed = discontinued or (pi in in_force and rng.random() < 0.1)
            renewals = int(counts(rng, p["agreements_per_customer_product"], 1)[0])
            term_years = rng.integers(1, 4, renewals)
            newest_start = None
            if lapsed:
                newest_start = as_of - int(term_years[-1] * 365 + rng.integers(30, 400)) * DAY
                if newest_start < earliest:
                    if discontinued:
                        continue  # the pair never traded
                    newest_start = None
            if newest_start is None:
                back = int(rng.integers(30, 700))
                if pi not in in_force:  # a product's only buyer: its agreement is in force
                    back = min(back, int(term_years[-1]) * 365 - 1)
                newest_start = max(as_of - back * DAY, earliest)
                if newest_start <= as_of < newest_start + int(term_years[-1]) * 365 * DAY:
                    in_force.add(int(pi))
            # Build the chain backwards from the newest agreement, contiguous, and drop
            # the renewals that would start before `earliest`.
            starts = [newest_start]
            for years in term_years[:-1][::-1]:
                starts.insert(0, starts[0] - int(years) * 365 * DAY)
            chain = [(s, int(y)) for s, y in zip(starts, term_years, strict=True) if s >= earliest]
            customer_chains.append((customer_id, kind, int(pi), chain, int(rng.integers(5, 26)),
                                    int(min(ppm_max, rng.choice((50, 100, 250, 500)))),
                                    volume_scale[kind] * float(rng.lognormal(0, 0.5)), earliest))
        chains.extend(sorted(customer_chains, key=lambda c: c[2]))
    volumes = _current_volumes(ctx, view, product_ids, chains, as_of)
    price_rng = ctx.rng("agreement_prices")
    rows = Rows(RAW_TABLES, "customer_agreements")
    for n, (customer_id, _, pi, chain, lead, ppm, _, earliest) in enumerate(chains):
        pid = product_ids[pi]
        price = commerce.customer_price(price_rng, float(listed[pid]), cost[pid],
                                        p["customer_price_band"], p["below_cost_rate"])
        below_cost = price < cost[pid]
        for j, (start, years) in enumerate(chain):
            back = len(chain) - 1 - j  # renewals after this one
            earlier = price / (1 + commerce.PRICE_ESCALATION) ** back
            if not below_cost:
                earlier = max(earlier, commerce.floor_price(cost[pid]))
            signed = max(start - int(rng.integers(7, 45)) * DAY, earliest - 14 * DAY)
            rows.add(
                customer_id=customer_id, product_id=pid,
                signed_at=signed.astype("datetime64[s]")
                + int(rng.integers(8 * 3600, 18 * 3600)) * SECOND,
                valid_from=start, valid_to=start + years * 365 * DAY - DAY,
                annual_volume=max(10, int(round(
                    volumes[n] / (1 + commerce.VOLUME_GROWTH) ** back))),
                unit_price_usd=round(float(earlier), 2), lead_time_days=lead,
                quality_requirement_ppm=ppm,
            )
    return rows.chunk(agreement_id=ids("AGR", len(rows), 6))


def _current_volumes(ctx: SeedContext, view: MasterView, product_ids: list[str],
                     chains: list[tuple], as_of: np.datetime64) -> list[float]:
    """Each chain's current yearly volume: a product sold under agreements in force gets
    `demand_share_of_capacity` (drawn per line) of what its lines make of it, split among
    those agreements by customer weight; a lapsed chain buys like an average customer of its
    kind did."""
    rng = ctx.rng("demand")
    p = ctx.params
    active = [any(s <= as_of <= s + y * 365 * DAY - DAY for s, y in chain)
              for _, _, _, chain, *_ in chains]
    sold = {product_ids[c[2]] for c, a in zip(chains, active, strict=True) if a}
    hours = commerce.staffed_hours_per_week(p["shifts"], commerce.weekend_staffing(ctx.config))
    rates = commerce.line_rates(view.line_factory, view.cycles(), sold, hours)
    share = {line: float(rng.uniform(*p["demand_share_of_capacity"]))
             for line in sorted({r.line_id for r in rates})}
    demand: dict[str, float] = defaultdict(float)
    for r in rates:
        demand[r.product_id] += share[r.line_id] * r.units_per_year
    weight: dict[str, float] = defaultdict(float)
    for c, a in zip(chains, active, strict=True):
        if a:
            weight[product_ids[c[2]]] += c[6]
    volumes = [demand[product_ids[c[2]]] * c[6] / weight[product_ids[c[2]]] if a else 0.0
               for c, a in zip(chains, active, strict=True)]
    per_weight = [v / c[6] for v, c, a in zip(volumes, chains, active, strict=True) if a]
    typical = float(np.median(per_weight)) if per_weight else 1000.0
    return [v if a else typical * c[6] for v, c, a in zip(volumes, chains, active, strict=True)]
