"""ERP: the material master, BOMs, routings, the order book (sales, production, purchasing).

Raw facts only, driven by master data: every master product is a finished-good material with
one current BOM and one routing per line it is qualified on (`raw_master.line_product_trials`);
work centers are master machines, plants are master factories, customers and employees come
from master. The seeder writes the orders with their timestamps and quantities (sales orders,
production orders released 1:1 to MES work orders, purchase orders, goods receipts after their
PO, purchase requisitions) and the opening stock. dbt derives the rest: inventory movements
and balances, production-order actuals from MES, MRP runs and elements, the general ledger
and the ERP-MES sync log.

Opening stock is sized from the orders themselves: each (material, plant) starts with at least
the most the MES can consume of it (the contract's bound) and the finished goods that are
delivered from stock, so balances never go negative without `allow_backorders`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from genims.params import Count, Flag, Range, Weights
from seeders.engine import SeedContext, raw_table
from seeders.plan import Estimate, estimate, mean

NAME = "erp"
REQUIRES = ("master",)
# ERP's inventory marts are derived from MES bookings: its models need manufacturing
# in the same build (manufacturing requires erp, whose orders it executes).
BUILT_WITH = ("manufacturing",)

MATERIAL_TYPES = ("raw_material", "component", "consumable", "packaging")


PARAMETERS = {
    "days_of_history": Count("days of ERP order history ending at the as-of date", minimum=1),
    "materials": Count(
        "material master size: one finished good per master product, the rest purchased",
        minimum=1,
    ),
    "material_type_mix": Weights(
        "relative weights of raw_material, component, consumable and packaging among the "
        "purchased materials (seed document: 50, 80, 20, 15)",
        kind="material type", names=MATERIAL_TYPES,
        # every BOM draws from these three
        positive=("raw_material", "component", "packaging"),
    ),
    "suppliers": Count("suppliers", minimum=1),
    "sales_orders_per_day": Range("sales orders created per day", minimum=0),
    "lines_per_sales_order": Range("lines per sales order", minimum=1),
    "make_to_order_share": Range(
        "share of sales order lines produced to order", minimum=0, maximum=1, fraction=True
    ),
    "purchase_orders_per_day": Range("purchase orders created per day", minimum=0),
    "lines_per_purchase_order": Range("lines per purchase order", minimum=1),
    "requisition_share": Range(
        "share of purchase orders raised from a purchase requisition", minimum=0, maximum=1,
        fraction=True,
    ),
    "characteristics_per_plan": Range("characteristics per inspection plan", minimum=1),
    "mrp_runs_per_plant": Count("weekly MRP runs per plant, the last one on the as-of date",
                                minimum=1),
    "allow_backorders": Flag("whether an inventory balance may go negative"),
}

RAW_TABLES = (
    raw_table(
        "materials",
        "material_id VARCHAR(50)", "material_code VARCHAR(50)", "material_name VARCHAR(200)",
        "material_type VARCHAR(50)", "material_group VARCHAR(50)", "product_family VARCHAR(50)",
        "base_unit_of_measure VARCHAR(20)", "weight_kg DECIMAL(10,4)",
        "procurement_type VARCHAR(30)", "default_supplier_id VARCHAR(50)",
        "lead_time_days INTEGER", "minimum_order_quantity DECIMAL(15,4)",
        "safety_stock DECIMAL(15,4)", "standard_cost DECIMAL(15,2)",
        "inspection_required BOOLEAN", "shelf_life_days INTEGER", "mrp_type VARCHAR(30)",
        "lot_sizing_procedure VARCHAR(30)", "product_id VARCHAR(50)", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "suppliers",
        "supplier_id VARCHAR(50)", "supplier_code VARCHAR(50)", "supplier_name VARCHAR(200)",
        "contact_person VARCHAR(100)", "email VARCHAR(100)", "phone VARCHAR(50)",
        "address_line1 VARCHAR(200)", "city VARCHAR(100)", "state VARCHAR(100)",
        "country VARCHAR(50)", "postal_code VARCHAR(20)", "tax_id VARCHAR(50)",
        "currency VARCHAR(3)", "payment_terms VARCHAR(50)", "quality_rating DECIMAL(5,2)",
        "supplier_type VARCHAR(50)", "certification_status VARCHAR(100)",
        "created_by VARCHAR(50)", "created_at TIMESTAMP",
    ),
    raw_table(
        "bill_of_materials",
        "bom_id VARCHAR(50)", "bom_number VARCHAR(50)", "parent_material_id VARCHAR(50)",
        "product_id VARCHAR(50)", "base_quantity DECIMAL(15,3)", "base_unit VARCHAR(20)",
        "lot_size DECIMAL(15,4)", "scrap_percentage DECIMAL(5,2)", "valid_from DATE",
        "revision VARCHAR(20)", "is_current_revision BOOLEAN", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "bom_components",
        "component_id VARCHAR(50)", "bom_id VARCHAR(50)", "item_number INTEGER",
        "material_id VARCHAR(50)", "component_quantity DECIMAL(15,3)",
        "component_unit VARCHAR(20)", "component_scrap_percentage DECIMAL(5,2)",
        "operation_number INTEGER", "backflush BOOLEAN", "valid_from DATE",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "work_centers",
        "work_center_id VARCHAR(50)", "work_center_code VARCHAR(50)",
        "work_center_name VARCHAR(200)", "plant_id VARCHAR(50)", "line_id VARCHAR(50)",
        "machine_id VARCHAR(50)", "cost_center_id VARCHAR(50)",
        "work_center_category VARCHAR(50)", "available_capacity DECIMAL(10,2)",
        "hourly_rate DECIMAL(10,2)", "setup_time_minutes DECIMAL(10,2)",
        "queue_time_days DECIMAL(5,2)", "created_at TIMESTAMP",
    ),
    raw_table(
        "routing",
        "routing_id VARCHAR(50)", "routing_number VARCHAR(50)", "material_id VARCHAR(50)",
        "product_id VARCHAR(50)", "plant_id VARCHAR(50)", "line_id VARCHAR(50)",
        "base_quantity DECIMAL(15,3)", "lot_size_from DECIMAL(15,4)",
        "lot_size_to DECIMAL(15,4)", "valid_from DATE", "created_by VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "routing_operations",
        "operation_id VARCHAR(50)", "routing_id VARCHAR(50)", "operation_number INTEGER",
        "operation_short_text VARCHAR(200)", "work_center_id VARCHAR(50)",
        "control_key VARCHAR(10)", "setup_time DECIMAL(10,2)", "machine_time DECIMAL(10,2)",
        "labor_time DECIMAL(10,2)", "base_quantity DECIMAL(15,3)", "activity_type VARCHAR(50)",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "cost_centers",
        "cost_center_id VARCHAR(50)", "cost_center_code VARCHAR(50)",
        "cost_center_name VARCHAR(200)", "cost_center_group VARCHAR(50)",
        "parent_cost_center_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "responsible_person VARCHAR(50)", "cost_center_category VARCHAR(50)",
        "valid_from DATE", "created_at TIMESTAMP",
    ),
    raw_table(
        "sales_orders",
        "sales_order_id VARCHAR(50)", "sales_order_number VARCHAR(50)",
        "customer_id VARCHAR(50)", "order_date DATE", "order_type VARCHAR(30)",
        "requested_delivery_date DATE", "delivery_priority VARCHAR(30)",
        "payment_terms VARCHAR(50)", "incoterms VARCHAR(20)", "customer_po_number VARCHAR(50)",
        "created_by VARCHAR(50)", "created_at TIMESTAMP",
    ),
    raw_table(
        "sales_order_lines",
        "sales_order_line_id VARCHAR(50)", "sales_order_id VARCHAR(50)", "line_number INTEGER",
        "material_id VARCHAR(50)", "product_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "order_quantity INTEGER", "unit_price DECIMAL(12,4)", "discount_percentage DECIMAL(5,2)",
        "requested_delivery_date DATE", "make_to_order BOOLEAN", "created_at TIMESTAMP",
    ),
    raw_table(
        "production_orders",
        "production_order_id VARCHAR(50)", "production_order_number VARCHAR(50)",
        "work_order_id VARCHAR(50)", "material_id VARCHAR(50)", "product_id VARCHAR(50)",
        "plant_id VARCHAR(50)", "line_id VARCHAR(50)", "routing_id VARCHAR(50)",
        "bom_id VARCHAR(50)", "sales_order_id VARCHAR(50)", "sales_order_line INTEGER",
        "order_type VARCHAR(30)", "order_quantity INTEGER", "priority INTEGER",
        "basic_start_date DATE", "basic_end_date DATE", "created_at TIMESTAMP",
        "released_at TIMESTAMP", "created_by VARCHAR(50)", "released_by VARCHAR(50)",
    ),
    raw_table(
        "purchase_requisitions",
        "requisition_id VARCHAR(50)", "requisition_number VARCHAR(50)",
        "requisition_type VARCHAR(30)", "requisition_date DATE", "required_date DATE",
        "requester_id VARCHAR(50)", "cost_center_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "priority VARCHAR(30)", "approved_by VARCHAR(50)", "approved_at TIMESTAMP",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "purchase_requisition_lines",
        "requisition_line_id VARCHAR(50)", "requisition_id VARCHAR(50)", "line_number INTEGER",
        "material_id VARCHAR(50)", "quantity INTEGER", "delivery_date DATE",
        "estimated_price DECIMAL(12,4)", "cost_center_id VARCHAR(50)", "created_at TIMESTAMP",
    ),
    raw_table(
        "purchase_orders",
        "purchase_order_id VARCHAR(50)", "po_number VARCHAR(50)", "supplier_id VARCHAR(50)",
        "po_date DATE", "po_type VARCHAR(30)", "payment_terms VARCHAR(50)",
        "incoterms VARCHAR(20)", "freight_charges DECIMAL(15,2)", "created_by VARCHAR(50)",
        "created_at TIMESTAMP", "released_by VARCHAR(50)", "released_at TIMESTAMP",
    ),
    raw_table(
        "purchase_order_lines",
        "po_line_id VARCHAR(50)", "purchase_order_id VARCHAR(50)", "line_number INTEGER",
        "material_id VARCHAR(50)", "order_quantity INTEGER", "unit_price DECIMAL(12,4)",
        "delivery_date DATE", "plant_id VARCHAR(50)", "storage_location VARCHAR(50)",
        "cost_center_id VARCHAR(50)", "requisition_id VARCHAR(50)", "requisition_line INTEGER",
        "created_at TIMESTAMP",
    ),
    raw_table(
        "goods_receipts",
        "goods_receipt_id VARCHAR(50)", "gr_number VARCHAR(50)", "po_line_id VARCHAR(50)",
        "purchase_order_id VARCHAR(50)", "received_at TIMESTAMP", "quantity_received INTEGER",
        "batch_number VARCHAR(50)", "delivery_note VARCHAR(50)", "created_by VARCHAR(50)",
    ),
    raw_table(
        "inspection_plans",
        "inspection_plan_id VARCHAR(50)", "plan_number VARCHAR(50)", "material_id VARCHAR(50)",
        "plant_id VARCHAR(50)", "plan_usage VARCHAR(30)", "inspection_type VARCHAR(30)",
        "sample_size INTEGER", "sample_unit VARCHAR(20)", "sampling_procedure VARCHAR(50)",
        "inspection_interval_days INTEGER", "created_at TIMESTAMP",
    ),
    raw_table(
        "inspection_characteristics",
        "characteristic_id VARCHAR(50)", "inspection_plan_id VARCHAR(50)",
        "characteristic_name VARCHAR(200)", "characteristic_type VARCHAR(30)",
        "target_value DECIMAL(15,4)", "lower_spec_limit DECIMAL(15,4)",
        "upper_spec_limit DECIMAL(15,4)", "unit_of_measure VARCHAR(20)",
        "inspection_method VARCHAR(100)", "measurement_device VARCHAR(100)",
        "sample_size INTEGER", "characteristic_class VARCHAR(20)", "created_at TIMESTAMP",
    ),
    raw_table(
        "opening_stock",
        "material_id VARCHAR(50)", "plant_id VARCHAR(50)", "storage_location VARCHAR(50)",
        "quantity INTEGER", "unit_cost DECIMAL(15,4)", "posted_at TIMESTAMP",
    ),
)

# --------------------------------------------------------------------------- reference data

# material type -> unit, cost range (USD per unit), names, storage location, lead time days
TYPE_SPECS: dict[str, dict[str, Any]] = {
    "raw_material": {
        "unit": "KG", "cost": (0.8, 35.0), "location": "RM01", "lead": (7, 21),
        "moq": (100, 1000), "order_qty": (200, 3000),
        "names": ("Steel Coil", "Aluminium Ingot", "Copper Wire", "Cast Iron Billet",
                  "Spring Steel Rod", "Brass Bar", "Polycarbonate Granulate",
                  "Alloy Steel Bar", "Rubber Compound", "Ceramic Friction Mix", "Zinc Alloy",
                  "Die-Cast Aluminium Alloy"),
    },
    "component": {
        "unit": "EA", "cost": (1.5, 120.0), "location": "CP01", "lead": (5, 30),
        "moq": (50, 500), "order_qty": (100, 1500),
        "names": ("Bearing", "Seal Kit", "Piston", "Housing", "Bracket", "Fastener Set",
                  "Gasket", "Bushing", "PCB Assembly", "Connector", "Valve", "Sensor Module",
                  "Gear Blank", "Shaft", "Spring", "Cable Harness", "Magnet Set", "Rotor"),
    },
    "consumable": {
        "unit": "EA", "cost": (1.0, 45.0), "location": "MR01", "lead": (2, 10),
        "moq": (10, 100), "order_qty": (20, 300),
        "names": ("Cutting Insert", "Welding Wire", "Grinding Disc", "Lubricant",
                  "Coolant Concentrate", "Safety Gloves", "Cleaning Solvent", "Drill Bit"),
    },
    "packaging": {
        "unit": "EA", "cost": (0.1, 6.0), "location": "PK01", "lead": (3, 12),
        "moq": (500, 2000), "order_qty": (500, 6000),
        "names": ("Carton Box", "Pallet", "Foam Insert", "Stretch Film Roll", "Label Set",
                  "VCI Bag", "Returnable Crate"),
    },
}
FG_LOCATION = "FG01"
SUPPLIER_TYPES = {"raw_material": "raw_material", "component": "component",
                  "consumable": "service", "packaging": "packaging"}
SUPPLIER_WORDS = ("Precision", "Metals", "Components", "Industries", "Polymers", "Castings",
                  "Forge", "Electronics", "Packaging", "Supply", "Engineering", "Alloys")
CERTIFICATIONS = ("ISO9001", "IATF16949", "ISO9001, ISO14001", "IATF16949, ISO14001")
PAYMENT_TERMS = ("NET30", "NET45", "NET60", "2/10NET30")
INCOTERMS = ("FOB", "CIF", "EXW", "DAP", "DDP")
WORK_CENTER_RATES = {  # machine type -> (category, USD per hour)
    "CNC": ("machine", (70, 120)), "press": ("machine", (90, 160)),
    "robot": ("machine", (50, 90)), "conveyor": ("machine", (15, 30)),
    "welding": ("machine", (55, 95)), "assembly": ("labor", (35, 60)),
    "testing": ("both", (45, 80)),
}
OPERATION_TEXT = {
    "CNC": "Machine", "press": "Press", "robot": "Robot handling", "conveyor": "Transfer",
    "welding": "Weld", "assembly": "Assemble", "testing": "Test",
}
LABOR_RATE = 32.0  # USD per labor hour, for standard costs
DEPARTMENTS = ("production", "maintenance", "quality", "logistics", "planning")
CHARACTERISTICS = (
    ("Outer diameter", "quantitative", "mm", "Caliper measurement", "Digital caliper", 25.0),
    ("Length", "quantitative", "mm", "Height gauge", "Height gauge", 120.0),
    ("Surface roughness Ra", "quantitative", "um", "Profilometer", "Surface profilometer", 1.6),
    ("Hardness", "quantitative", "HRC", "Rockwell test", "Rockwell tester", 45.0),
    ("Tensile strength", "quantitative", "MPa", "Tensile test", "Universal testing machine",
     520.0),
    ("Weight", "quantitative", "g", "Weighing", "Precision scale", 850.0),
    ("Visual appearance", "qualitative", None, "Visual inspection", "Light booth", None),
    ("Leak test", "qualitative", None, "Pressure decay test", "Leak tester", None),
    ("Torque", "quantitative", "Nm", "Torque audit", "Torque analyzer", 60.0),
    ("Coating thickness", "quantitative", "um", "Eddy current", "Coating thickness gauge",
     80.0),
)

DAY = np.timedelta64(1, "D")
HOUR = np.timedelta64(3600, "s")
MINUTE = np.timedelta64(60, "s")


# --------------------------------------------------------------------------- helpers


def _ids(prefix: str, n: int, width: int, start: int = 1) -> list[str]:
    return [f"{prefix}-{i:0{width}d}" for i in range(start, start + n)]


def _section(config: Any, name: str) -> dict[str, Any]:
    return config.sections.get(name, {}) if hasattr(config, "sections") else {}


def mes_params(config: Any) -> dict[str, Any]:
    """The manufacturing keys ERP sizes its orders by (see the ERP-MES contract)."""
    m = _section(config, "manufacturing")
    return {
        "days_of_history": m.get("days_of_history", 30),
        "work_orders_per_day": tuple(m.get("work_orders_per_day", (15, 30))),
        "materials_per_order": tuple(m.get("materials_per_order", (3, 8))),
        "operations_per_order": tuple(m.get("operations_per_order", (2, 5))),
    }


def material_type_counts(p: dict[str, Any], products: int) -> dict[str, int]:
    """Purchased materials per type: `materials - products` split by the mix (at least one
    raw material, component and packaging item, which every BOM draws from)."""
    mix = p["material_type_mix"]
    total = max(p["materials"] - products, 0)
    weights = np.array([mix[t] for t in MATERIAL_TYPES], dtype=float)
    share = weights / weights.sum() * total
    counts = np.floor(share).astype(int)
    for i in np.argsort(-(share - counts), kind="stable")[: total - counts.sum()]:
        counts[i] += 1
    out = dict(zip(MATERIAL_TYPES, counts.tolist(), strict=True))
    for needed in ("raw_material", "component", "packaging"):
        out[needed] = max(out[needed], 1)
    return out


def _at(dates: np.ndarray, rng: np.random.Generator, hours: tuple[int, int]) -> np.ndarray:
    """Timestamps on `dates` at a random minute within [hours[0], hours[1])."""
    minutes = rng.integers(hours[0] * 60, hours[1] * 60, size=len(dates))
    return dates.astype("datetime64[D]").astype("datetime64[s]") + minutes * MINUTE


# --------------------------------------------------------------------------- plan


def plan(config: Any) -> list[Estimate]:
    """Expected, lowest and highest row count of the tables whose size the config fixes."""
    p = config[NAME]
    m = config["master"]
    mes = mes_params(config)
    products = m["products"]
    counts = material_type_counts(p, products)
    materials = products + sum(counts.values())
    days = p["days_of_history"]
    so = (days * mean(p["sales_orders_per_day"]), days * p["sales_orders_per_day"][0],
          days * p["sales_orders_per_day"][1])
    po = (days * mean(p["purchase_orders_per_day"]), days * p["purchase_orders_per_day"][0],
          days * p["purchase_orders_per_day"][1])
    wdays = mes["days_of_history"]
    wo = mes["work_orders_per_day"]
    prod = (wdays * mean(wo), wdays * wo[0], wdays * wo[1])
    f = m["factories"]
    machines_low = f * m["lines_per_factory"][0] * m["machines_per_line"][0]
    machines_high = f * m["lines_per_factory"][1] * m["machines_per_line"][1]
    machines_mean = f * mean(m["lines_per_factory"]) * mean(m["machines_per_line"])
    lines_so, lines_po = p["lines_per_sales_order"], p["lines_per_purchase_order"]
    mpo = mes["materials_per_order"]
    return [
        estimate("erp", "materials", materials),
        estimate("erp", "suppliers", p["suppliers"]),
        estimate("erp", "bill_of_materials", products),
        estimate("erp", "bom_components", (products * mean(mpo), products * mpo[0],
                                           products * mpo[1])),
        estimate("erp", "work_centers", (machines_mean, machines_low, machines_high)),
        estimate("erp", "sales_orders", so),
        estimate("erp", "sales_order_lines", (so[0] * mean(lines_so), so[1] * lines_so[0],
                                              so[2] * lines_so[1])),
        estimate("erp", "production_orders", prod),
        estimate("erp", "purchase_orders", po),
        estimate("erp", "purchase_order_lines", (po[0] * mean(lines_po), po[1] * lines_po[0],
                                                 po[2] * lines_po[1])),
        estimate("erp", "cost_centers", (1 + f * (len(DEPARTMENTS) + mean(m["lines_per_factory"])),
                                         1 + f * (len(DEPARTMENTS) + m["lines_per_factory"][0]),
                                         1 + f * (len(DEPARTMENTS) + m["lines_per_factory"][1]))),
        estimate("erp", "mrp_runs", f * p["mrp_runs_per_plant"]),
    ]


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    mes = mes_params(ctx.config)
    master = _read_master(ctx)
    start = np.datetime64(ctx.as_of, "D") - p["days_of_history"] * DAY
    setup_day = start - 30 * DAY  # master data of the ERP is older than its history

    suppliers = _suppliers(ctx, p["suppliers"], setup_day)
    yield "suppliers", suppliers
    cost_centers = _cost_centers(ctx, master, setup_day)
    yield "cost_centers", cost_centers
    work_centers = _work_centers(ctx, master, cost_centers, setup_day)
    yield "work_centers", work_centers
    materials = _purchased_materials(ctx, p, master, suppliers, setup_day)
    n_ops = _operations_per_product(ctx, master, mes["operations_per_order"])
    routing, operations = _routings(ctx, master, work_centers, n_ops, setup_day)
    boms, components = _boms(ctx, master, materials, n_ops, mes["materials_per_order"],
                             setup_day)
    materials = _add_finished_goods(ctx, master, materials, boms, components, routing,
                                    operations, work_centers, setup_day)
    yield "materials", materials
    yield "bill_of_materials", boms
    yield "bom_components", components
    yield "routing", routing
    yield "routing_operations", operations
    plans, characteristics = _inspection_plans(ctx, p, materials, setup_day)
    yield "inspection_plans", plans
    yield "inspection_characteristics", characteristics

    sales, lines = _sales_orders(ctx, p, master, materials, start)
    yield "sales_orders", sales
    yield "sales_order_lines", lines
    production = _production_orders(ctx, mes, master, materials, boms, routing, operations,
                                    sales, lines)
    yield "production_orders", production
    reqs, req_lines, pos, po_lines, receipts = _purchasing(ctx, p, master, materials,
                                                          cost_centers, start)
    yield "purchase_requisitions", reqs
    yield "purchase_requisition_lines", req_lines
    yield "purchase_orders", pos
    yield "purchase_order_lines", po_lines
    yield "goods_receipts", receipts
    yield "opening_stock", _opening_stock(ctx, master, materials, boms, components, production,
                                          lines, start)


def _read_master(ctx: SeedContext) -> dict[str, Any]:
    factories = ctx.read("master", "factories", "factory_id, country, city")
    lines = ctx.read("master", "production_lines", "line_id, factory_id, line_number",
                     order_by="line_id")
    machines = ctx.read("master", "machines", "machine_id, line_id, machine_code, machine_type",
                        order_by="machine_id")
    products = ctx.read(
        "master", "products",
        "product_id, product_code, product_name, product_category, "
        "standard_cycle_time_seconds::int8 AS cycle_s, unit_weight_kg::float8 AS weight, "
        "material_type, created_at",
    )
    employees = ctx.read("master", "employees", "employee_id, factory_id, role, department",
                         order_by="employee_id")
    customers = ctx.read("master", "customers", "customer_id, payment_terms_days::int8 AS terms",
                         order_by="customer_id")
    pairs = ctx.read("master", "line_product_trials", "DISTINCT line_id, product_id",
                     order_by="line_id, product_id")
    agreements = ctx.read(
        "master", "customer_agreements",
        "customer_id, product_id, valid_from, valid_to, unit_price_usd::float8 AS price",
        order_by="agreement_id",
    )
    line_factory = dict(zip(lines["line_id"], lines["factory_id"], strict=True))
    staff: dict[str, list[str]] = defaultdict(list)
    planners: dict[str, list[str]] = defaultdict(list)
    managers: dict[str, list[str]] = defaultdict(list)
    for eid, fid, role, dept in zip(employees["employee_id"], employees["factory_id"],
                                    employees["role"], employees["department"], strict=True):
        staff[fid].append(eid)
        if dept in ("planning", "logistics") or role == "manager":
            planners[fid].append(eid)
        if role in ("manager", "supervisor"):
            managers[fid].append(eid)
    for fid in factories["factory_id"]:
        planners[fid] = planners[fid] or staff[fid]
        managers[fid] = managers[fid] or staff[fid]
    return {
        "factories": factories, "lines": lines, "machines": machines, "products": products,
        "customers": customers, "pairs": pairs, "agreements": agreements,
        "line_factory": line_factory, "staff": staff, "planners": planners,
        "managers": managers,
    }


def _pick_person(rng: np.random.Generator, people: dict[str, list[str]],
                 plants: np.ndarray) -> list[str]:
    out = []
    for plant in plants:
        pool = people.get(plant) or [e for v in people.values() for e in v]
        out.append(pool[int(rng.integers(len(pool)))] if pool else None)
    return out


def _suppliers(ctx: SeedContext, n: int, setup_day: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("suppliers")
    fake = ctx.faker("suppliers", "en_IN")
    names, seen = [], set()
    for _ in range(n):
        name = f"{fake.last_name()} {rng.choice(SUPPLIER_WORDS)} " + str(
            rng.choice(("Pvt Ltd", "Ltd", "LLP", "Industries")))
        while name in seen:
            name = f"{fake.last_name()} {rng.choice(SUPPLIER_WORDS)} Ltd"
        seen.add(name)
        names.append(name)
    ids = _ids("SUP", n, 4)
    return {
        "supplier_id": ids,
        "supplier_code": [f"V{100000 + i}" for i in range(1, n + 1)],
        "supplier_name": names,
        "contact_person": [fake.name() for _ in range(n)],
        "email": [f"sales{i}@" + name.split()[0].lower() + "-supply.example"
                  for i, name in enumerate(names, 1)],
        "phone": [fake.phone_number() for _ in range(n)],
        "address_line1": [fake.street_address() for _ in range(n)],
        "city": [fake.city() for _ in range(n)],
        "state": [fake.state() for _ in range(n)],
        "country": ["India"] * n,
        "postal_code": [fake.postcode() for _ in range(n)],
        "tax_id": [f"27{rng.integers(10**9, 10**10)}Z{i % 10}" for i in range(n)],
        "currency": ["USD"] * n,
        "payment_terms": rng.choice(PAYMENT_TERMS, size=n).tolist(),
        "quality_rating": np.round(rng.uniform(2.5, 5.0, n), 2),
        "supplier_type": [SUPPLIER_TYPES[MATERIAL_TYPES[i % len(MATERIAL_TYPES)]] for i in range(n)],
        "certification_status": rng.choice(CERTIFICATIONS, size=n).tolist(),
        "created_by": ["SYSTEM"] * n,
        "created_at": _at(setup_day - rng.integers(30, 1500, n) * DAY, rng, (8, 18)),
    }


def _cost_centers(ctx: SeedContext, master: dict, setup_day: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("cost_centers")
    rows: list[tuple] = [("CC-0000", "1000", "Corporate", "corporate", None, None, None,
                          "admin")]
    n = 1
    for fid in master["factories"]["factory_id"]:
        plant_cc = {}
        for dept in DEPARTMENTS:
            cc = f"CC-{n:04d}"
            plant_cc[dept] = cc
            person = _pick_person(rng, master["managers"], np.array([fid]))[0]
            category = "production" if dept == "production" else (
                "service" if dept in ("maintenance", "logistics") else "admin")
            rows.append((cc, f"{1000 + n}", f"{fid} {dept.title()}", dept, "CC-0000", fid,
                         person, category))
            n += 1
        for lid, lfid in zip(master["lines"]["line_id"], master["lines"]["factory_id"],
                             strict=True):
            if lfid != fid:
                continue
            cc = f"CC-{n:04d}"
            person = _pick_person(rng, master["managers"], np.array([fid]))[0]
            rows.append((cc, f"{1000 + n}", f"{lid} Production", "production_line",
                         plant_cc["production"], fid, person, "production"))
            n += 1
    cols = list(zip(*rows, strict=True))
    k = len(rows)
    return {
        "cost_center_id": list(cols[0]), "cost_center_code": list(cols[1]),
        "cost_center_name": list(cols[2]), "cost_center_group": list(cols[3]),
        "parent_cost_center_id": list(cols[4]), "plant_id": list(cols[5]),
        "responsible_person": list(cols[6]), "cost_center_category": list(cols[7]),
        "valid_from": np.full(k, setup_day - 365 * DAY),
        "created_at": _at(np.full(k, setup_day - 365 * DAY), rng, (8, 18)),
    }


def _line_cost_center(cost_centers: dict[str, Any]) -> dict[str, str]:
    """line_id -> its production cost center (named '<line_id> Production')."""
    out = {}
    for cc, name, group in zip(cost_centers["cost_center_id"], cost_centers["cost_center_name"],
                               cost_centers["cost_center_group"], strict=True):
        if group == "production_line":
            out[name.rsplit(" ", 1)[0]] = cc
    return out


def _work_centers(ctx: SeedContext, master: dict, cost_centers: dict,
                  setup_day: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("work_centers")
    machines = master["machines"]
    n = len(machines["machine_id"])
    line_cc = _line_cost_center(cost_centers)
    category, rate = [], []
    for mtype in machines["machine_type"]:
        cat, (lo, hi) = WORK_CENTER_RATES.get(mtype, ("machine", (40, 80)))
        category.append(cat)
        rate.append(round(float(rng.uniform(lo, hi)), 2))
    return {
        "work_center_id": _ids("WC", n, 5),
        "work_center_code": [f"WC{str(c).replace('-', '')}" for c in machines["machine_code"]],
        "work_center_name": [f"{OPERATION_TEXT.get(t, t)} cell {c}"
                             for t, c in zip(machines["machine_type"], machines["machine_code"],
                                             strict=True)],
        "plant_id": [master["line_factory"][lid] for lid in machines["line_id"]],
        "line_id": machines["line_id"],
        "machine_id": machines["machine_id"],
        "cost_center_id": [line_cc.get(lid) for lid in machines["line_id"]],
        "work_center_category": category,
        "available_capacity": np.round(rng.choice((16.0, 20.0, 22.5), size=n), 2),
        "hourly_rate": np.array(rate),
        "setup_time_minutes": np.round(rng.uniform(10, 60, n), 0),
        "queue_time_days": np.round(rng.choice((0.0, 0.5, 1.0), size=n), 2),
        "created_at": _at(np.full(n, setup_day) - rng.integers(30, 700, n) * DAY, rng, (8, 18)),
    }


def _purchased_materials(ctx: SeedContext, p: dict, master: dict, suppliers: dict,
                         setup_day: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("materials")
    counts = material_type_counts(p, len(master["products"]["product_id"]))
    rows: dict[str, list] = defaultdict(list)
    sup = suppliers["supplier_id"]
    # Each supplier serves one material type (primarily), so purchase orders group naturally.
    sup_type = [MATERIAL_TYPES[i % len(MATERIAL_TYPES)] for i in range(len(sup))]
    index = 0
    for mtype in MATERIAL_TYPES:
        spec = TYPE_SPECS[mtype]
        pool = [s for s, t in zip(sup, sup_type, strict=True) if t == mtype] or list(sup)
        for k in range(counts[mtype]):
            index += 1
            base = spec["names"][k % len(spec["names"])]
            variant = k // len(spec["names"])
            grade = f" {chr(65 + variant % 26)}{variant // 26 + 1}" if variant else ""
            size = int(rng.integers(1, 99))
            cost = float(np.exp(rng.uniform(*np.log(spec["cost"]))))
            rows["material_id"].append(f"MAT-{index:05d}")
            rows["material_code"].append(f"{mtype[:2].upper()}-{index:05d}")
            rows["material_name"].append(f"{base}{grade} {size:02d}")
            rows["material_type"].append(mtype)
            rows["material_group"].append(base.split()[0].lower())
            rows["product_family"].append(None)
            rows["base_unit_of_measure"].append(spec["unit"])
            rows["weight_kg"].append(1.0 if spec["unit"] == "KG"
                                     else round(float(rng.uniform(0.01, 3.0)), 4))
            rows["procurement_type"].append("buy")
            rows["default_supplier_id"].append(pool[int(rng.integers(len(pool)))])
            rows["lead_time_days"].append(int(rng.integers(*spec["lead"])))
            rows["minimum_order_quantity"].append(float(rng.integers(*spec["moq"]) // 10 * 10))
            rows["safety_stock"].append(float(rng.integers(*spec["moq"]) // 2))
            rows["standard_cost"].append(round(cost, 2) if cost >= 0.01 else 0.01)
            rows["inspection_required"].append(mtype in ("raw_material", "component")
                                               and bool(rng.random() < 0.5))
            rows["shelf_life_days"].append(int(rng.integers(180, 720))
                                           if mtype in ("consumable", "raw_material") else None)
            rows["mrp_type"].append("lot_for_lot" if mtype != "consumable" else "reorder_point")
            rows["lot_sizing_procedure"].append("lot_for_lot" if mtype != "packaging" else "fixed")
            rows["product_id"].append(None)
            rows["created_by"].append("SYSTEM")
            rows["created_at"].append(setup_day - int(rng.integers(60, 900)) * DAY)
    rows["created_at"] = _at(np.array(rows["created_at"], dtype="datetime64[D]"), rng, (8, 18))
    return dict(rows)


def _operations_per_product(ctx: SeedContext, master: dict, bounds: tuple[int, int]) -> dict:
    rng = ctx.rng("operations_per_product")
    products = master["products"]["product_id"]
    return dict(zip(products, rng.integers(bounds[0], bounds[1] + 1, len(products)).tolist(),
                    strict=True))


def _routings(ctx: SeedContext, master: dict, work_centers: dict, n_ops: dict,
              setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("routing")
    products = master["products"]
    cycle = dict(zip(products["product_id"], products["cycle_s"], strict=True))
    line_wcs: dict[str, list[int]] = defaultdict(list)
    for i, lid in enumerate(work_centers["line_id"]):
        line_wcs[lid].append(i)
    routing: dict[str, list] = defaultdict(list)
    ops: dict[str, list] = defaultdict(list)
    fg_of = {pid: f"FG-{pid}" for pid in products["product_id"]}  # replaced by material ids
    op_index = 0
    pairs = master["pairs"]
    for r, (lid, pid) in enumerate(zip(pairs["line_id"], pairs["product_id"], strict=True), 1):
        rid = f"RTG-{r:05d}"
        routing["routing_id"].append(rid)
        routing["routing_number"].append(f"{50000000 + r}")
        routing["material_id"].append(fg_of[pid])
        routing["product_id"].append(pid)
        routing["plant_id"].append(master["line_factory"][lid])
        routing["line_id"].append(lid)
        routing["base_quantity"].append(1.0)
        routing["lot_size_from"].append(1.0)
        routing["lot_size_to"].append(99999.0)
        routing["valid_from"].append(setup_day - int(rng.integers(30, 400)) * DAY)
        routing["created_by"].append("SYSTEM")
        wcs = line_wcs[lid]
        chosen = sorted(rng.choice(len(wcs), size=min(n_ops[pid], len(wcs)), replace=False))
        chosen = [wcs[c] for c in chosen]
        while len(chosen) < n_ops[pid]:  # a short line: the last machine does several steps
            chosen.append(wcs[-1])
        per_op = float(cycle[pid]) / max(n_ops[pid], 1) / 60.0  # minutes per unit
        for k, w in enumerate(chosen, 1):
            op_index += 1
            mtype = str(master["machines"]["machine_type"][w])
            ops["operation_id"].append(f"OPR-{op_index:06d}")
            ops["routing_id"].append(rid)
            ops["operation_number"].append(10 * k)
            ops["operation_short_text"].append(f"{OPERATION_TEXT.get(mtype, mtype)} step {k}")
            ops["work_center_id"].append(work_centers["work_center_id"][w])
            ops["control_key"].append("PP01" if mtype != "testing" else "QM01")
            ops["setup_time"].append(round(float(rng.uniform(10, 60)), 2))
            machine = per_op * float(rng.uniform(0.8, 1.2))
            ops["machine_time"].append(round(max(machine, 0.01), 2))
            ops["labor_time"].append(round(max(machine * float(rng.uniform(0.3, 1.0)), 0.01), 2))
            ops["base_quantity"].append(1.0)
            ops["activity_type"].append("machine" if mtype != "assembly" else "labor")
    routing["valid_from"] = np.array(routing["valid_from"], dtype="datetime64[D]")
    routing["created_at"] = _at(routing["valid_from"] - 5 * DAY, rng, (8, 18))
    n = len(ops["operation_id"])
    op_routing = np.array(ops["routing_id"], dtype=object)
    created = dict(zip(routing["routing_id"], routing["created_at"], strict=True))
    ops["created_at"] = np.array([created[r] for r in op_routing], dtype="datetime64[s]") + (
        rng.integers(1, 120, n) * MINUTE)
    return dict(routing), dict(ops)


def _boms(ctx: SeedContext, master: dict, materials: dict, n_ops: dict,
          bounds: tuple[int, int], setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("bill_of_materials")
    mtype = np.array(materials["material_type"], dtype=object)
    mids = np.array(materials["material_id"], dtype=object)
    by_type = {t: mids[mtype == t] for t in ("raw_material", "component", "packaging")}
    units = dict(zip(materials["material_id"], materials["base_unit_of_measure"], strict=True))
    products = master["products"]
    boms: dict[str, list] = defaultdict(list)
    comps: dict[str, list] = defaultdict(list)
    c_index = 0
    for b, pid in enumerate(products["product_id"], 1):
        bom_id = f"BOM-{b:05d}"
        valid = setup_day - int(rng.integers(30, 400)) * DAY
        boms["bom_id"].append(bom_id)
        boms["bom_number"].append(f"{30000000 + b}")
        boms["parent_material_id"].append(pid)  # replaced by the finished good's material id
        boms["product_id"].append(pid)
        boms["base_quantity"].append(1.0)
        boms["base_unit"].append("EA")
        boms["lot_size"].append(float(rng.choice((50, 100, 200, 500))))
        boms["scrap_percentage"].append(round(float(rng.uniform(0, 3)), 2))
        boms["valid_from"].append(valid)
        boms["revision"].append(f"R{int(rng.integers(1, 6))}")
        boms["is_current_revision"].append(True)
        boms["created_by"].append("SYSTEM")
        k = int(rng.integers(bounds[0], bounds[1] + 1))
        # One packaging item, at least one raw material, the rest components/raw materials.
        picks = [("packaging", 1), ("raw_material", 1)]
        rest = k - 2
        picks += [("component", 1)] * max(rest, 0)
        if k == 1:
            picks = [("raw_material", 1)]
        used: set[str] = set()
        for item, (t, _) in enumerate(picks[:k], 1):
            pool = [m for m in by_type[t] if m not in used] or [
                m for tt in ("component", "raw_material") for m in by_type[tt] if m not in used]
            mid = pool[int(rng.integers(len(pool)))]
            used.add(mid)
            c_index += 1
            comps["component_id"].append(f"BOMC-{c_index:06d}")
            comps["bom_id"].append(bom_id)
            comps["item_number"].append(10 * item)
            comps["material_id"].append(mid)
            unit = units[mid]
            qty = (round(float(rng.uniform(0.05, 4.0)), 3) if unit == "KG"
                   else float(rng.integers(1, 5)))
            comps["component_quantity"].append(qty)
            comps["component_unit"].append(unit)
            comps["component_scrap_percentage"].append(round(float(rng.uniform(0, 5)), 2))
            last_op = n_ops[pid]
            op = last_op if t == "packaging" else int(rng.integers(1, last_op + 1))
            comps["operation_number"].append(10 * op)
            comps["backflush"].append(t != "raw_material")
            comps["valid_from"].append(valid)
    boms["valid_from"] = np.array(boms["valid_from"], dtype="datetime64[D]")
    boms["created_at"] = _at(boms["valid_from"] - 3 * DAY, rng, (8, 18))
    comps["valid_from"] = np.array(comps["valid_from"], dtype="datetime64[D]")
    comps["created_at"] = _at(comps["valid_from"] - 3 * DAY, rng, (8, 18)) + 23 * HOUR
    return dict(boms), dict(comps)


def _add_finished_goods(ctx: SeedContext, master: dict, materials: dict, boms: dict,
                        components: dict, routing: dict, operations: dict, work_centers: dict,
                        setup_day: np.datetime64) -> dict[str, Any]:
    """One finished-good material per master product, its standard cost rolled up from its
    BOM (components incl. scrap) and its first routing (machine and labor time)."""
    rng = ctx.rng("finished_goods")
    products = master["products"]
    start = len(materials["material_id"])
    fg_id = {pid: f"MAT-{start + i:05d}" for i, pid in enumerate(products["product_id"], 1)}
    cost = dict(zip(materials["material_id"], materials["standard_cost"], strict=True))
    material_cost: dict[str, float] = defaultdict(float)
    bom_product = dict(zip(boms["bom_id"], boms["product_id"], strict=True))
    for bom, mid, qty, scrap in zip(components["bom_id"], components["material_id"],
                                    components["component_quantity"],
                                    components["component_scrap_percentage"], strict=True):
        material_cost[bom_product[bom]] += qty * (1 + scrap / 100) * cost[mid]
    rate = dict(zip(work_centers["work_center_id"], work_centers["hourly_rate"], strict=True))
    first_routing: dict[str, str] = {}
    for rid, pid in zip(routing["routing_id"], routing["product_id"], strict=True):
        first_routing.setdefault(pid, rid)
    conversion: dict[str, float] = defaultdict(float)
    routing_product = dict(zip(routing["routing_id"], routing["product_id"], strict=True))
    for rid, wc, machine, labor in zip(operations["routing_id"], operations["work_center_id"],
                                       operations["machine_time"], operations["labor_time"],
                                       strict=True):
        pid = routing_product[rid]
        if first_routing[pid] == rid:
            conversion[pid] += machine / 60 * float(rate[wc]) + labor / 60 * LABOR_RATE
    routing["material_id"] = [fg_id[p] for p in routing["product_id"]]
    boms["parent_material_id"] = [fg_id[p] for p in boms["product_id"]]
    out = {k: list(v) for k, v in materials.items()}
    out["created_at"] = list(materials["created_at"])
    for i, pid in enumerate(products["product_id"]):
        out["material_id"].append(fg_id[pid])
        out["material_code"].append(f"FG-{products['product_code'][i]}")
        out["material_name"].append(str(products["product_name"][i])[:200])
        out["material_type"].append("finished_good")
        out["material_group"].append(products["product_category"][i])
        out["product_family"].append(str(products["product_category"][i]))
        out["base_unit_of_measure"].append("EA")
        out["weight_kg"].append(round(float(products["weight"][i]), 4))
        out["procurement_type"].append("make")
        out["default_supplier_id"].append(None)
        out["lead_time_days"].append(int(rng.integers(2, 10)))
        out["minimum_order_quantity"].append(10.0)
        out["safety_stock"].append(float(rng.integers(20, 100)))
        out["standard_cost"].append(round(material_cost[pid] + conversion[pid], 2))
        out["inspection_required"].append(True)
        out["shelf_life_days"].append(None)
        out["mrp_type"].append("lot_for_lot")
        out["lot_sizing_procedure"].append("lot_for_lot")
        out["product_id"].append(pid)
        out["created_by"].append("SYSTEM")
        out["created_at"].append(np.datetime64(setup_day - int(rng.integers(400, 800)) * DAY,
                                               "s") + 9 * HOUR)
    out["created_at"] = np.array(out["created_at"], dtype="datetime64[s]")
    return out


def _inspection_plans(ctx: SeedContext, p: dict, materials: dict,
                      setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("inspection_plans")
    plans: dict[str, list] = defaultdict(list)
    chars: dict[str, list] = defaultdict(list)
    c = 0
    picked = [i for i, req in enumerate(materials["inspection_required"]) if req]
    for k, i in enumerate(picked, 1):
        pid = f"IPL-{k:05d}"
        fg = materials["material_type"][i] == "finished_good"
        size = int(rng.choice((5, 8, 13, 20, 32)))
        plans["inspection_plan_id"].append(pid)
        plans["plan_number"].append(f"{70000000 + k}")
        plans["material_id"].append(materials["material_id"][i])
        plans["plant_id"].append(None)
        plans["plan_usage"].append("production" if fg else "goods_receipt")
        plans["inspection_type"].append("sample" if fg else str(rng.choice(("sample", "skip_lot"))))
        plans["sample_size"].append(size)
        plans["sample_unit"].append("EA")
        plans["sampling_procedure"].append(str(rng.choice(("AQL 1.0", "AQL 0.65", "AQL 2.5"))))
        plans["inspection_interval_days"].append(int(rng.choice((1, 7, 30))))
        n = int(rng.integers(p["characteristics_per_plan"][0],
                             p["characteristics_per_plan"][1] + 1))
        for j in rng.choice(len(CHARACTERISTICS), size=min(n, len(CHARACTERISTICS)),
                            replace=False):
            name, kind, unit, method, device, target = CHARACTERISTICS[j]
            c += 1
            tol = None if target is None else round(target * float(rng.uniform(0.01, 0.08)), 4)
            chars["characteristic_id"].append(f"ICH-{c:06d}")
            chars["inspection_plan_id"].append(pid)
            chars["characteristic_name"].append(name)
            chars["characteristic_type"].append(kind)
            chars["target_value"].append(target)
            chars["lower_spec_limit"].append(None if target is None else round(target - tol, 4))
            chars["upper_spec_limit"].append(None if target is None else round(target + tol, 4))
            chars["unit_of_measure"].append(unit)
            chars["inspection_method"].append(method)
            chars["measurement_device"].append(device)
            chars["sample_size"].append(size)
            chars["characteristic_class"].append(str(rng.choice(("critical", "major", "minor"),
                                                                p=(0.2, 0.5, 0.3))))
    k = len(plans["inspection_plan_id"])
    plans["created_at"] = _at(np.full(k, setup_day) - rng.integers(1, 200, k) * DAY, rng, (8, 18))
    created = dict(zip(plans["inspection_plan_id"], plans["created_at"], strict=True))
    chars["created_at"] = np.array([created[x] for x in chars["inspection_plan_id"]],
                                   dtype="datetime64[s]") + 10 * MINUTE
    return dict(plans), dict(chars)


def _product_plants(master: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for lid, pid in zip(master["pairs"]["line_id"], master["pairs"]["product_id"], strict=True):
        fid = master["line_factory"][lid]
        if fid not in out[pid]:
            out[pid].append(fid)
    return out


def _sales_orders(ctx: SeedContext, p: dict, master: dict, materials: dict,
                  start: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("sales_orders")
    days = p["days_of_history"]
    per_day = rng.integers(p["sales_orders_per_day"][0], p["sales_orders_per_day"][1] + 1, days)
    n = int(per_day.sum())
    order_date = start + np.repeat(np.arange(days), per_day) * DAY
    created = _at(order_date, rng, (7, 19))
    customers = master["customers"]["customer_id"]
    terms = dict(zip(customers, master["customers"]["terms"], strict=True))
    cust = customers[rng.integers(len(customers), size=n)] if n else np.array([], dtype=object)
    lead = rng.integers(7, 35, n)
    requested = order_date + lead * DAY
    ids = _ids("SO", n, 6)
    sales = {
        "sales_order_id": ids,
        "sales_order_number": [f"{10000000 + i}" for i in range(1, n + 1)],
        "customer_id": cust,
        "order_date": order_date,
        "order_type": rng.choice(("standard", "rush", "export"), size=n,
                                 p=(0.75, 0.1, 0.15)).tolist(),
        "requested_delivery_date": requested,
        "delivery_priority": rng.choice(("normal", "high", "urgent"), size=n,
                                        p=(0.75, 0.2, 0.05)).tolist(),
        "payment_terms": [f"NET{terms[c]}" for c in cust],
        "incoterms": rng.choice(INCOTERMS, size=n).tolist(),
        "customer_po_number": [f"CPO-{int(x)}" for x in rng.integers(100000, 999999, n)],
        "created_by": _pick_person(rng, master["planners"],
                                   master["factories"]["factory_id"][
                                       rng.integers(len(master["factories"]["factory_id"]),
                                                    size=n)]),
        "created_at": created,
    }
    # Lines: products the customer has agreements for (priced by the agreement valid at the
    # order date), else any product at standard cost plus margin.
    fg = {pid: mid for mid, pid in zip(materials["material_id"], materials["product_id"],
                                       strict=True) if pid is not None}
    std = dict(zip(materials["material_id"], materials["standard_cost"], strict=True))
    plants = _product_plants(master)
    products = [pid for pid in master["products"]["product_id"] if plants.get(pid)]
    ag = master["agreements"]
    agreements: dict[str, list[tuple]] = defaultdict(list)
    for c, pid, vf, vt, price in zip(ag["customer_id"], ag["product_id"], ag["valid_from"],
                                     ag["valid_to"], ag["price"], strict=True):
        if plants.get(pid):
            agreements[c].append((pid, vf, vt, price))
    lrng = ctx.rng("sales_order_lines")
    lines: dict[str, list] = defaultdict(list)
    counts = lrng.integers(p["lines_per_sales_order"][0], p["lines_per_sales_order"][1] + 1, n)
    mto = p["make_to_order_share"]
    li = 0
    for i in range(n):
        options = sorted({a[0] for a in agreements.get(cust[i], [])})
        if len(options) < counts[i]:  # too few agreed products: top up from the range
            options += [pid for pid in products if pid not in options]
        chosen = lrng.choice(len(options), size=min(int(counts[i]), len(options)), replace=False)
        share = float(lrng.uniform(mto[0], mto[1]))
        for ln, j in enumerate(sorted(chosen), 1):
            pid = options[j]
            li += 1
            mid = fg[pid]
            price = None
            for apid, vf, vt, aprice in agreements.get(cust[i], []):
                if apid == pid and vf <= order_date[i] and (vt is None or np.isnat(vt)
                                                            or order_date[i] <= vt):
                    price = aprice
            if price is None:
                price = std[mid] * float(lrng.uniform(1.25, 1.6))
            plant_pool = plants[pid]
            lines["sales_order_line_id"].append(f"SOL-{li:07d}")
            lines["sales_order_id"].append(ids[i])
            lines["line_number"].append(10 * ln)
            lines["material_id"].append(mid)
            lines["product_id"].append(pid)
            lines["plant_id"].append(plant_pool[int(lrng.integers(len(plant_pool)))])
            lines["order_quantity"].append(int(lrng.integers(2, 40)) * 10)
            lines["unit_price"].append(round(float(price), 4))
            lines["discount_percentage"].append(float(lrng.choice((0, 0, 0, 2, 5))))
            lines["requested_delivery_date"].append(requested[i])
            lines["make_to_order"].append(bool(lrng.random() < share))
            lines["created_at"].append(created[i] + int(lrng.integers(1, 15)) * MINUTE)
    lines["requested_delivery_date"] = np.array(lines["requested_delivery_date"],
                                                dtype="datetime64[D]")
    lines["created_at"] = np.array(lines["created_at"], dtype="datetime64[s]")
    lines["order_quantity"] = np.array(lines["order_quantity"], dtype=np.int64)
    return sales, dict(lines)


def _production_orders(ctx: SeedContext, mes: dict, master: dict, materials: dict, boms: dict,
                       routing: dict, operations: dict, sales: dict, lines: dict) -> dict:
    """work_orders_per_day x MES days of orders, released 1:1 to MES work orders. A make-to-
    order line ordered shortly before a day's start gets its own production order on a line in
    the sales line's plant; the rest of the day's orders are made to stock."""
    rng = ctx.rng("production_orders")
    as_of = np.datetime64(ctx.as_of, "D")
    days = mes["days_of_history"]
    lo, hi = mes["work_orders_per_day"]
    per_day = rng.integers(lo, hi + 1, days)
    fg = {pid: mid for mid, pid in zip(materials["material_id"], materials["product_id"],
                                       strict=True) if pid is not None}
    bom_of = {pid: b for b, pid in zip(boms["bom_id"], boms["product_id"], strict=True)}
    routings: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    minutes: dict[str, float] = defaultdict(float)
    for rid, t in zip(operations["routing_id"], operations["machine_time"], strict=True):
        minutes[rid] += t
    for rid, pid, fid, lid in zip(routing["routing_id"], routing["product_id"],
                                  routing["plant_id"], routing["line_id"], strict=True):
        routings[(pid, fid)].append((rid, lid))
    all_routings = list(zip(routing["routing_id"], routing["product_id"], routing["plant_id"],
                            routing["line_id"], strict=True))
    so_created = dict(zip(sales["sales_order_id"], sales["created_at"], strict=True))
    so_date = dict(zip(sales["sales_order_id"], sales["order_date"], strict=True))
    # Candidate make-to-order lines by order date.
    mto_lines = [i for i, flag in enumerate(lines["make_to_order"]) if flag]
    by_date: dict[np.datetime64, list[int]] = defaultdict(list)
    for i in mto_lines:
        by_date[so_date[lines["sales_order_id"][i]]].append(i)
    used: set[int] = set()
    rows: dict[str, list] = defaultdict(list)
    k = 0
    for d in range(days):
        day = as_of - (days - d) * DAY
        window = [i for back in range(2, 22) for i in by_date.get(day - back * DAY, [])
                  if i not in used]
        window.sort()
        for _ in range(int(per_day[d])):
            k += 1
            line_idx = None
            if window and rng.random() < 0.8:
                line_idx = window.pop(int(rng.integers(len(window))))
            if line_idx is not None:
                pid = lines["product_id"][line_idx]
                plant = lines["plant_id"][line_idx]
                rid, lid = routings[(pid, plant)][int(rng.integers(len(routings[(pid, plant)])))]
                used.add(line_idx)
                so = lines["sales_order_id"][line_idx]
                qty = int(lines["order_quantity"][line_idx])
                priority = int(rng.integers(1, 4))
                earliest = so_created[so] + int(rng.integers(30, 240)) * MINUTE
            else:
                rid, pid, plant, lid = all_routings[int(rng.integers(len(all_routings)))]
                so, qty, priority, earliest = None, int(rng.integers(5, 60)) * 10, \
                    int(rng.integers(3, 6)), None
            start_ts = day.astype("datetime64[s]")
            created = start_ts - int(rng.integers(1, 5)) * DAY + int(
                rng.integers(7 * 60, 17 * 60)) * MINUTE
            if earliest is not None and created < earliest:
                created = earliest
            released = created + (start_ts - created) * float(rng.uniform(0.2, 0.8))
            released = released.astype("datetime64[s]")
            run_days = int(np.ceil(qty * minutes[rid] / 60.0 / 20.0))
            rows["production_order_id"].append(f"PRD-{k:06d}")
            rows["production_order_number"].append(f"{60000000 + k}")
            rows["work_order_id"].append(f"WO-{k:06d}")
            rows["material_id"].append(fg[pid])
            rows["product_id"].append(pid)
            rows["plant_id"].append(plant)
            rows["line_id"].append(lid)
            rows["routing_id"].append(rid)
            rows["bom_id"].append(bom_of[pid])
            rows["sales_order_id"].append(so)
            rows["sales_order_line"].append(None if line_idx is None
                                            else int(lines["line_number"][line_idx]))
            rows["order_type"].append("production")
            rows["order_quantity"].append(qty)
            rows["priority"].append(priority)
            rows["basic_start_date"].append(day)
            rows["basic_end_date"].append(day + min(max(run_days, 0), 6) * DAY)
            rows["created_at"].append(created)
            rows["released_at"].append(released)
    n = k
    plants = np.array(rows["plant_id"], dtype=object)
    rows["created_by"] = _pick_person(rng, master["planners"], plants)
    rows["released_by"] = _pick_person(rng, master["planners"], plants)
    for key in ("basic_start_date", "basic_end_date"):
        rows[key] = np.array(rows[key], dtype="datetime64[D]")
    for key in ("created_at", "released_at"):
        rows[key] = np.array(rows[key], dtype="datetime64[s]")
    rows["order_quantity"] = np.array(rows["order_quantity"], dtype=np.int64)
    rows["priority"] = np.array(rows["priority"], dtype=np.int64)
    assert len(rows["work_order_id"]) == n
    return dict(rows)


def _purchasing(ctx: SeedContext, p: dict, master: dict, materials: dict, cost_centers: dict,
                start: np.datetime64) -> tuple[dict, dict, dict, dict, dict]:
    rng = ctx.rng("purchase_orders")
    as_of = np.datetime64(ctx.as_of, "D")
    days = p["days_of_history"]
    per_day = rng.integers(p["purchase_orders_per_day"][0], p["purchase_orders_per_day"][1] + 1,
                           days)
    n = int(per_day.sum())
    po_date = start + np.repeat(np.arange(days), per_day) * DAY
    purchased = [i for i, t in enumerate(materials["material_type"]) if t != "finished_good"]
    by_supplier: dict[str, list[int]] = defaultdict(list)
    for i in purchased:
        by_supplier[materials["default_supplier_id"][i]].append(i)
    supplier_ids = sorted(by_supplier)
    plants = master["factories"]["factory_id"]
    plant_cc = {}
    for cc, plant, group in zip(cost_centers["cost_center_id"], cost_centers["plant_id"],
                                cost_centers["cost_center_group"], strict=True):
        if group in ("production", "maintenance") and plant is not None:
            plant_cc.setdefault((plant, group), cc)
    pos: dict[str, list] = defaultdict(list)
    pol: dict[str, list] = defaultdict(list)
    reqs: dict[str, list] = defaultdict(list)
    rql: dict[str, list] = defaultdict(list)
    grs: dict[str, list] = defaultdict(list)
    li = ri = rli = gi = 0
    share = p["requisition_share"]
    for i in range(n):
        pid = f"PUR-{i + 1:06d}"
        sup = supplier_ids[int(rng.integers(len(supplier_ids)))]
        plant = plants[int(rng.integers(len(plants)))]
        created = po_date[i].astype("datetime64[s]") + int(rng.integers(8 * 60, 17 * 60)) * MINUTE
        released = created + int(rng.integers(10, 300)) * MINUTE
        buyer = _pick_person(rng, master["planners"], np.array([plant]))
        approver = _pick_person(rng, master["managers"], np.array([plant]))[0]
        pos["purchase_order_id"].append(pid)
        pos["po_number"].append(f"{4500000000 + i + 1}")
        pos["supplier_id"].append(sup)
        pos["po_date"].append(po_date[i])
        pos["po_type"].append("standard")
        pos["payment_terms"].append(str(rng.choice(PAYMENT_TERMS)))
        pos["incoterms"].append(str(rng.choice(INCOTERMS)))
        pos["freight_charges"].append(round(float(rng.uniform(0, 400)), 2))
        pos["created_by"].append(buyer[0])
        pos["created_at"].append(created)
        pos["released_by"].append(approver)
        pos["released_at"].append(released)
        pool = by_supplier[sup]
        k = int(rng.integers(p["lines_per_purchase_order"][0],
                             p["lines_per_purchase_order"][1] + 1))
        chosen = sorted(rng.choice(len(pool), size=min(k, len(pool)), replace=False))
        req_id = None
        if rng.random() < rng.uniform(share[0], share[1]):
            ri += 1
            req_id = f"PRQ-{ri:06d}"
            req_date = po_date[i] - int(rng.integers(1, 8)) * DAY
            req_created = req_date.astype("datetime64[s]") + int(
                rng.integers(8 * 60, 16 * 60)) * MINUTE
            reqs["requisition_id"].append(req_id)
            reqs["requisition_number"].append(f"{10000000 + ri}")
            reqs["requisition_type"].append("stock")
            reqs["requisition_date"].append(req_date)
            reqs["required_date"].append(po_date[i] + 14 * DAY)
            reqs["requester_id"].append(_pick_person(rng, master["staff"], np.array([plant]))[0])
            reqs["cost_center_id"].append(plant_cc.get((plant, "production")))
            reqs["plant_id"].append(plant)
            reqs["priority"].append(str(rng.choice(("normal", "high", "urgent"),
                                                   p=(0.7, 0.25, 0.05))))
            reqs["approved_by"].append(approver)
            approved = req_created + int(rng.integers(30, 600)) * MINUTE
            reqs["approved_at"].append(min(approved, created - MINUTE))
            reqs["created_at"].append(req_created)
        for ln, j in enumerate(chosen, 1):
            m = pool[j]
            mtype = materials["material_type"][m]
            spec = TYPE_SPECS[mtype]
            li += 1
            line_id = f"POL-{li:07d}"
            qty = int(rng.integers(*spec["order_qty"]) // 10 * 10) or 10
            price = round(float(materials["standard_cost"][m]) * float(rng.uniform(0.92, 1.08)), 4)
            delivery = po_date[i] + int(materials["lead_time_days"][m]) * DAY
            cc = plant_cc.get((plant, "maintenance" if mtype == "consumable" else "production"))
            req_line = None
            if req_id is not None:
                rli += 1
                req_line = ln * 10
                rql["requisition_line_id"].append(f"PRL-{rli:07d}")
                rql["requisition_id"].append(req_id)
                rql["line_number"].append(req_line)
                rql["material_id"].append(materials["material_id"][m])
                rql["quantity"].append(qty)
                rql["delivery_date"].append(delivery)
                rql["estimated_price"].append(float(materials["standard_cost"][m]))
                rql["cost_center_id"].append(cc)
                rql["created_at"].append(reqs["created_at"][-1])
            pol["po_line_id"].append(line_id)
            pol["purchase_order_id"].append(pid)
            pol["line_number"].append(10 * ln)
            pol["material_id"].append(materials["material_id"][m])
            pol["order_quantity"].append(qty)
            pol["unit_price"].append(price)
            pol["delivery_date"].append(delivery)
            pol["plant_id"].append(plant)
            pol["storage_location"].append(spec["location"])
            pol["cost_center_id"].append(cc)
            pol["requisition_id"].append(req_id)
            pol["requisition_line"].append(req_line)
            pol["created_at"].append(created)
            # Goods receipts: around the delivery date, after the PO, before the as-of date;
            # one in ten deliveries arrives in two parts.
            arrive = delivery + int(rng.integers(-2, 7)) * DAY
            arrive = max(arrive, po_date[i] + DAY)
            parts = [qty]
            if rng.random() < 0.1:
                first = int(qty * float(rng.uniform(0.4, 0.8)))
                parts = [first, qty - first]
            when = arrive
            for q in parts:
                if when >= as_of or q <= 0:
                    break
                gi += 1
                grs["goods_receipt_id"].append(f"GR-{gi:07d}")
                grs["gr_number"].append(f"{5000000000 + gi}")
                grs["po_line_id"].append(line_id)
                grs["purchase_order_id"].append(pid)
                grs["received_at"].append(when.astype("datetime64[s]") + int(
                    rng.integers(6 * 60, 18 * 60)) * MINUTE)
                grs["quantity_received"].append(q)
                grs["batch_number"].append(f"B{str(when).replace('-', '')}{gi % 1000:03d}")
                grs["delivery_note"].append(f"DN-{int(rng.integers(100000, 999999))}")
                grs["created_by"].append(_pick_person(rng, master["staff"],
                                                      np.array([plant]))[0])
                when = when + int(rng.integers(3, 10)) * DAY
    def arr(d: dict, dates=(), stamps=(), ints=()) -> dict:
        for key in dates:
            d[key] = np.array(d.get(key, []), dtype="datetime64[D]")
        for key in stamps:
            d[key] = np.array(d.get(key, []), dtype="datetime64[s]")
        for key in ints:
            d[key] = np.array(d.get(key, []), dtype=np.int64)
        return dict(d)

    return (
        arr(reqs, dates=("requisition_date", "required_date"),
            stamps=("approved_at", "created_at")),
        arr(rql, dates=("delivery_date",), stamps=("created_at",), ints=("quantity",)),
        arr(pos, dates=("po_date",), stamps=("created_at", "released_at")),
        arr(pol, dates=("delivery_date",), stamps=("created_at",), ints=("order_quantity",)),
        arr(grs, stamps=("received_at",), ints=("quantity_received",)),
    )


def _opening_stock(ctx: SeedContext, master: dict, materials: dict, boms: dict,
                   components: dict, production: dict, lines: dict,
                   start: np.datetime64) -> dict[str, Any]:
    """Stock at the start of the history: every purchased material in every plant, at least
    the most the MES may consume of it (contract bound, +5 %), and per plant the finished goods
    that customers receive from stock (lines without a production order due before as-of)."""
    rng = ctx.rng("opening_stock")
    as_of = np.datetime64(ctx.as_of, "D")
    need: dict[tuple[str, str], float] = defaultdict(float)
    bom_parts: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    base = dict(zip(boms["bom_id"], boms["base_quantity"], strict=True))
    for bom, mid, qty, scrap in zip(components["bom_id"], components["material_id"],
                                    components["component_quantity"],
                                    components["component_scrap_percentage"], strict=True):
        bom_parts[bom].append((mid, qty / base[bom], scrap))
    for bom, plant, qty in zip(production["bom_id"], production["plant_id"],
                               production["order_quantity"], strict=True):
        for mid, per, scrap in bom_parts[bom]:
            need[(mid, plant)] += float(qty) * per * (1 + scrap / 100) * 1.10 * 1.05
    served = {(so, ln) for so, ln in zip(production["sales_order_id"],
                                         production["sales_order_line"], strict=True) if so}
    for so, ln, mid, plant, qty, due in zip(lines["sales_order_id"], lines["line_number"],
                                            lines["material_id"], lines["plant_id"],
                                            lines["order_quantity"],
                                            lines["requested_delivery_date"], strict=True):
        if (so, int(ln)) not in served and due < as_of:
            need[(mid, plant)] += float(qty)
    plants = master["factories"]["factory_id"]
    location = {t: s["location"] for t, s in TYPE_SPECS.items()}
    location["finished_good"] = FG_LOCATION
    rows: dict[str, list] = defaultdict(list)
    for i, mid in enumerate(materials["material_id"]):
        mtype = materials["material_type"][i]
        for plant in plants:
            base_qty = need.get((mid, plant), 0.0)
            if mtype == "finished_good" and base_qty == 0:
                continue
            buffer = float(materials["safety_stock"][i]) * float(rng.uniform(1.0, 2.0))
            rows["material_id"].append(mid)
            rows["plant_id"].append(plant)
            rows["storage_location"].append(location[mtype])
            rows["quantity"].append(int(np.ceil(base_qty + buffer)))
            rows["unit_cost"].append(float(materials["standard_cost"][i]))
    n = len(rows["material_id"])
    rows["quantity"] = np.array(rows["quantity"], dtype=np.int64)
    rows["posted_at"] = np.full(n, (start - DAY).astype("datetime64[s]"))
    return dict(rows)
