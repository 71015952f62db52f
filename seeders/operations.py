"""Operations: IoT sensor readings, SCADA samples, faults, production runs, maintenance.

Raw facts only. A reading is (sensor, time, value, quality code); a SCADA sample is what a
PLC reports (machine, time, state, mode, fault code, its counters and process values);
faults, production runs, maintenance and calibrations are events with a start and an end.
dbt derives the rest: a reading's machine/line/factory, threshold flags, status, rolling
1-minute statistics and anomaly score; OEE; shift and crew; sensor health.

How the streams hang together (all from master data and the as-of instant):
- Shifts: each factory's shift templates (raw_master.shifts) give the shift instances of the
  history window; a line staffs every regular shift and a share of weekend shifts.
- Runs: a line's production runs are laid back to back over its staffed time.
- Faults: each machine gets `faults_per_machine` faults, one per equal slice of the history,
  each from one of ten patterns. A fault's precursor (degradation) starts `lead` hours before
  it, its signature ramps up on the pattern's sensors until the fault and stays up until the
  repair; SCADA shows warnings during the precursor and the `fault` state until the end; a
  corrective maintenance event repairs it.
- Readings: baseline inside the sensor's normal band + noise + load effect (running or not)
  + fault signatures, clipped to the sensor's physical range, only while the sensor and its
  machine are installed, with a little packet loss. Generated per batch of sensors, so memory
  stays flat however many readings the config asks for.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np

from genims.params import Count, Range, Weights
from seeders.engine import SeedContext, history_window, raw_table
from seeders.gen import (
    DAY_SECONDS,
    HOUR_SECONDS,
    Rows,
    concat,
    count,
    counts,
    epoch_seconds,
    from_epoch_seconds,
    ids,
    one_of,
)
from seeders.plan import Amount, Estimate, estimate, lookup, mean
from seeders.shopfloor import (
    PATTERN_NAMES,
    PATTERNS,
    ShiftCalendar,
    eligible_patterns,
    instance_at,
    shift_calendar,
)

NAME = "operations"
REQUIRES = ("master",)



PARAMETERS: dict[str, Any] = {
    "history_days": Count("days of operational history up to the as-of instant", minimum=1),
    "sensor_sampling_seconds": Count("seconds between two readings of a sensor", minimum=1),
    "scada_sampling_seconds": Count("seconds between two SCADA samples of a machine", minimum=1),
    "sensor_health_interval_hours": Count("hours covered by one sensor_health record",
                                          minimum=1),
    "runs_per_machine": Range("production runs per machine of a line over the history "
                              "(a line runs the sum over its machines)", minimum=0),
    "faults_per_machine": Range("faults per machine over the history", minimum=0),
    "maintenance_events_per_machine": Range(
        "planned (preventive or predictive) maintenance events per machine; every fault adds "
        "a corrective one", minimum=0),
    "fault_pattern_mix": Weights("relative weights of the ten fault patterns",
                                 kind="fault pattern", names=PATTERN_NAMES),
    "weekend_shift_staffing": Range("share of weekend shifts a line runs (per line, drawn in "
                                    "this range)", minimum=0, maximum=1, fraction=True),
    "packet_loss": Range("share of readings lost in transmission (per sensor, drawn in this "
                         "range)", minimum=0, maximum=0.5, fraction=True),
    "reading_noise": Range("reading noise, as a share of the sensor's normal band (per "
                           "sensor)", minimum=0, maximum=0.5, fraction=True),
    "readings_per_chunk": Count("readings generated and loaded per batch (bounds memory; "
                                "a batch holds whole sensors)", minimum=1),
}

RAW_TABLES = (
    raw_table(
        "sensor_readings",
        "reading_id BIGINT", "sensor_id VARCHAR(50)", "reading_time TIMESTAMP",
        "reading_value DOUBLE PRECISION", "quality_code SMALLINT",
    ),
    raw_table(
        "scada_samples",
        "sample_id BIGINT", "machine_id VARCHAR(50)", "sample_time TIMESTAMP",
        "machine_state VARCHAR(20)", "operation_mode VARCHAR(20)", "fault_code VARCHAR(50)",
        "parts_produced_cumulative BIGINT", "parts_produced_shift INTEGER",
        "parts_rejected_shift INTEGER", "uptime_seconds_shift INTEGER",
        "downtime_seconds_shift INTEGER", "cycle_time_seconds DOUBLE PRECISION",
        "spindle_speed_rpm INTEGER", "feed_rate_mm_min DOUBLE PRECISION", "tool_number INTEGER",
        "program_number VARCHAR(50)", "power_kw DOUBLE PRECISION",
        "energy_kwh_cumulative DOUBLE PRECISION", "temperature_setpoint_c DOUBLE PRECISION",
        "temperature_actual_c DOUBLE PRECISION", "pressure_setpoint_bar DOUBLE PRECISION",
        "pressure_actual_bar DOUBLE PRECISION", "alarm_codes VARCHAR(500)",
        "warning_codes VARCHAR(500)", "quality_code SMALLINT",
    ),
    raw_table(
        "fault_patterns",
        "root_cause_category VARCHAR(100)", "fault_code VARCHAR(50)",
        "fault_category VARCHAR(50)", "fault_description TEXT", "resolution_action TEXT",
        "maintenance_category VARCHAR(50)", "signature VARCHAR(200)",
    ),
    raw_table(
        "machine_faults",
        "fault_id BIGINT", "machine_id VARCHAR(50)", "fault_code VARCHAR(50)",
        "root_cause_category VARCHAR(100)", "fault_severity VARCHAR(20)",
        "degradation_start TIMESTAMP", "fault_start_time TIMESTAMP", "fault_end_time TIMESTAMP",
        "contributing_sensors VARCHAR(500)", "detection_method VARCHAR(50)",
        "reported_at TIMESTAMP",
    ),
    raw_table(
        "production_runs",
        "run_id VARCHAR(50)", "line_id VARCHAR(50)", "product_id VARCHAR(50)",
        "run_number INTEGER", "batch_number VARCHAR(50)", "work_order_number VARCHAR(50)",
        "customer_id VARCHAR(50)", "run_start_time TIMESTAMP", "run_end_time TIMESTAMP",
        "planned_duration_minutes INTEGER", "changeover_time_minutes INTEGER",
        "target_quantity INTEGER", "actual_quantity INTEGER", "rejected_quantity INTEGER",
        "scrapped_quantity INTEGER", "rework_quantity INTEGER", "aborted BOOLEAN",
    ),
    raw_table(
        "maintenance_events",
        "maintenance_id VARCHAR(50)", "machine_id VARCHAR(50)", "maintenance_type VARCHAR(50)",
        "maintenance_category VARCHAR(50)", "priority VARCHAR(20)", "scheduled_start TIMESTAMP",
        "actual_start TIMESTAMP", "actual_end TIMESTAMP", "work_description TEXT",
        "parts_replaced VARCHAR(500)", "parts_cost_usd DECIMAL(12,2)",
        "labor_hours DECIMAL(8,2)", "technician_id VARCHAR(50)", "supervisor_id VARCHAR(50)",
        "related_fault_id BIGINT", "completion_status VARCHAR(20)", "notes TEXT",
        "follow_up_required BOOLEAN",
    ),
    raw_table(
        "sensor_calibrations",
        "calibration_id BIGINT", "sensor_id VARCHAR(50)", "calibrated_at TIMESTAMP",
        "drift_found_percentage DOUBLE PRECISION", "technician_id VARCHAR(50)",
    ),
)

# OPC quality codes a gateway reports with each value.
QUALITY_GOOD, QUALITY_UNCERTAIN, QUALITY_BAD = 192, 64, 0

# machine type -> temperature setpoint degC, pressure setpoint bar (None: not reported)
PROCESS_SETPOINTS = {
    "CNC": (22.0, 70.0), "press": (45.0, 160.0), "robot": (None, 6.0), "conveyor": (None, None),
    "welding": (60.0, None), "assembly": (None, 6.0), "testing": (23.0, 6.0),
}


# --------------------------------------------------------------------------- plan


def _window_seconds(config: Any) -> int:
    """Length of the history window: `history_days` days, plus the as-of day up to the
    instant."""
    start, end = history_window(config.as_of, config[NAME]["history_days"])
    return int((end - start) / np.timedelta64(1, "s"))


def _per_window(seconds: int, step: int) -> int:
    """Samples `step` seconds apart in a window of `seconds`."""
    return -(-seconds // step)


def plan(config: Any) -> list[Estimate]:
    from seeders import master

    p = config[NAME]
    upstream = master.plan(config)
    sensors = lookup(upstream, "sensors")
    machines = lookup(upstream, "machines")
    window = _window_seconds(config)
    per_sensor = _per_window(window, p["sensor_sampling_seconds"])
    loss = p["packet_loss"]
    readings = Amount(sensors.expected * per_sensor * (1 - mean(loss)),
                      int(sensors.low * int(per_sensor * (1 - loss[1]))),
                      sensors.high * per_sensor)
    samples = machines * _per_window(window, p["scada_sampling_seconds"])
    faults = machines * p["faults_per_machine"]
    runs = machines * p["runs_per_machine"]
    maintenance = machines * p["maintenance_events_per_machine"] + faults
    buckets = _per_window(window, p["sensor_health_interval_hours"] * HOUR_SECONDS)
    return [
        estimate("raw_operations", "sensor_readings", readings),
        estimate("raw_operations", "scada_samples", samples),
        estimate("raw_operations", "fault_patterns", len(PATTERNS)),
        estimate("raw_operations", "machine_faults", faults),
        estimate("raw_operations", "production_runs", runs),
        estimate("raw_operations", "maintenance_events", maintenance),
        # the marts: one row per reading, sample, fault, run and maintenance event
        estimate("operations", "sensor_data", readings),
        estimate("operations", "scada_machine_data", samples),
        estimate("operations", "machine_faults", faults),
        estimate("operations", "production_runs", runs),
        estimate("operations", "maintenance_events", maintenance),
        estimate("operations", "sensor_health",
                 Amount(sensors.expected * buckets, 0, sensors.high * (buckets + 1))),
        estimate("raw_operations", "sensor_calibrations",
                 Amount(sensors.expected * min(1.0, p["history_days"] / 120), 0,
                        sensors.high + faults.high)),
    ]


# --------------------------------------------------------------------------- master data


@dataclass
class Master:
    machines: dict[str, np.ndarray]
    sensors: dict[str, np.ndarray]
    shifts: dict[str, np.ndarray]
    staff: dict[str, np.ndarray]
    line_products: dict[str, list[str]]
    product_cycle: dict[str, int]
    product_customers: dict[str, list[str]]


def _read_master(ctx: SeedContext) -> Master:
    machines = _read_joined(ctx, "master")
    sensors = ctx.read(
        "master", "sensors",
        ["sensor_id", "machine_id", "sensor_type",
         "measurement_range_min::float8 AS range_min", "measurement_range_max::float8 AS range_max",
         "normal_operating_min::float8 AS normal_min", "normal_operating_max::float8 AS normal_max",
         "created_at", "calibration_date", "calibration_frequency_days AS calibration_days"],
        order_by="sensor_id",
    )
    shifts = ctx.read(
        "master", "shifts",
        ["shift_id", "factory_id", "shift_name", "start_time", "end_time", "shift_type",
         "days_of_week"],
        order_by="factory_id, shift_id",
    )
    staff = ctx.read(
        "master", "employees",
        ["employee_id", "factory_id", "coalesce(line_id, '') AS line_id", "role", "department",
         "shift"],
        order_by="employee_id",
    )
    trials = ctx.read("master", "line_product_trials", ["line_id", "product_id"],
                      order_by="line_id, product_id")
    line_products: dict[str, list[str]] = {}
    for line, product in zip(trials["line_id"], trials["product_id"], strict=True):
        products = line_products.setdefault(line, [])
        if product not in products:
            products.append(product)
    products = ctx.read("master", "products",
                        ["product_id", "standard_cycle_time_seconds AS cycle"], order_by="product_id")
    agreements = ctx.read("master", "customer_agreements", ["product_id", "customer_id"],
                          order_by="product_id, customer_id")
    product_customers: dict[str, list[str]] = {}
    for product, customer in zip(agreements["product_id"], agreements["customer_id"], strict=True):
        customers = product_customers.setdefault(product, [])
        if customer not in customers:
            customers.append(customer)
    return Master(
        machines=machines, sensors=sensors, shifts=shifts, staff=staff,
        line_products=line_products,
        product_cycle=dict(zip(products["product_id"], products["cycle"].tolist(), strict=True)),
        product_customers=product_customers,
    )


def _read_joined(ctx: SeedContext, domain: str) -> dict[str, np.ndarray]:
    machines = ctx.read(
        domain, "machines",
        ["machine_id", "line_id", "machine_type", "installation_date", "created_at",
         "design_capacity_units_per_hour AS capacity", "power_rating_kw::float8 AS power_kw",
         "maintenance_schedule"],
        order_by="machine_id",
    )
    lines = ctx.read(domain, "production_lines", ["line_id", "factory_id"], order_by="line_id")
    factory_of = dict(zip(lines["line_id"], lines["factory_id"], strict=True))
    machines["factory_id"] = np.array([factory_of[line] for line in machines["line_id"]],
                                      dtype=object)
    return machines


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    m = _read_master(ctx)
    start_dt, end_dt = ctx.history(p["history_days"])
    start, end = int(start_dt.astype(np.int64)), int(end_dt.astype(np.int64))

    yield "fault_patterns", {
        "root_cause_category": list(PATTERNS),
        "fault_code": [v["code"] for v in PATTERNS.values()],
        "fault_category": [v["category"] for v in PATTERNS.values()],
        "fault_description": [v["description"] for v in PATTERNS.values()],
        "resolution_action": [v["resolution"] for v in PATTERNS.values()],
        "maintenance_category": [v["maintenance"] for v in PATTERNS.values()],
        "signature": [",".join(f"{k}:{'+' if d > 0 else '-'}" for k, d in v["sensors"].items())
                      for v in PATTERNS.values()],
    }

    factories = sorted(set(m.machines["factory_id"].tolist()))
    calendars = {f: shift_calendar(m.shifts, f, start, end) for f in factories}
    lines = sorted(set(m.machines["line_id"].tolist()))
    staffed = _staffing(ctx, lines, m, calendars)

    faults = _faults(ctx, m, start, end)
    yield "machine_faults", faults.raw
    planned = _planned_maintenance(ctx, m, start, end)
    yield "maintenance_events", _maintenance(ctx, m, faults, planned, end)
    runs = _runs(ctx, m, lines, calendars, staffed, start, end)
    yield "production_runs", runs.raw
    yield "sensor_calibrations", _calibrations(ctx, m, faults, start, end)

    states = yield from _scada(ctx, m, calendars, staffed, faults, planned, runs, start, end)
    yield from _readings(ctx, m, faults, states, start, end)


def _staffing(ctx: SeedContext, lines: list[str], m: Master,
              calendars: dict[str, ShiftCalendar]) -> dict[str, np.ndarray]:
    """Per line: which of its factory's shift instances it staffs."""
    rng = ctx.rng("staffing")
    low, high = ctx.params["weekend_shift_staffing"]
    factory_of = dict(zip(m.machines["line_id"], m.machines["factory_id"], strict=True))
    out = {}
    for line in lines:
        cal = calendars[factory_of[line]]
        share = rng.uniform(low, high)
        draw = rng.random(len(cal.starts))
        out[line] = np.where(cal.weekend, draw < share, True)
    return out


@dataclass
class Faults:
    raw: dict[str, Any]
    machine: np.ndarray        # machine index per fault
    pattern: list[str]
    degradation: np.ndarray    # epoch s
    start: np.ndarray
    end: np.ndarray            # when the repair ends, even past the as-of instant
    peak: np.ndarray           # signature peak in normal-band widths
    sensors: list[list[int]]   # sensor row indexes per fault


def _sensor_rows_by_machine(m: Master) -> dict[str, list[int]]:
    rows: dict[str, list[int]] = {}
    for i, machine in enumerate(m.sensors["machine_id"]):
        rows.setdefault(machine, []).append(i)
    return rows


def _faults(ctx: SeedContext, m: Master, start: int, end: int) -> Faults:
    p = ctx.params
    rng = ctx.rng("machine_faults")
    weights = p["fault_pattern_mix"]
    by_machine = _sensor_rows_by_machine(m)
    installed = epoch_seconds(m.machines["installation_date"])
    rows = Rows(RAW_TABLES, "machine_faults")
    machine_idx, patterns, degradation, starts, ends, peaks, sensors = [], [], [], [], [], [], []
    fault_id = 0
    for i, machine in enumerate(m.machines["machine_id"]):
        n = count(rng, p["faults_per_machine"])
        first = max(start, int(installed[i]))
        if n == 0 or end - first < 4 * HOUR_SECONDS:
            continue
        mtype = m.machines["machine_type"][i]
        srows = by_machine.get(machine, [])
        names, w = eligible_patterns(mtype, {m.sensors["sensor_type"][s] for s in srows}, weights)
        slot = (end - first) / n
        previous_end = first - 10 * DAY_SECONDS * 365
        for k in range(n):
            name = names[int(rng.choice(len(names), p=w))]
            spec = PATTERNS[name]
            repair = int(rng.uniform(*spec["repair"]) * HOUR_SECONDS)
            # at least one SCADA sample falls in every fault
            repair = max(600, p["scada_sampling_seconds"], min(repair, int(slot * 0.4)))
            lo = int(first + k * slot + 0.05 * slot)
            # a machine's last fault may still be under repair at the as-of instant (started a
            # SCADA sample before it, at the latest)
            hi = int(first + (k + 1) * slot - (0 if k == n - 1 else repair) - 0.05 * slot)
            if k == n - 1:
                hi = min(hi, end - p["scada_sampling_seconds"])
            fault_start = int(rng.integers(lo, max(lo + 1, hi)))
            lead = int(rng.uniform(*spec["lead"]) * HOUR_SECONDS)
            degr = max(fault_start - lead, previous_end)
            fault_end = fault_start + repair
            previous_end = fault_end
            if "*" in spec["sensors"]:
                affected = [srows[int(rng.integers(len(srows)))]]
            else:
                affected = [s for s in srows if m.sensors["sensor_type"][s] in spec["sensors"]]
            fault_id += 1
            detection = ("predictive_model" if lead >= 6 * HOUR_SECONDS and rng.random() < 0.5 else
                         str(rng.choice(["sensor_threshold", "automatic", "operator_report"],
                                        p=[0.5, 0.35, 0.15])))
            rows.add(
                fault_id=fault_id, machine_id=machine, fault_code=spec["code"],
                root_cause_category=name, fault_severity=str(rng.choice(spec["severity"])),
                degradation_start=from_epoch_seconds(degr),
                fault_start_time=from_epoch_seconds(fault_start),
                fault_end_time=from_epoch_seconds(fault_end) if fault_end < end else None,
                contributing_sensors=",".join(m.sensors["sensor_id"][s] for s in affected) or None,
                detection_method=detection,
                reported_at=from_epoch_seconds(
                    min(fault_start + int(rng.integers(0, 300)), end - 1)),
            )
            machine_idx.append(i)
            patterns.append(name)
            degradation.append(degr)
            starts.append(fault_start)
            ends.append(fault_end)
            peaks.append(rng.uniform(1.0, 1.6))
            sensors.append(affected)
    return Faults(rows.chunk(), np.array(machine_idx, dtype=np.int64), patterns,
                  np.array(degradation, dtype=np.int64), np.array(starts, dtype=np.int64),
                  np.array(ends, dtype=np.int64), np.array(peaks), sensors)


@dataclass
class Planned:
    machine: np.ndarray
    start: np.ndarray
    end: np.ndarray
    kind: list[str]
    done: np.ndarray


def _planned_maintenance(ctx: SeedContext, m: Master, start: int, end: int) -> Planned:
    rng = ctx.rng("maintenance_events/planned")
    n = counts(rng, ctx.params["maintenance_events_per_machine"], len(m.machines["machine_id"]))
    machine = np.repeat(np.arange(len(n)), n)
    total = int(n.sum())
    # planned work is scheduled on the hour, 1-4 hours long
    begin = start + rng.integers(0, max(1, (end - start) // HOUR_SECONDS - 4), size=total) * HOUR_SECONDS
    length = rng.integers(2, 9, size=total) * 1800
    kind = rng.choice(["preventive", "predictive"], p=[0.75, 0.25], size=total).tolist()
    done = rng.random(total) >= 0.06  # the rest were deferred or cancelled
    order = np.lexsort((begin, machine))
    return Planned(machine[order], begin[order], (begin + length)[order],
                   [kind[i] for i in order], done[order])


def _crew(m: Master) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Maintenance technicians per factory, supervisors per line and per factory."""
    techs: dict[str, list[str]] = {}
    line_sup: dict[str, list[str]] = {}
    factory_sup: dict[str, list[str]] = {}
    s = m.staff
    for emp, factory, line, role, dept in zip(s["employee_id"], s["factory_id"], s["line_id"],
                                              s["role"], s["department"], strict=True):
        if role == "technician":
            techs.setdefault(factory, []).append(emp)
        if role == "supervisor" and line:
            line_sup.setdefault(line, []).append(emp)
        if role in ("supervisor", "manager") and dept in ("production", "maintenance"):
            factory_sup.setdefault(factory, []).append(emp)
    return techs, line_sup, factory_sup


def _maintenance(ctx: SeedContext, m: Master, faults: Faults, planned: Planned,
                 end: int) -> dict[str, Any]:
    """Planned maintenance, and the repair of every fault: a repair still under way at the
    as-of instant has no end yet, the labour booked so far, and outcome `partial`."""
    rng = ctx.rng("maintenance_events")
    techs, line_sup, factory_sup = _crew(m)
    rows = Rows(RAW_TABLES, "maintenance_events")
    mach = m.machines

    def add(i: int, **values: Any) -> None:
        factory, line = mach["factory_id"][i], mach["line_id"][i]
        rows.add(machine_id=mach["machine_id"][i],
                 technician_id=one_of(rng, techs.get(factory, [])),
                 supervisor_id=one_of(rng, line_sup.get(line) or factory_sup.get(factory, [])),
                 **values)

    severity_priority = {"critical": "critical", "major": "high", "minor": "medium",
                         "warning": "low"}
    for k in range(len(faults.start)):
        spec = PATTERNS[faults.pattern[k]]
        severity = faults.raw["fault_severity"][k]
        done = faults.end[k] < end
        respond = int(min(rng.integers(5, 45) * 60, (faults.end[k] - faults.start[k]) // 3))
        if not done:  # the technician is on it by the instant
            respond = min(respond, (end - faults.start[k]) // 2)
        actual_start = faults.start[k] + respond
        hours = (min(faults.end[k], end) - actual_start) / HOUR_SECONDS
        technicians = int(rng.integers(1, 3))
        add(int(faults.machine[k]),
            maintenance_type="breakdown" if severity == "critical" else "corrective",
            maintenance_category=spec["maintenance"], priority=severity_priority[severity],
            scheduled_start=None, actual_start=from_epoch_seconds(actual_start),
            actual_end=from_epoch_seconds(faults.end[k]) if done else None,
            work_description=f"{spec['description']}: {spec['resolution'].lower()}",
            parts_replaced=spec["parts"] or None,
            parts_cost_usd=round(float(rng.uniform(*spec["cost"])), 2),
            labor_hours=round(hours * technicians, 2),
            related_fault_id=int(faults.raw["fault_id"][k]),
            completion_status="completed" if done else "partial",
            notes=None, follow_up_required=bool(rng.random() < 0.2))
    tasks = {
        "preventive": ("lubrication", "Scheduled lubrication and inspection",
                       "mechanical", "Scheduled mechanical inspection and adjustment",
                       "electrical", "Scheduled electrical cabinet inspection"),
        "predictive": ("mechanical", "Vibration analysis follow-up, bearing inspection",
                       "calibration", "Sensor and axis calibration check"),
    }
    for k in range(len(planned.start)):
        kind = planned.kind[k]
        options = tasks[kind]
        j = int(rng.integers(len(options) // 2))
        category, description = options[2 * j], options[2 * j + 1]
        done = bool(planned.done[k])
        add(int(planned.machine[k]), maintenance_type=kind, maintenance_category=category,
            priority=str(rng.choice(["medium", "low"], p=[0.4, 0.6])),
            scheduled_start=from_epoch_seconds(planned.start[k]),
            actual_start=from_epoch_seconds(planned.start[k]) if done else None,
            actual_end=from_epoch_seconds(planned.end[k]) if done else None,
            work_description=description, parts_replaced=None,
            parts_cost_usd=round(float(rng.uniform(0, 400)), 2) if done else 0.0,
            labor_hours=round((planned.end[k] - planned.start[k]) / HOUR_SECONDS, 2) if done else 0.0,
            related_fault_id=None,
            completion_status="completed" if done else str(rng.choice(["deferred", "cancelled"])),
            notes=None if done else "Rescheduled: production priority", follow_up_required=False)
    return rows.chunk(maintenance_id=ids("MNT", len(rows), 7))


@dataclass
class Runs:
    raw: dict[str, Any]
    line: list[str]
    start: np.ndarray
    setup_end: np.ndarray
    end: np.ndarray


def _staffed_intervals(cal: ShiftCalendar, staffed: np.ndarray, start: int,
                       end: int) -> tuple[np.ndarray, np.ndarray]:
    s = np.clip(cal.starts[staffed], start, end)
    e = np.clip(cal.ends[staffed], start, end)
    keep = e > s
    s, e = s[keep], e[keep]
    if len(s) == 0:
        return s, e
    # merge overlapping or touching intervals
    order = np.argsort(s)
    s, e = s[order], np.maximum.accumulate(e[order])
    new = np.r_[True, s[1:] > e[:-1]]
    group = np.cumsum(new) - 1
    return s[new], np.maximum.reduceat(e, np.flatnonzero(new))[: group[-1] + 1]


def _wall(starts: np.ndarray, cum: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Production-clock seconds -> wall-clock time, given staffed intervals starting at
    `starts` whose cumulative lengths are `cum`."""
    k = np.clip(np.searchsorted(cum, x, side="right") - 1, 0, len(starts) - 1)
    return starts[k] + (x - cum[k])


def _per_shift(x: np.ndarray, new_group: np.ndarray, on_shift: np.ndarray) -> np.ndarray:
    """Running totals of `x` that restart at every new shift group (0 outside shifts)."""
    n = len(x)
    c = np.cumsum(x)
    base = np.maximum.accumulate(np.where(new_group, np.arange(n), 0))
    before = np.r_[0, c][base]
    return np.where(on_shift, c - before, 0)


def _runs(ctx: SeedContext, m: Master, lines: list[str], calendars: dict[str, ShiftCalendar],
          staffed: dict[str, np.ndarray], start: int, end: int) -> Runs:
    p = ctx.params
    rng = ctx.rng("production_runs")
    mach = m.machines
    rows = Rows(RAW_TABLES, "production_runs")
    out_line, out_start, out_setup, out_end = [], [], [], []
    factory_of = dict(zip(mach["line_id"], mach["factory_id"], strict=True))
    run_no = 0
    for line in lines:
        n_machines = int(np.sum(mach["line_id"] == line))
        n = int(counts(rng, p["runs_per_machine"], n_machines).sum())
        products = m.line_products.get(line, [])
        cal = calendars[factory_of[line]]
        s, e = _staffed_intervals(cal, staffed[line], start, end)
        total = int((e - s).sum()) if len(s) else 0
        # a shift of the line is on at the as-of instant: its last run is still going
        on_shift = bool(np.any((cal.starts[staffed[line]] < end) & (cal.ends[staffed[line]] > end)))
        if n == 0 or not products or total < n * 600:
            continue
        # production clock: staffed seconds laid end to end; n slots of random length
        cuts = np.sort(rng.random(n - 1)) * total
        bounds = np.r_[0, cuts, total].astype(np.int64)
        cum = np.r_[0, np.cumsum(e - s)]

        product = None
        for k in range(n):
            run_no += 1
            previous = product
            product = products[int(rng.integers(len(products)))]
            slot = int(bounds[k + 1] - bounds[k])
            same = previous == product
            change = 0 if same else int(min(rng.integers(10, 46) * 60, slot * 0.2))
            running = on_shift and k == n - 1
            aborted = bool(rng.random() < 0.03) and not running
            run_start = int(_wall(s, cum, np.array([bounds[k]]))[0])
            setup_end = int(_wall(s, cum, np.array([bounds[k] + change]))[0])
            run_end = int(_wall(s, cum, np.array([bounds[k + 1] - (1 if k == n - 1 else 0)]))[0])
            producing = (slot - change) / 60
            cycle = m.product_cycle[product]
            planned_minutes = int(round(slot / 60 * rng.uniform(0.92, 1.05)))
            target = max(1, int((slot - change) / cycle * 0.9))
            achieved = rng.uniform(0.72, 0.97) * (0.4 if aborted else 1.0)
            actual = int(max(0, round(producing * 60 / cycle * achieved)))
            reject_rate = rng.uniform(0.002, 0.04)
            rejected = int(rng.binomial(actual, reject_rate)) if actual else 0
            scrapped = int(rng.binomial(rejected, 0.4)) if rejected else 0
            rework = int(rng.binomial(actual - rejected, 0.01)) if actual > rejected else 0
            customers = m.product_customers.get(product, [])
            rows.add(
                line_id=line, product_id=product, run_number=k + 1,
                batch_number=f"B{(run_start // DAY_SECONDS) % 100000:05d}-{run_no:06d}",
                customer_id=one_of(rng, customers) if rng.random() < 0.85 else None,
                run_start_time=from_epoch_seconds(run_start),
                run_end_time=None if running else from_epoch_seconds(run_end),
                planned_duration_minutes=planned_minutes, changeover_time_minutes=change // 60,
                target_quantity=target, actual_quantity=actual, rejected_quantity=rejected,
                scrapped_quantity=scrapped, rework_quantity=rework, aborted=aborted,
            )
            out_line.append(line)
            out_start.append(run_start)
            out_setup.append(setup_end)
            out_end.append(run_end)
    raw = rows.chunk(run_id=ids("RUN", run_no, 7), work_order_number=ids("WO", run_no, 7))
    return Runs(raw, out_line, np.array(out_start, dtype=np.int64),
                np.array(out_setup, dtype=np.int64), np.array(out_end, dtype=np.int64))


def _calibrations(ctx: SeedContext, m: Master, faults: Faults, start: int,
                  end: int) -> dict[str, Any]:
    """The latest calibration (master calibration_date) when it falls in the history, and the
    recalibration that repairs every sensor-drift fault."""
    rng = ctx.rng("sensor_calibrations")
    techs, _, _ = _crew(m)
    factory_of = dict(zip(m.machines["machine_id"], m.machines["factory_id"], strict=True))
    sensors, times_, drift = [], [], []
    cal_day = epoch_seconds(m.sensors["calibration_date"])
    for i in np.flatnonzero((cal_day >= start) & (cal_day < end)):
        sensors.append(int(i))
        times_.append(int(cal_day[i]) + int(rng.integers(7 * HOUR_SECONDS, 16 * HOUR_SECONDS)))
        drift.append(round(float(abs(rng.normal(0, 0.6))), 3))
    for k, pattern in enumerate(faults.pattern):
        if pattern == "sensor_drift" and faults.end[k] < end:
            for s in faults.sensors[k]:
                sensors.append(s)
                times_.append(int(faults.end[k]) - 60)
                drift.append(round(float(rng.uniform(4, 12)), 3))
    order = np.lexsort((np.array(sensors, dtype=np.int64), np.array(times_, dtype=np.int64)))
    sid = m.sensors["sensor_id"]
    return {
        "calibration_id": np.arange(1, len(order) + 1, dtype=np.int64),
        "sensor_id": [sid[sensors[i]] for i in order],
        "calibrated_at": from_epoch_seconds([times_[i] for i in order]),
        "drift_found_percentage": np.array([drift[i] for i in order], dtype=np.float64),
        "technician_id": [one_of(rng, techs.get(factory_of[m.sensors["machine_id"][sensors[i]]], []))
                          for i in order],
    }


# --------------------------------------------------------------------------- SCADA

STATES = np.array(["running", "idle", "stopped", "fault", "maintenance", "setup"], dtype=object)
RUNNING, IDLE, STOPPED, FAULT, MAINTENANCE, SETUP = range(6)


@dataclass
class MachineStates:
    """Per machine: its SCADA grid (first sample, interval) and state codes, for readings."""

    first: np.ndarray
    interval: int
    states: list[np.ndarray]


def _take(values: np.ndarray, index: np.ndarray, default: Any) -> np.ndarray:
    """values[index] where index >= 0, else `default` (also when values is empty)."""
    if len(values) == 0:
        return np.full(len(index), default, dtype=values.dtype)
    return np.where(index >= 0, values[np.clip(index, 0, None)], default)


def _in_windows(t: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Index of the [start, end) window (sorted, non-overlapping) containing t, or -1."""
    if len(starts) == 0:
        return np.full(len(t), -1, dtype=np.int64)
    k = np.searchsorted(starts, t, side="right") - 1
    ok = (k >= 0) & (ends[np.clip(k, 0, None)] > t)
    return np.where(ok, k, -1)


def _scada(ctx: SeedContext, m: Master, calendars: dict[str, ShiftCalendar],
           staffed: dict[str, np.ndarray], faults: Faults, planned: Planned, runs: Runs,
           start: int, end: int) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    step = p["scada_sampling_seconds"]
    mach = m.machines
    installed = epoch_seconds(mach["installation_date"])
    grid = np.arange(start, end, step, dtype=np.int64)
    run_line = np.array(runs.line, dtype=object)
    states_out: list[np.ndarray] = []
    sample_id = 0
    batch: list[dict[str, Any]] = []
    batch_rows = 0
    for i, machine in enumerate(mach["machine_id"]):
        rng = ctx.rng("scada_samples", i)
        line, factory, mtype = mach["line_id"][i], mach["factory_id"][i], mach["machine_type"][i]
        t = grid[grid >= installed[i]]
        n = len(t)
        cal = calendars[factory]
        inst = instance_at(cal, t)
        on_shift = inst >= 0
        on_shift[on_shift] &= staffed[line][inst[on_shift]]
        state = np.where(on_shift, IDLE, STOPPED)
        mine = run_line == line
        r = _in_windows(t, runs.start[mine], runs.end[mine])
        in_run = (r >= 0) & on_shift
        state[in_run] = RUNNING
        setup = in_run & (t < _take(runs.setup_end[mine], r, 0))
        state[setup] = SETUP
        micro = in_run & ~setup & (rng.random(n) < 0.04)
        state[micro] = IDLE
        pm = planned.machine == i
        pk = _in_windows(t, planned.start[pm], planned.end[pm])
        state[(pk >= 0) & _take(planned.done[pm], pk, False)] = MAINTENANCE
        fm = faults.machine == i
        f_start, f_end, f_degr = faults.start[fm], faults.end[fm], faults.degradation[fm]
        f_codes = np.array([PATTERNS[faults.pattern[k]]["code"] for k in np.flatnonzero(fm)] or [""],
                           dtype=object)
        fk = _in_windows(t, f_start, f_end)
        in_fault = fk >= 0
        state[in_fault] = FAULT
        # precursor: from degradation start to the fault
        dk = _in_windows(t, f_degr, f_start)
        warn = dk >= 0
        states_out.append(state)

        # counters
        capacity = max(1, int(mach["capacity"][i]))
        rate = capacity / HOUR_SECONDS * rng.uniform(0.78, 0.97)
        running = state == RUNNING
        made = np.where(running, rng.poisson(rate * step, n), 0)
        rejected = rng.binomial(made, rng.uniform(0.004, 0.03))
        shift_key = np.where(on_shift, inst, -1)
        new_group = np.r_[True, shift_key[1:] != shift_key[:-1]]

        lifetime = int(rng.integers(200_000, 5_000_000))
        up = _per_shift(np.where(running, step, 0), new_group, on_shift)
        down = _per_shift(np.where(on_shift & ~running, step, 0), new_group, on_shift)
        produced_shift = _per_shift(made, new_group, on_shift)
        rejected_shift = _per_shift(rejected, new_group, on_shift)
        cycle = np.where(made > 0, step / np.maximum(made, 1), np.nan)
        power_rating = float(mach["power_kw"][i])
        load = {RUNNING: 0.75, IDLE: 0.18, SETUP: 0.3, STOPPED: 0.03, FAULT: 0.05,
                MAINTENANCE: 0.05}
        power = np.array([load[s] for s in range(6)])[state] * power_rating
        power = power * rng.uniform(0.93, 1.07, n)
        energy = float(rng.uniform(1e4, 1e6)) + np.cumsum(power * step / HOUR_SECONDS)
        t_set, p_set = PROCESS_SETPOINTS.get(mtype, (None, None))
        signature = np.zeros(n)
        temp_sign = pres_sign = 0
        if warn.any() or in_fault.any():
            ramp_k = np.where(warn, dk, fk)
            involved = np.flatnonzero(fm)
            pattern_of = np.array([faults.pattern[k] for k in involved], dtype=object)
            span = np.maximum(f_start - f_degr, 1)
            frac = np.where(warn, (t - f_degr[np.clip(ramp_k, 0, None)])
                            / span[np.clip(ramp_k, 0, None)], 1.0)
            active = warn | in_fault
            signature = np.where(active, 0.5 + 0.5 * np.clip(frac, 0, 1), 0.0)
            pats = pattern_of[np.clip(ramp_k, 0, None)]
            temp_sign = np.array([PATTERNS[q]["scada"].get("temperature", 0) for q in pats]) * active
            pres_sign = np.array([PATTERNS[q]["scada"].get("pressure", 0) for q in pats]) * active
        if t_set is not None:
            temp_actual = t_set + rng.normal(0, 0.6, n) + np.where(running, 1.5, -2.0) \
                + signature * temp_sign * 0.35 * t_set
        if p_set is not None:
            pres_actual = p_set + rng.normal(0, 0.01 * p_set, n) + signature * pres_sign * 0.3 * p_set
        is_cnc = mtype == "CNC"
        fault_codes = np.where(in_fault, f_codes[np.clip(fk, 0, None)], None)
        warning_codes = np.where(warn, np.array(["W" + c[1:] for c in f_codes], dtype=object)
                                 [np.clip(dk, 0, None)], None)
        alarm = np.where(in_fault, fault_codes, None)
        mode = np.where(np.isin(state, [SETUP, MAINTENANCE]), "manual", "auto").astype(object)
        mode[(state == RUNNING) & (rng.random(n) < 0.01)] = "test"
        quality = np.where(rng.random(n) < 0.995, QUALITY_GOOD, QUALITY_UNCERTAIN).astype(np.int16)
        chunk = {
            "sample_id": np.arange(sample_id + 1, sample_id + n + 1, dtype=np.int64),
            "machine_id": np.full(n, machine, dtype=object),
            "sample_time": t.astype("datetime64[s]"),
            "machine_state": STATES[state],
            "operation_mode": mode,
            "fault_code": fault_codes,
            "parts_produced_cumulative": lifetime + np.cumsum(made),
            "parts_produced_shift": produced_shift,
            "parts_rejected_shift": rejected_shift,
            "uptime_seconds_shift": up,
            "downtime_seconds_shift": down,
            "cycle_time_seconds": np.round(cycle, 2),
            "spindle_speed_rpm": np.where(running, rng.integers(2500, 9000, n), 0) if is_cnc
            else np.full(n, None, dtype=object),
            "feed_rate_mm_min": np.where(running, np.round(rng.uniform(200, 2500, n), 2), 0.0)
            if is_cnc else np.full(n, np.nan),
            "tool_number": rng.integers(1, 25, n) if is_cnc else np.full(n, None, dtype=object),
            "program_number": np.full(n, f"O{1000 + i % 9000:04d}", dtype=object)
            if mtype in ("CNC", "robot", "welding") else np.full(n, None, dtype=object),
            "power_kw": np.round(power, 2),
            "energy_kwh_cumulative": np.round(energy, 4),
            "temperature_setpoint_c": np.full(n, t_set if t_set is not None else np.nan),
            "temperature_actual_c": np.round(temp_actual, 2) if t_set is not None
            else np.full(n, np.nan),
            "pressure_setpoint_bar": np.full(n, p_set if p_set is not None else np.nan),
            "pressure_actual_bar": np.round(pres_actual, 2) if p_set is not None
            else np.full(n, np.nan),
            "alarm_codes": alarm,
            "warning_codes": warning_codes,
            "quality_code": quality,
        }
        sample_id += n
        batch.append(chunk)
        batch_rows += n
        if batch_rows >= 100_000:
            yield "scada_samples", concat(batch)
            batch, batch_rows = [], 0
    if batch:
        yield "scada_samples", concat(batch)
    return MachineStates(first=grid[0] if len(grid) else start, interval=step, states=[
        _full_grid(s, len(grid)) for s in states_out])


def _full_grid(states: np.ndarray, n: int) -> np.ndarray:
    """A machine's states on the whole grid (stopped before it was installed)."""
    if len(states) == n:
        return states
    return np.r_[np.full(n - len(states), STOPPED), states]


# --------------------------------------------------------------------------- readings


def _readings(ctx: SeedContext, m: Master, faults: Faults, states: MachineStates, start: int,
              end: int) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    step = p["sensor_sampling_seconds"]
    s = m.sensors
    n_sensors = len(s["sensor_id"])
    machine_index = {mid: i for i, mid in enumerate(m.machines["machine_id"])}
    installed = epoch_seconds(m.machines["installation_date"])
    sensor_machine = np.array([machine_index[x] for x in s["machine_id"]], dtype=np.int64)
    since = np.maximum(np.maximum(epoch_seconds(s["created_at"]), installed[sensor_machine]), start)
    # faults touching each sensor
    by_sensor: dict[int, list[int]] = {}
    for k, affected in enumerate(faults.sensors):
        for sensor in affected:
            by_sensor.setdefault(sensor, []).append(k)
    params_rng = ctx.rng("sensor_readings/parameters")
    position = params_rng.uniform(0.35, 0.65, n_sensors)
    noise = params_rng.uniform(*p["reading_noise"], n_sensors)
    loss = params_rng.uniform(*p["packet_loss"], n_sensors)
    phase = params_rng.integers(0, step, n_sensors)
    load_swing = params_rng.uniform(0.05, 0.12, n_sensors)
    per_chunk = max(1, p["readings_per_chunk"] // _per_window(end - start, step))
    reading_id = 0
    for c, first in enumerate(range(0, n_sensors, per_chunk)):
        rng = ctx.rng("sensor_readings", c)
        rows = np.arange(first, min(first + per_chunk, n_sensors))
        counts = np.maximum(0, -(-(end - since[rows] - phase[rows]) // step))
        counts = np.where(since[rows] + phase[rows] < end, counts, 0)
        total = int(counts.sum())
        if total == 0:
            continue
        owner = np.repeat(np.arange(len(rows)), counts)
        offsets = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
        sensor = rows[owner]
        t = since[sensor] + phase[sensor] + offsets * step
        lo, hi = s["normal_min"][sensor], s["normal_max"][sensor]
        band = hi - lo
        # machine state at the reading: running machines run warmer, faster, harder
        grid_k = np.clip((t - states.first) // states.interval, 0, None)
        bounds = np.r_[0, np.cumsum(counts)]
        state = np.full(total, STOPPED, dtype=np.int64)
        for local, row in enumerate(rows.tolist()):
            a, b = int(bounds[local]), int(bounds[local + 1])
            st = states.states[sensor_machine[row]]
            if a < b and len(st):
                state[a:b] = st[np.clip(grid_k[a:b], 0, len(st) - 1)]
        load = np.where(state == RUNNING, 1.0, np.where(state == SETUP, 0.3, -1.0))
        value = lo + band * (position[sensor] + load_swing[sensor] * load
                             + rng.normal(0, 1, total) * noise[sensor])
        # fault signatures (a sensor's readings are one contiguous slice of the chunk)
        for local, row in enumerate(rows.tolist()):
            a, b = int(bounds[local]), int(bounds[local + 1])
            for k in by_sensor.get(row, ()):
                signature = PATTERNS[faults.pattern[k]]["sensors"]
                sign = signature.get(s["sensor_type"][row], signature.get("*", 0))
                ts = t[a:b]
                hit = np.flatnonzero((ts >= faults.degradation[k]) & (ts < faults.end[k]))
                if len(hit) == 0:
                    continue
                span = max(1, faults.start[k] - faults.degradation[k])
                frac = np.clip((ts[hit] - faults.degradation[k]) / span, 0, 1)
                value[a + hit] += sign * faults.peak[k] * band[a + hit] * (0.5 + 0.5 * frac)
        value = np.clip(value, s["range_min"][sensor], s["range_max"][sensor])
        draw = rng.random(total)
        keep = draw >= loss[sensor]
        quality = np.where(draw > 0.998, QUALITY_BAD,
                           np.where(draw > 0.99, QUALITY_UNCERTAIN, QUALITY_GOOD)).astype(np.int16)
        n = int(keep.sum())
        yield "sensor_readings", {
            "reading_id": np.arange(reading_id + 1, reading_id + n + 1, dtype=np.int64),
            "sensor_id": s["sensor_id"][sensor[keep]],
            "reading_time": t[keep].astype("datetime64[s]"),
            "reading_value": np.round(value[keep], 4),
            "quality_code": quality[keep],
        }
        reading_id += n
