"""ERP on `tiny`: one build, then the derived tables recomputed independently from the raw
facts (ERP raw tables, the MES marts, master data) and the config that sized them."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from decimal import Decimal

from seeders.erp import material_type_counts
from seeders.plan import plan

from .catalog import assert_build_populated, assert_marts_match_the_catalog
from .conftest import AS_OF, rows

TABLES = (
    "materials", "bill_of_materials", "bom_components", "routing", "routing_operations",
    "work_centers", "production_orders", "suppliers", "purchase_requisitions",
    "purchase_requisition_lines", "purchase_orders", "purchase_order_lines", "goods_receipts",
    "inventory_balances", "inventory_transactions", "sales_orders", "sales_order_lines",
    "mrp_runs", "mrp_elements", "cost_centers", "general_ledger", "inspection_plans",
    "inspection_characteristics", "erp_mes_sync_log",
)

AS_OF_DATE = dt.date.fromisoformat(AS_OF)
CUTOFF = dt.datetime.fromisoformat(AS_OF)


def test_build_passes_and_every_table_is_populated(built, conn):
    assert_build_populated(built, conn, "erp", TABLES)


def test_marts_have_the_catalog_columns_and_types(conn):
    assert_marts_match_the_catalog(conn, "erp", TABLES)


def test_counts_follow_the_config_and_the_plan(conn, config):
    p, m = config["erp"], config["master"]
    mes = config["manufacturing"]
    types = dict(rows(conn, "SELECT material_type, count(*) FROM erp.materials GROUP BY 1"))
    expected = material_type_counts(p, m["products"])
    assert types == {**expected, "finished_good": m["products"]}
    # Production orders: work_orders_per_day on each day of the MES window, none outside it.
    per_day = Counter(d for (d,) in rows(conn, "SELECT basic_start_date FROM erp.production_orders"))
    window = [AS_OF_DATE - dt.timedelta(days=k) for k in range(1, mes["days_of_history"] + 1)]
    assert set(per_day) <= set(window)
    lo, hi = mes["work_orders_per_day"]
    assert all(lo <= per_day[d] <= hi for d in window), per_day
    sales = Counter(d for (d,) in rows(conn, "SELECT order_date FROM erp.sales_orders"))
    days = [AS_OF_DATE - dt.timedelta(days=k) for k in range(1, p["days_of_history"] + 1)]
    assert set(sales) <= set(days)
    lo, hi = p["sales_orders_per_day"]
    assert all(lo <= sales[d] <= hi for d in days)
    for e in plan(config):
        if e.schema == "erp":
            count = conn.execute(f"SELECT count(*) FROM erp.{e.table}").fetchone()[0]
            assert e.low <= count <= e.high, (e, count)


def test_master_data_drives_the_erp(conn):
    # one finished good per master product, one work center per machine, plants are factories
    assert rows(conn, """
        SELECT p.product_id FROM master.products p LEFT JOIN erp.materials m
          ON m.product_id = p.product_id AND m.material_type = 'finished_good'
        GROUP BY p.product_id HAVING count(m.material_id) <> 1""") == []
    machines = {r[0] for r in rows(conn, "SELECT machine_id FROM master.machines")}
    assert {r[0] for r in rows(conn, "SELECT machine_id FROM erp.work_centers")} == machines
    pairs = set(rows(conn, "SELECT DISTINCT line_id, product_id FROM raw_master.line_product_trials"))
    assert set(rows(conn, "SELECT line_id, product_id FROM raw_erp.routing")) == pairs
    # a routing's operations run on machines of the routing's line
    assert rows(conn, """
        SELECT o.operation_id FROM raw_erp.routing_operations o
        JOIN raw_erp.routing r USING (routing_id)
        JOIN erp.work_centers w USING (work_center_id) WHERE w.line_id <> r.line_id""") == []
    customers = {r[0] for r in rows(conn, "SELECT customer_id FROM master.customers")}
    assert {r[0] for r in rows(conn, "SELECT customer_id FROM erp.sales_orders")} <= customers


def test_standard_cost_rolls_up_bom_and_routing(conn):
    """A finished good's standard cost = its components (with scrap) at their standard cost +
    machine and labor time of its first routing at the work center rate and USD 32/h."""
    cost = {mid: float(c) for mid, c in rows(conn, "SELECT material_id, standard_cost FROM erp.materials")}
    materials: dict[str, float] = defaultdict(float)
    for parent, mid, qty, scrap, base in rows(conn, """
            SELECT b.parent_material_id, c.material_id, c.component_quantity,
                   c.component_scrap_percentage, b.base_quantity
            FROM erp.bom_components c JOIN erp.bill_of_materials b USING (bom_id)"""):
        materials[parent] += float(qty) / float(base) * (1 + float(scrap) / 100) * cost[mid]
    conversion: dict[str, float] = defaultdict(float)
    for material, machine, labor, rate in rows(conn, """
            SELECT r.material_id, o.machine_time, o.labor_time, w.hourly_rate
            FROM erp.routing_operations o JOIN erp.routing r USING (routing_id)
            JOIN erp.work_centers w USING (work_center_id)
            WHERE r.routing_id = (SELECT min(routing_id) FROM erp.routing x
                                  WHERE x.material_id = r.material_id)"""):
        conversion[material] += float(machine) / 60 * float(rate) + float(labor) / 60 * 32
    finished = [m for (m,) in rows(conn, "SELECT material_id FROM erp.materials "
                                         "WHERE material_type = 'finished_good'")]
    assert finished
    for mid in finished:
        assert abs(cost[mid] - materials[mid] - conversion[mid]) < 0.05, mid


def test_balances_recomputed_from_the_raw_facts(conn):
    """Stock per (material, plant) from first principles: opening stock + PO receipts - MES
    issues + MES returns + good output of completed work orders - deliveries."""
    expected: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for mid, plant, qty in rows(conn, "SELECT material_id, plant_id, quantity FROM raw_erp.opening_stock"):
        expected[(mid, plant)] += qty
    for mid, plant, qty in rows(conn, """
            SELECT l.material_id, l.plant_id, g.quantity_received FROM raw_erp.goods_receipts g
            JOIN raw_erp.purchase_order_lines l USING (po_line_id)"""):
        expected[(mid, plant)] += qty
    for mid, plant, kind, qty in rows(conn, """
            SELECT m.material_id, w.factory_id, t.transaction_type, t.quantity
            FROM manufacturing.material_transactions t JOIN manufacturing.work_orders w
            USING (work_order_id) JOIN erp.materials m ON m.material_code = t.material_code"""):
        expected[(mid, plant)] += qty if kind == "return" else -qty
    for mid, plant, good in rows(conn, """
            SELECT p.material_id, p.plant_id, w.good_quantity FROM manufacturing.work_orders w
            JOIN raw_erp.production_orders p ON p.work_order_id = w.work_order_id
            WHERE w.actual_end_time IS NOT NULL"""):
        expected[(mid, plant)] += good
    for mid, plant, delivered in rows(conn, """
            SELECT material_id, plant_id, delivered_quantity FROM erp.sales_order_lines"""):
        expected[(mid, plant)] -= delivered
    actual: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for mid, plant, stock in rows(conn, """
            SELECT material_id, plant_id, unrestricted_stock FROM erp.inventory_balances"""):
        actual[(mid, plant)] += stock
    assert set(actual) == {k for k in expected}
    for key, quantity in expected.items():
        assert abs(actual[key] - quantity) < Decimal("0.001"), key
    assert min(actual.values()) >= 0


def test_balance_is_the_running_sum_and_never_negative(conn):
    running: dict[tuple, Decimal] = defaultdict(Decimal)
    for mid, plant, location, qty in rows(conn, """
            SELECT material_id, plant_id, storage_location, quantity
            FROM erp.inventory_transactions ORDER BY created_at, transaction_id"""):
        running[(mid, plant, location)] += qty
        assert running[(mid, plant, location)] >= 0, (mid, plant, location)
    balances = {(m, p, s): q for m, p, s, q in rows(conn, """
        SELECT material_id, plant_id, storage_location, unrestricted_stock
        FROM erp.inventory_balances""")}
    assert balances == dict(running)
    kinds = {r[0] for r in rows(conn, "SELECT DISTINCT movement_type FROM erp.inventory_transactions")}
    assert {"561", "101", "261", "601"} <= kinds


def test_production_orders_and_work_orders_are_one_to_one(conn):
    erp = dict(rows(conn, "SELECT production_order_id, work_order_id FROM erp.production_orders"))
    mes = dict(rows(conn, "SELECT erp_order_id, work_order_id FROM manufacturing.work_orders"))
    assert erp and erp == mes
    assert len(set(erp.values())) == len(erp)


def test_production_actuals_come_from_mes(conn):
    mes = {wo: (good, scrap, start, end) for wo, good, scrap, start, end in rows(conn, """
        SELECT work_order_id, good_quantity, scrapped_quantity, actual_start_time, actual_end_time
        FROM manufacturing.work_orders""")}
    completed = 0
    for wo, delivered, scrap, start, finish, status in rows(conn, """
            SELECT work_order_id, delivered_quantity, scrap_quantity, actual_start_date,
                   actual_finish_date, system_status FROM erp.production_orders"""):
        good, mes_scrap, mes_start, mes_end = mes[wo]
        assert start == (mes_start.date() if mes_start else None)
        assert finish == (mes_end.date() if mes_end else None)
        if mes_end is not None:
            completed += 1
            assert delivered == good and status in ("delivered", "technically_completed")
        else:
            assert delivered == 0 and status in ("released", "in_process")
        assert scrap == (mes_scrap or 0)
    assert completed > 0


def test_events_are_in_causal_order(conn):
    so_created = dict(rows(conn, "SELECT sales_order_id, created_at FROM raw_erp.sales_orders"))
    orders = rows(conn, """
        SELECT sales_order_id, created_at, released_at, basic_start_date, basic_end_date
        FROM raw_erp.production_orders""")
    assert any(so for so, *_ in orders), "no make-to-order production order"
    for so, created, released, start, end in orders:
        if so is not None:
            assert so_created[so] < created
        assert created <= released <= dt.datetime.combine(start, dt.time())
        assert start <= end
    po_created = dict(rows(conn, "SELECT purchase_order_id, created_at FROM raw_erp.purchase_orders"))
    receipts = rows(conn, "SELECT purchase_order_id, received_at FROM raw_erp.goods_receipts")
    assert receipts
    for po, received in receipts:
        assert po_created[po] < received < CUTOFF
    for approved, po_at in rows(conn, """
            SELECT r.approved_at, o.created_at FROM raw_erp.purchase_requisitions r
            JOIN raw_erp.purchase_order_lines l USING (requisition_id)
            JOIN raw_erp.purchase_orders o USING (purchase_order_id)"""):
        assert approved < po_at
    latest = conn.execute("SELECT max(created_at) FROM erp.inventory_transactions").fetchone()[0]
    assert latest < CUTOFF


def test_mrp_net_requirement(conn):
    """Per run and material: demand - stock - open receipts; a shortage gets one proposal of
    exactly that size. The stock element equals the movements before the planning date."""
    demand: dict[tuple, Decimal] = defaultdict(Decimal)
    supply: dict[tuple, Decimal] = defaultdict(Decimal)
    proposals: dict[tuple, list] = defaultdict(list)
    for run, mid, _kind, req, rec, exc in rows(conn, """
            SELECT mrp_run_id, material_id, element_type, requirement_quantity,
                   receipt_quantity, exception_message FROM erp.mrp_elements"""):
        key = (run, mid)
        if exc is not None:  # a proposal
            proposals[key].append(rec)
        else:
            demand[key] += req or 0
            supply[key] += rec or 0
    assert demand
    for key in set(demand) | set(supply):
        net = demand[key] - supply[key]
        if net > Decimal("0.001"):
            assert len(proposals[key]) == 1 and abs(proposals[key][0] - net) < Decimal("0.001")
        else:
            assert proposals[key] == []
    stock = rows(conn, """
        SELECT e.receipt_quantity, coalesce((SELECT sum(t.quantity) FROM erp.inventory_transactions t
            WHERE t.material_id = e.material_id AND t.plant_id = e.plant_id
              AND t.created_at < r.planning_date::timestamp), 0)
        FROM erp.mrp_elements e JOIN erp.mrp_runs r USING (mrp_run_id)
        WHERE e.element_type = 'stock'""")
    assert stock and all(abs(a - b) < Decimal("0.001") for a, b in stock)


def test_ledger_and_sync_log_follow_the_movements(conn):
    debit, credit = conn.execute(
        "SELECT sum(debit_amount), sum(credit_amount) FROM erp.general_ledger").fetchone()
    value = conn.execute("SELECT sum(abs(amount)) FROM erp.inventory_transactions").fetchone()[0]
    assert debit == credit == value
    released = Counter(d for (d,) in rows(conn, """
        SELECT document_id FROM erp.erp_mes_sync_log WHERE sync_direction = 'ERP_TO_MES'"""))
    orders = {r[0] for r in rows(conn, "SELECT production_order_id FROM erp.production_orders")}
    assert set(released) == orders and set(released.values()) == {1}
    confirmed = {r[0] for r in rows(conn, """
        SELECT document_id FROM erp.erp_mes_sync_log WHERE document_type = 'production_confirmation'""")}
    completed = {r[0] for r in rows(conn, """
        SELECT work_order_id FROM manufacturing.work_orders WHERE actual_end_time IS NOT NULL""")}
    assert confirmed == completed
