"""Manufacturing (MES) on `tiny`: one build, then the data checked against its own raw facts,
the ERP plan it executes, the master data it runs on and the config that sized it."""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict

from seeders.plan import plan

from .catalog import assert_build_populated, assert_marts_match_the_catalog
from .conftest import AS_OF, rows

TABLES = (
    "work_orders", "work_order_operations", "material_transactions", "quality_inspections",
    "defects", "labor_transactions", "downtime_events", "changeover_events",
    "electronic_batch_records", "production_schedule",
)

CUTOFF = dt.datetime.fromisoformat(AS_OF)


def test_build_passes_and_every_table_is_populated(built, conn):
    assert_build_populated(built, conn, "manufacturing", TABLES)


def test_marts_have_the_catalog_columns_and_types(conn):
    assert_marts_match_the_catalog(conn, "manufacturing", TABLES)


def test_erp_interface_models_keep_the_contract_columns(conn):
    def cols(name):
        return [r[0] for r in rows(conn, """
            SELECT column_name FROM information_schema.columns
            WHERE table_schema = 'intermediate' AND table_name = %s ORDER BY ordinal_position""",
            name)]
    assert cols("int_manufacturing__work_order_outcomes") == [
        "work_order_id", "production_order_id", "factory_id", "line_id", "material_id",
        "product_id", "actual_start_time", "actual_end_time", "good_quantity", "scrap_quantity",
        "rework_quantity", "status"]
    assert cols("int_manufacturing__material_movements") == [
        "transaction_id", "work_order_id", "factory_id", "material_id", "quantity", "moved_at"]


def test_one_work_order_per_production_order(conn):
    erp = dict(rows(conn, "SELECT production_order_id, work_order_id FROM raw_erp.production_orders"))
    mes = dict(rows(conn, "SELECT erp_order_id, work_order_id FROM manufacturing.work_orders"))
    assert erp and mes == erp


def test_work_order_totals_come_from_operations(conn):
    ops = defaultdict(list)
    for wo, seq, done, scrap, rework in rows(conn, """
            SELECT work_order_id, operation_sequence, completed_quantity, scrap_quantity,
                   rework_quantity FROM raw_manufacturing.operation_executions"""):
        ops[wo].append((seq, done, scrap, rework))
    checked = 0
    for wo, produced, good, scrapped, rework, rejected, planned, status in rows(conn, """
            SELECT work_order_id, produced_quantity, good_quantity, scrapped_quantity,
                   rework_quantity, rejected_quantity, planned_quantity, status
            FROM manufacturing.work_orders"""):
        steps = sorted(ops[wo])
        assert good == steps[-1][1]
        assert scrapped == sum(s[2] for s in steps)
        assert rework == sum(s[3] for s in steps)
        assert produced == good + scrapped
        assert rejected == scrapped + rework
        if status in ("completed", "closed"):
            assert produced == planned
            checked += 1
    assert checked > 0


def test_yields_stay_near_the_configured_first_pass_yield(conn, config):
    low, high = config["manufacturing"]["first_pass_yield_pct"]
    good, rework, produced = rows(conn, """
        SELECT sum(good_quantity), sum(rework_quantity), sum(produced_quantity)
        FROM manufacturing.work_orders WHERE status IN ('completed', 'closed')""")[0]
    fpy = 100 * (good - rework) / produced
    assert low - 3 <= fpy <= high + 0.5


def test_events_are_causal_and_end_before_the_as_of_day(conn):
    orders = {r[0]: r[1:] for r in rows(conn, """
        SELECT w.work_order_id, p.created_at, p.released_at, w.received_at,
               w.actual_start_time, w.actual_end_time, w.status
        FROM raw_manufacturing.work_order_executions w
        JOIN raw_erp.production_orders p USING (production_order_id)""")}
    statuses = Counter(o[5] for o in orders.values())
    assert statuses["completed"] > 0
    for created, released, received, start, end, status in orders.values():
        assert created <= released <= received
        assert (start is None) == (status == "released")
        assert (end is None) == (status != "completed")
        if start is not None:
            assert received < start < CUTOFF
        if end is not None:
            assert start < end < CUTOFF
    # a work order's operations are the stations of a flow line: each starts after the one
    # before it started, ends after it ended, and completes only once it has
    previous: dict[str, tuple] = {}
    for wo, _seq, start, end, status in rows(conn, """
            SELECT work_order_id, operation_sequence, actual_start_time, actual_end_time, status
            FROM raw_manufacturing.operation_executions
            ORDER BY work_order_id, operation_sequence"""):
        wo_start, wo_end = orders[wo][3], orders[wo][4]
        before = previous.get(wo)
        if start is not None:
            assert wo_start <= start and (wo_end is None or end <= wo_end)
            assert before is None or (before[0] is not None and before[0] <= start)
        if status == "completed" and before is not None:
            assert before[2] == "completed" and before[1] <= end
        previous[wo] = (start, end, status)
    for name, query in {
        "inspection": """SELECT i.inspection_date, o.actual_end_time
            FROM raw_manufacturing.inspections i
            JOIN raw_manufacturing.operation_executions o USING (operation_id)""",
        "downtime": """SELECT d.downtime_start, o.actual_start_time
            FROM raw_manufacturing.downtime_events d
            JOIN raw_manufacturing.operation_executions o USING (operation_id)""",
    }.items():
        pairs = rows(conn, query)
        assert pairs, name
        for event, reference in pairs:
            assert reference is not None and reference <= event < CUTOFF, name


def test_labor_is_booked_inside_a_shift_of_the_employees_factory(conn):
    shifts = {r[0]: r[1:] for r in rows(conn, """
        SELECT shift_id, factory_id, start_time, end_time, days_of_week
        FROM raw_master.shifts""")}
    employees = {r[0]: r[1:] for r in rows(conn, """
        SELECT employee_id, factory_id, hire_date FROM raw_master.employees""")}
    entries = rows(conn, """
        SELECT employee_id, shift_id, shift_date, clock_in_time, clock_out_time
        FROM raw_manufacturing.labor_entries""")
    assert entries
    seen = defaultdict(list)
    for employee, shift, day, clock_in, clock_out in entries:
        factory, start, end, days = shifts[shift]
        assert employees[employee][0] == factory
        assert employees[employee][1] <= day
        assert day.strftime("%a").lower() in days.split(",")
        window_start = dt.datetime.combine(day, start)
        window_end = dt.datetime.combine(day + dt.timedelta(days=int(end <= start)), end)
        if clock_out is None:  # still clocked in: its shift is on at the as-of instant
            assert window_start <= clock_in < CUTOFF < window_end
            clock_out = CUTOFF
        assert window_start <= clock_in < clock_out <= window_end
        assert clock_out <= CUTOFF
        seen[employee].append((clock_in, clock_out))
    for spans in seen.values():
        spans.sort()
        assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:], strict=False))


def test_material_consumption_stays_within_the_contract_bound(conn):
    bookings = rows(conn, """
        SELECT m.work_order_id, m.bom_component_id, m.quantity::float8, m.moved_at,
               p.order_quantity::float8, c.component_quantity::float8,
               c.component_scrap_percentage::float8,
               b.base_quantity::float8, c.bom_id = p.bom_id, c.material_id = m.material_id
        FROM raw_manufacturing.material_bookings m
        JOIN raw_manufacturing.work_order_executions w USING (work_order_id)
        JOIN raw_erp.production_orders p USING (production_order_id)
        JOIN raw_erp.bom_components c ON c.component_id = m.bom_component_id
        JOIN raw_erp.bill_of_materials b ON b.bom_id = c.bom_id""")
    assert bookings
    net = Counter()
    for wo, comp, qty, moved, order_qty, comp_qty, scrap_pct, base, same_bom, same_mat in bookings:
        assert same_bom and same_mat
        bound = order_qty * comp_qty / base * (1 + (scrap_pct or 0) / 100) * 1.10
        if qty > 0:
            assert qty <= bound
        net[(wo, comp)] += qty
        assert moved < CUTOFF
    assert min(net.values()) >= -1e-9
    returns = [b for b in bookings if b[2] < 0]
    assert returns, "tiny should show at least one return of unused material"


def test_cardinality_follows_the_config(conn, config):
    p = config["manufacturing"]
    per_order = Counter(r[0] for r in rows(conn,
                        "SELECT work_order_id FROM manufacturing.work_order_operations"))
    assert set(per_order.values()) <= set(range(p["operations_per_order"][0],
                                                p["operations_per_order"][1] + 1))
    inspections = Counter(r[0] for r in rows(conn,
                          "SELECT work_order_id FROM manufacturing.quality_inspections"))
    assert max(inspections.values()) <= p["inspections_per_order"][1]
    # labor is booked on the days some line was staffed (the roster), and only on those
    labor_days = {r[0] for r in rows(conn, "SELECT DISTINCT shift_date FROM "
                                           "raw_manufacturing.labor_entries")}
    staffed_days = {r[0] for r in rows(conn, """
        SELECT DISTINCT cast(shift_start AS date) FROM raw_manufacturing.line_shifts
        WHERE staffed AND shift_start < %s""", CUTOFF)}
    assert labor_days == staffed_days
    assert len({r[0] for r in rows(conn, "SELECT DISTINCT cast(shift_start AS date) "
                                         "FROM raw_manufacturing.line_shifts")}) \
        == p["days_of_history"]
    orders, records = rows(conn, """
        SELECT count(*) FILTER (WHERE actual_start_time IS NOT NULL),
               count(electronic_batch_record_id) FROM manufacturing.work_orders""")[0]
    assert 0 < records <= orders


def test_plan_brackets_the_mart_counts(conn, config):
    estimates = [e for e in plan(config) if e.schema == "manufacturing"]
    assert {e.table for e in estimates} == set(TABLES)
    for e in estimates:
        count = conn.execute(f"SELECT count(*) FROM manufacturing.{e.table}").fetchone()[0]
        assert e.low <= count <= e.high, (e.table, count, e)


def test_expiry_is_the_manufacturing_date_plus_the_shelf_life(conn):
    """A batch record expires its product's shelf life (ERP finished good) after its
    manufacturing date, and its work order's lot on the same day; products that keep
    indefinitely, and orders not started, have no expiry."""
    shelf = dict(rows(conn, """
        SELECT product_id, shelf_life_days FROM erp.materials WHERE material_type = 'finished_good'"""))
    records = rows(conn, """
        SELECT work_order_id, product_id, manufacturing_date, expiration_date
        FROM manufacturing.electronic_batch_records""")
    for _, product, made, expires in records:
        days = shelf[product]
        assert expires == (made + dt.timedelta(days=days) if made and days else None)
    expiring = 0
    for _, product, start, batch, expiry in rows(conn, """
            SELECT work_order_id, product_id, actual_start_time, batch_number, expiry_date
            FROM manufacturing.work_orders"""):
        days = shelf[product]
        assert expiry == (start.date() + dt.timedelta(days=days) if batch and days else None)
        expiring += expiry is not None
    assert rows(conn, """
        SELECT e.ebr_id FROM manufacturing.electronic_batch_records e
        JOIN manufacturing.work_orders w USING (work_order_id)
        WHERE e.expiration_date IS DISTINCT FROM w.expiry_date""") == []
    assert expiring, "tiny should make some product with a shelf life"


def test_serialized_components_carry_unit_serials(conn):
    """Electronic modules (material groups pcb and sensor) are serialized: numbered per
    material in issue order, an issue of n units (rounded up) names the first of the next n
    serials, a return the first of the last units of its issue; other materials carry none.
    (The numbering itself is pinned by the mart's dbt unit test: tiny's seven components
    include no electronic module.)"""
    issued: dict[str, int] = defaultdict(int)
    ranges: dict[tuple, tuple[int, int]] = {}
    transactions = rows(conn, """
        SELECT t.work_order_id, t.material_code, t.transaction_type, t.quantity, t.serial_number,
               t.supplier_lot_number, m.material_group
        FROM manufacturing.material_transactions t JOIN erp.materials m USING (material_code)
        ORDER BY t.transaction_date, t.transaction_id""")
    assert transactions
    for wo, code, kind, quantity, serial, lot, group in transactions:
        if group not in ("pcb", "sensor"):
            assert serial is None, code
            continue
        prefix, number = serial.rsplit("-", 1)
        assert prefix == code and len(number) == 7
        units = math.ceil(quantity)
        if kind == "issue":
            assert int(number) == issued[code] + 1, serial
            issued[code] += units
            ranges[(wo, code, lot)] = (int(number), units)
        else:
            first, count = ranges[(wo, code, lot)]
            assert int(number) == first + count - units, serial
