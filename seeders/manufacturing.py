"""The manufacturing (MES) domain: execution of ERP's production orders on the shop floor.

ERP plans (raw_erp: materials, BOMs, routings, work centers, released production orders);
MES executes each production order as exactly one work order and records raw facts only:
when each routing operation ran on which machine and what it yielded, material bookings per
BOM component, labor clocked by the factory's employees inside their shifts, inspections,
defects, downtime, changeovers and electronic batch records.

dbt derives the rest: work-order totals from their operations (produced = good + scrap),
durations, efficiencies, yields, costs, the production schedule and the defect counts of an
inspection. Time is causal: released < started < operations in sequence < completed, and
nothing happens at or after the as-of instant (orders near it may be running or not started,
employees on the current shift still clocked in).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from genims.params import Count, Range, Rate
from seeders.engine import SeedContext, history_days, raw_table
from seeders.gen import DAY, MINUTE, Rows, count, ids
from seeders.plan import Amount, Estimate, estimate

NAME = "manufacturing"
REQUIRES = ("master", "erp")


PARAMETERS: dict[str, Any] = {
    "days_of_history": Count("days of production history up to the as-of instant", minimum=1),
    "work_orders_per_day": Range("work orders (= ERP production orders) started per day", minimum=1),
    "operations_per_order": Range("routing operations executed per work order", minimum=1),
    "materials_per_order": Range("BOM components consumed per work order", minimum=1),
    "inspections_per_order": Range("quality inspections per completed work order", minimum=1),
    "labor_entries_per_day": Range("labor time entries booked per day", minimum=1),
    "downtime_events_per_day": Range("machine downtime incidents per day", minimum=0),
    "changeovers_per_day": Range("product changeovers per day", minimum=0),
    "first_pass_yield_pct": Range(
        "first pass yield of a work order, percent", minimum=0, maximum=100, fraction=True
    ),
    "inspection_pass_rate": Rate("share of quality inspections that pass"),
    "defect_rate": Rate("share of work orders with recorded defects"),
    "batch_record_share": Rate("share of work orders with an electronic batch record"),
}

RAW_TABLES = (
    raw_table(
        "work_order_executions",
        "work_order_id VARCHAR(50)", "production_order_id VARCHAR(50)",
        "received_at TIMESTAMP", "scheduled_start_time TIMESTAMP",
        "scheduled_end_time TIMESTAMP", "actual_start_time TIMESTAMP",
        "actual_end_time TIMESTAMP", "status VARCHAR(30)", "completed_by VARCHAR(50)",
        "closed_at TIMESTAMP",
    ),
    raw_table(
        "operation_executions",
        "operation_id VARCHAR(50)", "work_order_id VARCHAR(50)",
        "routing_operation_id VARCHAR(50)", "operation_sequence INTEGER",
        "work_center_id VARCHAR(50)", "machine_id VARCHAR(50)",
        "scheduled_start_time TIMESTAMP", "scheduled_end_time TIMESTAMP",
        "actual_start_time TIMESTAMP", "actual_end_time TIMESTAMP",
        "actual_setup_minutes INTEGER", "input_quantity INTEGER", "completed_quantity INTEGER",
        "scrap_quantity INTEGER", "rework_quantity INTEGER", "status VARCHAR(30)",
        "operator_id VARCHAR(50)", "shift_id VARCHAR(50)",
    ),
    raw_table(
        "material_bookings",
        "transaction_id VARCHAR(50)", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "bom_component_id VARCHAR(50)", "material_id VARCHAR(50)",
        "transaction_type VARCHAR(30)", "quantity DECIMAL(15,4)", "moved_at TIMESTAMP",
        "performed_by VARCHAR(50)", "supplier_lot_number VARCHAR(50)",
    ),
    raw_table(
        "labor_entries",
        "labor_transaction_id VARCHAR(50)", "employee_id VARCHAR(50)", "shift_id VARCHAR(50)",
        "shift_date DATE", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "activity_type VARCHAR(50)", "clock_in_time TIMESTAMP", "clock_out_time TIMESTAMP",
        "break_time_minutes INTEGER", "hourly_rate DECIMAL(10,2)", "approved_by VARCHAR(50)",
        "approved_at TIMESTAMP",
    ),
    raw_table(
        "inspections",
        "inspection_id VARCHAR(50)", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "inspection_type VARCHAR(50)", "inspection_date TIMESTAMP", "inspector_id VARCHAR(50)",
        "shift_id VARCHAR(50)", "sample_size INTEGER", "inspection_result VARCHAR(30)",
        "measured_value DECIMAL(10,4)", "nominal_value DECIMAL(10,4)",
        "tolerance DECIMAL(10,4)", "approved_by VARCHAR(50)", "approved_at TIMESTAMP",
    ),
    raw_table(
        "defects",
        "defect_id VARCHAR(50)", "inspection_id VARCHAR(50)", "detected_date TIMESTAMP",
        "defect_category VARCHAR(50)", "defect_severity VARCHAR(20)",
        "quantity_affected INTEGER", "detection_method VARCHAR(50)",
        "root_cause_category VARCHAR(100)", "detected_by VARCHAR(50)",
        "action_owner VARCHAR(50)", "action_due_date DATE", "status VARCHAR(30)",
        "closed_date TIMESTAMP",
    ),
    raw_table(
        "downtime_events",
        "downtime_id VARCHAR(50)", "operation_id VARCHAR(50)", "machine_id VARCHAR(50)",
        "downtime_start TIMESTAMP", "downtime_end TIMESTAMP", "downtime_category VARCHAR(50)",
        "reported_by VARCHAR(50)", "responded_by VARCHAR(50)", "response_time_minutes INTEGER",
    ),
    raw_table(
        "changeovers",
        "changeover_id VARCHAR(50)", "from_work_order_id VARCHAR(50)",
        "to_work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "changeover_type VARCHAR(50)", "changeover_start TIMESTAMP",
        "teardown_time_minutes INTEGER", "setup_time_minutes INTEGER",
        "adjustment_time_minutes INTEGER", "trial_run_time_minutes INTEGER",
        "parts_produced_during_setup INTEGER", "parts_scrapped_during_setup INTEGER",
        "supervisor_id VARCHAR(50)", "operator_ids TEXT",
        "first_piece_inspection_passed BOOLEAN", "quality_approval_by VARCHAR(50)",
    ),
    raw_table(
        "batch_records",
        "ebr_id VARCHAR(50)", "work_order_id VARCHAR(50)", "prepared_by VARCHAR(50)",
        "prepared_at TIMESTAMP", "reviewed_by VARCHAR(50)", "reviewed_at TIMESTAMP",
        "approved_by VARCHAR(50)", "approved_at TIMESTAMP", "released_by VARCHAR(50)",
        "released_at TIMESTAMP", "rejected BOOLEAN", "temperature_min_c DECIMAL(5,2)",
        "temperature_max_c DECIMAL(5,2)", "humidity_min_percentage DECIMAL(5,2)",
        "humidity_max_percentage DECIMAL(5,2)", "regulatory_requirement VARCHAR(100)",
    ),
)


# --------------------------------------------------------------------------- the plan


def plan(config: Any) -> list[Estimate]:
    p = config[NAME]
    days = Amount.exact(len(history_days(config.as_of, p["days_of_history"])))
    orders = days * p["work_orders_per_day"]
    # not every order has reached its inspections (or its batch record) by the as-of day
    inspections = (orders * p["inspections_per_order"]).scaled(expected=0.9, low=0)
    fail = 1 - p["inspection_pass_rate"]
    share = p["batch_record_share"]
    # the marts: one row per raw fact, plus one schedule entry per work order
    return [
        estimate(NAME, "work_orders", orders),
        estimate(NAME, "work_order_operations", orders * p["operations_per_order"]),
        estimate(NAME, "material_transactions",
                 (orders * p["materials_per_order"]).scaled(expected=0.95, low=0, high=2)),
        estimate(NAME, "labor_transactions", (days * p["labor_entries_per_day"]).scaled(low=0)),
        estimate(NAME, "quality_inspections", inspections),
        estimate(NAME, "defects", Amount(orders.expected * (p["defect_rate"] + fail * 2) * 1.5, 0,
                                         inspections.high * 3)),
        estimate(NAME, "downtime_events", (days * p["downtime_events_per_day"]).scaled(low=0)),
        estimate(NAME, "changeover_events", (days * p["changeovers_per_day"]).scaled(low=0)),
        estimate(NAME, "electronic_batch_records",
                 (orders * share).scaled(expected=0.95, low=0, high=2)),
        estimate(NAME, "production_schedule", orders),
    ]


# --------------------------------------------------------------------------- helpers

def minutes(value: float) -> np.timedelta64:
    return np.timedelta64(int(round(value * 60)), "s")


@dataclass
class Shifts:
    """A factory's shift templates, to find the shift covering a moment and shift windows."""

    rows: list[dict[str, Any]]
    by_factory: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for row in self.rows:
            self.by_factory.setdefault(row["factory_id"], []).append(row)

    def windows(self, factory: str, day: np.datetime64) -> list[tuple[dict, np.datetime64, np.datetime64]]:
        """The shifts of `factory` that start on `day`: (shift, start, end)."""
        weekday = _WEEKDAYS[dt.date.fromisoformat(str(np.datetime64(day, "D"))).weekday()]
        out = []
        for shift in self.by_factory.get(factory, []):
            if weekday not in shift["days"]:
                continue
            start = np.datetime64(day, "D").astype("datetime64[s]") + shift["start"]
            end = np.datetime64(day, "D").astype("datetime64[s]") + shift["end"]
            if end <= start:
                end = end + DAY
            out.append((shift, start, end))
        return out

    def at(self, factory: str, moment: np.datetime64) -> str | None:
        """The regular or weekend shift of `factory` running at `moment` (not overtime)."""
        day = np.datetime64(moment, "D")
        for candidate_day in (day, day - DAY):
            for shift, start, end in self.windows(factory, candidate_day):
                if shift["shift_type"] != "overtime" and start <= moment < end:
                    return shift["shift_id"]
        return None


_WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def _seconds_of(value: Any) -> np.timedelta64:
    if isinstance(value, dt.time):
        return np.timedelta64(value.hour * 3600 + value.minute * 60 + value.second, "s")
    hours, mins = str(value).split(":")[:2]
    return np.timedelta64(int(hours) * 3600 + int(mins) * 60, "s")


@dataclass
class Staff:
    """Active employees of each factory by role, for picking who did what."""

    ids: np.ndarray
    factory: np.ndarray
    line: np.ndarray
    role: np.ndarray
    department: np.ndarray
    shift: np.ndarray
    hired: np.ndarray
    rate: np.ndarray
    index: dict[str, int] = field(default_factory=dict)
    groups: dict[tuple, np.ndarray] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.index = {e: i for i, e in enumerate(self.ids)}

    def pick(self, rng: np.random.Generator, factory: str, roles: tuple[str, ...],
             line: str | None = None, shift_name: str | None = None,
             on: np.datetime64 | None = None) -> str | None:
        """A random active employee of `factory` in one of `roles`, preferring `line` and
        `shift_name`, hired before `on`."""
        day = np.datetime64(on, "D") if on is not None else None
        for narrow_line, narrow_shift in ((line, shift_name), (line, None), (None, shift_name),
                                          (None, None)):
            key = (factory, roles, narrow_line, narrow_shift)
            members = self.groups.get(key)
            if members is None:
                mask = (self.factory == factory) & np.isin(self.role, roles)
                if narrow_line is not None:
                    mask &= self.line == narrow_line
                if narrow_shift is not None:
                    mask &= _works(self.shift, narrow_shift)
                members = self.groups[key] = np.flatnonzero(mask)
            if day is not None:
                members = members[self.hired[members] <= day]
            if members.size:
                return str(self.ids[members[rng.integers(members.size)]])
        return None


def _works(employee_shift: np.ndarray, shift_name: str) -> np.ndarray:
    """Employees on a shift rota work shifts of that name; day staff ('general') shift_a."""
    general = employee_shift == "general"
    return (employee_shift == shift_name) | (general & (shift_name == "shift_a"))


HOURLY_RATE = {"operator": 22.0, "technician": 28.0, "supervisor": 34.0,
               "quality_inspector": 26.0, "engineer": 40.0, "manager": 52.0}


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    window_start, as_of = ctx.history(p["days_of_history"])
    world = _read_world(ctx)
    orders, ops = _execute(ctx, world, as_of)
    yield "work_order_executions", orders.pop("chunk")
    yield "operation_executions", ops.pop("chunk")
    yield "material_bookings", _materials(ctx, world, orders, ops, as_of)
    yield "labor_entries", _labor(ctx, world, ops, window_start, as_of)
    inspections, defects = _inspections(ctx, world, orders, ops, as_of)
    yield "inspections", inspections
    yield "defects", defects
    yield "downtime_events", _downtime(ctx, world, ops, window_start, as_of)
    yield "changeovers", _changeovers(ctx, world, orders, ops, window_start, as_of)
    yield "batch_records", _batch_records(ctx, world, orders, as_of)


def _read_world(ctx: SeedContext) -> dict[str, Any]:
    po = ctx.read(
        "erp", "production_orders",
        "work_order_id, production_order_id, product_id, plant_id, line_id, routing_id, bom_id, "
        "order_quantity::int8 AS order_quantity, basic_start_date, released_at, "
        "material_available_at",
        order_by="work_order_id",
    )
    routing_ops = ctx.read(
        "erp", "routing_operations",
        "operation_id, routing_id, operation_number::int8 AS operation_number, work_center_id, "
        "setup_time::float8 AS setup_time, machine_time::float8 AS machine_time, "
        "base_quantity::float8 AS base_quantity",
        order_by="routing_id, operation_number, operation_id",
    )
    centers = ctx.read("erp", "work_centers", "work_center_id, machine_id")
    boms = ctx.read("erp", "bill_of_materials", "bom_id, base_quantity::float8 AS base_quantity")
    components = ctx.read(
        "erp", "bom_components",
        "component_id, bom_id, material_id, component_quantity::float8 AS component_quantity, "
        "coalesce(component_scrap_percentage, 0)::float8 AS scrap_pct, "
        "operation_number::int8 AS operation_number, coalesce(backflush, false) AS backflush",
        order_by="bom_id, item_number, component_id",
    )
    employees = ctx.read(
        "master", "employees",
        "employee_id, factory_id, coalesce(line_id, '') AS line_id, role, department, shift, "
        "hire_date",
        order_by="employee_id",
    )
    shifts = ctx.read(
        "master", "shifts",
        "shift_id, factory_id, shift_name, shift_type, start_time::text AS start_time, "
        "end_time::text AS end_time, days_of_week, break_duration_minutes",
        order_by="shift_id",
    )
    active = ctx.read("master", "employees", "status = 'active' AS active", order_by="employee_id")
    keep = np.asarray(active["active"], dtype=bool)
    staff = Staff(
        ids=employees["employee_id"][keep], factory=employees["factory_id"][keep],
        line=employees["line_id"][keep], role=employees["role"][keep],
        department=employees["department"][keep], shift=employees["shift"][keep],
        hired=np.asarray(employees["hire_date"][keep], dtype="datetime64[D]"),
        rate=np.array([HOURLY_RATE.get(r, 25.0) for r in employees["role"][keep]]),
    )
    shift_rows = [
        {"shift_id": s, "factory_id": f, "shift_name": n, "shift_type": t,
         "start": _seconds_of(a), "end": _seconds_of(b), "days": str(d).split(","),
         "break": int(m)}
        for s, f, n, t, a, b, d, m in zip(
            shifts["shift_id"], shifts["factory_id"], shifts["shift_name"],
            shifts["shift_type"], shifts["start_time"], shifts["end_time"],
            shifts["days_of_week"], shifts["break_duration_minutes"], strict=True,
        )
    ]
    route_ops: dict[str, list[int]] = defaultdict(list)
    for i, routing in enumerate(routing_ops["routing_id"]):
        route_ops[routing].append(i)
    bom_parts: dict[str, list[int]] = defaultdict(list)
    for i, bom in enumerate(components["bom_id"]):
        bom_parts[bom].append(i)
    return {
        "po": po, "routing_ops": routing_ops, "route_ops": route_ops,
        "machine_of": dict(zip(centers["work_center_id"], centers["machine_id"], strict=True)),
        "bom_base": dict(zip(boms["bom_id"], boms["base_quantity"], strict=True)),
        "components": components, "bom_parts": bom_parts, "staff": staff,
        "shifts": Shifts(shift_rows),
    }


def _execute(ctx: SeedContext, world: dict[str, Any], as_of: np.datetime64):
    """Schedule and run every production order; truncate at the as-of moment."""
    p = ctx.params
    rng = ctx.rng("work_order_executions")
    po, ro, staff, shifts = world["po"], world["routing_ops"], world["staff"], world["shifts"]
    fpy_low, fpy_high = p["first_pass_yield_pct"]
    wo_rows = Rows(RAW_TABLES, "work_order_executions")
    op_rows = Rows(RAW_TABLES, "operation_executions")
    orders: dict[str, Any] = {"index": {}, "rows": []}
    op_info: list[dict[str, Any]] = []
    for i, work_order in enumerate(po["work_order_id"]):
        factory, line = po["plant_id"][i], po["line_id"][i]
        quantity = int(po["order_quantity"][i])
        released = np.datetime64(po["released_at"][i], "s")
        day = np.datetime64(po["basic_start_date"][i], "D").astype("datetime64[s]")
        scheduled = day + np.timedelta64(6 * 3600 + int(rng.integers(0, 56)) * 900, "s")
        scheduled = max(scheduled, released + 30 * MINUTE)
        steps = world["route_ops"].get(po["routing_id"][i], [])
        planned = []
        for k in steps:
            base = ro["base_quantity"][k] if ro["base_quantity"][k] > 0 else 1.0
            planned.append((ro["setup_time"][k], ro["machine_time"][k] * quantity / base))
        # the MES schedule: routing times plus a 10 % allowance, 30 minutes between operations
        cursor, sched = scheduled, []
        for setup, run in planned:
            end = cursor + minutes(setup + run * 1.1)
            sched.append((cursor, end))
            cursor = end + 30 * MINUTE
        scheduled_end = sched[-1][1] if sched else scheduled + 60 * MINUTE
        delay = float(np.clip(rng.normal(20, 40), -30, 240))
        start = max(scheduled + minutes(delay), released + 15 * MINUTE)
        short_until = po["material_available_at"][i]
        if short_until is not None and not np.isnat(np.datetime64(short_until)):
            start = max(start, np.datetime64(short_until, "s"))  # waits for a short component
        fpy = rng.uniform(fpy_low, fpy_high) / 100
        rework_share = rng.uniform(0.3, 0.7)
        fail_per_op = (1 - fpy) / max(len(steps), 1)
        cursor, q_in = start, quantity
        status = "released" if start >= as_of else "in_progress"
        first_op = len(op_info)
        for seq, k in enumerate(steps):
            setup, run = planned[seq]
            setup_actual = max(1, int(round(setup * rng.uniform(0.85, 1.35))))
            run_actual = run * rng.uniform(0.92, 1.3)
            op_start, op_end = cursor, cursor + minutes(setup_actual + run_actual)
            failed = int(rng.binomial(q_in, fail_per_op)) if q_in > 0 else 0
            rework = int(rng.binomial(failed, rework_share)) if failed else 0
            scrap = failed - rework
            operation_id = f"{work_order}-{seq + 1:02d}"
            machine = world["machine_of"].get(ro["work_center_id"][k])
            if op_start >= as_of:
                actual = dict(actual_start_time=None, actual_end_time=None,
                              actual_setup_minutes=None, input_quantity=q_in if seq == 0 else None,
                              completed_quantity=0, scrap_quantity=0, rework_quantity=0,
                              status="pending", operator_id=None, shift_id=None)
            elif op_end >= as_of:
                share = (as_of - op_start) / (op_end - op_start)
                actual = dict(
                    actual_start_time=op_start, actual_end_time=None,
                    actual_setup_minutes=setup_actual, input_quantity=q_in,
                    completed_quantity=int((q_in - scrap) * share),
                    scrap_quantity=int(scrap * share), rework_quantity=int(rework * share),
                    status="in_progress",
                    operator_id=staff.pick(rng, factory, ("operator",), line,
                                           _shift_name(shifts, factory, op_start), op_start),
                    shift_id=shifts.at(factory, op_start))
            else:
                actual = dict(
                    actual_start_time=op_start, actual_end_time=op_end,
                    actual_setup_minutes=setup_actual, input_quantity=q_in,
                    completed_quantity=q_in - scrap, scrap_quantity=scrap, rework_quantity=rework,
                    status="completed",
                    operator_id=staff.pick(rng, factory, ("operator",), line,
                                           _shift_name(shifts, factory, op_start), op_start),
                    shift_id=shifts.at(factory, op_start))
            op_rows.add(
                operation_id=operation_id, work_order_id=work_order,
                routing_operation_id=ro["operation_id"][k],
                operation_sequence=int(ro["operation_number"][k]),
                work_center_id=ro["work_center_id"][k], machine_id=machine,
                scheduled_start_time=sched[seq][0], scheduled_end_time=sched[seq][1], **actual,
            )
            op_info.append({
                "id": operation_id, "wo": i, "seq": seq, "routing_op": k, "machine": machine,
                "factory": factory, "line": line, "start": actual["actual_start_time"],
                "end": actual["actual_end_time"], "status": actual["status"],
                "setup": actual["actual_setup_minutes"], "planned_setup": setup,
                "done": actual["completed_quantity"], "scrap": actual["scrap_quantity"],
                "input": actual["input_quantity"], "operator": actual["operator_id"],
            })
            q_in = q_in - scrap
            cursor = op_end + minutes(rng.uniform(5, 45))
        wo_ops = op_info[first_op:]
        end = None
        if wo_ops and all(o["status"] == "completed" for o in wo_ops):
            end, status = wo_ops[-1]["end"], "completed"
        completed_by = closed = None
        if end is not None:
            completed_by = staff.pick(rng, factory, ("supervisor",), line,
                                      _shift_name(shifts, factory, end), end)
            closing = end + minutes(rng.uniform(120, 2880))
            closed = closing if closing < as_of else None
        wo_rows.add(work_order_id=work_order, production_order_id=po["production_order_id"][i],
                    received_at=released, scheduled_start_time=scheduled,
                    scheduled_end_time=scheduled_end,
                    actual_start_time=start if status != "released" else None,
                    actual_end_time=end, status=status, completed_by=completed_by,
                    closed_at=closed)
        orders["rows"].append({
            "index": i, "id": work_order, "factory": factory, "line": line,
            "product": po["product_id"][i], "bom": po["bom_id"][i], "quantity": quantity,
            "start": start if status != "released" else None, "end": end, "status": status,
            "ops": list(range(first_op, len(op_info))),
        })
    orders["chunk"] = wo_rows.chunk()
    ops = {"info": op_info, "chunk": op_rows.chunk()}
    return orders, ops


def _shift_name(shifts: Shifts, factory: str, moment: np.datetime64) -> str | None:
    shift_id = shifts.at(factory, moment)
    for row in shifts.by_factory.get(factory, []):
        if row["shift_id"] == shift_id:
            return row["shift_name"]
    return None


def _materials(ctx, world, orders, ops, as_of) -> dict[str, Any]:
    """One issue per BOM component when its operation starts (at its end if backflushed),
    and now and then a return of unused material when the work order completes."""
    rng = ctx.rng("material_bookings")
    comp, staff, info = world["components"], world["staff"], ops["info"]
    rows = Rows(RAW_TABLES, "material_bookings")
    for order in orders["rows"]:
        if order["start"] is None:
            continue
        base = world["bom_base"].get(order["bom"], 1.0) or 1.0
        by_number = {int(world["routing_ops"]["operation_number"][info[o]["routing_op"]]): o
                     for o in order["ops"]}
        for c in world["bom_parts"].get(order["bom"], []):
            o = by_number.get(int(comp["operation_number"][c]), order["ops"][0])
            op = info[o]
            if op["start"] is None or (comp["backflush"][c] and op["end"] is None):
                continue
            need = order["quantity"] * comp["component_quantity"][c] / base
            issued = np.floor(need * (1 + comp["scrap_pct"][c] / 100)
                              * rng.uniform(1.0, 1.06) * 1000) / 1000
            if issued <= 0:
                continue
            if comp["backflush"][c]:
                moved = op["end"] - minutes(rng.uniform(0, 1))
            else:
                span = ((op["end"] or as_of) - op["start"]) / MINUTE
                moved = op["start"] + minutes(min(rng.uniform(1, 10), span * 0.5))
            who = staff.pick(rng, order["factory"], ("operator",), order["line"], None, moved)
            lot = f"SL-{int(rng.integers(100000, 999999))}"
            booking = dict(work_order_id=order["id"], operation_id=op["id"],
                           bom_component_id=comp["component_id"][c],
                           material_id=comp["material_id"][c], performed_by=who,
                           supplier_lot_number=lot)
            rows.add(transaction_type="issue", quantity=float(np.round(issued, 3)),
                     moved_at=moved, **booking)
            if order["end"] is not None and rng.random() < 0.15:
                back = np.floor(issued * rng.uniform(0.01, 0.05) * 1000) / 1000
                if back > 0:
                    returned = order["end"] - minutes(rng.uniform(0, 1))
                    rows.add(transaction_type="return", quantity=float(np.round(-back, 3)),
                             moved_at=max(returned, moved), **booking)
    return rows.chunk(transaction_id=ids("MTX", len(rows), 8))


def _running_by_day(info: list[dict], as_of: np.datetime64) -> dict[tuple, list[int]]:
    """(factory, day) and (None, day) -> operations running at some moment of that day."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for o, op in enumerate(info):
        if op["start"] is None:
            continue
        end = op["end"] if op["end"] is not None else as_of
        day = np.datetime64(op["start"], "D")
        while day <= np.datetime64(end, "D") and day < as_of:
            index[(op["factory"], day)].append(o)
            index[(None, day)].append(o)
            day = day + DAY
    return index


EMPTY = np.array([], dtype=np.int64)
EMPTY_T = np.array([], dtype="datetime64[s]")


def _labor(ctx, world, ops, window_start, as_of) -> dict[str, Any]:
    """Labor clocked by a factory's employees inside one of their shifts: direct labor on an
    operation running during that shift, otherwise indirect work."""
    p = ctx.params
    rng = ctx.rng("labor_entries")
    staff, shifts, info = world["staff"], world["shifts"], ops["info"]
    running = _running_by_day(info, as_of)
    factories = sorted(shifts.by_factory)
    spans = {
        key: (np.array(ops_, dtype=np.int64),
              np.array([info[o]["start"] for o in ops_], dtype="datetime64[s]"),
              np.array([info[o]["end"] if info[o]["end"] is not None else as_of for o in ops_],
                       dtype="datetime64[s]"))
        for key, ops_ in running.items()
    }
    rows = Rows(RAW_TABLES, "labor_entries")
    crews: dict[tuple, np.ndarray] = {}
    day = np.datetime64(window_start, "D")
    while day < as_of:
        # (factory, (shift, start, end, the part of it that has happened by the as-of instant))
        windows = [(f, (shift, start, end, min(end, as_of))) for f in factories
                   for shift, start, end in shifts.windows(f, day) if start < as_of]
        used: set[tuple] = set()
        for _ in range(count(rng, p["labor_entries_per_day"]) if windows else 0):
            factory, (shift, start, shift_end, end) = windows[int(rng.integers(len(windows)))]
            key = (factory, shift["shift_name"])
            if key not in crews:
                crews[key] = np.flatnonzero(
                    (staff.factory == factory) & _works(staff.shift, shift["shift_name"])
                    & np.isin(staff.role, ("operator", "technician", "supervisor",
                                           "quality_inspector"))
                )
            eligible = crews[key][staff.hired[crews[key]] <= day]
            # an employee books at most one entry per shift: a few draws find a free one
            e = None
            for _attempt in range(8):
                if eligible.size == 0:
                    break
                candidate = int(eligible[rng.integers(eligible.size)])
                if (candidate, shift["shift_id"], day) not in used:
                    e = candidate
                    break
            if e is None:
                continue
            used.add((e, shift["shift_id"], day))
            running_ops, starts, ends = spans.get((factory, day), (EMPTY, EMPTY_T, EMPTY_T))
            candidates = running_ops[(starts < end) & (ends > start)].tolist()
            same_line = [o for o in candidates if info[o]["line"] == staff.line[e]]
            candidates = same_line or candidates
            work_order = operation = None
            clock_in = clock_out = None
            activity = None
            if candidates and staff.role[e] in ("operator", "technician", "supervisor"):
                op = info[candidates[int(rng.integers(len(candidates)))]]
                op_end = op["end"] if op["end"] is not None else shift_end  # still running
                clock_in = max(start, op["start"]) + minutes(rng.uniform(0, 5))
                clock_out = min(shift_end, op_end) - minutes(rng.uniform(0, 5))
                if clock_out - clock_in >= 10 * MINUTE and clock_in < as_of:
                    work_order, operation = op["id"][: op["id"].rindex("-")], op["id"]
                    setup_end = op["start"] + minutes(op["setup"] or 0)
                    activity = "setup" if clock_in < setup_end and staff.role[e] == "technician" \
                        else "direct_labor"
            if activity is None:
                length = (shift_end - start) / MINUTE
                if length < 20:
                    continue
                span = min(rng.uniform(30, 180), length)
                clock_in = start + minutes(rng.uniform(0, length - span))
                if clock_in >= as_of:
                    continue  # not clocked in yet at the as-of instant
                clock_out = clock_in + minutes(span)
                activity = str(rng.choice(["indirect_labor", "training", "maintenance", "meeting"]))
            duration = ((clock_out if clock_out < as_of else as_of) - clock_in) / MINUTE
            breaks = int(shift["break"]) if duration > 240 else 0
            approved_at = clock_out + minutes(rng.uniform(60, 1440))
            approver = staff.pick(rng, factory, ("supervisor", "manager"), None, None, day)
            if clock_out >= as_of:  # still clocked in at the as-of instant
                clock_out = None
            if approved_at >= as_of:
                approved_at = approver = None
            rows.add(employee_id=staff.ids[e], shift_id=shift["shift_id"], shift_date=day,
                     work_order_id=work_order, operation_id=operation, activity_type=activity,
                     clock_in_time=clock_in, clock_out_time=clock_out, break_time_minutes=breaks,
                     hourly_rate=float(staff.rate[e]), approved_by=approver,
                     approved_at=approved_at)
        day = day + DAY
    rows.sort(key=lambda r: (r["clock_in_time"], r["employee_id"]))
    return rows.chunk(labor_transaction_id=ids("LBR", len(rows), 8))


DEFECT_CATEGORIES = ("dimensional", "visual", "functional", "material", "assembly")
ROOT_CAUSES = ("material", "machine", "method", "man", "measurement", "environment")
DETECTION = ("visual", "measurement", "testing")


def _inspections(ctx, world, orders, ops, as_of):
    """Inspections after completed operations (the last one is the final inspection);
    defects on every non-passing inspection and on `defect_rate` of the work orders."""
    p = ctx.params
    rng = ctx.rng("inspections")
    staff, shifts, info = world["staff"], world["shifts"], ops["info"]
    inspections = Rows(RAW_TABLES, "inspections")
    defects = Rows(RAW_TABLES, "defects")
    for order in orders["rows"]:
        done = [o for o in order["ops"] if info[o]["status"] == "completed"]
        if not done:
            continue
        k = min(count(rng, p["inspections_per_order"]), len(done))
        chosen = sorted(set([done[-1]] if order["status"] == "completed" else [])
                        | set(rng.choice(done, k, replace=False).tolist()))[-k:]
        found = []
        for o in chosen:
            op = info[o]
            when = op["end"] + minutes(rng.uniform(5, 45))
            if when >= as_of:
                continue
            final = order["status"] == "completed" and o == order["ops"][-1]
            passed = rng.random() < p["inspection_pass_rate"]
            result = "pass" if passed else str(rng.choice(
                ["fail", "rework_required", "hold", "conditional_pass"], p=[0.4, 0.3, 0.1, 0.2]))
            shift_name = _shift_name(shifts, order["factory"], when)
            inspector = staff.pick(rng, order["factory"], ("quality_inspector",), None,
                                   shift_name, when)
            approved_at = when + minutes(rng.uniform(10, 240))
            approver = staff.pick(rng, order["factory"], ("manager", "engineer"), None, None, when)
            if approved_at >= as_of:
                approved_at = approver = None
            nominal = round(float(rng.uniform(5, 100)), 2)
            tolerance = round(nominal * 0.02, 4)
            deviation = rng.normal(0, tolerance / 3) if passed else tolerance * rng.uniform(1, 2)
            found.append(inspections.add(
                work_order_id=order["id"], operation_id=op["id"],
                inspection_type="final" if final else "in_process", inspection_date=when,
                inspector_id=inspector or staff.pick(
                    rng, order["factory"], ("quality_inspector", "supervisor", "engineer",
                                            "manager")),
                shift_id=shifts.at(order["factory"], when),
                sample_size=int(min(max(op["input"] or 1, 1), rng.integers(5, 51))),
                inspection_result=result, measured_value=round(nominal + float(deviation), 4),
                nominal_value=nominal, tolerance=tolerance, approved_by=approver,
                approved_at=approved_at,
            ))
        if found and all(row["inspection_result"] == "pass" for row in found) \
                and rng.random() < p["defect_rate"]:
            found[-1]["inspection_result"] = "conditional_pass"
    inspection_ids = ids("QI", len(inspections), 8)
    for inspection_id, row in zip(inspection_ids, inspections, strict=True):
        result = row["inspection_result"]
        if result == "pass":
            continue
        factory = orders["rows"][orders_index(orders)[row["work_order_id"]]]["factory"]
        for _ in range(1 if result == "conditional_pass" else int(rng.integers(1, 4))):
            severity = "minor" if result == "conditional_pass" else str(
                rng.choice(["critical", "major", "minor"], p=[0.15, 0.55, 0.3]))
            detected = row["inspection_date"]
            due = (detected + np.timedelta64(int(rng.integers(7, 31)), "D")).astype("datetime64[D]")
            closed = detected + minutes(rng.uniform(1440, 20160))
            age_days = (as_of - detected) / DAY
            if closed < as_of:
                status = "closed"
            else:
                closed = None
                status = "open" if age_days < 2 else str(rng.choice(["investigating",
                                                                     "action_pending"]))
            defects.add(
                inspection_id=inspection_id, detected_date=detected,
                defect_category=str(rng.choice(DEFECT_CATEGORIES)), defect_severity=severity,
                quantity_affected=int(rng.integers(1, max(2, row["sample_size"] // 4 + 1))),
                detection_method=str(rng.choice(DETECTION)),
                root_cause_category=str(rng.choice(ROOT_CAUSES)), detected_by=row["inspector_id"],
                action_owner=staff.pick(rng, factory, ("engineer", "manager", "quality_inspector")),
                action_due_date=due, status=status, closed_date=closed,
            )
    return (inspections.chunk(inspection_id=inspection_ids),
            defects.chunk(defect_id=ids("DEF", len(defects), 8)))


def orders_index(orders: dict[str, Any]) -> dict[str, int]:
    if not orders["index"]:
        orders["index"] = {row["id"]: n for n, row in enumerate(orders["rows"])}
    return orders["index"]


DOWNTIME = ("breakdown", "material_shortage", "quality_hold", "maintenance", "no_operator",
            "waiting_for_approval", "power_failure", "tool_change")


def _downtime(ctx, world, ops, window_start, as_of) -> dict[str, Any]:
    """Stops of a machine while it ran an operation (inside the operation's window)."""
    p = ctx.params
    rng = ctx.rng("downtime_events")
    staff, info = world["staff"], ops["info"]
    running = _running_by_day(info, as_of)
    rows = Rows(RAW_TABLES, "downtime_events")
    day = np.datetime64(window_start, "D")
    while day < as_of:
        day_start = day.astype("datetime64[s]")
        for _ in range(count(rng, p["downtime_events_per_day"])):
            candidates = running.get((None, day), [])
            if not candidates:
                break
            op = info[candidates[int(rng.integers(len(candidates)))]]
            op_end = op["end"] if op["end"] is not None else as_of
            lo, hi = max(op["start"], day_start), min(op_end, day_start + DAY)
            span = (hi - lo) / MINUTE
            if span < 5:
                continue
            start = lo + minutes(rng.uniform(0, span * 0.8))
            room = (hi - start) / MINUTE
            length = max(1.0, min(float(rng.lognormal(3.3, 0.7)), room - 1))
            end = start + minutes(length)
            category = str(rng.choice(DOWNTIME, p=[0.3, 0.15, 0.1, 0.15, 0.08, 0.07, 0.05, 0.1]))
            if end >= as_of:
                end = None
            rows.add(
                operation_id=op["id"], machine_id=op["machine"], downtime_start=start,
                downtime_end=end, downtime_category=category,
                reported_by=op["operator"] or staff.pick(rng, op["factory"], ("operator",),
                                                         op["line"]),
                responded_by=staff.pick(rng, op["factory"], ("technician",), op["line"], None,
                                        day),
                response_time_minutes=int(min(rng.integers(2, 31), max(1, length))),
            )
        day = day + DAY
    rows.sort(key=lambda r: (r["downtime_start"], r["operation_id"]))
    return rows.chunk(downtime_id=ids("DT", len(rows), 7))


def _changeovers(ctx, world, orders, ops, window_start, as_of) -> dict[str, Any]:
    """A product change on a line: the setup of the first operation of a work order that
    follows an order of another product on the same line."""
    p = ctx.params
    rng = ctx.rng("changeovers")
    staff, info = world["staff"], ops["info"]
    by_line: dict[str, list[dict]] = defaultdict(list)
    for order in orders["rows"]:
        if order["start"] is not None and order["ops"]:
            by_line[order["line"]].append(order)
    by_day: dict[np.datetime64, list[tuple]] = defaultdict(list)
    for line in sorted(by_line):
        runs = sorted(by_line[line], key=lambda o: (o["start"], o["id"]))
        for before, after in zip(runs, runs[1:], strict=False):
            first = info[after["ops"][0]]
            if before["product"] == after["product"] or first["setup"] is None:
                continue
            if first["start"] + minutes(first["setup"]) >= as_of:
                continue
            by_day[np.datetime64(first["start"], "D")].append((before, after, first))
    rows = Rows(RAW_TABLES, "changeovers")
    day = np.datetime64(window_start, "D")
    while day < as_of:
        candidates = by_day.get(day, [])
        n = min(count(rng, p["changeovers_per_day"]), len(candidates))
        for c in sorted(rng.choice(len(candidates), n, replace=False).tolist()) if n else []:
            before, after, first = candidates[c]
            total = first["setup"]
            parts = rng.dirichlet([2.5, 4.5, 2, 1]) * total
            teardown, setup, adjust = (int(x) for x in parts[:3])
            trial = total - teardown - setup - adjust
            produced = int(rng.integers(2, 15))
            operators = [staff.pick(rng, after["factory"], ("operator",), after["line"], None, day)
                         for _ in range(int(rng.integers(1, 4)))]
            rows.add(
                from_work_order_id=before["id"], to_work_order_id=after["id"],
                operation_id=first["id"], changeover_type="product_change",
                changeover_start=first["start"], teardown_time_minutes=teardown,
                setup_time_minutes=setup, adjustment_time_minutes=adjust,
                trial_run_time_minutes=trial, parts_produced_during_setup=produced,
                parts_scrapped_during_setup=int(rng.binomial(produced, 0.3)),
                supervisor_id=staff.pick(rng, after["factory"], ("supervisor",), after["line"],
                                         None, day),
                operator_ids=",".join(sorted({o for o in operators if o})),
                first_piece_inspection_passed=bool(rng.random() < 0.92),
                quality_approval_by=staff.pick(rng, after["factory"], ("quality_inspector",),
                                               None, None, day),
            )
        day = day + DAY
    return rows.chunk(changeover_id=ids("CO", len(rows), 7))


def _batch_records(ctx, world, orders, as_of) -> dict[str, Any]:
    """Electronic batch records for a share of the started work orders: prepared at start,
    reviewed, approved and released after completion (as far as the as-of instant allows)."""
    p = ctx.params
    rng = ctx.rng("batch_records")
    staff = world["staff"]
    rows = Rows(RAW_TABLES, "batch_records")
    for order in orders["rows"]:
        if order["start"] is None or rng.random() >= p["batch_record_share"]:
            continue
        factory = order["factory"]
        prepared = order["start"] + minutes(rng.uniform(0, 10))
        reviewed = approved = released = None
        reviewer = approver = releaser = None
        rejected = False
        if order["end"] is not None:
            reviewed = order["end"] + minutes(rng.uniform(60, 1440))
            approved = reviewed + minutes(rng.uniform(30, 1440))
            released = approved + minutes(rng.uniform(30, 720))
            rejected = bool(rng.random() < 0.03)
            reviewed, approved, released = (t if t < as_of else None
                                            for t in (reviewed, approved, released))
            if approved is None:
                released = None
            if rejected:
                released = None
            reviewer = staff.pick(rng, factory, ("quality_inspector",)) if reviewed else None
            approver = staff.pick(rng, factory, ("manager",)) if approved else None
            releaser = staff.pick(rng, factory, ("manager", "engineer")) if released else None
        t_min = round(float(rng.uniform(18, 21)), 2)
        h_min = round(float(rng.uniform(35, 45)), 2)
        rows.add(
            ebr_id=f"EBR-{order['id']}", work_order_id=order["id"],
            prepared_by=staff.pick(rng, factory, ("supervisor", "operator"), order["line"]),
            prepared_at=prepared, reviewed_by=reviewer, reviewed_at=reviewed,
            approved_by=approver, approved_at=approved, released_by=releaser,
            released_at=released, rejected=rejected, temperature_min_c=t_min,
            temperature_max_c=round(t_min + float(rng.uniform(1, 5)), 2),
            humidity_min_percentage=h_min,
            humidity_max_percentage=round(h_min + float(rng.uniform(3, 15)), 2),
            regulatory_requirement=str(rng.choice(["IATF 16949", "ISO 9001", "ISO 14001"])),
        )
    return rows.chunk()
