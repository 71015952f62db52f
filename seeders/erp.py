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

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from genims.params import Count, Flag, Range, Weights
from seeders.engine import SeedContext, history_days, raw_table
from seeders.gen import (
    DAY,
    HOUR,
    MINUTE,
    Rows,
    concat,
    count,
    counts,
    id_of,
    ids,
    one_of,
    within_hours,
)
from seeders.plan import Amount, Estimate, estimate

NAME = "erp"
REQUIRES = ("master",)
# ERP's inventory marts are derived from MES bookings: its models need manufacturing
# in the same build (manufacturing requires erp, whose orders it executes).
BUILT_WITH = ("manufacturing",)

MATERIAL_TYPES = ("raw_material", "component", "consumable", "packaging")


PARAMETERS = {
    "days_of_history": Count("days of ERP order history up to the as-of instant", minimum=1),
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
    "mrp_runs_per_plant": Count("weekly MRP runs per plant, the last one on the latest day "
                                "begun before the as-of instant", minimum=1),
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
        # NULL: every component is on hand at release. Otherwise a component is short until
        # this instant (its goods receipt): MES starts no operation consuming it before then.
        "material_available_at TIMESTAMP",
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
LINE_ENTRY_MINUTES = (1, 15)  # a sales order's lines are entered 1-14 minutes after it
STOCK_DELIVERY_HOUR = 10  # lines served from stock ship at 10:00 on their requested date
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

# --------------------------------------------------------------------------- helpers


def material_type_counts(p: dict[str, Any], products: int) -> dict[str, int]:
    """Purchased materials per type: `materials - products` split by the mix (at least one
    raw material, component and packaging item, which every BOM draws from)."""
    mix = p["material_type_mix"]
    total = max(p["materials"] - products, 0)
    weights = np.array([mix[t] for t in MATERIAL_TYPES], dtype=float)
    share = weights / weights.sum() * total
    whole = np.floor(share).astype(int)
    for i in np.argsort(-(share - whole), kind="stable")[: total - whole.sum()]:
        whole[i] += 1
    out = dict(zip(MATERIAL_TYPES, whole.tolist(), strict=True))
    for needed in ("raw_material", "component", "packaging"):
        out[needed] = max(out[needed], 1)
    return out


# --------------------------------------------------------------------------- plan


def plan(config: Any) -> list[Estimate]:
    """Expected, lowest and highest row count of the tables whose size the config fixes."""
    p = config[NAME]
    m = config["master"]
    mes = config["manufacturing"]
    products = m["products"]
    materials = products + sum(material_type_counts(p, products).values())
    # documents entered during the day: the as-of day has only its part up to the instant
    so_far = (config.as_of - config.as_of.replace(hour=0, minute=0, second=0)) / dt.timedelta(days=1)
    days = Amount(p["days_of_history"] + so_far, p["days_of_history"],
                  len(history_days(config.as_of, p["days_of_history"])))
    sales_orders = days * p["sales_orders_per_day"]
    purchase_orders = days * p["purchase_orders_per_day"]
    factories = Amount.exact(m["factories"])
    machines = factories * m["lines_per_factory"] * m["machines_per_line"]
    # a corporate cost center, one per department of each plant, one per production line
    cost_centers = Amount.exact(1) + factories * len(DEPARTMENTS) \
        + factories * m["lines_per_factory"]
    return [
        estimate("erp", "materials", materials),
        estimate("erp", "suppliers", p["suppliers"]),
        estimate("erp", "bill_of_materials", products),
        estimate("erp", "bom_components", Amount.exact(products) * mes["materials_per_order"]),
        estimate("erp", "work_centers", machines),
        estimate("erp", "sales_orders", sales_orders),
        estimate("erp", "sales_order_lines", sales_orders * p["lines_per_sales_order"]),
        estimate("erp", "production_orders",
                 Amount.exact(len(history_days(config.as_of, mes["days_of_history"])))
                 * mes["work_orders_per_day"]),
        estimate("erp", "purchase_orders", purchase_orders),
        estimate("erp", "purchase_order_lines", purchase_orders * p["lines_per_purchase_order"]),
        estimate("erp", "cost_centers", cost_centers),
        estimate("erp", "mrp_runs", m["factories"] * p["mrp_runs_per_plant"]),
    ]


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    mes = ctx.config["manufacturing"]
    master = _read_master(ctx)
    start = ctx.history_days(p["days_of_history"])[0]
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

    sales, lines = _sales_orders(ctx, p, master, materials)
    yield "sales_orders", sales
    yield "sales_order_lines", lines
    production = _production_orders(ctx, mes, master, materials, boms, routing, operations,
                                    sales, lines)
    yield "production_orders", production
    reqs, req_lines, pos, po_lines, receipts = _purchasing(ctx, p, master, materials,
                                                          cost_centers)
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
    # a routing's bottleneck runs at the line's cycle time for the product (its trials' mean)
    pairs = ctx.read("master", "line_product_trials",
                     "DISTINCT line_id, product_id, avg(cycle_time_seconds) OVER "
                     "(PARTITION BY line_id, product_id)::float8 AS cycle_s",
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
        out.append(one_of(rng, pool))
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
    return {
        "supplier_id": ids("SUP", n, 4),
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
        "created_at": within_hours(rng, setup_day - rng.integers(30, 1500, n) * DAY, (8, 18)),
    }


def _cost_centers(ctx: SeedContext, master: dict, setup_day: np.datetime64) -> dict[str, Any]:
    """A corporate cost center, one per department of each plant, one per production line
    (under its plant's production cost center)."""
    rng = ctx.rng("cost_centers")
    rows = Rows(RAW_TABLES, "cost_centers")

    def add(cc: str, name: str, group: str, parent: str | None, plant: str | None,
            person: str | None, category: str) -> None:
        rows.add(cost_center_id=cc, cost_center_code=f"{1000 + len(rows)}",
                 cost_center_name=name, cost_center_group=group, parent_cost_center_id=parent,
                 plant_id=plant, responsible_person=person, cost_center_category=category)

    corporate = id_of("CC", 0, 4)
    add(corporate, "Corporate", "corporate", None, None, None, "admin")
    for fid in master["factories"]["factory_id"]:
        plant_cc = {}
        for dept in DEPARTMENTS:
            plant_cc[dept] = cc = id_of("CC", len(rows), 4)
            person = _pick_person(rng, master["managers"], np.array([fid]))[0]
            category = "production" if dept == "production" else (
                "service" if dept in ("maintenance", "logistics") else "admin")
            add(cc, f"{fid} {dept.title()}", dept, corporate, fid, person, category)
        for lid, lfid in zip(master["lines"]["line_id"], master["lines"]["factory_id"],
                             strict=True):
            if lfid != fid:
                continue
            cc = id_of("CC", len(rows), 4)
            person = _pick_person(rng, master["managers"], np.array([fid]))[0]
            add(cc, f"{lid} Production", "production_line", plant_cc["production"], fid,
                person, "production")
    valid = np.full(len(rows), setup_day - 365 * DAY)
    return rows.chunk(valid_from=valid, created_at=within_hours(rng, valid, (8, 18)))


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
        "work_center_id": ids("WC", n, 5),
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
        "created_at": within_hours(rng, np.full(n, setup_day) - rng.integers(30, 700, n) * DAY, (8, 18)),
    }


def _purchased_materials(ctx: SeedContext, p: dict, master: dict, suppliers: dict,
                         setup_day: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("materials")
    per_type = material_type_counts(p, len(master["products"]["product_id"]))
    rows = Rows(RAW_TABLES, "materials")
    created: list[np.datetime64] = []
    sup = suppliers["supplier_id"]
    # Each supplier serves one material type (primarily), so purchase orders group naturally.
    sup_type = [MATERIAL_TYPES[i % len(MATERIAL_TYPES)] for i in range(len(sup))]
    for mtype in MATERIAL_TYPES:
        spec = TYPE_SPECS[mtype]
        pool = [s for s, t in zip(sup, sup_type, strict=True) if t == mtype] or list(sup)
        for k in range(per_type[mtype]):
            index = len(rows) + 1
            base = spec["names"][k % len(spec["names"])]
            variant = k // len(spec["names"])
            grade = f" {chr(65 + variant % 26)}{variant // 26 + 1}" if variant else ""
            size = int(rng.integers(1, 99))
            cost = float(np.exp(rng.uniform(*np.log(spec["cost"]))))
            rows.add(
                material_id=id_of("MAT", index, 5),
                material_code=f"{mtype[:2].upper()}-{index:05d}",
                material_name=f"{base}{grade} {size:02d}", material_type=mtype,
                material_group=base.split()[0].lower(), product_family=None,
                base_unit_of_measure=spec["unit"],
                weight_kg=1.0 if spec["unit"] == "KG" else round(float(rng.uniform(0.01, 3.0)), 4),
                procurement_type="buy", default_supplier_id=one_of(rng, pool),
                lead_time_days=int(rng.integers(*spec["lead"])),
                minimum_order_quantity=float(rng.integers(*spec["moq"]) // 10 * 10),
                safety_stock=float(rng.integers(*spec["moq"]) // 2),
                standard_cost=round(cost, 2) if cost >= 0.01 else 0.01,
                inspection_required=mtype in ("raw_material", "component")
                and bool(rng.random() < 0.5),
                shelf_life_days=int(rng.integers(180, 720))
                if mtype in ("consumable", "raw_material") else None,
                mrp_type="lot_for_lot" if mtype != "consumable" else "reorder_point",
                lot_sizing_procedure="lot_for_lot" if mtype != "packaging" else "fixed",
                product_id=None, created_by="SYSTEM",
            )
            created.append(setup_day - int(rng.integers(60, 900)) * DAY)
    return rows.chunk(created_at=within_hours(rng, np.array(created, dtype="datetime64[D]"),
                                              (8, 18)))


def _operations_per_product(ctx: SeedContext, master: dict, bounds: tuple[int, int]) -> dict:
    rng = ctx.rng("operations_per_product")
    products = master["products"]["product_id"]
    return dict(zip(products, counts(rng, bounds, len(products)).tolist(),
                    strict=True))


def _routings(ctx: SeedContext, master: dict, work_centers: dict, n_ops: dict,
              setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("routing")
    products = master["products"]
    line_wcs: dict[str, list[int]] = defaultdict(list)
    for i, lid in enumerate(work_centers["line_id"]):
        line_wcs[lid].append(i)
    routings = Rows(RAW_TABLES, "routing")
    ops = Rows(RAW_TABLES, "routing_operations")
    fg_of = {pid: f"FG-{pid}" for pid in products["product_id"]}  # replaced by material ids
    pairs = master["pairs"]
    for r, (lid, pid, cycle) in enumerate(zip(pairs["line_id"], pairs["product_id"],
                                              pairs["cycle_s"], strict=True), 1):
        rid = id_of("RTG", r, 5)
        routings.add(
            routing_id=rid, routing_number=f"{50000000 + r}", material_id=fg_of[pid],
            product_id=pid, plant_id=master["line_factory"][lid], line_id=lid,
            base_quantity=1.0, lot_size_from=1.0, lot_size_to=99999.0,
            valid_from=setup_day - int(rng.integers(30, 400)) * DAY, created_by="SYSTEM",
        )
        wcs = line_wcs[lid]
        chosen = sorted(rng.choice(len(wcs), size=min(n_ops[pid], len(wcs)), replace=False))
        chosen = [wcs[c] for c in chosen]
        while len(chosen) < n_ops[pid]:  # a short line: the last machine does several steps
            chosen.append(wcs[-1])
        # minutes per unit: the operations of a line run in parallel, paced by the slowest
        # (the bottleneck, at the line's cycle time)
        share = rng.uniform(0.5, 1.0, len(chosen))
        share[rng.integers(len(chosen))] = 1.0
        for k, w in enumerate(chosen, 1):
            mtype = str(master["machines"]["machine_type"][w])
            setup = round(float(rng.uniform(10, 60)), 2)
            machine = float(cycle) / 60.0 * share[k - 1]
            labor = round(max(machine * float(rng.uniform(0.3, 1.0)), 0.01), 2)
            ops.add(
                operation_id=id_of("OPR", len(ops) + 1, 6), routing_id=rid,
                operation_number=10 * k,
                operation_short_text=f"{OPERATION_TEXT.get(mtype, mtype)} step {k}",
                work_center_id=work_centers["work_center_id"][w],
                control_key="PP01" if mtype != "testing" else "QM01", setup_time=setup,
                machine_time=round(max(machine, 0.01), 2), labor_time=labor,
                base_quantity=1.0, activity_type="machine" if mtype != "assembly" else "labor",
            )
    routing = routings.chunk()
    valid = np.array(routing["valid_from"], dtype="datetime64[D]")
    routing["created_at"] = within_hours(rng, valid - 5 * DAY, (8, 18))
    operations = ops.chunk()
    created = dict(zip(routing["routing_id"], routing["created_at"], strict=True))
    operations["created_at"] = np.array(
        [created[r] for r in operations["routing_id"]], dtype="datetime64[s]"
    ) + rng.integers(1, 120, len(ops)) * MINUTE
    return routing, operations


def _boms(ctx: SeedContext, master: dict, materials: dict, n_ops: dict,
          bounds: tuple[int, int], setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("bill_of_materials")
    mtype = np.array(materials["material_type"], dtype=object)
    mids = np.array(materials["material_id"], dtype=object)
    by_type = {t: mids[mtype == t] for t in ("raw_material", "component", "packaging")}
    units = dict(zip(materials["material_id"], materials["base_unit_of_measure"], strict=True))
    products = master["products"]
    boms = Rows(RAW_TABLES, "bill_of_materials")
    comps = Rows(RAW_TABLES, "bom_components")
    for b, pid in enumerate(products["product_id"], 1):
        bom_id = id_of("BOM", b, 5)
        valid = setup_day - int(rng.integers(30, 400)) * DAY
        boms.add(
            bom_id=bom_id, bom_number=f"{30000000 + b}",
            parent_material_id=pid,  # replaced by the finished good's material id
            product_id=pid, base_quantity=1.0, base_unit="EA",
            lot_size=float(rng.choice((50, 100, 200, 500))),
            scrap_percentage=round(float(rng.uniform(0, 3)), 2), valid_from=valid,
            revision=f"R{int(rng.integers(1, 6))}", is_current_revision=True,
            created_by="SYSTEM",
        )
        k = count(rng, bounds)
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
            unit = units[mid]
            qty = (round(float(rng.uniform(0.05, 4.0)), 3) if unit == "KG"
                   else float(rng.integers(1, 5)))
            scrap = round(float(rng.uniform(0, 5)), 2)
            last_op = n_ops[pid]
            op = last_op if t == "packaging" else int(rng.integers(1, last_op + 1))
            comps.add(
                component_id=id_of("BOMC", len(comps) + 1, 6), bom_id=bom_id,
                item_number=10 * item, material_id=mid, component_quantity=qty,
                component_unit=unit, component_scrap_percentage=scrap,
                operation_number=10 * op, backflush=t != "raw_material", valid_from=valid,
            )
    bom_chunk, comp_chunk = boms.chunk(), comps.chunk()
    bom_chunk["created_at"] = within_hours(
        rng, np.array(bom_chunk["valid_from"], dtype="datetime64[D]") - 3 * DAY, (8, 18))
    comp_chunk["created_at"] = within_hours(
        rng, np.array(comp_chunk["valid_from"], dtype="datetime64[D]") - 3 * DAY, (8, 18)
    ) + 23 * HOUR
    return bom_chunk, comp_chunk


def _add_finished_goods(ctx: SeedContext, master: dict, materials: dict, boms: dict,
                        components: dict, routing: dict, operations: dict, work_centers: dict,
                        setup_day: np.datetime64) -> dict[str, Any]:
    """One finished-good material per master product, its standard cost rolled up from its
    BOM (components incl. scrap) and its first routing (machine and labor time)."""
    rng = ctx.rng("finished_goods")
    products = master["products"]
    fg_id = dict(zip(products["product_id"],
                     ids("MAT", len(products["product_id"]), 5,
                         start=len(materials["material_id"]) + 1), strict=True))
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
    goods = Rows(RAW_TABLES, "materials")
    for i, pid in enumerate(products["product_id"]):
        goods.add(
            material_id=fg_id[pid], material_code=f"FG-{products['product_code'][i]}",
            material_name=str(products["product_name"][i])[:200], material_type="finished_good",
            material_group=products["product_category"][i],
            product_family=str(products["product_category"][i]), base_unit_of_measure="EA",
            weight_kg=round(float(products["weight"][i]), 4), procurement_type="make",
            default_supplier_id=None, lead_time_days=int(rng.integers(2, 10)),
            minimum_order_quantity=10.0, safety_stock=float(rng.integers(20, 100)),
            standard_cost=round(material_cost[pid] + conversion[pid], 2),
            inspection_required=True, shelf_life_days=None, mrp_type="lot_for_lot",
            lot_sizing_procedure="lot_for_lot", product_id=pid, created_by="SYSTEM",
            created_at=np.datetime64(setup_day - int(rng.integers(400, 800)) * DAY, "s")
            + 9 * HOUR,
        )
    return concat([materials, goods.chunk()])


def _inspection_plans(ctx: SeedContext, p: dict, materials: dict,
                      setup_day: np.datetime64) -> tuple[dict, dict]:
    rng = ctx.rng("inspection_plans")
    plans = Rows(RAW_TABLES, "inspection_plans")
    chars = Rows(RAW_TABLES, "inspection_characteristics")
    picked = [i for i, req in enumerate(materials["inspection_required"]) if req]
    for k, i in enumerate(picked, 1):
        pid = id_of("IPL", k, 5)
        fg = materials["material_type"][i] == "finished_good"
        size = int(rng.choice((5, 8, 13, 20, 32)))
        plans.add(
            inspection_plan_id=pid, plan_number=f"{70000000 + k}",
            material_id=materials["material_id"][i], plant_id=None,
            plan_usage="production" if fg else "goods_receipt",
            inspection_type="sample" if fg else str(rng.choice(("sample", "skip_lot"))),
            sample_size=size, sample_unit="EA",
            sampling_procedure=str(rng.choice(("AQL 1.0", "AQL 0.65", "AQL 2.5"))),
            inspection_interval_days=int(rng.choice((1, 7, 30))),
        )
        n = count(rng, p["characteristics_per_plan"])
        for j in rng.choice(len(CHARACTERISTICS), size=min(n, len(CHARACTERISTICS)),
                            replace=False):
            name, kind, unit, method, device, target = CHARACTERISTICS[j]
            tol = None if target is None else round(target * float(rng.uniform(0.01, 0.08)), 4)
            chars.add(
                characteristic_id=id_of("ICH", len(chars) + 1, 6), inspection_plan_id=pid,
                characteristic_name=name, characteristic_type=kind, target_value=target,
                lower_spec_limit=None if target is None else round(target - tol, 4),
                upper_spec_limit=None if target is None else round(target + tol, 4),
                unit_of_measure=unit, inspection_method=method, measurement_device=device,
                sample_size=size,
                characteristic_class=str(rng.choice(("critical", "major", "minor"),
                                                    p=(0.2, 0.5, 0.3))),
            )
    k = len(plans)
    plan_chunk = plans.chunk(created_at=within_hours(
        rng, np.full(k, setup_day) - rng.integers(1, 200, k) * DAY, (8, 18)))
    created = dict(zip(plan_chunk["inspection_plan_id"], plan_chunk["created_at"], strict=True))
    char_chunk = chars.chunk()
    char_chunk["created_at"] = np.array(
        [created[x] for x in char_chunk["inspection_plan_id"]], dtype="datetime64[s]"
    ) + 10 * MINUTE
    return plan_chunk, char_chunk


def _product_plants(master: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for lid, pid in zip(master["pairs"]["line_id"], master["pairs"]["product_id"], strict=True):
        fid = master["line_factory"][lid]
        if fid not in out[pid]:
            out[pid].append(fid)
    return out


def _sales_orders(ctx: SeedContext, p: dict, master: dict, materials: dict) -> tuple[dict, dict]:
    rng = ctx.rng("sales_orders")
    days = ctx.history_days(p["days_of_history"])
    per_day = counts(rng, p["sales_orders_per_day"], len(days))
    order_date = np.repeat(days, per_day)
    created = within_hours(rng, order_date, (7, 19))
    # An order is on the books once its lines are entered: not the ones still being entered
    # at the as-of instant.
    entered = created + (LINE_ENTRY_MINUTES[1] - 1) * MINUTE < np.datetime64(ctx.as_of, "s")
    order_date, created = order_date[entered], created[entered]
    n = len(order_date)
    customers = master["customers"]["customer_id"]
    terms = dict(zip(customers, master["customers"]["terms"], strict=True))
    cust = customers[rng.integers(len(customers), size=n)] if n else np.array([], dtype=object)
    lead = rng.integers(7, 35, n)
    requested = order_date + lead * DAY
    order_ids = ids("SO", n, 6)
    sales = {
        "sales_order_id": order_ids,
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
    lines = Rows(RAW_TABLES, "sales_order_lines")
    lines_per_order = counts(lrng, p["lines_per_sales_order"], n)
    mto = p["make_to_order_share"]
    for i in range(n):
        options = sorted({a[0] for a in agreements.get(cust[i], [])})
        if len(options) < lines_per_order[i]:  # too few agreed products: top up from the range
            options += [pid for pid in products if pid not in options]
        chosen = lrng.choice(len(options), size=min(int(lines_per_order[i]), len(options)),
                             replace=False)
        share = float(lrng.uniform(mto[0], mto[1]))
        for ln, j in enumerate(sorted(chosen), 1):
            pid = options[j]
            mid = fg[pid]
            price = None
            for apid, vf, vt, aprice in agreements.get(cust[i], []):
                if apid == pid and vf <= order_date[i] and (vt is None or np.isnat(vt)
                                                            or order_date[i] <= vt):
                    price = aprice
            if price is None:
                price = std[mid] * float(lrng.uniform(1.25, 1.6))
            lines.add(
                sales_order_line_id=id_of("SOL", len(lines) + 1, 7),
                sales_order_id=order_ids[i], line_number=10 * ln, material_id=mid,
                product_id=pid, plant_id=one_of(lrng, plants[pid]),
                order_quantity=int(lrng.integers(2, 40)) * 10, unit_price=round(float(price), 4),
                discount_percentage=float(lrng.choice((0, 0, 0, 2, 5))),
                requested_delivery_date=requested[i], make_to_order=bool(lrng.random() < share),
                created_at=created[i] + int(lrng.integers(*LINE_ENTRY_MINUTES)) * MINUTE,
            )
    return sales, lines.chunk()


def _production_orders(ctx: SeedContext, mes: dict, master: dict, materials: dict, boms: dict,
                       routing: dict, operations: dict, sales: dict, lines: dict) -> dict:
    """work_orders_per_day x MES days of orders, released 1:1 to MES work orders. A make-to-
    order line ordered shortly before a day's start gets its own production order on a line in
    the sales line's plant; the rest of the day's orders are made to stock."""
    rng = ctx.rng("production_orders")
    days = ctx.history_days(mes["days_of_history"])
    per_day = counts(rng, mes["work_orders_per_day"], len(days))
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
    rows = Rows(RAW_TABLES, "production_orders")
    for d, day in enumerate(days):
        window = [i for back in range(2, 22) for i in by_date.get(day - back * DAY, [])
                  if i not in used]
        window.sort()
        for _ in range(int(per_day[d])):
            k = len(rows) + 1
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
            rows.add(
                production_order_number=f"{60000000 + k}", material_id=fg[pid],
                product_id=pid, plant_id=plant, line_id=lid, routing_id=rid,
                bom_id=bom_of[pid], sales_order_id=so,
                sales_order_line=None if line_idx is None else int(lines["line_number"][line_idx]),
                order_type="production", order_quantity=qty, priority=priority,
                basic_start_date=day, basic_end_date=day + min(max(run_days, 0), 6) * DAY,
                created_at=created, released_at=released,
            )
    n = len(rows)
    plants = np.array([row["plant_id"] for row in rows], dtype=object)
    return rows.chunk(
        production_order_id=ids("PRD", n, 6), work_order_id=ids("WO", n, 6),
        created_by=_pick_person(rng, master["planners"], plants),
        released_by=_pick_person(rng, master["planners"], plants),
        material_available_at=[None] * n,
    )


def _purchasing(ctx: SeedContext, p: dict, master: dict, materials: dict,
                cost_centers: dict) -> tuple[dict, dict, dict, dict, dict]:
    rng = ctx.rng("purchase_orders")
    as_of = np.datetime64(ctx.as_of, "s")
    days = ctx.history_days(p["days_of_history"])
    per_day = counts(rng, p["purchase_orders_per_day"], len(days))
    po_date = np.repeat(days, per_day)
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
    pos = Rows(RAW_TABLES, "purchase_orders")
    pol = Rows(RAW_TABLES, "purchase_order_lines")
    reqs = Rows(RAW_TABLES, "purchase_requisitions")
    rql = Rows(RAW_TABLES, "purchase_requisition_lines")
    grs = Rows(RAW_TABLES, "goods_receipts")
    share = p["requisition_share"]
    for i in range(len(po_date)):
        sup = supplier_ids[int(rng.integers(len(supplier_ids)))]
        plant = plants[int(rng.integers(len(plants)))]
        created = po_date[i].astype("datetime64[s]") + int(rng.integers(8 * 60, 17 * 60)) * MINUTE
        if created >= as_of:
            continue  # not raised yet at the as-of instant
        number = len(pos) + 1
        pid = id_of("PUR", number, 6)
        released = created + int(rng.integers(10, 300)) * MINUTE
        buyer = _pick_person(rng, master["planners"], np.array([plant]))
        approver = _pick_person(rng, master["managers"], np.array([plant]))[0]
        pos.add(
            purchase_order_id=pid, po_number=f"{4500000000 + number}", supplier_id=sup,
            po_date=po_date[i], po_type="standard", payment_terms=str(rng.choice(PAYMENT_TERMS)),
            incoterms=str(rng.choice(INCOTERMS)),
            freight_charges=round(float(rng.uniform(0, 400)), 2), created_by=buyer[0],
            created_at=created, released_by=approver if released < as_of else None,
            released_at=released if released < as_of else None,
        )
        pool = by_supplier[sup]
        k = count(rng, p["lines_per_purchase_order"])
        chosen = sorted(rng.choice(len(pool), size=min(k, len(pool)), replace=False))
        req_id = None
        if rng.random() < rng.uniform(share[0], share[1]):
            number = len(reqs) + 1
            req_id = id_of("PRQ", number, 6)
            req_date = po_date[i] - int(rng.integers(1, 8)) * DAY
            req_created = req_date.astype("datetime64[s]") + int(
                rng.integers(8 * 60, 16 * 60)) * MINUTE
            reqs.add(
                requisition_id=req_id, requisition_number=f"{10000000 + number}",
                requisition_type="stock", requisition_date=req_date,
                required_date=po_date[i] + 14 * DAY,
                requester_id=_pick_person(rng, master["staff"], np.array([plant]))[0],
                cost_center_id=plant_cc.get((plant, "production")), plant_id=plant,
                priority=str(rng.choice(("normal", "high", "urgent"), p=(0.7, 0.25, 0.05))),
                approved_by=approver,
                approved_at=min(req_created + int(rng.integers(30, 600)) * MINUTE,
                                created - MINUTE),
                created_at=req_created,
            )
        for ln, j in enumerate(chosen, 1):
            m = pool[j]
            mtype = materials["material_type"][m]
            spec = TYPE_SPECS[mtype]
            line_id = id_of("POL", len(pol) + 1, 7)
            qty = int(rng.integers(*spec["order_qty"]) // 10 * 10) or 10
            price = round(float(materials["standard_cost"][m]) * float(rng.uniform(0.92, 1.08)), 4)
            delivery = po_date[i] + int(materials["lead_time_days"][m]) * DAY
            cc = plant_cc.get((plant, "maintenance" if mtype == "consumable" else "production"))
            req_line = None
            if req_id is not None:
                req_line = ln * 10
                rql.add(
                    requisition_line_id=id_of("PRL", len(rql) + 1, 7), requisition_id=req_id,
                    line_number=req_line, material_id=materials["material_id"][m],
                    quantity=qty, delivery_date=delivery,
                    estimated_price=float(materials["standard_cost"][m]), cost_center_id=cc,
                    created_at=req_created,
                )
            pol.add(
                po_line_id=line_id, purchase_order_id=pid, line_number=10 * ln,
                material_id=materials["material_id"][m], order_quantity=qty, unit_price=price,
                delivery_date=delivery, plant_id=plant, storage_location=spec["location"],
                cost_center_id=cc, requisition_id=req_id, requisition_line=req_line,
                created_at=created,
            )
            # Goods receipts: around the delivery date, after the PO, before the as-of instant;
            # one in ten deliveries arrives in two parts.
            arrive = delivery + int(rng.integers(-2, 7)) * DAY
            arrive = max(arrive, po_date[i] + DAY)
            parts = [qty]
            if rng.random() < 0.1:
                first = int(qty * float(rng.uniform(0.4, 0.8)))
                parts = [first, qty - first]
            when = arrive
            for q in parts:
                if when > days[-1] or q <= 0:
                    break
                received = when.astype("datetime64[s]") + int(rng.integers(6 * 60, 18 * 60)) * MINUTE
                if received >= as_of:
                    break
                number = len(grs) + 1
                grs.add(
                    goods_receipt_id=id_of("GR", number, 7), gr_number=f"{5000000000 + number}",
                    po_line_id=line_id, purchase_order_id=pid, received_at=received,
                    quantity_received=q,
                    batch_number=f"B{str(when).replace('-', '')}{number % 1000:03d}",
                    delivery_note=f"DN-{int(rng.integers(100000, 999999))}",
                    created_by=_pick_person(rng, master["staff"], np.array([plant]))[0],
                )
                when = when + int(rng.integers(3, 10)) * DAY
    return reqs.chunk(), rql.chunk(), pos.chunk(), pol.chunk(), grs.chunk()


def _opening_stock(ctx: SeedContext, master: dict, materials: dict, boms: dict,
                   components: dict, production: dict, lines: dict,
                   start: np.datetime64) -> dict[str, Any]:
    """Stock at the start of the history: every purchased material in every plant, at least
    the most the MES may consume of it (contract bound, +5 %), and per plant the finished goods
    that customers receive from stock (lines without a production order due before as-of)."""
    rng = ctx.rng("opening_stock")
    as_of = np.datetime64(ctx.as_of, "s")
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
        if (so, int(ln)) not in served and due + STOCK_DELIVERY_HOUR * HOUR < as_of:
            need[(mid, plant)] += float(qty)
    plants = master["factories"]["factory_id"]
    location = {t: s["location"] for t, s in TYPE_SPECS.items()}
    location["finished_good"] = FG_LOCATION
    rows = Rows(RAW_TABLES, "opening_stock")
    for i, mid in enumerate(materials["material_id"]):
        mtype = materials["material_type"][i]
        for plant in plants:
            base_qty = need.get((mid, plant), 0.0)
            if mtype == "finished_good" and base_qty == 0:
                continue
            buffer = float(materials["safety_stock"][i]) * float(rng.uniform(1.0, 2.0))
            rows.add(material_id=mid, plant_id=plant, storage_location=location[mtype],
                     quantity=int(np.ceil(base_qty + buffer)),
                     unit_cost=float(materials["standard_cost"][i]))
    return rows.chunk(posted_at=np.full(len(rows), (start - DAY).astype("datetime64[s]")))
