"""The manufacturing (MES) domain: the shop floor executing ERP's production orders.

ERP plans (raw_erp: materials, BOMs, routings, work centers, released production orders);
MES simulates the floor that executes them and records raw facts only. Per line:

- The roster (`line_shifts`): every shift instance of the line's factory over the history,
  staffed for every regular shift and a configured share of weekend shifts. Lines produce
  only in staffed time; the line's crew (master employees of the line and shift rota) clocks
  in for it.
- Work orders (one per production order) queue on their routing's line as they are released
  and run one after the other, in staffed time: a changeover (product, format, material or
  tool change) sets the machines up in parallel, then the routing's operations run together,
  paced by the bottleneck (the routing's slowest operation, at the line's cycle time) at a
  drawn speed efficiency. A work order's late material (ERP `material_available_at`) holds
  its start as a `material_shortage` stop, or the line runs another order meanwhile.
- Stops extend the running work order (the line stops): breakdowns drawn per machine from
  its failure rate while it runs (mean time between failures by machine type and
  criticality, in running hours; repair time and failure mode from the fault patterns of
  `seeders/shopfloor.py`), planned maintenance (`maintenance_windows`, at the interval of the
  machine's `maintenance_schedule`) that falls in a run, and short stops (tool changes,
  quality holds, waiting for an operator or an approval, power dips).
- Quality: inspections after operations measure the characteristics of ERP's inspection plan
  for the finished good; their result follows the measurements. Every scrapped or reworked
  unit is recorded as a defect at the inspection that covers its operation.

dbt derives the rest: work-order totals from their operations (produced = good + scrap),
durations, efficiencies, yields, costs, the production schedule and the defect counts of an
inspection. Time is causal, and nothing happens at or after the as-of instant: the work
order running at it is in progress, a stop under way is open, the crew on shift is still
clocked in.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from genims.params import HistoryDays, Range, Rate, Weights
from seeders import text
from seeders.engine import SeedContext, history_days, history_window, raw_table
from seeders.gen import (
    DAY_SECONDS,
    HOUR_SECONDS,
    MINUTE_SECONDS,
    Rows,
    count,
    epoch_seconds,
    ids,
)
from seeders.gen import from_epoch_seconds as stamp  # the simulation counts epoch seconds
from seeders.plan import Amount, Estimate, estimate, lookup
from seeders.shopfloor import (
    MAINTENANCE_PLANS,
    PATTERN_NAMES,
    PATTERNS,
    SCHEDULE_SHARES,
    WEEKDAYS,
    ProductionClock,
    eligible_patterns,
    seconds_of_day,
    shift_calendar,
)
from seeders.supply import ISSUE_OVERRUN

NAME = "manufacturing"
REQUIRES = ("master", "erp")

MACHINE_TYPES = ("CNC", "press", "robot", "conveyor", "welding", "assembly", "testing")
CRITICALITIES = ("critical", "high", "medium", "low")

PARAMETERS: dict[str, Any] = {
    "days_of_history": HistoryDays("days of production history up to the as-of instant "
                                   "(null: the top-level history_days)"),
    "operations_per_order": Range("routing operations executed per work order", minimum=1),
    "materials_per_order": Range("BOM components consumed per work order", minimum=1),
    "inspections_per_order": Range("quality inspections per completed work order", minimum=1),
    "first_pass_yield_pct": Range(
        "first pass yield of a work order, percent", minimum=0, maximum=100, fraction=True
    ),
    "speed_efficiency": Range("share of the bottleneck's rated pace a work order runs at (per "
                              "work order, drawn in this range)", minimum=0.05, maximum=1,
                              fraction=True),
    "inspection_pass_rate": Rate("share of quality inspections that find every characteristic "
                                 "within its specification"),
    "batch_record_share": Rate("share of work orders with an electronic batch record"),
    "weekend_shift_staffing": Range("share of weekend shifts a line staffs (per line, drawn in "
                                    "this range); every regular shift is staffed",
                                    minimum=0, maximum=1, fraction=True),
    "absence_rate": Rate("share of a line crew's shifts an operator misses"),
    "mtbf_hours": Weights("mean running hours between breakdowns of a machine of medium "
                          "criticality, per machine type", kind="machine type",
                          names=MACHINE_TYPES, positive=MACHINE_TYPES),
    "mtbf_criticality_factor": Weights("mean time between breakdowns relative to medium "
                                       "criticality (critical machines get more care)",
                                       kind="criticality", names=CRITICALITIES,
                                       positive=CRITICALITIES),
    "short_stops_per_shift": Range("mean short stops (tool change, quality hold, waiting for an "
                                   "operator or approval, power dip) per 8 running hours of a "
                                   "line (per line, drawn in this range)", minimum=0,
                                   fraction=True),
    "fault_pattern_mix": Weights("relative weights of the ten fault patterns a breakdown's "
                                 "failure mode is drawn from", kind="fault pattern",
                                 names=PATTERN_NAMES),
}

RAW_TABLES = (
    raw_table(
        "work_order_executions",
        "work_order_id VARCHAR(50)", "production_order_id VARCHAR(50)",
        "received_at TIMESTAMP", "scheduled_start_time TIMESTAMP",
        "scheduled_end_time TIMESTAMP", "actual_start_time TIMESTAMP",
        "actual_end_time TIMESTAMP", "status VARCHAR(30)", "completed_by VARCHAR(50)",
        "closed_at TIMESTAMP", "planning_note TEXT",
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
        "operator_id VARCHAR(50)", "shift_id VARCHAR(50)", "safety_note TEXT",
    ),
    raw_table(
        "material_bookings",
        "transaction_id VARCHAR(50)", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "bom_component_id VARCHAR(50)", "material_id VARCHAR(50)",
        "transaction_type VARCHAR(30)", "quantity DECIMAL(15,4)", "moved_at TIMESTAMP",
        "performed_by VARCHAR(50)", "supplier_lot_number VARCHAR(50)", "lot_expiry_date DATE",
    ),
    raw_table(
        "labor_entries",
        "labor_transaction_id VARCHAR(50)", "employee_id VARCHAR(50)", "shift_id VARCHAR(50)",
        "shift_date DATE", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "activity_type VARCHAR(50)", "clock_in_time TIMESTAMP", "clock_out_time TIMESTAMP",
        "break_time_minutes INTEGER", "hourly_rate DECIMAL(10,2)", "approved_by VARCHAR(50)",
        "approved_at TIMESTAMP", "notes TEXT",
    ),
    raw_table(
        "inspections",
        "inspection_id VARCHAR(50)", "work_order_id VARCHAR(50)", "operation_id VARCHAR(50)",
        "inspection_plan_id VARCHAR(50)", "inspection_type VARCHAR(50)",
        "inspection_date TIMESTAMP", "inspector_id VARCHAR(50)", "shift_id VARCHAR(50)",
        "sample_size INTEGER", "inspection_result VARCHAR(30)", "approved_by VARCHAR(50)",
        "approved_at TIMESTAMP", "notes TEXT",
    ),
    raw_table(
        "inspection_measurements",
        "inspection_id VARCHAR(50)", "characteristic_id VARCHAR(50)",
        "measured_value DECIMAL(15,4)", "conforming BOOLEAN",
    ),
    raw_table(
        "defects",
        "defect_id VARCHAR(50)", "inspection_id VARCHAR(50)", "detected_date TIMESTAMP",
        "defect_category VARCHAR(50)", "defect_severity VARCHAR(20)",
        "quantity_affected INTEGER", "disposition VARCHAR(20)", "detection_method VARCHAR(50)",
        "root_cause_category VARCHAR(100)", "detected_by VARCHAR(50)",
        "action_owner VARCHAR(50)", "action_due_date DATE", "status VARCHAR(30)",
        "closed_date TIMESTAMP", "description_text TEXT", "root_cause_text TEXT",
        "corrective_action_text TEXT", "preventive_action_text TEXT",
    ),
    raw_table(
        "downtime_events",
        "downtime_id VARCHAR(50)", "operation_id VARCHAR(50)", "machine_id VARCHAR(50)",
        "downtime_start TIMESTAMP", "downtime_end TIMESTAMP", "downtime_category VARCHAR(50)",
        "reported_by VARCHAR(50)", "responded_by VARCHAR(50)", "response_time_minutes INTEGER",
        "failure_mode VARCHAR(100)", "maintenance_window_id VARCHAR(50)",
        "reason_text TEXT", "resolution_text TEXT", "root_cause_text TEXT",
        "preventive_action_text TEXT", "spare_parts_used TEXT",
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
        "notes TEXT",
    ),
    raw_table(
        "line_shifts",
        "line_id VARCHAR(50)", "shift_id VARCHAR(50)", "shift_start TIMESTAMP",
        "shift_end TIMESTAMP", "staffed BOOLEAN",
    ),
    raw_table(
        "maintenance_windows",
        "maintenance_window_id VARCHAR(50)", "machine_id VARCHAR(50)",
        "maintenance_kind VARCHAR(20)", "scheduled_start TIMESTAMP", "scheduled_end TIMESTAMP",
        "actual_start TIMESTAMP", "actual_end TIMESTAMP", "status VARCHAR(20)",
    ),
)


# --------------------------------------------------------------------------- the plan


def _shifts_begun(config: Any, days: int) -> int:
    """Regular and weekend shift instances of a factory that begin in the history window."""
    start, end = history_window(config.as_of, days)
    shifts = [s for s in config["master"]["shifts"] if s["type"] != "overtime"]
    count = 0
    for day in history_days(config.as_of, days):
        weekday = WEEKDAYS[int((day.astype(np.int64) + 3) % 7)]  # 1970-01-01 was a Thursday
        begins = [day.astype("datetime64[s]") + np.timedelta64(seconds_of_day(s["start"]), "s")
                  for s in shifts if weekday in s["days"]]
        count += sum(start <= b < end for b in begins)
    return count


def plan(config: Any) -> list[Estimate]:
    from seeders import erp, master

    p = config[NAME]
    days = Amount.exact(len(history_days(config.as_of, p["days_of_history"])))
    # a work order per ERP production order (ERP sizes them from demand and line capacity)
    orders = lookup(erp.plan(config), "production_orders")
    upstream = master.plan(config)
    lines, machines = lookup(upstream, "production_lines"), lookup(upstream, "machines")
    # the roster: each line's regular and weekend shift instances that begin in the history
    # (on the as-of day only those before the instant)
    services_per_day = sum(share / MAINTENANCE_PLANS[schedule]["interval_days"]
                           for schedule, share in SCHEDULE_SHARES.items())
    line_shifts = lines * _shifts_begun(config, p["days_of_history"])
    # a line's crew per shift: operators by machine (plus spares), a supervisor, an
    # inspector and a technician, each with an entry per order they worked on
    per_line = machines.expected / max(lines.expected, 1)
    crew = mean_of(config["master"]["operators_per_machine"]) * per_line + 1.5 + 3
    labor = (line_shifts * crew).scaled(expected=1.6, low=0.3, high=4)
    # not every order has reached its inspections (or its batch record) by the as-of day
    inspections = (orders * p["inspections_per_order"]).scaled(expected=0.85, low=0)
    return [
        estimate(f"raw_{NAME}", "line_shifts", line_shifts),
        estimate(f"raw_{NAME}", "maintenance_windows",
                 (machines * days.expected * services_per_day).scaled(low=0, high=4)),
        # the marts: one row per raw fact, plus one schedule entry per work order
        estimate(NAME, "work_orders", orders),
        estimate(NAME, "work_order_operations", orders * p["operations_per_order"]),
        estimate(NAME, "material_transactions",
                 (orders * p["materials_per_order"]).scaled(expected=0.95, low=0, high=2)),
        estimate(NAME, "labor_transactions", labor),
        estimate(NAME, "quality_inspections", inspections),
        estimate(NAME, "defects", inspections.scaled(expected=2.5, low=0, high=4)),
        estimate(NAME, "downtime_events",
                 (orders * p["operations_per_order"]).scaled(expected=0.5, low=0, high=20)),
        estimate(NAME, "changeover_events", orders.scaled(expected=0.6, low=0)),
        estimate(NAME, "electronic_batch_records",
                 (orders * p["batch_record_share"]).scaled(expected=0.95, low=0, high=2)),
        estimate(NAME, "production_schedule", orders),
    ]


def mean_of(bounds: tuple[float, float]) -> float:
    return (bounds[0] + bounds[1]) / 2


# --------------------------------------------------------------------------- reference data

HOURLY_RATE = {"operator": 22.0, "technician": 28.0, "supervisor": 34.0,
               "quality_inspector": 26.0, "engineer": 40.0, "manager": 52.0}

# short stops: category -> relative weight, median minutes, spread (lognormal sigma)
SHORT_STOPS = {
    "tool_change": (0.35, 12, 0.5), "quality_hold": (0.2, 45, 0.6),
    "no_operator": (0.15, 20, 0.5), "waiting_for_approval": (0.2, 30, 0.5),
    "power_failure": (0.1, 15, 0.9),
}
# a breakdown that needs a spare part not on the shelf waits for it (hours)
PARTS_WAIT_SHARE, PARTS_WAIT_HOURS = 0.06, (4, 30)
# a late material holds the line for at most this long before it runs another order
SHORTAGE_WAIT_LIMIT = 4 * HOUR_SECONDS

# changeover kind -> share of the routing's setup time it takes
CHANGEOVER_SETUP = {"product_change": (0.9, 1.35), "format_change": (0.5, 0.8),
                    "material_change": (0.2, 0.4), "tool_change": (0.3, 0.5)}
SAME_PRODUCT_CHANGEOVER = 0.35  # a repeat order still changes material or tools this often

# defect category by machine type (what the station's in-line checks catch), with weights
DEFECTS_BY_MACHINE = {
    "CNC": {"dimensional": 5, "visual": 2, "material": 1},
    "press": {"dimensional": 3, "visual": 3, "material": 2},
    "robot": {"assembly": 3, "dimensional": 2, "visual": 1},
    "conveyor": {"visual": 3, "assembly": 1},
    "welding": {"material": 3, "visual": 2, "functional": 2},
    "assembly": {"assembly": 5, "functional": 2, "visual": 1},
    "testing": {"functional": 5, "dimensional": 1},
}
# characteristic name -> the defect category a nonconformity of it is
CHARACTERISTIC_DEFECT = {
    "Outer diameter": "dimensional", "Length": "dimensional", "Surface roughness Ra": "visual",
    "Hardness": "material", "Tensile strength": "material", "Weight": "dimensional",
    "Visual appearance": "visual", "Leak test": "functional", "Torque": "assembly",
    "Coating thickness": "visual",
}
ROOT_CAUSES = ("material", "machine", "method", "man", "measurement", "environment")
ROOT_CAUSE_WEIGHTS = (0.22, 0.3, 0.2, 0.15, 0.08, 0.05)
# result of an inspection with a nonconforming characteristic, by its class (the worst of
# them decides)
CLASSES = ("critical", "major", "minor")
FAILED_RESULT = {"critical": (("fail", "hold"), (0.7, 0.3)),
                 "major": (("rework_required", "fail"), (0.6, 0.4)),
                 "minor": (("conditional_pass", "rework_required"), (0.7, 0.3))}


# --------------------------------------------------------------------------- master data


@dataclass
class Staff:
    """Active employees by factory, line and role."""

    ids: np.ndarray
    factory: np.ndarray
    line: np.ndarray
    role: np.ndarray
    shift: np.ndarray
    hired: np.ndarray   # epoch seconds of the hire day
    rate: np.ndarray
    groups: dict[tuple, np.ndarray] = field(default_factory=dict)

    def members(self, factory: str, roles: tuple[str, ...], line: str | None = None,
                shift: str | None = None) -> np.ndarray:
        key = (factory, roles, line, shift)
        if key not in self.groups:
            mask = (self.factory == factory) & np.isin(self.role, roles)
            if line is not None:
                mask &= self.line == line
            if shift is not None:
                mask &= self.shift == shift
            self.groups[key] = np.flatnonzero(mask)
        return self.groups[key]

    def pick(self, rng: np.random.Generator, factory: str, roles: tuple[str, ...],
             line: str | None = None, shift: str | None = None, on: int | None = None) -> str | None:
        """A random employee of `factory` in one of `roles`, preferring `line` and `shift`,
        hired by `on`."""
        for narrow in ((line, shift), (line, None), (None, shift), (None, None)):
            found = self.members(factory, roles, *narrow)
            if on is not None:
                found = found[self.hired[found] <= on]
            if found.size:
                return str(self.ids[found[rng.integers(found.size)]])
        return None


@dataclass
class Step:
    """One routing operation as MES runs it."""

    routing_op: str
    number: int
    work_center: str
    machine: str
    machine_type: str
    setup: float       # planned minutes
    minutes: float     # planned minutes per unit


@dataclass
class Line:
    id: str
    factory: str
    clock: ProductionClock
    shifts: list[tuple[int, int, str, str, bool]]  # start, end, shift_id, shift name, staffed
    staffed: list[tuple[int, int, str, str, bool]] = field(init=False)
    staffed_starts: list[int] = field(init=False)  # for bisect

    def __post_init__(self) -> None:
        self.staffed = [s for s in self.shifts if s[4]]
        self.staffed_starts = [s[0] for s in self.staffed]


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    window_start, as_of = ctx.history(p["days_of_history"])
    start, end = int(epoch_seconds(window_start)), int(epoch_seconds(as_of))
    world = _read_world(ctx)
    lines, roster = _roster(ctx, world, start, end)
    yield "line_shifts", roster
    windows = _plan_maintenance(ctx, world, start, end)
    floor = _simulate(ctx, world, lines, windows, end)
    yield "work_order_executions", floor.work_orders.chunk(
        planning_note=_planning_notes(ctx.rng("work_order_executions/text"), world, floor))
    ops = floor.operations
    yield "operation_executions", ops.chunk(safety_note=text.compose_many(
        ctx.rng("operation_executions/text"), "safety_note",
        machine_type=[world["machine_type"][row["machine_id"]] for row in ops]))
    yield "downtime_events", floor.downtime_chunk()
    yield "changeovers", floor.changeovers.chunk(changeover_id=ids("CO", len(floor.changeovers), 7))
    yield "maintenance_windows", _maintenance_chunk(windows, end)
    yield "material_bookings", _materials(ctx, world, floor, end)
    yield "labor_entries", _labor(ctx, world, lines, floor, end)
    inspections, measurements, defects = _quality(ctx, world, floor, end)
    yield "inspections", inspections
    yield "inspection_measurements", measurements
    yield "defects", defects
    yield "batch_records", _batch_records(ctx, world, floor, end)


def _read_world(ctx: SeedContext) -> dict[str, Any]:
    po = ctx.read(
        "erp", "production_orders",
        "work_order_id, production_order_id, product_id, material_id, plant_id, line_id, "
        "routing_id, bom_id, order_quantity::int8 AS order_quantity, "
        "coalesce(priority, 3)::int8 AS priority, basic_start_date, released_at, "
        "material_available_at, sales_order_id",
        order_by="work_order_id",
    )
    sales = ctx.read("erp", "sales_orders", "sales_order_id, customer_id, requested_delivery_date",
                     order_by="sales_order_id")
    customers = ctx.read("master", "customers", "customer_id, customer_name",
                         order_by="customer_id")
    customer_name = dict(zip(customers["customer_id"], customers["customer_name"], strict=True))
    sold_to = {so: (customer_name[c], str(d)) for so, c, d in zip(
        sales["sales_order_id"], sales["customer_id"], sales["requested_delivery_date"],
        strict=True)}
    routing_ops = ctx.read(
        "erp", "routing_operations",
        "operation_id, routing_id, operation_number::int8 AS operation_number, work_center_id, "
        "setup_time::float8 AS setup_time, machine_time::float8 AS machine_time, "
        "base_quantity::float8 AS base_quantity",
        order_by="routing_id, operation_number, operation_id",
    )
    centers = ctx.read("erp", "work_centers", "work_center_id, machine_id")
    machine_of = dict(zip(centers["work_center_id"], centers["machine_id"], strict=True))
    machines = ctx.read(
        "master", "machines",
        "machine_id, line_id, machine_type, criticality, maintenance_schedule, installation_date",
        order_by="machine_id",
    )
    machine_type = dict(zip(machines["machine_id"], machines["machine_type"], strict=True))
    routes: dict[str, list[Step]] = defaultdict(list)
    for i, routing in enumerate(routing_ops["routing_id"]):
        base = routing_ops["base_quantity"][i] if routing_ops["base_quantity"][i] > 0 else 1.0
        routes[routing].append(Step(
            routing_op=routing_ops["operation_id"][i],
            number=int(routing_ops["operation_number"][i]),
            work_center=routing_ops["work_center_id"][i],
            machine=machine_of[routing_ops["work_center_id"][i]],
            machine_type=machine_type[machine_of[routing_ops["work_center_id"][i]]],
            setup=float(routing_ops["setup_time"][i]),
            minutes=float(routing_ops["machine_time"][i]) / base))
    boms = ctx.read("erp", "bill_of_materials", "bom_id, base_quantity::float8 AS base_quantity")
    perishable = ctx.read("erp", "materials", "material_id, shelf_life_days::int8 AS days",
                          order_by="material_id")
    components = ctx.read(
        "erp", "bom_components",
        "component_id, bom_id, material_id, component_quantity::float8 AS component_quantity, "
        "coalesce(component_scrap_percentage, 0)::float8 AS scrap_pct, "
        "operation_number::int8 AS operation_number, coalesce(backflush, false) AS backflush",
        order_by="bom_id, item_number, component_id",
    )
    bom_parts: dict[str, list[int]] = defaultdict(list)
    for i, bom in enumerate(components["bom_id"]):
        bom_parts[bom].append(i)
    plans = ctx.read("erp", "inspection_plans",
                     "inspection_plan_id, material_id, sample_size::int8 AS sample_size",
                     order_by="inspection_plan_id")
    characteristics = ctx.read(
        "erp", "inspection_characteristics",
        "characteristic_id, inspection_plan_id, characteristic_name, characteristic_class, "
        "target_value::float8 AS target, lower_spec_limit::float8 AS low, "
        "upper_spec_limit::float8 AS high, unit_of_measure",
        order_by="inspection_plan_id, characteristic_id",
    )
    plan_of = dict(zip(plans["material_id"], plans["inspection_plan_id"], strict=True))
    plan_sample = dict(zip(plans["inspection_plan_id"], plans["sample_size"], strict=True))
    plan_chars: dict[str, list[int]] = defaultdict(list)
    for i, plan_id in enumerate(characteristics["inspection_plan_id"]):
        plan_chars[plan_id].append(i)

    lines = ctx.read("master", "production_lines", "line_id, factory_id", order_by="line_id")
    products = ctx.read("master", "products", "product_id, product_name", order_by="product_id")
    sensors = ctx.read("master", "sensors", "machine_id, sensor_type",
                       order_by="machine_id, sensor_id")
    sensor_types: dict[str, set[str]] = defaultdict(set)
    for machine, kind in zip(sensors["machine_id"], sensors["sensor_type"], strict=True):
        sensor_types[machine].add(kind)
    employees = ctx.read(
        "master", "employees",
        "employee_id, factory_id, coalesce(line_id, '') AS line_id, role, shift, hire_date",
        order_by="employee_id",
    )
    active = ctx.read("master", "employees", "status = 'active' AS active", order_by="employee_id")
    keep = np.asarray(active["active"], dtype=bool)
    staff = Staff(
        ids=employees["employee_id"][keep], factory=employees["factory_id"][keep],
        line=employees["line_id"][keep], role=employees["role"][keep],
        shift=employees["shift"][keep], hired=epoch_seconds(employees["hire_date"][keep]),
        rate=np.array([HOURLY_RATE.get(r, 25.0) for r in employees["role"][keep]]),
    )
    shifts = ctx.read(
        "master", "shifts",
        "shift_id, factory_id, shift_name, shift_type, start_time::text AS start_time, "
        "end_time::text AS end_time, days_of_week, break_duration_minutes",
        order_by="shift_id",
    )
    return {
        "po": po, "sold_to": sold_to, "routes": routes, "components": components,
        "bom_parts": bom_parts,
        "bom_base": dict(zip(boms["bom_id"], boms["base_quantity"], strict=True)),
        "shelf_life": {m: int(d) for m, d in zip(perishable["material_id"], perishable["days"],
                                                 strict=True) if d is not None},
        "plan_of": plan_of, "plan_sample": plan_sample, "plan_chars": plan_chars,
        "characteristics": characteristics, "lines": lines, "machines": machines,
        "machine_type": machine_type,
            "product_name": dict(zip(products["product_id"], products["product_name"], strict=True)),
        "sensor_types": sensor_types, "staff": staff, "shifts": shifts,
        "shift_name": dict(zip(shifts["shift_id"], shifts["shift_name"], strict=True)),
        "shift_break": dict(zip(shifts["shift_id"], shifts["break_duration_minutes"].tolist(),
                                strict=True)),
    }


# --------------------------------------------------------------------------- the roster

PLAN_AHEAD_DAYS = 120  # the roster is extended this far past the as-of to plan open orders


def _roster(ctx: SeedContext, world: dict[str, Any], start: int,
            end: int) -> tuple[dict[str, Line], dict[str, Any]]:
    """Each line's shift instances from the history's start (and ahead, for plans): every
    regular shift staffed, a share of weekend shifts drawn per line from
    `weekend_shift_staffing`. The chunk holds the instances that start before the as-of."""
    rng = ctx.rng("line_shifts")
    low, high = ctx.params["weekend_shift_staffing"]
    lines_ = world["lines"]
    horizon = end + PLAN_AHEAD_DAYS * DAY_SECONDS
    calendars = {f: shift_calendar(world["shifts"], f, start, horizon)
                 for f in sorted(set(lines_["factory_id"]))}
    out: dict[str, Line] = {}
    columns: dict[str, list] = {"line_id": [], "shift_id": [], "shift_start": [],
                                "shift_end": [], "staffed": []}
    for line, factory in zip(lines_["line_id"], lines_["factory_id"], strict=True):
        cal = calendars[factory]
        begins = cal.starts >= start
        share = rng.uniform(low, high)
        staffed = np.where(cal.weekend, rng.random(len(cal.starts)) < share, True)[begins]
        starts, ends = cal.starts[begins].tolist(), cal.ends[begins].tolist()
        codes = [cal.codes[t] for t in cal.template[begins]]
        shifts = [(s, e, c, world["shift_name"][c], bool(f))
                  for s, e, c, f in zip(starts, ends, codes, staffed, strict=True)]
        out[line] = Line(line, factory, ProductionClock(
            [s for s, _, _, _, f in shifts if f], [e for _, e, _, _, f in shifts if f]), shifts)
        past = [s for s in shifts if s[0] < end]
        columns["line_id"] += [line] * len(past)
        columns["shift_id"] += [s[2] for s in past]
        columns["shift_start"] += [stamp(s[0]) for s in past]
        columns["shift_end"] += [stamp(s[1]) for s in past]
        columns["staffed"] += [s[4] for s in past]
    return out, columns


# --------------------------------------------------------------------------- maintenance


@dataclass
class Window:
    """A planned maintenance window of a machine (epoch seconds)."""

    machine: str
    kind: str
    scheduled: int
    length: int
    skipped: str | None          # deferred or cancelled
    start: int = 0               # actual
    interrupted: bool = False
    id: str = ""

    @property
    def end(self) -> int:
        return self.start + self.length


def _plan_maintenance(ctx: SeedContext, world: dict[str, Any], start: int,
                      end: int) -> dict[str, list[Window]]:
    """Per machine: planned maintenance at the interval of its `maintenance_schedule`, from a
    random phase, scheduled on the hour in the day shift; a few deferred or cancelled."""
    rng = ctx.rng("maintenance_windows")
    machines = world["machines"]
    installed = epoch_seconds(machines["installation_date"])
    out: dict[str, list[Window]] = {}
    for i, machine in enumerate(machines["machine_id"]):
        service = MAINTENANCE_PLANS[machines["maintenance_schedule"][i]]
        interval = service["interval_days"]
        day = max(start, int(installed[i])) // DAY_SECONDS + int(rng.integers(0, interval))
        windows = []
        while day * DAY_SECONDS < end:
            scheduled = day * DAY_SECONDS + int(rng.integers(6, 18)) * HOUR_SECONDS
            length = max(1, int(rng.uniform(*service["hours"]) * 4)) * 15 * MINUTE_SECONDS
            day += interval
            kind = str(rng.choice(["preventive", "predictive"], p=[0.75, 0.25]))
            skipped = str(rng.choice(["deferred", "cancelled"])) if rng.random() < 0.06 else None
            delay = int(rng.integers(0, 4)) * 15 * MINUTE_SECONDS
            if scheduled < end:
                windows.append(Window(machine, kind, scheduled, length, skipped,
                                      start=scheduled + delay))
        out[machine] = windows
    ordered = sorted((w for ws in out.values() for w in ws), key=lambda w: (w.scheduled, w.machine))
    for number, window in enumerate(ordered, start=1):
        window.id = f"PMW-{number:07d}"
    return out


def _maintenance_chunk(windows: dict[str, list[Window]], end: int) -> dict[str, Any]:
    rows = Rows(RAW_TABLES, "maintenance_windows")
    for w in sorted((w for ws in windows.values() for w in ws), key=lambda w: w.id):
        if w.skipped:
            status, actual_start, actual_end = w.skipped, None, None
        elif w.start >= end:
            status, actual_start, actual_end = "scheduled", None, None
        elif w.end >= end:
            status, actual_start, actual_end = "in_progress", w.start, None
        else:
            status, actual_start, actual_end = "completed", w.start, w.end
        rows.add(maintenance_window_id=w.id, machine_id=w.machine, maintenance_kind=w.kind,
                 scheduled_start=stamp(w.scheduled), scheduled_end=stamp(w.scheduled + w.length),
                 actual_start=stamp(actual_start), actual_end=stamp(actual_end), status=status)
    return rows.chunk()


# --------------------------------------------------------------------------- the floor


@dataclass
class Op:
    """An operation of a work order as executed (epoch seconds; None: not reached)."""

    id: str
    order: Order
    seq: int
    step: Step
    input: int = 0
    scrap: int = 0
    rework: int = 0
    setup: int = 0                # actual setup minutes
    start: int | None = None
    end: int | None = None        # None while running at the as-of, or not started
    status: str = "pending"
    done: int = 0                 # completed units by the as-of
    scrap_done: int = 0
    rework_done: int = 0
    operator: str | None = None
    shift_id: str | None = None


@dataclass
class Order:
    index: int
    id: str
    line: str
    factory: str
    product: str
    material: str
    product_name: str
    family: str
    bom: str
    quantity: int
    priority: int
    released: int
    material_at: int | None
    steps: list[Step]
    ready: int = 0                # production-clock second it may start
    ops: list[Op] = field(default_factory=list)
    start: int | None = None
    end: int | None = None
    run_start: int | None = None  # wall time the line starts producing it (after setup)
    run_end: int | None = None    # wall time its production ends (even past the as-of)
    status: str = "released"
    scheduled: tuple[int, int] | None = None
    earliest: int = 0             # wall time ERP plans it to start (its basic start day)


@dataclass
class Stop:
    op: Op
    start: int
    end: int            # even past the as-of
    category: str
    failure_mode: str | None = None
    window: Window | None = None


@dataclass
class Floor:
    orders: list[Order]
    work_orders: Rows
    operations: Rows
    stops: list[Stop]
    changeovers: Rows
    end: int
    staff: Staff
    rng: np.random.Generator
    lines: dict[str, Line]
    text_rng: np.random.Generator

    def downtime_chunk(self) -> dict[str, Any]:
        rows = Rows(RAW_TABLES, "downtime_events")
        # a stop under a minute (a line waiting seconds for a late material, the tail of a
        # maintenance window) is below the MES's stop threshold: lost time, not an event
        stops = sorted((s for s in self.stops if s.start < self.end
                        and s.end - s.start >= MINUTE_SECONDS),
                       key=lambda s: (s.start, s.op.id))
        for stop in stops:
            op = stop.op
            length = (stop.end - stop.start) // MINUTE_SECONDS
            roles = ("technician",) if stop.category in ("breakdown", "maintenance") \
                else ("supervisor", "quality_inspector") if stop.category in (
                    "quality_hold", "waiting_for_approval") else ("technician", "supervisor")
            rows.add(
                operation_id=op.id, machine_id=op.step.machine, downtime_start=stamp(stop.start),
                downtime_end=stamp(stop.end) if stop.end < self.end else None,
                downtime_category=stop.category,
                reported_by=op.operator or self.staff.pick(self.rng, op.order.factory,
                                                           ("operator",), op.order.line),
                responded_by=self.staff.pick(self.rng, op.order.factory, roles, op.order.line,
                                             None, stop.start),
                response_time_minutes=int(min(self.rng.integers(2, 31), max(1, length))),
                failure_mode=stop.failure_mode,
                maintenance_window_id=stop.window.id if stop.window else None)
        return rows.chunk(downtime_id=ids("DT", len(rows), 7),
                          **_downtime_texts(self.text_rng, stops, self.end))


class Machines:
    """Each machine's running seconds left until its next breakdown (exponential, at its
    mean time between failures)."""

    def __init__(self, ctx: SeedContext, world: dict[str, Any]) -> None:
        p = ctx.params
        self.rng = ctx.rng("downtime_events/failures")
        m = world["machines"]
        self.mtbf = {
            machine: p["mtbf_hours"][kind] * p["mtbf_criticality_factor"][crit] * HOUR_SECONDS
            for machine, kind, crit in zip(m["machine_id"], m["machine_type"], m["criticality"],
                                           strict=True)}
        self.kind = dict(zip(m["machine_id"], m["machine_type"], strict=True))
        self.left = {machine: self.rng.exponential(mtbf) for machine, mtbf in self.mtbf.items()}
        self.sensor_types = world["sensor_types"]
        self.mix = p["fault_pattern_mix"]

    def fail(self, machine: str) -> tuple[str, int]:
        """A breakdown of `machine`: its failure mode and repair seconds; its clock restarts."""
        self.left[machine] = self.rng.exponential(self.mtbf[machine])
        modes, weights = eligible_patterns(self.kind[machine], self.sensor_types[machine],
                                           self.mix)
        mode = modes[int(self.rng.choice(len(modes), p=weights))]
        repair = self.rng.uniform(*PATTERNS[mode]["repair"]) * HOUR_SECONDS
        if self.rng.random() < PARTS_WAIT_SHARE:
            repair += self.rng.uniform(*PARTS_WAIT_HOURS) * HOUR_SECONDS
        return mode, int(repair)


def _simulate(ctx: SeedContext, world: dict[str, Any], lines: dict[str, Line],
              windows: dict[str, list[Window]], end: int) -> Floor:
    """Run every line's queue of released orders through its staffed time."""
    rng = ctx.rng("work_order_executions")
    po = world["po"]
    machines = Machines(ctx, world)
    floor = Floor([], Rows(RAW_TABLES, "work_order_executions"),
                  Rows(RAW_TABLES, "operation_executions"), [],
                  Rows(RAW_TABLES, "changeovers"), end, world["staff"],
                  ctx.rng("downtime_events"), lines, ctx.rng("downtime_events/text"))
    queues: dict[str, list[Order]] = defaultdict(list)
    for i, work_order in enumerate(po["work_order_id"]):
        material_at = po["material_available_at"][i]
        order = Order(
            index=i, id=work_order, line=po["line_id"][i], factory=po["plant_id"][i],
            product=po["product_id"][i], material=po["material_id"][i],
            product_name=world["product_name"][po["product_id"][i]],
            family=world["product_name"][po["product_id"][i]].rsplit(" ", 1)[0],
            bom=po["bom_id"][i],
            quantity=int(po["order_quantity"][i]), priority=int(po["priority"][i]),
            released=int(epoch_seconds(po["released_at"][i])),
            # not before its planned day: ERP stages its material for that day
            earliest=int(epoch_seconds(po["basic_start_date"][i])),
            material_at=None if material_at is None or np.isnat(material_at)
            else int(epoch_seconds(material_at)),
            steps=world["routes"].get(po["routing_id"][i], []))
        floor.orders.append(order)
        queues[order.line].append(order)
    upcoming = {machine: list(ws) for machine, ws in windows.items()}
    stops_rng = ctx.rng("downtime_events/short_stops")
    low, high = ctx.params["short_stops_per_shift"]
    for line_id in sorted(queues):
        line = lines[line_id]
        rate = stops_rng.uniform(low, high) / (8 * HOUR_SECONDS)
        _run_line(ctx, rng, stops_rng, rate, line, queues[line_id], machines, upcoming, floor)
    for order in floor.orders:
        _record(rng, world, lines[order.line], order, floor)
    return floor


def _run_line(ctx: SeedContext, rng: np.random.Generator, stops_rng: np.random.Generator,
              stop_rate: float, line: Line, queue: list[Order], machines: Machines,
              upcoming: dict[str, list[Window]], floor: Floor) -> None:
    """The line takes the most urgent released order, changes over, runs it to the end
    through its stops, and so on until the as-of instant; the orders left are planned."""
    clock = line.clock
    horizon = clock.clock(floor.end)
    pending = sorted(queue, key=lambda o: (o.released, o.id))
    for order in pending:
        order.ready = clock.clock(max(order.released + int(rng.integers(30, 121)) * MINUTE_SECONDS,
                                      order.earliest))
    p_now, planned, previous = 0, 0, None
    while pending:
        ready = [o for o in pending if o.ready <= p_now]
        if not ready:
            p_now = min(o.ready for o in pending)
            continue
        order = min(ready, key=lambda o: (o.priority, o.ready, o.id))
        if p_now < horizon and order.material_at is not None \
                and order.material_at > clock.wall(p_now):
            wait = clock.clock(order.material_at) - p_now
            if wait > SHORTAGE_WAIT_LIMIT:
                order.ready = p_now + wait  # run something else meanwhile
                continue
        pending.remove(order)
        _quantities(ctx, rng, order)
        setup_kind = _changeover_kind(rng, previous, order)
        cycle = max((s.minutes for s in order.steps), default=1.0) * MINUTE_SECONDS
        lag = int(cycle * rng.uniform(2, 6))
        setups = [_setup_minutes(rng, s, setup_kind) for s in order.steps]
        # the plan: standard setup and pace, after the previous planned order
        planned = max(planned, order.ready)
        standard = max((s.setup for s in order.steps), default=0) * MINUTE_SECONDS
        plan_end = planned + int(standard + order.quantity * cycle) + lag * len(order.steps)
        order.scheduled = (clock.wall(planned), clock.wall(plan_end, end=True))
        planned = plan_end
        if p_now >= horizon:
            continue  # not started by the as-of instant: planned only
        order.start = clock.wall(p_now)
        order_setup = max((-(-k * lag // MINUTE_SECONDS) + m for k, m in enumerate(setups)),
                          default=0)
        p_run = p_now + order_setup * MINUTE_SECONDS
        stops: list[Stop] = []
        if order.material_at is not None and order.ops \
                and clock.clock(order.material_at) > p_run:
            # set up, the line waits for the late material
            stops.append(Stop(order.ops[0], clock.wall(p_run), order.material_at,
                              "material_shortage"))
            p_run = clock.clock(order.material_at)
        speed = rng.uniform(*ctx.params["speed_efficiency"])
        p_done = _produce(stops_rng, stop_rate, line, order, p_run,
                          int(order.quantity * cycle / speed), cycle, machines, upcoming, stops)
        order.run_start, order.run_end = clock.wall(p_run), clock.wall(p_done, end=True)
        for k, op in enumerate(order.ops):
            op.setup = setups[k]
            op.start = clock.wall(p_now + k * lag)
            op.end = clock.wall(p_done + k * lag, end=True)
        floor.stops += stops
        if previous is not None and setup_kind is not None:
            _changeover(rng, floor, line, previous, order, setup_kind)
        previous = order
        p_now = p_done + lag * max(len(order.steps) - 1, 0)


def _changeover_kind(rng: np.random.Generator, previous: Order | None,
                     order: Order) -> str | None:
    """What the line changes before `order`: a product change (a format change within the
    same product family), or for a repeat of the product now and then a material or tool
    change; None when it just continues."""
    if previous is None or previous.product != order.product:
        if previous is not None and previous.family == order.family:
            return "format_change"
        return "product_change"
    if rng.random() < SAME_PRODUCT_CHANGEOVER:
        return str(rng.choice(["material_change", "tool_change"], p=[0.6, 0.4]))
    return None


def _setup_minutes(rng: np.random.Generator, step: Step, kind: str | None) -> int:
    if kind is None:
        return 0
    return max(1, int(round(step.setup * rng.uniform(*CHANGEOVER_SETUP[kind]))))


def _produce(rng: np.random.Generator, stop_rate: float, line: Line, order: Order,
             p_run: int, work: int, cycle: float, machines: Machines,
             upcoming: dict[str, list[Window]], stops: list[Stop]) -> int:
    """Run `work` production seconds of `order` from production second `p_run`, through
    breakdowns of the machines it uses (each at its share of the pace), planned maintenance
    of those machines and short stops; the line stops for each. Returns the production
    second it is done."""
    clock = line.clock
    load: dict[str, float] = defaultdict(float)
    op_on: dict[str, Op] = {}
    for op in order.ops:
        load[op.step.machine] = min(1.0, load[op.step.machine] + op.step.minutes * 60 / cycle)
        op_on.setdefault(op.step.machine, op)
    now, left = p_run, work
    next_short = now + int(rng.exponential(1 / stop_rate)) if stop_rate > 0 else None
    while left > 0:
        events = []
        for machine, share in load.items():
            if share > 0:
                events.append((now + max(0, int(machines.left[machine] / share)) + 1,
                               "breakdown", machine))
            window = _next_window(upcoming[machine], clock, now) if machine in upcoming \
                else None
            if window is not None:
                events.append((max(now, clock.clock(window.start)), "maintenance", machine,
                               window))
        if next_short is not None:
            events.append((next_short, "short", None))
        at, kind, machine, *extra = min(events, key=lambda e: e[0])
        if at >= now + left:
            _wear(machines, load, left)
            return now + left
        _wear(machines, load, at - now)
        left -= at - now
        begin = clock.wall(at)
        if kind == "breakdown":
            mode, repair = machines.fail(machine)
            stop = Stop(op_on[machine], begin, begin + repair, "breakdown", mode)
            _postpone_maintenance(upcoming.get(machine, []), stop)
        elif kind == "maintenance":
            window = extra[0]
            window.interrupted = True
            stop = Stop(op_on[machine], max(begin, window.start), window.end, "maintenance",
                        window=window)
        else:
            names = list(SHORT_STOPS)
            weights = np.array([SHORT_STOPS[n][0] for n in names])
            category = names[int(rng.choice(len(names), p=weights / weights.sum()))]
            _, median, sigma = SHORT_STOPS[category]
            length = max(3, int(rng.lognormal(np.log(median), sigma))) * MINUTE_SECONDS
            victim = order.ops[int(rng.integers(len(order.ops)))]
            stop = Stop(victim, begin, begin + length, category)
            next_short = None
        stops.append(stop)
        now = max(at, clock.clock(stop.end))
        if next_short is None and stop_rate > 0:
            next_short = now + int(rng.exponential(1 / stop_rate))
    return now


def _next_window(windows: list[Window], clock: ProductionClock, now: int) -> Window | None:
    """The machine's next planned maintenance that takes staffed time at or after production
    second `now` (windows wholly in unstaffed time cost no production). Finished windows are
    dropped from the front of the list: a line's production clock only moves forward. Windows
    in unstaffed time stay in the list until then, so that a repair running into one still
    postpones it (`_postpone_maintenance`)."""
    while windows and (windows[0].skipped or windows[0].interrupted
                       or clock.clock(windows[0].end) <= now):
        windows.pop(0)
    for window in windows:
        if window.skipped or window.interrupted:
            continue
        finish = clock.clock(window.end)
        if finish > now and finish > clock.clock(window.start):
            return window
    return None


def _wear(machines: Machines, load: dict[str, float], seconds: int) -> None:
    for machine, share in load.items():
        machines.left[machine] -= seconds * share


def _postpone_maintenance(windows: list[Window], stop: Stop) -> None:
    """Planned maintenance due while the machine is under repair is done once it is back."""
    for window in windows:
        if not window.skipped and stop.start <= window.start < stop.end:
            window.start = stop.end


def _quantities(ctx: SeedContext, rng: np.random.Generator, order: Order) -> None:
    """The order's operations with their inputs, scrap and rework from a first pass yield
    drawn per order."""
    fpy = rng.uniform(*ctx.params["first_pass_yield_pct"]) / 100
    rework_share = rng.uniform(0.3, 0.7)
    fail_per_op = (1 - fpy) / max(len(order.steps), 1)
    q_in = order.quantity
    for seq, step in enumerate(order.steps):
        failed = int(rng.binomial(q_in, fail_per_op)) if q_in > 0 else 0
        rework = int(rng.binomial(failed, rework_share)) if failed else 0
        order.ops.append(Op(id=f"{order.id}-{seq + 1:02d}", order=order, seq=seq, step=step,
                            input=q_in, scrap=failed - rework, rework=rework))
        q_in -= failed - rework


def _changeover(rng: np.random.Generator, floor: Floor, line: Line, previous: Order,
                order: Order, kind: str) -> None:
    first = order.ops[0]
    if first.start + first.setup * MINUTE_SECONDS >= floor.end:
        return  # still changing over at the as-of instant
    parts = rng.dirichlet([2.5, 4.5, 2, 1]) * first.setup
    teardown, setup, adjust = (int(x) for x in parts[:3])
    produced = int(rng.integers(2, 15))
    staff, day = floor.staff, first.start
    operators = [staff.pick(rng, line.factory, ("operator",), line.id, None, day)
                 for _ in range(int(rng.integers(1, 4)))]
    floor.changeovers.add(
        from_work_order_id=previous.id, to_work_order_id=order.id, operation_id=first.id,
        changeover_type=kind, changeover_start=stamp(first.start),
        teardown_time_minutes=teardown, setup_time_minutes=setup,
        adjustment_time_minutes=adjust, trial_run_time_minutes=first.setup - teardown - setup - adjust,
        parts_produced_during_setup=produced,
        parts_scrapped_during_setup=int(rng.binomial(produced, 0.3)),
        supervisor_id=staff.pick(rng, line.factory, ("supervisor",), line.id, None, day),
        operator_ids=",".join(sorted({o for o in operators if o})),
        first_piece_inspection_passed=bool(rng.random() < 0.92),
        quality_approval_by=staff.pick(rng, line.factory, ("quality_inspector",), line.id,
                                       None, day),
    )


def _shift_at(line: Line, moment: int) -> tuple[str, str] | None:
    """The (shift_id, shift name) of the line's staffed shift on at `moment`: the earliest
    starting one, among those begun within a day before it."""
    found = None
    k = bisect.bisect_right(line.staffed_starts, moment) - 1
    while k >= 0 and line.staffed_starts[k] > moment - DAY_SECONDS:
        start, stop, shift_id, name, _ = line.staffed[k]
        if moment < stop:
            found = shift_id, name
        k -= 1
    return found


def _record(rng: np.random.Generator, world: dict[str, Any], line: Line, order: Order,
            floor: Floor) -> None:
    """The order's MES rows as of the instant: what ran, what is running (quantities by the
    share of its production done), what has not started."""
    end, staff = floor.end, floor.staff
    started = order.start is not None and order.start < end
    for op in order.ops:
        if not started or op.start is None or op.start >= end:
            op.start = op.end = None
            op.status, op.setup = "pending", None
            continue
        if op.end < end:
            op.status, op.done = "completed", op.input - op.scrap
            op.scrap_done, op.rework_done = op.scrap, op.rework
        else:
            share = _progress(order, end)
            op.status, op.end = "in_progress", None
            op.scrap_done, op.rework_done = int(op.scrap * share), int(op.rework * share)
            op.done = int((op.input - op.scrap) * share)
        shift = _shift_at(line, op.start)
        op.shift_id = shift[0] if shift else None
        op.operator = staff.pick(rng, order.factory, ("operator",), order.line,
                                 shift[1] if shift else None, op.start)
    done = started and all(op.status == "completed" for op in order.ops)
    order.status = "completed" if done else "in_progress" if started else "released"
    order.end = order.ops[-1].end if done else None
    if not started:
        order.start = None
    completed_by = closed = None
    if order.end is not None:
        shift = _shift_at(line, order.end - 1)
        completed_by = staff.pick(rng, order.factory, ("supervisor",), order.line,
                                  shift[1] if shift else None, order.end)
        closing = order.end + int(rng.uniform(120, 2880)) * MINUTE_SECONDS
        closed = closing if closing < end else None
    scheduled = order.scheduled or (order.released, order.released)
    floor.work_orders.add(
        work_order_id=order.id, production_order_id=world["po"]["production_order_id"][order.index],
        received_at=stamp(order.released), scheduled_start_time=stamp(scheduled[0]),
        scheduled_end_time=stamp(scheduled[1]), actual_start_time=stamp(order.start),
        actual_end_time=stamp(order.end), status=order.status, completed_by=completed_by,
        closed_at=stamp(closed))
    for op in order.ops:
        floor.operations.add(
            operation_id=op.id, work_order_id=order.id, routing_operation_id=op.step.routing_op,
            operation_sequence=op.step.number, work_center_id=op.step.work_center,
            machine_id=op.step.machine, scheduled_start_time=stamp(scheduled[0]),
            scheduled_end_time=stamp(scheduled[1]), actual_start_time=stamp(op.start),
            actual_end_time=stamp(op.end), actual_setup_minutes=op.setup,
            input_quantity=op.input if op.start is not None or op.seq == 0 else None,
            completed_quantity=op.done, scrap_quantity=op.scrap_done,
            rework_quantity=op.rework_done, status=op.status, operator_id=op.operator,
            shift_id=op.shift_id)


def _progress(order: Order, end: int) -> float:
    """Share of the order's production done by the instant `end`."""
    if order.run_start is None or end <= order.run_start:
        return 0.0
    span = max(1, order.run_end - order.run_start)
    return min(1.0, (end - order.run_start) / span)


# --------------------------------------------------------------------------- materials


def _materials(ctx: SeedContext, world: dict[str, Any], floor: Floor, end: int) -> dict[str, Any]:
    """One issue per BOM component when its operation starts (at its end if backflushed),
    and now and then a return of unused material when the work order completes."""
    rng = ctx.rng("material_bookings")
    comp, staff = world["components"], world["staff"]
    rows = Rows(RAW_TABLES, "material_bookings")
    for order in floor.orders:
        if order.start is None:
            continue
        base = world["bom_base"].get(order.bom, 1.0) or 1.0
        by_number = {op.step.number: op for op in order.ops}
        for c in world["bom_parts"].get(order.bom, []):
            op = by_number.get(int(comp["operation_number"][c]), order.ops[0])
            if op.start is None or (comp["backflush"][c] and op.end is None):
                continue
            need = order.quantity * comp["component_quantity"][c] / base
            issued = np.floor(need * (1 + comp["scrap_pct"][c] / 100)
                              * rng.uniform(*ISSUE_OVERRUN) * 1000) / 1000
            if issued <= 0:
                continue
            if comp["backflush"][c]:
                moved = op.end - int(rng.uniform(0, 60))
            else:
                span = ((op.end or end) - op.start) / MINUTE_SECONDS
                moved = op.start + int(min(rng.uniform(1, 10), span * 0.5) * MINUTE_SECONDS)
                if order.material_at is not None:  # a short component comes when it arrives
                    moved = max(moved, order.material_at)
            who = staff.pick(rng, order.factory, ("operator",), order.line, None, moved)
            lot = f"SL-{int(rng.integers(100000, 999999))}"
            # a lot of a perishable material has part of its shelf life left when it is used
            shelf_life = world["shelf_life"].get(comp["material_id"][c])
            expiry = None if shelf_life is None else np.datetime64(
                moved // DAY_SECONDS + int(shelf_life * rng.uniform(0.2, 0.9)), "D")
            booking = dict(work_order_id=order.id, operation_id=op.id,
                           bom_component_id=comp["component_id"][c],
                           material_id=comp["material_id"][c], performed_by=who,
                           supplier_lot_number=lot, lot_expiry_date=expiry)
            rows.add(transaction_type="issue", quantity=float(np.round(issued, 3)),
                     moved_at=stamp(moved), **booking)
            if order.end is not None and rng.random() < 0.15:
                back = np.floor(issued * rng.uniform(0.01, 0.05) * 1000) / 1000
                if back > 0:
                    returned = max(order.end - int(rng.uniform(0, 60)), moved)
                    rows.add(transaction_type="return", quantity=float(np.round(-back, 3)),
                             moved_at=stamp(returned), **booking)
    return rows.chunk(transaction_id=ids("MTX", len(rows), 8))


# --------------------------------------------------------------------------- labor

SHORTEST_ENTRY = 10 * MINUTE_SECONDS  # shorter pieces of a shift are booked with a neighbour
IDLE_ACTIVITIES = (("indirect_labor", "training", "meeting"), (0.8, 0.1, 0.1))
LINE_ROLES = {"supervisor": "indirect_labor", "quality_inspector": "indirect_labor",
              "technician": "maintenance"}


def _labor(ctx: SeedContext, world: dict[str, Any], lines: dict[str, Line], floor: Floor,
           end: int) -> dict[str, Any]:
    """Every staffed shift of a line, its crew (the line's staff on that shift rota, less
    absences) clocks in and out: operators book their station's operation of each work order
    the line ran during the shift (setup while it changed over), indirect work while the line
    had nothing to run; the supervisor, inspector and technician book the shift."""
    rng = ctx.rng("labor_entries")
    absence = ctx.params["absence_rate"]
    staff = world["staff"]
    by_line: dict[str, list[Order]] = defaultdict(list)
    for order in floor.orders:
        if order.start is not None:
            by_line[order.line].append(order)
    rows = Rows(RAW_TABLES, "labor_entries")
    for line_id in sorted(lines):
        line = lines[line_id]
        runs = sorted(by_line.get(line_id, []), key=lambda o: o.start)
        first_run = 0
        for shift_start, shift_end, shift_id, name, staffed in line.shifts:
            if shift_start >= end:
                break
            if not staffed:
                continue
            while first_run < len(runs) and _order_until(runs[first_run], end) <= shift_start:
                first_run += 1
            overlapping = [o for o in runs[first_run:first_run + 50] if o.start < shift_end]
            day = shift_start // DAY_SECONDS * DAY_SECONDS
            supervisor = staff.pick(rng, line.factory, ("supervisor",), line_id, name, shift_start)
            crew = staff.members(line.factory, ("operator",), line_id, name)
            for station, e in enumerate(crew):
                if staff.hired[e] > shift_start or rng.random() < absence:
                    continue
                pieces = _operator_pieces(rng, overlapping, station, *_clocked(rng, shift_start,
                                                                                shift_end))
                _book(rng, rows, staff, e, shift_id, day, pieces, supervisor,
                      world["shift_break"][shift_id], end)
            for role, activity in LINE_ROLES.items():
                for e in staff.members(line.factory, (role,), line_id, name):
                    if staff.hired[e] > shift_start or rng.random() < absence:
                        continue
                    cin, cout = _clocked(rng, shift_start, shift_end)
                    _book(rng, rows, staff, e, shift_id, day, [(cin, cout, activity, None)],
                          supervisor, world["shift_break"][shift_id], end)
    rows.sort_by("clock_in_time", "employee_id")
    return rows.chunk(labor_transaction_id=ids("LBR", len(rows), 8),
                      notes=_labor_notes(ctx.rng("labor_entries/text"), rows, floor))


# share of a kind of labor entry that carries a note
NOTE_SHARE = {"training": 1.0, "meeting": 1.0, "indirect_labor": 0.3, "setup": 0.4,
              "maintenance": 0.25, "direct_labor": 0.03}


def _labor_notes(rng: np.random.Generator, rows: Rows, floor: Floor) -> list[str | None]:
    machine = {op.id: op.step.machine for order in floor.orders for op in order.ops}
    activity = [row["activity_type"] for row in rows]
    keep = (rng.random(len(rows)) < np.array([NOTE_SHARE[a] for a in activity])).tolist()
    return _compose_where(rng, "labor_note", keep, activity_type=activity,
                          work_order=[row["work_order_id"] for row in rows],
                          machine=[machine.get(row["operation_id"]) for row in rows])


def _order_until(order: Order, end: int) -> int:
    """When the line is done with `order` (its last operation's end, or on at the as-of)."""
    last = order.ops[-1].end if order.ops else order.start
    return last if last is not None else max(end, order.run_end or end)


def _clocked(rng: np.random.Generator, start: int, stop: int) -> tuple[int, int]:
    return (start + int(rng.uniform(0, 5 * MINUTE_SECONDS)),
            stop - int(rng.uniform(0, 5 * MINUTE_SECONDS)))


def _operator_pieces(rng: np.random.Generator, orders: list[Order], station: int, cin: int,
                     cout: int) -> list[tuple[int, int, str, Op | None]]:
    """An operator's shift cut at the work orders the line ran: (from, to, activity,
    operation), on the operation of the operator's station while it ran (setup while the line
    changed over), indirect work in between; pieces under ten minutes go unbooked."""
    pieces: list[tuple[int, int, str, Op | None]] = []
    cursor = cin

    def add(a: int, b: int, activity: str, op: Op | None) -> None:
        if b - a >= SHORTEST_ENTRY:
            pieces.append((a, b, activity, op))

    for order in orders:
        started = [op for op in order.ops if op.start is not None]
        if not started:
            continue
        op = started[station % len(started)]
        a = max(cursor, op.start)
        b = min(cout, op.end if op.end is not None else cout)
        if b <= a:
            continue
        add(cursor, a, _idle(rng), None)
        setup_end = min(b, max(a, order.run_start or a))
        if setup_end - a >= SHORTEST_ENTRY:
            add(a, setup_end, "setup", op)
            a = setup_end
        add(a, b, "direct_labor", op)
        cursor = b
    add(cursor, cout, _idle(rng), None)
    return pieces


def _idle(rng: np.random.Generator) -> str:
    names, weights = IDLE_ACTIVITIES
    return names[int(rng.choice(len(names), p=weights))]


def _book(rng: np.random.Generator, rows: Rows, staff: Staff, e: int, shift_id: str, day: int,
          pieces: list[tuple[int, int, str, Op | None]], approver: str | None,
          break_minutes: int, end: int) -> None:
    """One labor entry per piece up to the as-of instant (the one on at it stays clocked
    in, unless clocked in under a minute before it: not on the books yet); the shift's break
    is taken in its longest piece."""
    longest = max(range(len(pieces)), key=lambda k: pieces[k][1] - pieces[k][0], default=None)
    for k, (a, b, activity, op) in enumerate(pieces):
        if a > end - MINUTE_SECONDS:
            break
        approved_at = b + int(rng.uniform(1, 24) * HOUR_SECONDS)
        open_ = b >= end
        rows.add(
            employee_id=staff.ids[e], shift_id=shift_id, shift_date=np.datetime64(day, "s")
            .astype("datetime64[D]"), work_order_id=op.order.id if op else None,
            operation_id=op.id if op else None, activity_type=activity, clock_in_time=stamp(a),
            clock_out_time=None if open_ else stamp(b),
            break_time_minutes=break_minutes if k == longest and b - a > 4 * HOUR_SECONDS else 0,
            hourly_rate=float(staff.rate[e]),
            approved_by=approver if approved_at < end and not open_ else None,
            approved_at=stamp(approved_at) if approved_at < end and not open_ else None)


# --------------------------------------------------------------------------- quality


def _quality(ctx: SeedContext, world: dict[str, Any], floor: Floor,
             end: int) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Inspections after completed operations (the last one is the final inspection) against
    the finished good's ERP inspection plan: every characteristic measured, the result
    following the measurements. The scrapped and reworked units of the operations an
    inspection covers (since the previous one) are its defects."""
    p = ctx.params
    rng = ctx.rng("inspections")
    staff, chars = world["staff"], world["characteristics"]
    inspections = Rows(RAW_TABLES, "inspections")
    measurements = Rows(RAW_TABLES, "inspection_measurements")
    defects = Rows(RAW_TABLES, "defects")
    notes: list[dict[str, Any]] = []       # the facts of each inspection's note
    described: list[dict[str, Any]] = []   # and of each defect's texts
    for order in floor.orders:
        done = [op for op in order.ops if op.status == "completed"]
        plan_id = world["plan_of"].get(order.material)
        if not done or plan_id is None:
            continue
        k = min(count(rng, p["inspections_per_order"]), len(done))
        chosen = {order.ops[-1].seq} if order.status == "completed" else set()
        others = [op.seq for op in done if op.seq not in chosen]
        extra = k - len(chosen)
        if extra > 0 and others:
            chosen |= set(rng.choice(others, size=min(extra, len(others)), replace=False).tolist())
        covered = 0
        for seq in sorted(chosen):
            op = order.ops[seq]
            when = op.end + int(rng.uniform(5, 45) * MINUTE_SECONDS)
            if when >= end:
                break
            scope = order.ops[covered:seq + 1]
            covered = seq + 1
            inspection_id = f"QI-{len(inspections) + 1:08d}"
            shift = _shift_of(floor, order, when)
            inspector = staff.pick(rng, order.factory, ("quality_inspector",), order.line,
                                   shift[1] if shift else None, when) or staff.pick(
                rng, order.factory, ("supervisor", "engineer", "manager"))
            sample = int(min(max(op.input, 1), world["plan_sample"][plan_id]))
            scrap = sum(o.scrap_done for o in scope)
            rework = sum(o.rework_done for o in scope)
            result, failing, units = _result(rng, p["inspection_pass_rate"], chars,
                                             world["plan_chars"][plan_id], scrap, rework)
            finding: dict[str, Any] = {}
            for c in world["plan_chars"][plan_id]:
                value, conforming = _measure(rng, chars, c, c in failing)
                measurements.add(inspection_id=inspection_id,
                                 characteristic_id=chars["characteristic_id"][c],
                                 measured_value=value, conforming=conforming)
                if not conforming and not finding:
                    finding = dict(characteristic=chars["characteristic_name"][c],
                                   measured=value, spec_min=chars["low"][c],
                                   spec_max=chars["high"][c], unit=chars["unit_of_measure"][c])
            notes.append(dict(result=result, product=order.product_name, sample_size=sample,
                              lot=f"L{order.id.split('-')[-1]}", **finding))
            approved_at = when + int(rng.uniform(10, 240) * MINUTE_SECONDS)
            approver = staff.pick(rng, order.factory, ("manager", "engineer"), None, None, when)
            inspections.add(
                inspection_id=inspection_id, work_order_id=order.id, operation_id=op.id,
                inspection_plan_id=plan_id,
                inspection_type="final" if op is order.ops[-1] else "in_process",
                inspection_date=stamp(when), inspector_id=inspector,
                shift_id=shift[0] if shift else None, sample_size=sample,
                inspection_result=result,
                approved_by=approver if approved_at < end else None,
                approved_at=stamp(approved_at) if approved_at < end else None)
            _defects(rng, defects, described, staff, order, inspection_id, inspector, when,
                     end, scope, result, finding, units)
    text_rng = ctx.rng("inspections/text")
    return (inspections.chunk(notes=_inspection_notes(text_rng, notes)), measurements.chunk(),
            defects.chunk(defect_id=ids("DEF", len(defects), 8),
                          **_defect_texts(text_rng, defects, described)))


def _inspection_notes(rng: np.random.Generator, facts: list[dict[str, Any]]) -> list[str | None]:
    """The inspector's note: always on a finding, on a fifth of the passes."""
    names = sorted({k for f in facts for k in f})
    keep = [f["result"] != "pass" or rng.random() < 0.2 for f in facts]
    return _compose_where(rng, "inspection_note", keep,
                          **{k: [f.get(k) for f in facts] for k in names})


def _defect_texts(rng: np.random.Generator, rows: Rows,
                  facts: list[dict[str, Any]]) -> dict[str, list]:
    """A defect's description when found; root cause and corrective action once analysed
    (action pending or closed), the preventive action once closed."""
    def column(name: str) -> list[Any]:
        return [f.get(name) for f in facts]

    analysed = [row["status"] in ("action_pending", "closed") for row in rows]
    closed = [row["status"] == "closed" for row in rows]
    every = [True] * len(facts)
    return {
        "description_text": _compose_where(rng, "defect_description", every, **{
            k: column(k) for k in ("defect_category", "detection_method", "quantity", "severity",
                                   "stage", "product", "characteristic", "measured", "spec_min",
                                   "spec_max", "unit")}),
        "root_cause_text": _compose_where(rng, "defect_root_cause", analysed, **{
            k: column(k) for k in ("root_cause_category", "machine", "machine_type")}),
        "corrective_action_text": _compose_where(rng, "defect_corrective_action", analysed, **{
            k: column(k) for k in ("root_cause_category", "quantity", "characteristic")}),
        "preventive_action_text": _compose_where(
            rng, "preventive_action", closed, cause=column("root_cause_category"),
            product=column("product"), machine_type=column("machine_type")),
    }


def _shift_of(floor: Floor, order: Order, moment: int) -> tuple[str, str] | None:
    return _shift_at(floor.lines[order.line], moment)


def _result(rng: np.random.Generator, pass_rate: float, chars: dict[str, np.ndarray],
            plan: list[int], scrap: int, rework: int) -> tuple[str, set[int], int]:
    """The inspection's result, its nonconforming characteristics and how many sample units
    failed. A failed sample is scrapped (fail, hold) or reworked (rework_required) with its
    operations' units; a minor nonconformity may be accepted as is (conditional_pass)."""
    if rng.random() < pass_rate or not plan:
        return "pass", set(), 0
    failing = {int(c) for c in rng.choice(plan, size=1 if rng.random() < 0.8 or len(plan) < 2
                                          else 2, replace=False)}
    worst = min((chars["characteristic_class"][c] for c in failing), key=CLASSES.index)
    options, weights = FAILED_RESULT[worst]
    result = str(rng.choice(options, p=weights))
    available = {"fail": scrap, "hold": scrap, "rework_required": rework,
                 "conditional_pass": 3}[result]
    if available == 0:  # the operations scrapped (reworked) nothing: the sample was good
        return "pass", set(), 0
    return result, failing, int(min(available, rng.integers(1, 4)))


def _measure(rng: np.random.Generator, chars: dict[str, np.ndarray], c: int,
             failing: bool) -> tuple[float | None, bool]:
    """A characteristic's measured value (quantitative) and whether it conforms: inside the
    spec limits when it conforms, past one of them when not."""
    target, low, high = chars["target"][c], chars["low"][c], chars["high"][c]
    if np.isnan(target) or np.isnan(low) or np.isnan(high):
        return None, not failing
    half = (high - low) / 2
    if failing:
        past = half * rng.uniform(0.05, 0.6)
        value = high + past if rng.random() < 0.5 else low - past
    else:
        value = float(np.clip(rng.normal(target, half / 3), low, high))
    return round(float(value), 4), not failing


def _defects(rng: np.random.Generator, rows: Rows, described: list[dict[str, Any]],
             staff: Staff, order: Order, inspection_id: str, inspector: str | None, when: int,
             end: int, scope: list[Op], result: str, finding: dict[str, Any],
             sample_units: int) -> None:
    """The covered operations' scrapped and reworked units as defect records (at most two
    per disposition), the failed sample's nonconformity first; a conditional pass records
    its sample units as accepted as is."""
    scrap = sum(o.scrap_done for o in scope)
    rework = sum(o.rework_done for o in scope)
    worst = max(scope, key=lambda o: o.scrap_done + o.rework_done)
    kinds = DEFECTS_BY_MACHINE.get(worst.step.machine_type, {"visual": 1})
    names, weights = list(kinds), np.array(list(kinds.values()), dtype=float)

    stage = "final" if scope[-1] is order.ops[-1] else "in_process"

    def record(quantity: int, disposition: str, category: str, method: str,
               sampled: dict[str, Any] | None = None) -> None:
        severity = {"scrap": ("critical", "major"), "rework": ("major", "minor"),
                    "use_as_is": ("minor", "minor")}[disposition]
        due = when + int(rng.integers(7, 31)) * DAY_SECONDS
        closed = when + int(rng.uniform(1, 14) * DAY_SECONDS)
        if closed < end:
            status = "closed"
        else:
            closed = None
            status = "open" if end - when < 2 * DAY_SECONDS else str(
                rng.choice(["investigating", "action_pending"]))
        row = rows.add(
            inspection_id=inspection_id, detected_date=stamp(when), defect_category=category,
            defect_severity=str(rng.choice(severity, p=(0.3, 0.7))), quantity_affected=quantity,
            disposition=disposition, detection_method=method,
            root_cause_category=str(rng.choice(ROOT_CAUSES, p=ROOT_CAUSE_WEIGHTS)),
            detected_by=inspector,
            action_owner=staff.pick(rng, order.factory, ("engineer", "manager",
                                                         "quality_inspector")),
            action_due_date=np.datetime64(due, "s").astype("datetime64[D]"),
            status=status, closed_date=stamp(closed))
        described.append(dict(
            defect_category=category, detection_method=method, quantity=quantity,
            severity=row["defect_severity"], stage=stage, product=order.product_name,
            root_cause_category=row["root_cause_category"], machine=worst.step.machine,
            machine_type=worst.step.machine_type, **(sampled or {})))

    failing = finding.get("characteristic")
    found = CHARACTERISTIC_DEFECT.get(failing, "dimensional")
    sampled = {"fail": "scrap", "hold": "scrap", "rework_required": "rework",
               "conditional_pass": "use_as_is"}.get(result)
    if sampled == "use_as_is" and sample_units:
        record(sample_units, "use_as_is", found, "measurement", finding)
    for disposition, units in (("scrap", scrap), ("rework", rework)):
        if units <= 0:
            continue
        if sampled == disposition and sample_units:
            record(sample_units, disposition, found, "measurement", finding)
            units -= sample_units
        parts = [units] if units < 4 or rng.random() < 0.6 else \
            [units - units // 3, units // 3]
        for quantity in parts:
            if quantity > 0:
                category = names[int(rng.choice(len(names), p=weights / weights.sum()))]
                record(quantity, disposition, category, DETECTION[category])


DETECTION = {"dimensional": "measurement", "visual": "visual", "functional": "testing",
             "material": "testing", "assembly": "visual"}


# --------------------------------------------------------------------------- batch records


def _batch_records(ctx: SeedContext, world: dict[str, Any], floor: Floor,
                   end: int) -> dict[str, Any]:
    """Electronic batch records for a share of the started work orders: prepared at start,
    reviewed, approved and released after completion (as far as the as-of instant allows)."""
    p = ctx.params
    rng = ctx.rng("batch_records")
    staff = world["staff"]
    rows = Rows(RAW_TABLES, "batch_records")
    for order in floor.orders:
        if order.start is None or rng.random() >= p["batch_record_share"]:
            continue
        factory = order.factory
        prepared = min(order.start + int(rng.uniform(0, 10) * MINUTE_SECONDS), end - 1)
        reviewed = approved = released = None
        reviewer = approver = releaser = None
        rejected = False
        if order.end is not None:
            reviewed = order.end + int(rng.uniform(60, 1440) * MINUTE_SECONDS)
            approved = reviewed + int(rng.uniform(30, 1440) * MINUTE_SECONDS)
            released = approved + int(rng.uniform(30, 720) * MINUTE_SECONDS)
            rejected = bool(rng.random() < 0.03)
            reviewed, approved, released = (t if t < end else None
                                            for t in (reviewed, approved, released))
            if approved is None or rejected:
                released = None
            reviewer = staff.pick(rng, factory, ("quality_inspector",)) if reviewed else None
            approver = staff.pick(rng, factory, ("manager",)) if approved else None
            releaser = staff.pick(rng, factory, ("manager", "engineer")) if released else None
        t_min = round(float(rng.uniform(18, 21)), 2)
        h_min = round(float(rng.uniform(35, 45)), 2)
        rows.add(
            ebr_id=f"EBR-{order.id}", work_order_id=order.id,
            prepared_by=staff.pick(rng, factory, ("supervisor", "operator"), order.line),
            prepared_at=stamp(prepared), reviewed_by=reviewer, reviewed_at=stamp(reviewed),
            approved_by=approver, approved_at=stamp(approved), released_by=releaser,
            released_at=stamp(released), rejected=rejected, temperature_min_c=t_min,
            temperature_max_c=round(t_min + float(rng.uniform(1, 5)), 2),
            humidity_min_percentage=h_min,
            humidity_max_percentage=round(h_min + float(rng.uniform(3, 15)), 2),
            regulatory_requirement=str(rng.choice(["IATF 16949", "ISO 9001", "ISO 14001"])),
        )
    # the reviewer's note, once the record is reviewed; a rejected record had deviations
    text_rng = ctx.rng("batch_records/text")
    return rows.chunk(notes=_compose_where(
        text_rng, "batch_record_note", [r["reviewed_at"] is not None for r in rows],
        has_deviations=[bool(r["rejected"]) for r in rows],
        deviation_count=[int(text_rng.integers(1, 4)) if r["rejected"] else None for r in rows],
        batch=[r["work_order_id"].replace("WO-", "BATCH-") for r in rows],
        temperature=[f"{r['temperature_min_c']:.1f}-{r['temperature_max_c']:.1f} degC"
                     for r in rows]))


# --------------------------------------------------------------------------- free text
# Notes people write, composed with seeders/text.py from each event's facts.


def _planning_notes(rng: np.random.Generator, world: dict[str, Any],
                    floor: Floor) -> list[str | None]:
    """The planner's note on an order for a customer or an urgent one, and on a third of the
    others."""
    po = world["po"]
    customer, due, priority, wanted = [], [], [], []
    for order in floor.orders:
        sold = world["sold_to"].get(po["sales_order_id"][order.index])
        customer.append(sold[0] if sold else None)
        due.append(sold[1] if sold else None)
        priority.append(order.priority if order.priority <= 2 else None)
        wanted.append(bool(sold) or order.priority == 1 or bool(rng.random() < 0.33))
    return _compose_where(rng, "planning_note", wanted, customer=customer, due_date=due,
                          priority=priority)


def _downtime_texts(rng: np.random.Generator, stops: list[Stop], end: int) -> dict[str, list]:
    """What the operator and the technician wrote about each stop: the reason when it was
    reported; resolution, root cause and (for breakdowns) preventive action and parts used
    once it was resolved."""
    resolved = [stop.end < end for stop in stops]
    breakdown = [stop.category == "breakdown" for stop in stops]
    parts = [PATTERNS[s.failure_mode]["parts"].split(",")[0] if s.failure_mode else None
             for s in stops]
    facts = dict(category=[s.category for s in stops],
                 failure_mode=[s.failure_mode for s in stops],
                 machine_type=[s.op.step.machine_type for s in stops],
                 duration_minutes=[(s.end - s.start) // MINUTE_SECONDS if r else None
                                   for s, r in zip(stops, resolved, strict=True)])
    reasons = text.compose_many(rng, "downtime_reason", machine=[s.op.step.machine for s in stops],
                                product=[s.op.order.product_name for s in stops], **facts)
    fixed = [r and b for r, b in zip(resolved, breakdown, strict=True)]
    return {
        "reason_text": reasons,
        "resolution_text": _compose_where(rng, "downtime_resolution", resolved, part=parts, **{
            k: v for k, v in facts.items() if k != "machine_type"}),
        "root_cause_text": _compose_where(rng, "downtime_root_cause", resolved, **{
            k: v for k, v in facts.items() if k != "duration_minutes"}),
        "preventive_action_text": _compose_where(rng, "preventive_action", fixed,
                                                 cause=facts["category"],
                                                 failure_mode=facts["failure_mode"],
                                                 machine_type=facts["machine_type"]),
        "spare_parts_used": [PATTERNS[s.failure_mode]["parts"] or None if f else None
                             for s, f in zip(stops, fixed, strict=True)],
    }


def _compose_where(rng: np.random.Generator, kind: str, wanted: list[bool],
                   **facts: list[Any]) -> list[str | None]:
    """Texts of `kind` for the rows `wanted` (None for the others), from per-row facts."""
    rows = [i for i, w in enumerate(wanted) if w]
    texts = text.compose_many(rng, kind, n=len(rows),
                              **{k: [v[i] for i in rows] for k, v in facts.items()})
    out: list[str | None] = [None] * len(wanted)
    for i, t in zip(rows, texts, strict=True):
        out[i] = t
    return out
