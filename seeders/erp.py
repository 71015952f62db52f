"""ERP: the material master, BOMs, routings, the order book (sales, production, purchasing).

Raw facts only, driven by master data: every master product is a finished-good material with
one current BOM and one routing per line it is qualified on (`raw_master.line_product_trials`);
work centers are master machines, plants are master factories, customers and employees come
from master. dbt derives the rest: inventory movements and balances, deliveries, invoices and
payments, production-order actuals from MES, MRP runs and elements, the general ledger and the
ERP-MES sync log.

- Engineering (materials, BOMs, routings, standard costs): `seeders.engineering`, shared with
  master, which prices its customer agreements from the standard costs.
- Sales: customers order on business days (`weekend_order_share` of a business day's orders
  on weekends) what their agreements in force cover, at the agreement's price converted to
  their currency; over the history each agreement's lines add up to its annual volume for the
  time it was in force.
- Supply: production orders, purchasing, goods receipts, consumable issues and opening stock
  come from the day-by-day plan of `seeders.supply`.
- Suppliers sit in many countries and trade in their currency; tax codes follow the country
  (`seeders.commerce`).

What MES (seeders/manufacturing.py) can rely on in raw_erp.production_orders:
- Orders follow demand and line capacity, not a count per day: one per make-to-order sales
  line, make-to-stock lots of `production_lot_hours` of line output. Each line's orders are
  planned back to back (basic_start_date / basic_end_date) over its staffed hours (master
  shifts, the mean weekend staffing) at `commerce.PLANNED_OEE`, taking qty x cycle seconds; ids
  follow creation, not start. Orders planned to start after the as-of instant exist (released).
- A routing's operations run as a flow: the bottleneck operation's machine_time (minutes per
  unit) is the line's cycle time for the product, the others are shorter.
- MES issues no component before basic_start_date (midnight) nor before material_available_at,
  and at most BOM quantity x (1 + component scrap) x 1.10 of it: ERP's stock plan relies on it.
- A BOM has as many lines as the product's complexity needs (manufacturing.materials_per_order
  no longer sizes it); the work orders are ERP's production orders, so there is no
  work-orders-per-day setting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import numpy as np

from genims.params import Count, Flag, HistoryDays, Range, Rate, Weights
from seeders import commerce, supply, text
from seeders.engine import SeedContext, history_days, raw_table
from seeders.engineering import (
    FG_LOCATION,
    MATERIAL_TYPES,
    OPERATION_TEXT,
    TYPE_SPECS,
    Design,
    MasterView,
    design,
    erp_history_start,
    material_type_counts,
    setup_day,
    work_center_ids,
)
from seeders.engineering import RAW_TABLES as ENGINEERING_TABLES
from seeders.gen import DAY, MINUTE, Rows, count, counts, id_of, ids, one_of, within_hours
from seeders.plan import Amount, Estimate, estimate

NAME = "erp"
REQUIRES = ("master",)
# ERP's inventory marts are derived from MES bookings: its models need manufacturing
# in the same build (manufacturing requires erp, whose orders it executes).
BUILT_WITH = ("manufacturing",)

__all__ = ["material_type_counts"]  # the expectations size the material master with it

PARAMETERS = {
    "days_of_history": HistoryDays(
        "days of ERP order history up to the as-of instant (null: history_days)"),
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
    "sales_orders_per_day": Range("sales orders created per business day", minimum=0),
    "weekend_order_share": Rate(
        "orders on a weekend day as a share of a business day's (EDI orders)"),
    "lines_per_sales_order": Range("lines per sales order", minimum=1),
    "make_to_order_share": Range(
        "share of sales order lines produced to order", minimum=0, maximum=1, fraction=True
    ),
    "lines_per_purchase_order": Range(
        "lines per purchase order: a supplier's needs are bundled up to the maximum, and "
        "topped up to the minimum with its other materials", minimum=1),
    "requisition_share": Range(
        "share of purchase orders raised from an MRP purchase requisition", minimum=0,
        maximum=1, fraction=True,
    ),
    "safety_stock_days": Range(
        "safety stock in days of a material's expected use (finished goods: demand) in its "
        "busiest plant", minimum=0, fraction=True),
    "purchase_lot_days": Range(
        "a purchased material's maximum stock exceeds its reorder point by this many days "
        "of use (at least the minimum order quantity)", minimum=1),
    "production_lot_hours": Range(
        "a make-to-stock lot in hours of the line's output (maximum - reorder point)",
        minimum=1),
    "supplier_on_time_rate": Range(
        "a supplier's share of deliveries on or before the due date (drawn per supplier)",
        minimum=0, maximum=1, fraction=True),
    "supplier_delay_days": Range("days a late delivery comes after its due date", minimum=1),
    "supply_disruption_rate": Rate(
        "share of purchase order lines a supplier holds up until production runs short of "
        "the material (a shortage: production waits for the delivery)"),
    "inspection_rejection_rate": Rate(
        "share of inspected goods receipts rejected and returned to the supplier"),
    "late_payment_rate": Rate("share of sales orders whose invoices the customer pays late"),
    "interface_outages_per_week": Range(
        "ERP-MES interface outages per week (hand-offs during one are retried)", minimum=0,
        fraction=True),
    "characteristics_per_plan": Range("characteristics per inspection plan", minimum=1),
    "mrp_runs_per_plant": Count("weekly MRP runs per plant, the last one on the latest day "
                                "begun before the as-of instant", minimum=1),
    "allow_backorders": Flag("whether an inventory balance may go negative"),
}

RAW_TABLES = (
    *ENGINEERING_TABLES,
    raw_table(
        "suppliers",
        "supplier_id VARCHAR(50)", "supplier_code VARCHAR(50)", "supplier_name VARCHAR(200)",
        "contact_person VARCHAR(100)", "email VARCHAR(100)", "phone VARCHAR(50)",
        "address_line1 VARCHAR(200)", "address_line2 VARCHAR(200)", "city VARCHAR(100)",
        "state VARCHAR(100)", "country VARCHAR(50)", "postal_code VARCHAR(20)",
        "tax_id VARCHAR(50)",
        "currency VARCHAR(3)", "payment_terms VARCHAR(50)", "quality_rating DECIMAL(5,2)",
        "supplier_type VARCHAR(50)", "certification_status VARCHAR(100)",
        "created_by VARCHAR(50)", "created_at TIMESTAMP",
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
        "cost_centers",
        "cost_center_id VARCHAR(50)", "cost_center_code VARCHAR(50)",
        "cost_center_name VARCHAR(200)", "cost_center_group VARCHAR(50)",
        "parent_cost_center_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "responsible_person VARCHAR(50)", "cost_center_category VARCHAR(50)",
        "valid_from DATE", "created_at TIMESTAMP",
    ),
    raw_table(
        "exchange_rates",
        "rate_date DATE", "currency VARCHAR(3)", "usd_per_unit DECIMAL(18,8)",
    ),
    raw_table(
        "countries",
        "country VARCHAR(100)", "currency VARCHAR(3)", "tax_code VARCHAR(20)",
        "tax_rate DECIMAL(5,2)", "tax_description VARCHAR(200)",
    ),
    raw_table(
        "sales_orders",
        "sales_order_id VARCHAR(50)", "sales_order_number VARCHAR(50)",
        "customer_id VARCHAR(50)", "order_date DATE", "order_type VARCHAR(30)",
        "requested_delivery_date DATE", "delivery_priority VARCHAR(30)",
        "payment_terms VARCHAR(50)", "incoterms VARCHAR(20)", "customer_po_number VARCHAR(50)",
        "currency VARCHAR(3)", "exchange_rate DECIMAL(18,8)",
        # days after the due date the customer pays this order's invoices (negative: early)
        "payment_delay_days INTEGER", "shipping_instructions TEXT",
        "created_by VARCHAR(50)", "created_at TIMESTAMP",
    ),
    raw_table(
        "sales_order_lines",
        "sales_order_line_id VARCHAR(50)", "sales_order_id VARCHAR(50)", "line_number INTEGER",
        "material_id VARCHAR(50)", "product_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "order_quantity INTEGER", "unit_price DECIMAL(12,4)", "discount_percentage DECIMAL(5,2)",
        "requested_delivery_date DATE", "make_to_order BOOLEAN", "agreement_id VARCHAR(50)",
        "created_at TIMESTAMP",
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
        # For an order still waiting at the as-of instant it is the supplier's confirmed
        # delivery, after the instant.
        "material_available_at TIMESTAMP",
    ),
    raw_table(
        "purchase_requisitions",
        "requisition_id VARCHAR(50)", "requisition_number VARCHAR(50)",
        "requisition_type VARCHAR(30)", "requisition_date DATE", "required_date DATE",
        "requester_id VARCHAR(50)", "cost_center_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "priority VARCHAR(30)", "approved_by VARCHAR(50)", "approved_at TIMESTAMP",
        "source_type VARCHAR(50)", "source_document VARCHAR(50)", "remarks TEXT",
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
        "incoterms VARCHAR(20)", "freight_charges DECIMAL(15,2)", "currency VARCHAR(3)",
        "exchange_rate DECIMAL(18,8)", "created_by VARCHAR(50)", "created_at TIMESTAMP",
        "released_by VARCHAR(50)", "released_at TIMESTAMP",
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
        # the quality inspection's usage decision (NULL: no inspection, or still pending at
        # the as-of instant) and, for a rejected lot, its return to the supplier
        "inspection_decided_at TIMESTAMP", "inspection_result VARCHAR(20)",
        "returned_at TIMESTAMP",
        # a delivery from abroad comes with a bill of lading
        "bill_of_lading VARCHAR(50)",
        # the supplier's invoice for this delivery (NULL: not received by the as-of instant)
        "invoice_number VARCHAR(50)", "invoice_received_at TIMESTAMP",
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
    raw_table(
        "cost_center_issues",
        "issue_id VARCHAR(50)", "material_id VARCHAR(50)", "plant_id VARCHAR(50)",
        "cost_center_id VARCHAR(50)", "quantity INTEGER", "issued_at TIMESTAMP",
        "issued_by VARCHAR(50)", "received_by VARCHAR(50)",
    ),
    raw_table(
        "interface_outages",
        "outage_id VARCHAR(50)", "started_at TIMESTAMP", "ended_at TIMESTAMP",
        "error_type VARCHAR(50)", "error_text VARCHAR(200)",
    ),
)

# --------------------------------------------------------------------------- reference data

SUPPLIER_TYPES = {"raw_material": "raw_material", "component": "component",
                  "consumable": "service", "packaging": "packaging"}
SUPPLIER_WORDS = ("Precision", "Metals", "Components", "Industries", "Polymers", "Castings",
                  "Forge", "Electronics", "Packaging", "Supply", "Engineering", "Alloys")
# a share of supplier sites name a unit within the street address (industrial parks, shared
# buildings): the second address line
ADDRESS_LINE2_SHARE = 0.3
ADDRESS_LINE2 = (("Building {n}", 1, 9), ("Hall {n}", 1, 6), ("Unit {n}", 1, 40),
                 ("Suite {n}", 100, 450), ("Gate {n}", 1, 8), ("Floor {n}", 1, 5),
                 ("Block {L}", 0, 8))
CERTIFICATIONS = ("ISO9001", "IATF16949", "ISO9001, ISO14001", "IATF16949, ISO14001")
PAYMENT_TERMS = {"NET30": 30, "NET45": 45, "NET60": 60, "2/10NET30": 10}
INCOTERMS = ("FCA", "CIF", "EXW", "DAP", "DDP")
LINE_ENTRY_MINUTES = (1, 15)  # a sales order's lines are entered 1-14 minutes after it
DEPARTMENTS = ("production", "maintenance", "quality", "logistics", "planning")
QUANTITY_NOISE = 0.15  # lognormal sigma of a call-off around the agreement's average
# how often a customer or agreement is called off grows with its volume to this power: large
# ones more often (call-offs of similar size), small ones still regularly
ORDER_WEIGHT = 0.6
CALL_OFF_JITTER = 1.0  # how far (in orders) a customer's call-offs may run ahead of its share
CONSUMABLE_PLANT_SHARE = 0.75  # share of (consumable, plant) pairs where it is used
OUTAGE_MINUTES = (5, 240)
OUTAGE_ERRORS = ("connection_timeout", "message_queue_full", "authentication_failed",
                 "mes_service_unavailable")
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

# --------------------------------------------------------------------------- plan


def plan(config: Any) -> list[Estimate]:
    """Expected, lowest and highest row count of the tables whose size the config fixes, and
    rough bounds of those that follow from the supply plan."""
    p = config[NAME]
    m = config["master"]
    mes = config["manufacturing"]
    products = m["products"]
    types = material_type_counts(p, products)
    materials = products + sum(types.values())
    calendar = history_days(config.as_of, p["days_of_history"])
    business = sum(supply.is_business_day(d) for d in calendar)
    weekend = len(calendar) - business
    # documents entered during the day: the as-of day has only its part up to the instant
    orders_a_day = Amount(1.0, 0.0, 1.0) * p["sales_orders_per_day"]
    sales_orders = (orders_a_day * business
                    + orders_a_day.scaled(p["weekend_order_share"], 0.0, 3.0) * weekend)
    sales_lines = sales_orders * p["lines_per_sales_order"]
    factories = Amount.exact(m["factories"])
    lines = factories * m["lines_per_factory"]
    machines = lines * m["machines_per_line"]
    # a corporate cost center, one per department of each plant, one per production line
    cost_centers = Amount.exact(1) + factories * len(DEPARTMENTS) + lines
    # production orders: one per make-to-order line, plus make-to-stock lots of about a
    # line-day each on every line
    mto = sales_lines * p["make_to_order_share"]
    stock_lots = (lines * (len(calendar) * 0.5)).scaled(1.0, 0.0, 4.0)
    per_material = Amount(1.0, 0.0, 3.0) * (len(calendar) / 10.0)
    po_lines = per_material * (m["factories"] * (materials - products))
    return [
        estimate("erp", "materials", materials),
        estimate("erp", "suppliers", p["suppliers"]),
        estimate("erp", "bill_of_materials", products),
        estimate("erp", "work_centers", machines),
        estimate("erp", "sales_orders", sales_orders),
        estimate("erp", "sales_order_lines", sales_lines),
        estimate("erp", "production_orders", (mto + stock_lots).scaled(1.0, 0.5, 1.0)),
        estimate("erp", "purchase_order_lines", po_lines),
        estimate("erp", "cost_centers", cost_centers),
        estimate("erp", "mrp_runs", m["factories"] * p["mrp_runs_per_plant"]),
        estimate("erp", "routing_operations",
                 Amount(products * mean_of(m["lines_per_product"]), products,
                        products * m["lines_per_product"][1]) * mes["operations_per_order"]),
    ]


def mean_of(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    master = _read_master(ctx)
    days = ctx.history_days(p["days_of_history"])
    setup = setup_day(erp_history_start(ctx.config))
    eng = design(ctx.config, master["view"], ctx.rng, setup)

    suppliers = _suppliers(ctx, p["suppliers"], setup)
    yield "suppliers", suppliers
    cost_centers = _cost_centers(ctx, master, setup)
    yield "cost_centers", cost_centers
    yield "work_centers", _work_centers(ctx, master, eng, cost_centers, setup)
    yield "bill_of_materials", eng.boms
    yield "bom_components", eng.components
    yield "routing", eng.routing
    yield "routing_operations", eng.operations
    _assign_suppliers(ctx, eng.materials, suppliers)

    rates = commerce.exchange_rates(ctx.rng("exchange_rates"), days)
    yield "exchange_rates", _exchange_rate_rows(days, rates)
    yield "countries", _countries()
    sales, lines, line_keys = _sales_orders(ctx, p, master, eng, days, rates)
    yield "sales_orders", sales
    yield "sales_order_lines", lines

    sim = _simulate(ctx, p, master, eng, suppliers, days, sales, lines, line_keys)
    _apply_policies(eng.materials, sim.policies)
    yield "materials", eng.materials
    plans, characteristics = _inspection_plans(ctx, p, eng.materials, setup)
    yield "inspection_plans", plans
    yield "inspection_characteristics", characteristics
    yield "production_orders", _production_orders(ctx, master, sim)
    yield from _purchasing(ctx, master, eng, suppliers, cost_centers, sim, days, rates)
    yield "cost_center_issues", _issues(ctx, master, cost_centers, sim)
    yield "opening_stock", _opening_stock(eng, sim)
    yield "interface_outages", _outages(ctx, p, days)


def _read_master(ctx: SeedContext) -> dict[str, Any]:
    factories = ctx.read("master", "factories", "factory_id, country, city, operational_since")
    lines = ctx.read("master", "production_lines",
                     "line_id, factory_id, line_number, commissioning_date", order_by="line_id")
    machines = ctx.read("master", "machines", "machine_id, line_id, machine_code, machine_type",
                        order_by="machine_id")
    products = ctx.read(
        "master", "products",
        "product_id, product_code, product_name, product_category, product_type, "
        "number_of_components::int8 AS number_of_components, unit_weight_kg::float8 AS "
        "unit_weight_kg", order_by="product_id",
    )
    trials = ctx.read(
        "master", "line_product_trials",
        "line_id, product_id, cycle_time_seconds::float8 AS cycle_time_seconds, "
        "setup_time_minutes::int8 AS setup_time_minutes", order_by="trial_id",
    )
    employees = ctx.read("master", "employees", "employee_id, factory_id, role, department",
                         order_by="employee_id")
    customers = ctx.read(
        "master", "customers",
        "customer_id, customer_type, country, payment_terms_days::int8 AS terms",
        order_by="customer_id")
    agreements = ctx.read(
        "master", "customer_agreements",
        "agreement_id, customer_id, product_id, valid_from, valid_to, "
        "annual_volume::int8 AS volume, unit_price_usd::float8 AS price, "
        "lead_time_days::int8 AS lead", order_by="agreement_id",
    )
    view = MasterView.of(products, machines, lines, trials)
    people = _people(factories["factory_id"], employees)
    return {
        "factories": factories, "lines": lines, "machines": machines, "view": view,
        "customers": customers, "agreements": agreements, "people": people,
        "line_factory": view.line_factory,
        "managers": people["manager"],
    }


# Who does what, by (department, role) in master employees; the first group that has
# anyone in the plant.
ROLES = {
    "order_desk": [(("planning",), ("engineer", "manager"))],
    "planner": [(("planning",), ("engineer",)), (("planning",), ("manager",))],
    "buyer": [(("logistics", "planning"), ("engineer", "manager"))],
    "manager": [((), ("manager",)), ((), ("supervisor",))],
    "receiver": [(("logistics",), ("operator",))],
    "maintenance": [(("maintenance",), ("technician",))],
    "line": [(("production",), ("operator", "supervisor"))],
}


def _people(plants: np.ndarray, employees: dict[str, np.ndarray]) -> dict[str, dict[str, list]]:
    """Per job and plant: the employees who may do it (anyone of the plant as a last
    resort)."""
    out: dict[str, dict[str, list]] = {job: {} for job in ROLES}
    for plant in plants:
        mine = employees["factory_id"] == plant
        for job, groups in ROLES.items():
            pool: list[str] = []
            for departments, roles in groups:
                mask = mine & np.isin(employees["role"], roles)
                if departments:
                    mask &= np.isin(employees["department"], departments)
                pool = list(employees["employee_id"][mask])
                if pool:
                    break
            out[job][plant] = pool or list(employees["employee_id"][mine])
    return out


def _pick_person(rng: np.random.Generator, people: dict[str, list[str]],
                 plants: Any) -> list[str]:
    out = []
    for plant in plants:
        pool = people.get(plant) or [e for v in people.values() for e in v]
        out.append(one_of(rng, pool))
    return out


def _suppliers(ctx: SeedContext, n: int, setup: np.datetime64) -> dict[str, Any]:
    """Suppliers in the automotive supply countries, trading in their own currency; each
    serves one material type (so that purchase orders group naturally)."""
    rng = ctx.rng("suppliers")
    names_weights = commerce.SUPPLIER_COUNTRIES
    countries = rng.choice(list(names_weights), size=n,
                           p=np.array(list(names_weights.values())) / sum(names_weights.values()))
    rows = Rows(RAW_TABLES, "suppliers")
    seen: set[str] = set()
    for i, name in enumerate(countries):
        c = commerce.country(str(name))
        fake = ctx.faker("suppliers", c.locale) if c.locale else None
        surname = (fake.last_name() if fake else one_of(rng, c.surnames))
        company = f"{surname} {rng.choice(SUPPLIER_WORDS)} {rng.choice(c.legal_forms)}"
        while company in seen:
            company = f"{surname} {rng.choice(SUPPLIER_WORDS)} {rng.choice(c.legal_forms)} {i}"
        seen.add(company)
        city, state = c.cities[int(rng.integers(len(c.cities)))]
        contact = (fake.name() if fake else
                   f"{one_of(rng, c.surnames)} {chr(65 + int(rng.integers(26)))}.")
        street = (fake.street_address() if fake else
                  f"{int(rng.integers(1, 400))} {one_of(rng, commerce.STREET_NAMES)}")
        rows.add(
            supplier_name=company, contact_person=contact[:100],
            email=f"sales{i + 1}@" + _ascii(surname) + "-supply.example",
            phone=commerce.pattern(rng, c.phone), address_line1=street[:200].replace("\n", ", "),
            city=city, state=state, country=str(name), postal_code=commerce.pattern(rng, c.postal),
            tax_id=commerce.pattern(rng, c.tax_id), currency=c.currency,
            payment_terms=str(rng.choice(list(PAYMENT_TERMS))),
            quality_rating=round(float(rng.uniform(2.5, 5.0)), 2),
            supplier_type=SUPPLIER_TYPES[MATERIAL_TYPES[i % len(MATERIAL_TYPES)]],
            certification_status=str(rng.choice(CERTIFICATIONS)),
        )
    return rows.chunk(
        supplier_id=ids("SUP", n, 4),
        address_line2=_address_line2(ctx.rng("suppliers/address_line2"), n),
        supplier_code=[f"V{100000 + i}" for i in range(1, n + 1)],
        created_by=["SYSTEM"] * n,
        created_at=within_hours(rng, setup - rng.integers(30, 1500, n) * DAY, (8, 18)),
    )


def _address_line2(rng: np.random.Generator, n: int) -> list[str | None]:
    """The second address line of ADDRESS_LINE2_SHARE of the suppliers (a building, hall,
    unit, suite, gate, floor or block), from a stream of its own so that the other columns'
    draws stay as they were."""
    has = rng.random(n) < ADDRESS_LINE2_SHARE
    kind = rng.integers(len(ADDRESS_LINE2), size=n)
    pick = rng.random(n)
    out: list[str | None] = []
    for h, k, u in zip(has, kind, pick, strict=True):
        pattern, lo, hi = ADDRESS_LINE2[int(k)]
        value = lo + int(u * (hi - lo + 1))
        out.append(pattern.format(n=value, L=chr(65 + value)) if h else None)
    return out


def _ascii(text: str) -> str:
    import unicodedata
    return "".join(ch for ch in unicodedata.normalize("NFKD", text).lower()
                   if ch.isascii() and ch.isalnum())


def _assign_suppliers(ctx: SeedContext, materials: dict[str, list],
                      suppliers: dict[str, Any]) -> None:
    """Each purchased material's default supplier: one that serves its type. The materials
    of a type are dealt round as many of its suppliers as can carry the fewest lines of a
    purchase order each (a supplier of a single material could never fill a purchase order
    of several lines); the other suppliers are alternates no material names as its default."""
    rng = ctx.rng("material_suppliers")
    fewest_lines = ctx.params["lines_per_purchase_order"][0]
    sup = list(suppliers["supplier_id"])
    sup_type = [MATERIAL_TYPES[i % len(MATERIAL_TYPES)] for i in range(len(sup))]
    of_type = Counter(materials["material_type"])
    dealt: dict[str, int] = defaultdict(int)
    pools: dict[str, list[str]] = {}
    for i in rng.permutation(len(materials["material_type"])).tolist():
        mtype = materials["material_type"][i]
        if mtype == "finished_good":
            continue
        if mtype not in pools:
            pool = [s for s, t in zip(sup, sup_type, strict=True) if t == mtype] or sup
            active = max(1, min(len(pool), of_type[mtype] // max(fewest_lines, 1)))
            pools[mtype] = [pool[j] for j in rng.permutation(len(pool))[:active]]
        pool = pools[mtype]
        materials["default_supplier_id"][i] = pool[dealt[mtype] % len(pool)]
        dealt[mtype] += 1


def _line_cost_center(cost_centers: dict[str, Any]) -> dict[str, str]:
    """line_id -> its production cost center (named '<line_id> Production')."""
    out = {}
    for cc, name, group in zip(cost_centers["cost_center_id"], cost_centers["cost_center_name"],
                               cost_centers["cost_center_group"], strict=True):
        if group == "production_line":
            out[name.rsplit(" ", 1)[0]] = cc
    return out


def _plant_cost_center(cost_centers: dict[str, Any]) -> dict[tuple[str, str], str]:
    """(plant, department) -> the plant's cost center of that department."""
    return {(plant, group): cc for cc, plant, group in zip(
        cost_centers["cost_center_id"], cost_centers["plant_id"],
        cost_centers["cost_center_group"], strict=True) if plant is not None}


def _work_centers(ctx: SeedContext, master: dict, eng: Design, cost_centers: dict,
                  setup: np.datetime64) -> dict[str, Any]:
    rng = ctx.rng("work_centers")
    machines = master["machines"]
    n = len(machines["machine_id"])
    line_cc = _line_cost_center(cost_centers)
    return {
        "work_center_id": work_center_ids(master["view"]),
        "work_center_code": [f"WC{str(c).replace('-', '')}" for c in machines["machine_code"]],
        "work_center_name": [f"{OPERATION_TEXT.get(t, t)} cell {c}"
                             for t, c in zip(machines["machine_type"], machines["machine_code"],
                                             strict=True)],
        "plant_id": [master["line_factory"][lid] for lid in machines["line_id"]],
        "line_id": machines["line_id"],
        "machine_id": machines["machine_id"],
        "cost_center_id": [line_cc.get(lid) for lid in machines["line_id"]],
        "work_center_category": eng.work_center_categories,
        "available_capacity": np.round(rng.choice((16.0, 20.0, 22.5), size=n), 2),
        "hourly_rate": np.array(eng.work_center_rates),
        "setup_time_minutes": np.round(rng.uniform(10, 60, n), 0),
        "queue_time_days": np.round(rng.choice((0.0, 0.5, 1.0), size=n), 2),
        "created_at": within_hours(rng, np.full(n, setup) - rng.integers(30, 700, n) * DAY,
                                   (8, 18)),
    }


def _exchange_rate_rows(days: np.ndarray, rates: dict[str, np.ndarray]) -> dict[str, Any]:
    rows = Rows(RAW_TABLES, "exchange_rates")
    for currency, values in sorted(rates.items()):
        for day, value in zip(days, values, strict=True):
            rows.add(rate_date=day, currency=currency, usd_per_unit=round(float(value), 8))
    return rows.chunk()


def _countries() -> dict[str, Any]:
    """The country reference (`commerce.COUNTRIES`) dbt prices and taxes documents by."""
    rows = Rows(RAW_TABLES, "countries")
    for name, c in sorted(commerce.COUNTRIES.items()):
        kind = "sales tax exempt (B2B resale and manufacturing)" if c.tax_rate == 0 else \
            f"standard rate {c.tax_rate:g} %"
        rows.add(country=name, currency=c.currency, tax_code=c.tax_code, tax_rate=c.tax_rate,
                 tax_description=f"{name}: {kind}")
    return rows.chunk()


def _rate_on(rates: dict[str, np.ndarray], days: np.ndarray, currency: str,
             day: np.datetime64) -> float:
    index = int(np.clip((np.datetime64(day, "D") - days[0]) // DAY, 0, len(days) - 1))
    return float(round(float(rates[currency][index]), 8))


# --------------------------------------------------------------------------- sales


def _agreements_in_window(master: dict, days: np.ndarray) -> list[dict[str, Any]]:
    """The customer agreements in force on some day of the history, with the days they
    cover."""
    ag = master["agreements"]
    out = []
    for i in range(len(ag["agreement_id"])):
        valid_from = np.datetime64(ag["valid_from"][i], "D")
        valid_to = np.datetime64(ag["valid_to"][i], "D")
        first, last = max(valid_from, days[0]), min(valid_to, days[-1])
        if first > last:
            continue
        out.append(dict(agreement_id=ag["agreement_id"][i], customer_id=ag["customer_id"][i],
                        product_id=ag["product_id"][i], valid_from=valid_from,
                        valid_to=valid_to, volume=float(ag["volume"][i]),
                        price=float(ag["price"][i]), lead=int(ag["lead"][i]),
                        covered_days=int((last - first) // DAY) + 1))
    return out


def _sales_orders(ctx: SeedContext, p: dict, master: dict, eng: Design, days: np.ndarray,
                  rates: dict[str, np.ndarray]) -> tuple[dict, dict, list]:
    """Orders on business days (and a few EDI orders at weekends) from customers with
    agreements in force; each line draws one agreed product at the agreement's price."""
    rng = ctx.rng("sales_orders")
    as_of = np.datetime64(ctx.as_of, "s")
    business = np.array([supply.is_business_day(d) for d in days])
    per_day = counts(rng, p["sales_orders_per_day"], len(days))
    per_day = np.where(business, per_day, rng.binomial(per_day, p["weekend_order_share"]))
    order_date = np.repeat(days, per_day)
    weekday = np.repeat(business, per_day)
    created = np.where(weekday, within_hours(rng, order_date, (7, 18)),
                       within_hours(rng, order_date, (6, 22)))
    # An order is on the books once its lines are entered: not the ones still being entered
    # at the as-of instant.
    entered = created + (LINE_ENTRY_MINUTES[1] - 1) * MINUTE < as_of
    order_date, created = order_date[entered], created[entered]
    agreements = _agreements_in_window(master, days)
    plants = commerce.product_plants(commerce.line_rates(
        master["line_factory"], master["view"].cycles(),
        {a["product_id"] for a in agreements}, 1.0))
    customers = master["customers"]
    country = dict(zip(customers["customer_id"], customers["country"], strict=True))
    terms = dict(zip(customers["customer_id"], customers["terms"], strict=True))
    factory_country = dict(zip(master["factories"]["factory_id"], master["factories"]["country"],
                               strict=True))
    lrng = ctx.rng("sales_order_lines")
    orders = Rows(RAW_TABLES, "sales_orders")
    lines: list[dict[str, Any]] = []
    mto = p["make_to_order_share"]
    credit: dict[str, float] = defaultdict(float)
    for day, moment in zip(order_date, created, strict=True):
        valid = [a for a in agreements if a["valid_from"] <= day <= a["valid_to"]]
        by_customer: dict[str, list[dict]] = defaultdict(list)
        for a in valid:
            by_customer[a["customer_id"]].append(a)
        if not by_customer:
            continue
        # the lines first, then a customer with that many agreed products (if any has); the
        # larger a customer's or agreement's volume, the more often it is called off, drawn
        # against each customer's owed share so far among those that can take the order, so
        # that a small customer still orders about as often as its volume says, even in a
        # short history
        k = min(count(lrng, p["lines_per_sales_order"]), max(map(len, by_customer.values())))
        names = sorted(c for c, mine in by_customer.items() if len(mine) >= k)
        weight = np.array([sum(a["volume"] for a in by_customer[c]) for c in names]) ** ORDER_WEIGHT
        owed = np.array([credit[c] for c in names]) + weight / weight.sum()
        pick = int(np.argmax(owed + rng.uniform(0, CALL_OFF_JITTER, len(names))))
        customer = names[pick]
        for c, o in zip(names, owed, strict=True):
            credit[c] = o - (c == customer)
        mine = sorted(by_customer[customer], key=lambda a: a["product_id"])
        volume = np.array([a["volume"] for a in mine]) ** ORDER_WEIGHT
        chosen = [mine[j] for j in sorted(lrng.choice(len(mine), size=k, replace=False,
                                                       p=volume / volume.sum()))]
        order_id = id_of("SO", len(orders) + 1, 6)
        currency = commerce.country(str(country[customer])).currency
        rate = _rate_on(rates, days, currency, day)
        rush = lrng.random() < 0.08
        share = float(lrng.uniform(mto[0], mto[1]))
        discount = float(lrng.choice((0, 0, 0, 1, 2)))
        requested = []
        for ln, a in enumerate(chosen, 1):
            lead = max(3, a["lead"] // 3) if rush else a["lead"]
            due = supply.business_day_on_or_after(day + lead * DAY)
            requested.append(due)
            plant_share = plants[a["product_id"]]
            plant = str(lrng.choice(list(plant_share), p=list(plant_share.values())))
            lines.append(dict(
                sales_order_id=order_id, line_number=10 * ln, agreement=a, plant_id=plant,
                product_id=a["product_id"], material_id=eng.finished_good[a["product_id"]],
                unit_price=round(a["price"] / rate, 4), discount_percentage=discount,
                requested_date=due, make_to_order=bool(lrng.random() < share),
                created_at=moment + int(lrng.integers(*LINE_ENTRY_MINUTES)) * MINUTE,
                delivery_priority=None, key=(order_id, ln),
            ))
        first_plant = lines[-len(chosen)]["plant_id"]
        export = country[customer] != factory_country[first_plant]
        priority = str(lrng.choice(("urgent", "high"), p=(0.4, 0.6))) if rush else str(
            lrng.choice(("normal", "high", "low"), p=(0.8, 0.12, 0.08)))
        for line in lines[-len(chosen):]:
            line["delivery_priority"] = priority
        late = lrng.random() < p["late_payment_rate"]
        orders.add(
            sales_order_id=order_id, sales_order_number=f"{10000000 + len(orders) + 1}",
            customer_id=customer, order_date=day,
            order_type="rush" if rush else ("export" if export else "standard"),
            requested_delivery_date=min(requested), delivery_priority=priority,
            payment_terms=f"NET{terms[customer]}",
            incoterms=str(lrng.choice(("FCA", "CIF", "DAP", "DDP") if export
                                      else ("EXW", "DAP", "FCA"))),
            customer_po_number=f"CPO-{int(lrng.integers(100000, 999999))}",
            currency=currency, exchange_rate=rate,
            payment_delay_days=int(lrng.integers(10, 60)) if late else int(lrng.integers(-5, 6)),
            shipping_instructions=None,
            created_by=_pick_person(lrng, master["people"]["order_desk"], [first_plant])[0],
            created_at=moment,
        )
    _quantities(lrng, lines, agreements)
    # the order desk notes how to ship a third of the orders, and every rush or export one
    text_rng = ctx.rng("sales_orders/text")
    noted = [bool(o["order_type"] != "standard" or text_rng.random() < 0.3) for o in orders]
    notes = iter(text.compose_many(text_rng, "shipping_instructions", n=sum(noted)))
    for order, note in zip(orders, noted, strict=True):
        order["shipping_instructions"] = next(notes) if note else None
    chunk = Rows(RAW_TABLES, "sales_order_lines")
    for i, line in enumerate(lines, 1):
        chunk.add(
            sales_order_line_id=id_of("SOL", i, 7), sales_order_id=line["sales_order_id"],
            line_number=line["line_number"], material_id=line["material_id"],
            product_id=line["product_id"], plant_id=line["plant_id"],
            order_quantity=line["order_quantity"], unit_price=line["unit_price"],
            discount_percentage=line["discount_percentage"],
            requested_delivery_date=line["requested_date"],
            make_to_order=line["make_to_order"], agreement_id=line["agreement"]["agreement_id"],
            created_at=line["created_at"],
        )
    return orders.chunk(), chunk.chunk(), lines


def _quantities(rng: np.random.Generator, lines: list[dict], agreements: list[dict]) -> None:
    """Each agreement's lines share its volume for the days it covers, in multiples of ten
    around their average (the noise rescaled to keep their total: what a customer orders
    is what its agreements say)."""
    by_agreement: dict[str, list[dict]] = defaultdict(list)
    for line in lines:
        by_agreement[line["agreement"]["agreement_id"]].append(line)
    for a in agreements:
        mine = by_agreement.get(a["agreement_id"], [])
        if not mine:
            continue
        average = a["volume"] * a["covered_days"] / 365 / len(mine)
        noise = rng.lognormal(-QUANTITY_NOISE ** 2 / 2, QUANTITY_NOISE, len(mine))
        noise /= noise.mean()
        for line, factor in zip(mine, noise, strict=True):
            line["order_quantity"] = max(10, int(round(average * factor / 10)) * 10)


def _cost_centers(ctx: SeedContext, master: dict, setup: np.datetime64) -> dict[str, Any]:
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
    # a plant's cost centers date from its opening (at the latest a year before ERP went
    # live), a line's from its commissioning, the corporate one from the first plant's
    opened = dict(zip(master["factories"]["factory_id"], master["factories"]["operational_since"],
                      strict=True))
    commissioned = dict(zip(master["lines"]["line_id"], master["lines"]["commissioning_date"],
                            strict=True))
    first = min(np.datetime64(d, "D") for d in opened.values())
    valid = []
    for name, plant, group in zip(rows.chunk()["cost_center_name"], rows.chunk()["plant_id"],
                                  rows.chunk()["cost_center_group"], strict=True):
        if group == "production_line":
            day = np.datetime64(commissioned[name.rsplit(" ", 1)[0]], "D")
        elif plant is None:
            day = first
        else:
            day = np.datetime64(opened[plant], "D")
        valid.append(min(day, setup - 365 * DAY))
    valid = np.array(valid, dtype="datetime64[D]")
    return rows.chunk(valid_from=valid, created_at=within_hours(rng, valid, (8, 18)))


def _inspection_plans(ctx: SeedContext, p: dict, materials: dict,
                      setup: np.datetime64) -> tuple[dict, dict]:
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
        rng, np.full(k, setup) - rng.integers(1, 200, k) * DAY, (8, 18)))
    created = dict(zip(plan_chunk["inspection_plan_id"], plan_chunk["created_at"], strict=True))
    char_chunk = chars.chunk()
    char_chunk["created_at"] = np.array(
        [created[x] for x in char_chunk["inspection_plan_id"]], dtype="datetime64[s]"
    ) + 10 * MINUTE
    return plan_chunk, char_chunk


# --------------------------------------------------------------------------- supply


def _simulate(ctx: SeedContext, p: dict, master: dict, eng: Design, suppliers: dict,
              days: np.ndarray, sales: dict, lines: dict, line_keys: list[dict]
              ) -> supply.Simulation:
    """The supply plan over the history (`seeders.supply`), from the engineering data, the
    lines' staffed hours and the demand the agreements in force imply."""
    view = master["view"]
    config = ctx.config
    weekday, weekend = commerce.staffed_hours(config["master"]["shifts"],
                                              commerce.weekend_staffing(config))
    plans = [supply.LinePlan(line, plant, weekday, weekend)
             for line, plant in sorted(view.line_factory.items())]
    cycles = view.cycles()
    bom_of = dict(zip(eng.boms["product_id"], eng.boms["bom_id"], strict=True))
    bom_scrap = dict(zip(eng.boms["bom_id"], eng.boms["scrap_percentage"], strict=True))
    draws: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for bom, mid, qty, scrap in zip(eng.components["bom_id"], eng.components["material_id"],
                                    eng.components["component_quantity"],
                                    eng.components["component_scrap_percentage"], strict=True):
        draws[bom].append((mid, qty * (1 + scrap / 100) * supply.ISSUE_OVERRUN[1]))
    routes: dict[str, dict[str, list[supply.Route]]] = defaultdict(lambda: defaultdict(list))
    for rid, pid, plant, line in zip(eng.routing["routing_id"], eng.routing["product_id"],
                                     eng.routing["plant_id"], eng.routing["line_id"],
                                     strict=True):
        routes[pid][plant].append(supply.Route(rid, line, cycles[(line, pid)]))
    products = {
        pid: supply.Product(pid, eng.finished_good[pid], bom_of[pid], bom_scrap[bom_of[pid]],
                            draws[bom_of[pid]], dict(routes[pid]))
        for pid in eng.finished_good
    }
    m = eng.materials
    purchased = {
        m["material_id"][i]: supply.Purchased(
            m["material_id"][i], m["material_type"][i], m["default_supplier_id"][i],
            int(m["lead_time_days"][i]), float(m["minimum_order_quantity"][i]),
            bool(m["inspection_required"][i]))
        for i in range(len(m["material_id"])) if m["material_type"][i] != "finished_good"
    }
    settings = supply.Settings(
        safety_stock_days=p["safety_stock_days"], purchase_lot_days=p["purchase_lot_days"],
        production_lot_hours=p["production_lot_hours"],
        supplier_on_time_rate=p["supplier_on_time_rate"],
        supplier_delay_days=p["supplier_delay_days"],
        supply_disruption_rate=p["supply_disruption_rate"],
        requisition_share=p["requisition_share"],
        lines_per_purchase_order=p["lines_per_purchase_order"],
        inspection_rejection_rate=p["inspection_rejection_rate"],
    )
    sim = supply.Simulation(ctx.rng("supply"), settings, days, np.datetime64(ctx.as_of, "s"),
                            plans, products, purchased, list(suppliers["supplier_id"]),
                            _demand(ctx, p, master, eng, days), line_keys)
    sim.run()
    return sim


def _demand(ctx: SeedContext, p: dict, master: dict, eng: Design,
            days: np.ndarray) -> supply.Demand:
    """Expected units a day per (product, plant) from the agreements in force over the
    history, split among plants by capacity; consumables' daily use per plant."""
    agreements = _agreements_in_window(master, days)
    plants = commerce.product_plants(commerce.line_rates(
        master["line_factory"], master["view"].cycles(),
        {a["product_id"] for a in agreements}, 1.0))
    total: dict[tuple[str, str], float] = defaultdict(float)
    for a in agreements:
        daily = a["volume"] / 365 * a["covered_days"] / len(days)
        for plant, share in plants[a["product_id"]].items():
            total[(a["product_id"], plant)] += daily * share
    stocked_share = 1 - mean_of(p["make_to_order_share"])
    rng = ctx.rng("consumable_use")
    consumables: dict[tuple[str, str], float] = {}
    m = eng.materials
    for i, mtype in enumerate(m["material_type"]):
        if mtype != "consumable":
            continue
        for plant in master["factories"]["factory_id"]:
            if rng.random() < CONSUMABLE_PLANT_SHARE:
                consumables[(m["material_id"][i], str(plant))] = float(
                    m["minimum_order_quantity"][i]) * float(rng.uniform(0.05, 0.3))
    return supply.Demand(total=dict(total),
                         stocked={k: v * stocked_share for k, v in total.items()},
                         consumables=consumables)


def _apply_policies(materials: dict[str, list], policies: dict[str, supply.Policy]) -> None:
    """Fill the material master's stock policy columns from the plan."""
    for i, mid in enumerate(materials["material_id"]):
        policy = policies.get(mid)
        if policy is None:
            continue
        materials["safety_stock"][i] = policy.safety_stock
        materials["reorder_point"][i] = policy.reorder_point
        materials["maximum_stock"][i] = policy.maximum_stock
        if materials["material_type"][i] == "finished_good":
            materials["lead_time_days"][i] = policy.lead_time_days
        elif materials["material_type"][i] == "consumable":
            materials["mrp_type"][i] = "period_order_quantity"


def _production_orders(ctx: SeedContext, master: dict, sim: supply.Simulation) -> dict:
    rng = ctx.rng("production_orders")
    rows = sorted(sim.production_rows, key=lambda o: (o["created_at"], o["line_id"]))
    out = Rows(RAW_TABLES, "production_orders")
    planners = master["people"]["planner"]
    for k, order in enumerate(rows, 1):
        person = _pick_person(rng, planners, [order["plant_id"]])[0]
        out.add(
            production_order_id=id_of("PRD", k, 6), production_order_number=f"{60000000 + k}",
            work_order_id=id_of("WO", k, 6), created_by=person,
            released_by=person if rng.random() < 0.7 else _pick_person(
                rng, planners, [order["plant_id"]])[0],
            **{c: order[c] for c in (
                "material_id", "product_id", "plant_id", "line_id", "routing_id", "bom_id",
                "sales_order_id", "sales_order_line", "order_type", "order_quantity",
                "priority", "basic_start_date", "basic_end_date", "created_at", "released_at",
                "material_available_at")},
        )
    return out.chunk()


def _purchasing(ctx: SeedContext, master: dict, eng: Design, suppliers: dict,
                cost_centers: dict, sim: supply.Simulation, days: np.ndarray,
                rates: dict[str, np.ndarray]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Requisitions, purchase orders and goods receipts from the plan, with prices in the
    supplier's currency and the people who raised, approved and received them."""
    rng = ctx.rng("purchase_orders")
    as_of = np.datetime64(ctx.as_of, "s")
    people = master["people"]
    m = eng.materials
    info = {mid: i for i, mid in enumerate(m["material_id"])}
    currency = dict(zip(suppliers["supplier_id"], suppliers["currency"], strict=True))
    terms = dict(zip(suppliers["supplier_id"], suppliers["payment_terms"], strict=True))
    plant_cc = _plant_cost_center(cost_centers)
    pos = sorted(sim.po_rows, key=lambda o: (o["created_at"], o["supplier_id"]))
    po_rows = Rows(RAW_TABLES, "purchase_orders")
    line_rows = Rows(RAW_TABLES, "purchase_order_lines")
    req_rows = Rows(RAW_TABLES, "purchase_requisitions")
    req_line_rows = Rows(RAW_TABLES, "purchase_requisition_lines")
    for number, po in enumerate(pos, 1):
        po["id"] = id_of("PUR", number, 6)
        rate = _rate_on(rates, days, currency[po["supplier_id"]], po["po_date"])
        plant = po["plant_id"]
        approver = _pick_person(rng, people["manager"], [plant])[0]
        requisition = po["requisition"]
        if requisition is not None:
            k = len(req_rows) + 1
            requisition["id"] = id_of("PRQ", k, 6)
            consumable = all(m["material_type"][info[x["material_id"]]] == "consumable"
                             for x in requisition["lines"])
            requester = _pick_person(rng, people["maintenance" if consumable else "planner"],
                                     [plant])[0]
            req_rows.add(
                requisition_id=requisition["id"], requisition_number=f"{10000000 + k}",
                requisition_type="stock", requisition_date=requisition["requisition_date"],
                required_date=min(x["delivery_date"] for x in requisition["lines"]),
                requester_id=requester,
                cost_center_id=plant_cc.get((plant, "maintenance" if consumable else "production")),
                plant_id=plant, priority="urgent" if po["rush"] else str(
                    rng.choice(("normal", "high"), p=(0.8, 0.2))),
                approved_by=approver, approved_at=requisition["approved_at"],
                source_type="maintenance" if consumable else "mrp",
                # the nightly MRP run that raised it
                source_document=None if consumable else
                f"MRP-{str(requisition['requisition_date']).replace('-', '')}-{plant}",
                remarks=None, created_at=requisition["created_at"],
            )
        po_rows.add(
            purchase_order_id=po["id"], po_number=f"{4500000000 + number}",
            supplier_id=po["supplier_id"], po_date=po["po_date"],
            po_type="standard", payment_terms=terms[po["supplier_id"]],
            incoterms=str(rng.choice(INCOTERMS)),
            freight_charges=round(float(rng.uniform(0, 400)) / rate, 2),
            currency=currency[po["supplier_id"]], exchange_rate=rate,
            created_by=_pick_person(rng, people["buyer"], [plant])[0],
            created_at=po["created_at"], released_by=approver if po["released_at"] else None,
            released_at=po["released_at"],
        )
        for ln, line in enumerate(po["lines"], 1):
            i = info[line["material_id"]]
            mtype = m["material_type"][i]
            line["id"] = id_of("POL", len(line_rows) + 1, 7)
            price = float(m["standard_cost"][i]) * float(rng.uniform(0.92, 1.08)) / rate
            cc = plant_cc.get((line["plant_id"],
                               "maintenance" if mtype == "consumable" else "production"))
            req_line = None
            if requisition is not None:
                req_line = 10 * ln
                req_line_rows.add(
                    requisition_line_id=id_of("PRL", len(req_line_rows) + 1, 7),
                    requisition_id=requisition["id"], line_number=req_line,
                    material_id=line["material_id"], quantity=line["order_quantity"],
                    delivery_date=line["delivery_date"],
                    estimated_price=float(m["standard_cost"][i]), cost_center_id=cc,
                    created_at=requisition["created_at"],
                )
            line_rows.add(
                po_line_id=line["id"], purchase_order_id=po["id"], line_number=10 * ln,
                material_id=line["material_id"], order_quantity=line["order_quantity"],
                unit_price=round(price, 4), delivery_date=line["delivery_date"],
                plant_id=line["plant_id"], storage_location=TYPE_SPECS[mtype]["location"],
                cost_center_id=cc, requisition_id=None if requisition is None else requisition["id"],
                requisition_line=req_line, created_at=po["created_at"],
            )
    # a requester's remark on some of them (seeders/text.py)
    text_rng = ctx.rng("purchase_requisitions/text")
    name = dict(zip(m["material_id"], m["material_name"], strict=True))
    first_line = {r["requisition_id"]: r for r in reversed(list(req_line_rows))}
    remarked = [r for r in req_rows if text_rng.random() < 0.4]
    for row, remark in zip(remarked, text.compose_many(
            text_rng, "requisition_remark",
            material=[name[first_line[r["requisition_id"]]["material_id"]] for r in remarked],
            due_date=[str(r["required_date"]) for r in remarked]), strict=True):
        row["remarks"] = remark
    yield "purchase_requisitions", req_rows.chunk()
    yield "purchase_requisition_lines", req_line_rows.chunk()
    yield "purchase_orders", po_rows.chunk()
    yield "purchase_order_lines", line_rows.chunk()
    receipts = sorted((r for r in sim.receipt_rows if r["received_at"] < as_of),
                      key=lambda r: (r["received_at"], r["line"]["id"]))
    grs = Rows(RAW_TABLES, "goods_receipts")

    def known(moment: np.datetime64 | None) -> np.datetime64 | None:
        return moment if moment is not None and moment < as_of else None

    country = dict(zip(suppliers["supplier_id"], suppliers["country"], strict=True))
    plant_country = dict(zip(master["factories"]["factory_id"], master["factories"]["country"],
                             strict=True))
    for number, r in enumerate(receipts, 1):
        decided = known(r["inspection_decided_at"])
        abroad = country[r["line"]["po"]["supplier_id"]] != plant_country[r["line"]["plant_id"]]
        invoiced = known(r["invoice_received_at"])
        grs.add(
            goods_receipt_id=id_of("GR", number, 7), gr_number=f"{5000000000 + number}",
            po_line_id=r["line"]["id"], purchase_order_id=r["line"]["po"]["id"],
            received_at=r["received_at"], quantity_received=r["quantity_received"],
            batch_number=f"B{str(np.datetime64(r['received_at'], 'D')).replace('-', '')}"
                         f"{number % 1000:03d}",
            delivery_note=f"DN-{int(rng.integers(100000, 999999))}",
            created_by=_pick_person(rng, people["receiver"], [r["line"]["plant_id"]])[0],
            inspection_decided_at=decided,
            inspection_result=r["inspection_result"] if decided is not None else None,
            returned_at=known(r["returned_at"]),
            bill_of_lading=f"BL{int(rng.integers(10**8, 10**9))}" if abroad else None,
            invoice_number=f"INV-{r['line']['po']['supplier_id'][-4:]}-{number:07d}"
            if invoiced is not None else None,
            invoice_received_at=invoiced,
        )
    yield "goods_receipts", grs.chunk()


def _issues(ctx: SeedContext, master: dict, cost_centers: dict,
            sim: supply.Simulation) -> dict[str, Any]:
    """Consumables issued from the stores to a plant's maintenance or production."""
    rng = ctx.rng("cost_center_issues")
    plant_cc = _plant_cost_center(cost_centers)
    people = master["people"]
    rows = Rows(RAW_TABLES, "cost_center_issues")
    for issue in sorted(sim.issue_rows, key=lambda r: (r["issued_at"], r["material_id"])):
        plant, department = issue["plant_id"], issue["cost_center"]
        rows.add(
            issue_id=id_of("CCI", len(rows) + 1, 7), material_id=issue["material_id"],
            plant_id=plant, cost_center_id=plant_cc[(plant, department)],
            quantity=int(issue["quantity"]), issued_at=issue["issued_at"],
            issued_by=_pick_person(rng, people["receiver"], [plant])[0],
            received_by=_pick_person(
                rng, people["maintenance" if department == "maintenance" else "line"],
                [plant])[0],
        )
    return rows.chunk()


def _opening_stock(eng: Design, sim: supply.Simulation) -> dict[str, Any]:
    m = eng.materials
    index = {mid: i for i, mid in enumerate(m["material_id"])}
    location = {t: s["location"] for t, s in TYPE_SPECS.items()}
    location["finished_good"] = FG_LOCATION
    rows = Rows(RAW_TABLES, "opening_stock")
    for r in sorted(sim.opening_rows, key=lambda r: (r["material_id"], r["plant_id"])):
        i = index[r["material_id"]]
        rows.add(material_id=r["material_id"], plant_id=r["plant_id"],
                 storage_location=location[m["material_type"][i]], quantity=int(r["quantity"]),
                 unit_cost=float(m["standard_cost"][i]), posted_at=r["posted_at"])
    return rows.chunk()


def _outages(ctx: SeedContext, p: dict, days: np.ndarray) -> dict[str, Any]:
    """Outages of the ERP-MES interface: hand-offs during one wait and are retried."""
    rng = ctx.rng("interface_outages")
    as_of = np.datetime64(ctx.as_of, "s")
    start = days[0].astype("datetime64[s]")
    span = int((as_of - start) // np.timedelta64(1, "s"))
    n = int(rng.poisson(float(rng.uniform(*p["interface_outages_per_week"])) * len(days) / 7))
    began = np.sort(start + rng.integers(0, max(span, 1), n) * np.timedelta64(1, "s"))
    rows = Rows(RAW_TABLES, "interface_outages")
    for k, moment in enumerate(began, 1):
        minutes = float(np.clip(rng.lognormal(np.log(30), 0.9), *OUTAGE_MINUTES))
        end = moment + int(minutes * 60) * np.timedelta64(1, "s")
        rows.add(outage_id=id_of("OUT", k, 5), started_at=moment,
                 ended_at=end if end < as_of else None,
                 error_type=str(rng.choice(OUTAGE_ERRORS)))
    # what the interface monitor logged (seeders/text.py)
    return rows.chunk(error_text=[t[:200] for t in text.compose_many(
        ctx.rng("interface_outages/text"), "sync_error", n=len(rows))])
