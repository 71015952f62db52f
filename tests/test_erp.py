"""ERP on `tiny`: one build, then the derived tables recomputed independently from the raw
facts (ERP raw tables, the MES marts, master data) and the config that sized them."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from decimal import Decimal

import numpy as np

from seeders.engineering import SHELF_LIFE_DAYS
from seeders.erp import _address_line2, material_type_counts
from seeders.master import PRODUCT_FAMILIES
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
    types = dict(rows(conn, "SELECT material_type, count(*) FROM erp.materials GROUP BY 1"))
    expected = material_type_counts(p, m["products"])
    assert types == {**expected, "finished_good": m["products"]}
    # Production orders follow demand and line capacity, not a count per day (seeders/erp.py):
    # planners create them on days of the ERP history before the as-of instant, and a line's
    # plan runs ahead of it, so orders planned to start on or after the as-of date exist;
    # they are released in ERP and not started in MES.
    history = [AS_OF_DATE - dt.timedelta(days=k) for k in range(1, p["days_of_history"] + 1)]
    orders = rows(conn, """
        SELECT p.created_at, p.basic_start_date, p.system_status, w.actual_start_time
        FROM erp.production_orders p JOIN manufacturing.work_orders w USING (work_order_id)""")
    assert {created.date() for created, *_ in orders} <= set(history)
    assert all(created < CUTOFF and start >= created.date() for created, start, *_ in orders)
    ahead = [(status, started) for _, start, status, started in orders if start >= AS_OF_DATE]
    assert ahead and all(status == "released" and started is None for status, started in ahead)
    assert any(start < AS_OF_DATE for _, start, *_ in orders)
    sales = Counter(d for (d,) in rows(conn, "SELECT order_date FROM erp.sales_orders"))
    assert set(sales) <= set(history)
    # sales_orders_per_day on business days; a weekend day takes weekend_order_share of them
    lo, hi = p["sales_orders_per_day"]
    assert all(lo <= sales[d] <= hi for d in history if d.weekday() < 5)
    assert all(sales[d] <= hi for d in history)
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
    """Stock per (material, plant) from first principles. Unrestricted: opening stock + PO
    receipts of materials without inspection + lots accepted by the usage decision - MES
    issues + MES returns + good output of completed work orders - consumables issued to cost
    centers - deliveries. In quality inspection: receipts awaiting their usage decision.
    Blocked: lots rejected and not yet returned to the supplier (a returned lot left stock)."""
    unrestricted: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    inspection: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    blocked: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for mid, plant, qty in rows(conn, "SELECT material_id, plant_id, quantity FROM raw_erp.opening_stock"):
        unrestricted[(mid, plant)] += qty
    for mid, plant, qty, inspected, result, returned in rows(conn, """
            SELECT l.material_id, l.plant_id, g.quantity_received, m.inspection_required,
                   g.inspection_result, g.returned_at IS NOT NULL
            FROM raw_erp.goods_receipts g JOIN raw_erp.purchase_order_lines l USING (po_line_id)
            JOIN raw_erp.materials m ON m.material_id = l.material_id"""):
        key = (mid, plant)
        if not inspected or result == "accepted":
            unrestricted[key] += qty
        elif result is None:
            inspection[key] += qty
        else:
            blocked[key] += 0 if returned else qty
            inspection[key] += 0  # the lot's material is stocked here, even at zero
    for mid, plant, kind, qty in rows(conn, """
            SELECT m.material_id, w.factory_id, t.transaction_type, t.quantity
            FROM manufacturing.material_transactions t JOIN manufacturing.work_orders w
            USING (work_order_id) JOIN erp.materials m ON m.material_code = t.material_code"""):
        unrestricted[(mid, plant)] += qty if kind == "return" else -qty
    for mid, plant, good in rows(conn, """
            SELECT p.material_id, p.plant_id, w.good_quantity FROM manufacturing.work_orders w
            JOIN raw_erp.production_orders p ON p.work_order_id = w.work_order_id
            WHERE w.actual_end_time IS NOT NULL"""):
        unrestricted[(mid, plant)] += good
    for mid, plant, qty in rows(conn, """
            SELECT material_id, plant_id, quantity FROM raw_erp.cost_center_issues"""):
        unrestricted[(mid, plant)] -= qty
    for mid, plant, delivered in rows(conn, """
            SELECT material_id, plant_id, delivered_quantity FROM erp.sales_order_lines"""):
        unrestricted[(mid, plant)] -= delivered
    actual = {kind: defaultdict(Decimal) for kind in ("unrestricted", "inspection", "blocked")}
    for mid, plant, free, inspecting, held in rows(conn, """
            SELECT material_id, plant_id, unrestricted_stock, quality_inspection_stock,
                   blocked_stock FROM erp.inventory_balances"""):
        actual["unrestricted"][(mid, plant)] += free
        actual["inspection"][(mid, plant)] += inspecting
        actual["blocked"][(mid, plant)] += held
    assert set(actual["unrestricted"]) == set(unrestricted) | set(inspection) | set(blocked)
    for kind, expected in (("unrestricted", unrestricted), ("inspection", inspection),
                           ("blocked", blocked)):
        for key in actual[kind]:
            assert abs(actual[kind][key] - expected.get(key, 0)) < Decimal("0.001"), (kind, key)
        assert min(actual[kind].values()) >= 0, kind


def test_balance_is_the_running_sum_and_never_negative(conn):
    """A location's stock (all stock types: a transfer posting moves stock between types in
    place, +/- at the same location) is the running sum of its movements, never below zero."""
    running: dict[tuple, Decimal] = defaultdict(Decimal)
    for mid, plant, location, qty in rows(conn, """
            SELECT material_id, plant_id, storage_location, quantity
            FROM erp.inventory_transactions ORDER BY created_at, transaction_id"""):
        running[(mid, plant, location)] += qty
        assert running[(mid, plant, location)] >= 0, (mid, plant, location)
    balances = {(m, p, s): q for m, p, s, q in rows(conn, """
        SELECT material_id, plant_id, storage_location,
               unrestricted_stock + quality_inspection_stock + blocked_stock
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
    """SAP's lifecycle from the MES work order: released (REL) until MES starts it, in process
    while it runs; at completion delivered (DLV) when good output went to stock, technically
    completed (TECO) when none did; closed (CLSD) once MES closed the completed work order."""
    mes = {wo: (good, scrap, start, end, status) for wo, good, scrap, start, end, status in rows(conn, """
        SELECT work_order_id, good_quantity, scrapped_quantity, actual_start_time,
               actual_end_time, status FROM manufacturing.work_orders""")}
    completed = 0
    for wo, delivered, scrap, start, finish, status in rows(conn, """
            SELECT work_order_id, delivered_quantity, scrap_quantity, actual_start_date,
                   actual_finish_date, system_status FROM erp.production_orders"""):
        good, mes_scrap, mes_start, mes_end, mes_status = mes[wo]
        assert start == (mes_start.date() if mes_start else None)
        assert finish == (mes_end.date() if mes_end else None)
        if mes_end is not None:
            completed += 1
            expected = ("closed" if mes_status == "closed"
                        else "delivered" if good > 0 else "technically_completed")
            assert delivered == good and status == expected, (wo, status, mes_status)
        else:
            assert mes_status != "closed"
            assert delivered == 0 and status == ("in_process" if mes_start else "released")
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
    """Every ledger document balances. Each stock movement that changes value posts its amount
    once on a stock account (a transfer posting between stock types in place, 321/350, moves
    no value); revenue is the delivered quantities at their net price in USD; GR/IR is
    debited by supplier invoices at the value of the receipts they bill."""
    assert rows(conn, """
        SELECT document_number FROM erp.general_ledger GROUP BY 1
        HAVING coalesce(sum(debit_amount), 0) <> coalesce(sum(credit_amount), 0)""") == []
    debit, credit = conn.execute(
        "SELECT sum(debit_amount), sum(credit_amount) FROM erp.general_ledger").fetchone()
    assert debit == credit
    stock = conn.execute("""
        SELECT sum(coalesce(debit_amount, 0) + coalesce(credit_amount, 0))
        FROM erp.general_ledger WHERE gl_account LIKE '13%'""").fetchone()[0]
    value = conn.execute("""
        SELECT sum(abs(amount)) FROM erp.inventory_transactions
        WHERE movement_type NOT IN ('321', '350')""").fetchone()[0]
    assert stock == value
    revenue = conn.execute("""
        SELECT sum(credit_amount) FROM erp.general_ledger WHERE gl_account = '400000'""").fetchone()[0]
    delivered, lines = conn.execute("""
        SELECT sum(d.delivered_quantity * l.unit_price * (1 - l.discount_percentage / 100)
                   * o.exchange_rate), count(*)
        FROM erp.sales_order_lines d
        JOIN raw_erp.sales_order_lines l USING (sales_order_line_id)
        JOIN raw_erp.sales_orders o ON o.sales_order_id = l.sales_order_id
        WHERE d.delivered_quantity > 0""").fetchone()
    assert delivered > 0 and abs(revenue - delivered) <= Decimal("0.02") * lines  # cents per invoice
    billed = conn.execute("""
        SELECT sum(g.quantity_received * l.unit_price * o.exchange_rate)
        FROM raw_erp.goods_receipts g JOIN raw_erp.purchase_order_lines l USING (po_line_id)
        JOIN raw_erp.purchase_orders o ON o.purchase_order_id = l.purchase_order_id
        WHERE g.invoice_received_at IS NOT NULL""").fetchone()[0] or 0
    invoiced = conn.execute("""
        SELECT coalesce(sum(debit_amount), 0) FROM erp.general_ledger
        WHERE gl_account = '191100' AND document_type = 'RE'""").fetchone()[0]
    assert abs(invoiced - billed) < Decimal("0.01") * max(1, len(rows(conn, """
        SELECT 1 FROM raw_erp.goods_receipts WHERE invoice_received_at IS NOT NULL""")))
    released = Counter(d for (d,) in rows(conn, """
        SELECT document_id FROM erp.erp_mes_sync_log WHERE sync_direction = 'ERP_TO_MES'"""))
    orders = {r[0] for r in rows(conn, "SELECT production_order_id FROM erp.production_orders")}
    assert set(released) == orders and set(released.values()) == {1}
    confirmed = {r[0] for r in rows(conn, """
        SELECT document_id FROM erp.erp_mes_sync_log WHERE document_type = 'production_confirmation'""")}
    completed = {r[0] for r in rows(conn, """
        SELECT work_order_id FROM manufacturing.work_orders WHERE actual_end_time IS NOT NULL""")}
    assert confirmed == completed


def test_purchase_order_lines_book_to_the_stock_account_their_receipts_post_to(conn):
    """A PO line's account assignment is the account the ledger debits for its goods receipt
    (the material type's stock account), never another domain's account."""
    matched, wrong = conn.execute(
        """
        SELECT count(*), count(*) FILTER (WHERE gl.gl_account <> l.gl_account)
        FROM erp.goods_receipts g
        JOIN erp.purchase_order_lines l ON l.po_line_id = g.po_line_id
        JOIN erp.inventory_transactions t
          ON t.goods_receipt_id = g.goods_receipt_id AND t.movement_type = '101'
        JOIN erp.general_ledger gl
          ON gl.source_document_id = t.transaction_id AND gl.debit_amount IS NOT NULL
        """).fetchone()
    assert matched > 0 and wrong == 0, (matched, wrong)


def test_suppliers_second_address_line(conn):
    """About 30 % of supplier sites name a unit within the street address (building, hall,
    unit, suite, gate, floor or block); the others have no second line."""
    pattern = re.compile(r"(Building|Hall|Unit|Suite|Gate|Floor) \d+|Block [A-Z]")
    lines = rows(conn, """
        SELECT s.address_line2, r.address_line2 FROM erp.suppliers s
        JOIN raw_erp.suppliers r USING (supplier_id)""")
    assert lines
    for line2, raw in lines:
        assert line2 == raw
        assert line2 is None or pattern.fullmatch(line2), line2
    # the share, over many draws of the generator (tiny has four suppliers)
    drawn = _address_line2(np.random.default_rng(7), 5000)
    assert 0.27 < sum(x is not None for x in drawn) / len(drawn) < 0.33
    assert all(x is None or pattern.fullmatch(x) for x in drawn)


def test_finished_goods_shelf_life_follows_the_product_family(conn):
    """A finished good's shelf life is its product family's (the start of the product's name);
    families that keep indefinitely have none, and so do packaging and components."""
    families = {f for options in PRODUCT_FAMILIES.values() for f, _ in options}
    assert set(SHELF_LIFE_DAYS) <= families  # a misspelt family would silently keep forever
    goods = rows(conn, """
        SELECT p.product_name, m.shelf_life_days FROM erp.materials m
        JOIN master.products p USING (product_id) WHERE m.material_type = 'finished_good'""")
    assert goods
    for name, days in goods:
        family = next(f for f in families if name.startswith(f + " "))
        assert days == SHELF_LIFE_DAYS.get(family), name
    assert rows(conn, """
        SELECT material_id FROM erp.materials
        WHERE material_type IN ('component', 'packaging') AND shelf_life_days IS NOT NULL""") == []


def test_batch_managed_balances_carry_the_latest_receipts_batch(conn):
    """Raw materials, components and finished goods are batch-managed: a balance names the
    batch of the latest receipt into its location whose lot was not returned (NULL with none);
    packaging and consumables carry no batch. Receipts from production carry the work
    order's batch."""
    managed = {"raw_material", "component", "finished_good"}
    kind = dict(rows(conn, "SELECT material_id, material_type FROM erp.materials"))
    returned = set(rows(conn, """
        SELECT material_id, plant_id, batch_number FROM erp.inventory_transactions
        WHERE movement_type = '122'"""))
    latest: dict[tuple, str] = {}
    for mid, plant, location, batch in rows(conn, """
            SELECT material_id, plant_id, storage_location, batch_number
            FROM erp.inventory_transactions
            WHERE transaction_type = 'goods_receipt' AND quantity > 0
            ORDER BY created_at, transaction_id"""):
        if batch is not None and (mid, plant, batch) not in returned:
            latest[(mid, plant, location)] = batch
    balances = rows(conn, """
        SELECT material_id, plant_id, storage_location, batch_number FROM erp.inventory_balances""")
    for mid, plant, location, batch in balances:
        expected = latest.get((mid, plant, location)) if kind[mid] in managed else None
        assert batch == expected, (mid, plant, location)
    assert {kind[b[0]] for b in balances if b[3] is not None} == managed
    production = rows(conn, """
        SELECT t.batch_number, w.batch_number FROM erp.inventory_transactions t
        JOIN manufacturing.work_orders w USING (work_order_id)
        WHERE t.movement_type = '101'""")
    assert production and all(a == b and a is not None for a, b in production)
