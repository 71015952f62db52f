"""Operations: IoT sensor readings, SCADA samples, faults, maintenance, sensor diagnostics.

Raw facts only. A reading is (sensor, time, value, quality code); a SCADA sample is what a
PLC reports (machine, time, state, mode, fault code, its counters and process values);
faults, maintenance and calibrations are events with a start and an end; a diagnostic is a
sensor's periodic heartbeat (battery, latency). dbt derives the rest: a reading's location,
threshold flags, status, rolling 1-minute statistics and anomaly score; OEE; shift and crew;
sensor health; and the production runs, straight from MES's work orders.

Operations describes the factory floor MES runs (raw_manufacturing), one physical event
one record everywhere:
- States: a machine runs while an MES operation runs on it and no stop interrupts it (setup
  first), is in `fault` during a breakdown, in `maintenance` during a maintenance window,
  idle on a staffed shift of its line (MES `line_shifts`) otherwise, stopped off shift.
- Counters: the parts an operation made (completed + scrap) accrue over its running time,
  so a machine's counters add up to its MES operations' quantities.
- Faults: one per MES breakdown (same machine and window, the pattern its `failure_mode`),
  plus a few on idle machines (repaired before production needs them: nothing lost), each
  repaired by one corrective maintenance event; one maintenance event per MES maintenance
  window.
- Degradation: before a fault its pattern's sensors cross their warning thresholds a
  pattern's documented lead ahead (a bearing 7-21 days; the P-F interval), after an
  incipient rise inside the normal band, and reach critical by the fault; a share of faults
  comes with little or no warning, and warning episodes that lead to no fault (false alarms:
  they subside, or predictive maintenance catches them) come at a configured share. A
  signature shows while the machine works (a worn bearing does not vibrate at rest); a
  drifting sensor drifts regardless, except that motion and load sensors still read nothing
  at rest (their drift is a gain error).
- Readings: a sensor reads its running level when the machine runs and its standstill level
  when it stops (no current, no speed; temperatures cool towards ambient), plus noise and
  signatures, in short bursts (the rolling 1-minute statistics span a burst), clipped to the
  sensor's range; readings are lost at random and in gateway outages of a line, and a few
  sensors freeze for a while (repeating one value). Telemetry
  (readings, SCADA samples) covers the last `telemetry_days` of the history, as a historian
  keeps it; events span all of it. Generated per batch of sensors, so memory stays flat.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from genims.params import Count, HistoryDays, Range, Rate
from seeders import text
from seeders.engine import SeedContext, history_window, raw_table
from seeders.gen import (
    DAY_SECONDS,
    HOUR_SECONDS,
    MINUTE_SECONDS,
    Rows,
    concat,
    epoch_seconds,
    from_epoch_seconds,
    ids,
    one_of,
)
from seeders.plan import Amount, Estimate, estimate, lookup, mean
from seeders.shopfloor import PATTERNS, eligible_patterns, instance_at, shift_calendar

NAME = "operations"
REQUIRES = ("master", "manufacturing")

PARAMETERS: dict[str, Any] = {
    "history_days": HistoryDays("days of operational events (faults, maintenance) up to the "
                                "as-of instant (null: the top-level history_days)"),
    "telemetry_days": Count("days of high-frequency telemetry (sensor readings, SCADA "
                            "samples) kept up to the as-of instant, as a plant historian "
                            "retains it (at most history_days)", minimum=1),
    "sensor_sampling_seconds": Count("seconds between two bursts of readings of a sensor",
                                     minimum=1),
    "readings_per_burst": Count("readings a sensor sends per burst", minimum=1),
    "burst_spacing_seconds": Count("seconds between two readings of a burst", minimum=1),
    "scada_sampling_seconds": Count("seconds between two SCADA samples of a machine", minimum=1),
    "sensor_health_interval_hours": Count("hours covered by one sensor_health record (and "
                                          "between two sensor diagnostics)", minimum=1),
    "little_warning_share": Rate("share of faults that come without a degradation signature "
                                 "(sudden failures)"),
    "false_alarm_share": Rate("share of warning episodes (a degradation signature crossing "
                              "warning thresholds) that lead to no fault: they subside, or "
                              "predictive maintenance catches them"),
    "idle_fault_share": Rate("faults on idle machines, which lose no production, per MES "
                             "breakdown"),
    "stuck_sensor_share": Rate("share of sensors that freeze once in the telemetry, repeating "
                               "one value for 6 to 48 hours (fewer where a degradation leaves "
                               "less time)"),
    "line_outages_per_month": Range("gateway outages per line and 30 days (all readings of "
                                    "the line's sensors lost, 5 minutes to 6 hours)",
                                    minimum=0, fraction=True),
    "packet_loss": Range("share of readings lost in transmission at random (per sensor, "
                         "drawn in this range)", minimum=0, maximum=0.5, fraction=True),
    "reading_noise": Range("reading noise, as a share of the sensor's normal band (per "
                           "sensor)", minimum=0, maximum=0.2, fraction=True),
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
        "lead_hours_min DOUBLE PRECISION", "lead_hours_max DOUBLE PRECISION",
    ),
    raw_table(
        "machine_faults",
        "fault_id BIGINT", "machine_id VARCHAR(50)", "downtime_id VARCHAR(50)",
        "fault_code VARCHAR(50)", "root_cause_category VARCHAR(100)",
        "fault_severity VARCHAR(20)", "degradation_start TIMESTAMP",
        "fault_start_time TIMESTAMP", "fault_end_time TIMESTAMP",
        "contributing_sensors VARCHAR(500)", "detection_method VARCHAR(50)",
        "reported_at TIMESTAMP", "fault_description TEXT", "root_cause_description TEXT",
        "resolution_action TEXT",
    ),
    raw_table(
        "maintenance_events",
        "maintenance_id VARCHAR(50)", "machine_id VARCHAR(50)",
        "maintenance_window_id VARCHAR(50)", "maintenance_type VARCHAR(50)",
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
    raw_table(
        "sensor_diagnostics",
        "sensor_id VARCHAR(50)", "reported_at TIMESTAMP", "battery_percentage DOUBLE PRECISION",
        "latency_ms DOUBLE PRECISION",
    ),
)

# OPC quality codes a gateway reports with each value.
QUALITY_GOOD, QUALITY_UNCERTAIN, QUALITY_BAD = 192, 64, 0

STATES = np.array(["running", "idle", "stopped", "fault", "maintenance", "setup"], dtype=object)
RUNNING, IDLE, STOPPED, FAULT, MAINTENANCE, SETUP = range(6)

# machine type -> temperature setpoint degC, pressure setpoint bar (None: not reported)
PROCESS_SETPOINTS = {
    "CNC": (22.0, 70.0), "press": (45.0, 160.0), "robot": (None, 6.0), "conveyor": (None, None),
    "welding": (60.0, None), "assembly": (None, 6.0), "testing": (23.0, 6.0),
}

# How a sensor type follows its machine's state: the reading at standstill, and the share of
# the way from there to the running level it shows per state (running, idle, stopped, fault,
# maintenance, setup). Motion and load stop with the machine; pressure (accumulator, plant
# air), coolant flow and supply voltage hold; temperature follows with a lag (THERMAL_LAG).
STANDSTILL = {"vibration": 0.05, "current": 0.5, "speed": 0.0, "torque": 0.0,
              "temperature": 22.0, "pressure": 0.0, "flow": 0.0, "voltage": 0.0}
ACTIVITY = {
    "vibration": (1.0, 0.2, 0.0, 0.0, 0.0, 0.5),
    "current": (1.0, 0.3, 0.0, 0.0, 0.0, 0.5),
    "speed": (1.0, 0.0, 0.0, 0.0, 0.0, 0.3),
    "torque": (1.0, 0.1, 0.0, 0.0, 0.0, 0.4),
    "temperature": (1.0, 0.4, 0.0, 0.0, 0.0, 0.6),
    "pressure": (1.0, 0.98, 0.95, 0.95, 0.95, 0.98),
    "flow": (1.0, 0.95, 0.9, 0.9, 0.9, 0.95),
    "voltage": (1.0, 1.0, 1.0, 1.0, 1.0, 1.0),
}
THERMAL_LAG_SECONDS = 1800
# Motion and load sensors read nothing while the machine rests, drifted or not: their drift
# is a gain error, shown in proportion to what they measure.
MOTION_SENSORS = ("vibration", "current", "speed", "torque")
# A machine counts as warm after an hour's running (the signature test's criterion); from
# cold it has then reached this share of its running temperature, so a temperature
# signature is sized to cross the warning threshold there.
WARM_SHARE = 1 - np.exp(-HOUR_SECONDS / THERMAL_LAG_SECONDS)

# A degradation's course as a share of its full strength: it reaches WARNING_LEVEL (the
# sensors' warning thresholds, plus a margin over the noise) at the P point, the pattern's
# lead before the fault, after an incipient rise lasting half the lead; then 1 (critical)
# at the fault.
WARNING_LEVEL = 0.6
INCIPIENT_SHARE = 0.5
# real degradation windows of a machine keep false alarms this far away (seconds before
# their onset, after their repair), so a warning episode is either a fault's or false
FALSE_ALARM_CLEARANCE = (8 * DAY_SECONDS, DAY_SECONDS)

# protocol -> gateway latency (ms, median range); MQTT sensors are wireless, on batteries
LATENCY_MS = {"OPC-UA": (15, 40), "Modbus": (5, 20), "MQTT": (60, 250), "REST": (150, 600)}
BATTERY_PROTOCOLS = ("MQTT",)

# The free text of faults and maintenance (seeders/text.py): what the operator saw
text.define("fault_description", "maintenance", (
    "<symptom:failure_mode>[ on the <machine:machine_type>].",
    "<symptom:failure_mode>; <fault:failure_mode> suspected.",
    "[{machine}: ]<symptom:failure_mode>[?, <fault:failure_mode>].",
    "<fault:failure_mode>[ ({severity} severity)]: <symptom:failure_mode>.",
))


# --------------------------------------------------------------------------- plan


def _windows(config: Any) -> tuple[int, int, int]:
    """History start, telemetry start and the as-of instant, in epoch seconds."""
    p = config[NAME]
    start, end = history_window(config.as_of, p["history_days"])
    telemetry, _ = history_window(config.as_of, min(p["telemetry_days"], p["history_days"]))
    return (int(start.astype(np.int64)), int(telemetry.astype(np.int64)),
            int(end.astype(np.int64)))


def _per_window(seconds: int, step: int) -> int:
    """Samples `step` seconds apart in a window of `seconds`."""
    return -(-seconds // step)


def plan(config: Any) -> list[Estimate]:
    from seeders import manufacturing, master

    p = config[NAME]
    upstream = master.plan(config)
    sensors = lookup(upstream, "sensors")
    machines = lookup(upstream, "machines")
    mes = manufacturing.plan(config)
    _, telemetry_start, end = _windows(config)
    window = end - telemetry_start
    per_sensor = _per_window(window, p["sensor_sampling_seconds"]) * p["readings_per_burst"]
    loss = p["packet_loss"]
    readings = Amount(sensors.expected * per_sensor * (1 - mean(loss) - 0.002),
                      int(sensors.low * per_sensor * (1 - loss[1]) * 0.8),
                      sensors.high * per_sensor)
    samples = machines * _per_window(window, p["scada_sampling_seconds"])
    # one fault per MES breakdown (about a third of the downtime), a few on idle machines
    faults = lookup(mes, "downtime_events").scaled(0.3 * (1 + p["idle_fault_share"]), 0,
                                                   1 + p["idle_fault_share"])
    maintenance = faults + lookup(mes, "maintenance_windows")
    interval = p["sensor_health_interval_hours"] * HOUR_SECONDS
    buckets = _per_window(window, interval)
    health = Amount(sensors.expected * buckets, 0, sensors.high * (buckets + 1))
    history = (end - _windows(config)[0]) / DAY_SECONDS
    return [
        estimate("raw_operations", "sensor_readings", readings),
        estimate("raw_operations", "scada_samples", samples),
        estimate("raw_operations", "fault_patterns", len(PATTERNS)),
        estimate("raw_operations", "machine_faults", faults),
        estimate("raw_operations", "maintenance_events", maintenance),
        estimate("raw_operations", "sensor_calibrations",
                 Amount(sensors.expected * min(1.0, history / 120), 0,
                        sensors.high + faults.high)),
        estimate("raw_operations", "sensor_diagnostics", health),
        # the marts: one row per reading, sample, fault, maintenance event and MES work order
        estimate("operations", "sensor_data", readings),
        estimate("operations", "scada_machine_data", samples),
        estimate("operations", "machine_faults", faults),
        estimate("operations", "production_runs", lookup(mes, "work_orders").scaled(low=0)),
        estimate("operations", "maintenance_events", maintenance),
        estimate("operations", "sensor_health", health),
    ]


# --------------------------------------------------------------------------- inputs


@dataclass
class Floor:
    """What operations reads: master data and MES's record of the shop floor."""

    machines: dict[str, np.ndarray]
    sensors: dict[str, np.ndarray]
    shifts: dict[str, np.ndarray]
    staff: dict[str, np.ndarray]
    ops: dict[str, np.ndarray]
    downtime: dict[str, np.ndarray]
    line_shifts: dict[str, np.ndarray]
    windows: dict[str, np.ndarray]
    machine_index: dict[str, int] = field(default_factory=dict)
    sensors_of: dict[int, list[int]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.machine_index = {mid: i for i, mid in enumerate(self.machines["machine_id"])}
        for s, machine in enumerate(self.sensors["machine_id"]):
            self.sensors_of.setdefault(self.machine_index[machine], []).append(s)


def _read(ctx: SeedContext) -> Floor:
    machines = ctx.read(
        "master", "machines",
        ["machine_id", "line_id", "machine_type", "installation_date",
         "design_capacity_units_per_hour AS capacity", "power_rating_kw::float8 AS power_kw",
         "maintenance_schedule"],
        order_by="machine_id",
    )
    lines = ctx.read("master", "production_lines", ["line_id", "factory_id"], order_by="line_id")
    factory_of = dict(zip(lines["line_id"], lines["factory_id"], strict=True))
    machines["factory_id"] = np.array([factory_of[line] for line in machines["line_id"]],
                                      dtype=object)
    sensors = ctx.read(
        "master", "sensors",
        ["sensor_id", "machine_id", "sensor_type", "data_protocol",
         "measurement_range_min::float8 AS range_min", "measurement_range_max::float8 AS range_max",
         "normal_operating_min::float8 AS normal_min", "normal_operating_max::float8 AS normal_max",
         "warning_threshold_min::float8 AS warning_min",
         "warning_threshold_max::float8 AS warning_max",
         "critical_threshold_min::float8 AS critical_min",
         "critical_threshold_max::float8 AS critical_max",
         "measurement_unit AS unit", "created_at", "calibration_date"],
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
        ["employee_id", "factory_id", "coalesce(line_id, '') AS line_id", "role", "department"],
        order_by="employee_id",
    )
    ops = ctx.read(
        "manufacturing", "operation_executions",
        ["operation_id", "work_order_id", "machine_id", "routing_operation_id",
         "actual_start_time",
         "actual_end_time", "coalesce(actual_setup_minutes, 0) AS setup_minutes",
         "coalesce(completed_quantity, 0) + coalesce(scrap_quantity, 0) AS made",
         "coalesce(scrap_quantity, 0) AS scrap"],
        order_by="operation_id",
    )
    started = ~np.isnat(ops["actual_start_time"].astype("datetime64[s]"))
    ops = {k: v[started] for k, v in ops.items()}
    downtime = ctx.read(
        "manufacturing", "downtime_events",
        ["downtime_id", "operation_id", "machine_id", "downtime_start", "downtime_end",
         "downtime_category", "responded_by", "response_time_minutes", "failure_mode"],
        order_by="downtime_id",
    )
    line_shifts = ctx.read("manufacturing", "line_shifts",
                           ["line_id", "shift_start", "shift_end", "staffed"],
                           order_by="line_id, shift_start")
    windows = ctx.read(
        "manufacturing", "maintenance_windows",
        ["maintenance_window_id", "machine_id", "maintenance_kind", "scheduled_start",
         "scheduled_end", "actual_start", "actual_end", "status"],
        order_by="maintenance_window_id",
    )
    return Floor(machines, sensors, shifts, staff, ops, downtime, line_shifts, windows)


def _seconds(values: np.ndarray, missing: int) -> np.ndarray:
    """Timestamps as epoch seconds, `missing` where null."""
    t = np.asarray(values).astype("datetime64[s]")
    return np.where(np.isnat(t), missing, t.astype(np.int64))


def _merged(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """[start, end) intervals merged where they overlap or touch, sorted."""
    if len(starts) == 0:
        return starts, ends
    order = np.argsort(starts, kind="stable")
    s, e = starts[order], np.maximum.accumulate(ends[order])
    new = np.r_[True, s[1:] > e[:-1]]
    return s[new], np.maximum.reduceat(e, np.flatnonzero(new))


def _by_machine(floor: Floor, machine_ids: np.ndarray) -> dict[int, np.ndarray]:
    """Row indexes of a table per machine index (rows of unknown machines left out)."""
    out: dict[int, list[int]] = defaultdict(list)
    for row, machine in enumerate(machine_ids):
        i = floor.machine_index.get(machine)
        if i is not None:
            out[i].append(row)
    return {i: np.array(rows, dtype=np.int64) for i, rows in out.items()}


# --------------------------------------------------------------------------- machine states


@dataclass
class Timeline:
    """A machine's states from `bounds[0]` to the as-of instant: `state[k]` holds from
    `bounds[k]` to `bounds[k + 1]`; `run_before[k]`: running seconds up to `bounds[k]`."""

    bounds: np.ndarray
    state: np.ndarray
    run_before: np.ndarray
    _thermal: np.ndarray | None = None

    def segment(self, t: np.ndarray) -> np.ndarray:
        return np.clip(np.searchsorted(self.bounds, t, side="right") - 1, 0, len(self.state) - 1)

    def at(self, t: np.ndarray) -> np.ndarray:
        return self.state[self.segment(t)]

    def running_seconds(self, t: np.ndarray) -> np.ndarray:
        """Running seconds from the timeline's start to each time."""
        k = self.segment(t)
        return self.run_before[k] + np.clip(t - self.bounds[k], 0, None) * (self.state[k] == RUNNING)

    def when_run(self, seconds: float) -> int:
        """The moment the machine has run `seconds` since the timeline's start."""
        k = int(np.searchsorted(self.run_before, seconds, side="right")) - 1
        k = min(max(k, 0), len(self.state) - 1)
        while self.state[k] != RUNNING and k + 1 < len(self.state):
            k += 1
        return int(self.bounds[k] + max(0.0, seconds - self.run_before[k]))

    def warmth(self, t: np.ndarray) -> np.ndarray:
        """The thermal load (0 cold .. 1 running hot): the temperature activity of the
        states, followed with a first-order lag."""
        target = np.asarray(ACTIVITY["temperature"])[self.state]
        if self._thermal is None:
            decay = np.exp(-np.diff(self.bounds) / THERMAL_LAG_SECONDS)
            h = np.empty(len(self.bounds))
            h[0] = target[0]
            for k in range(len(self.state)):
                h[k + 1] = target[k] + (h[k] - target[k]) * decay[k]
            self._thermal = h
        k = self.segment(t)
        lag = np.exp(-np.clip(t - self.bounds[k], 0, None) / THERMAL_LAG_SECONDS)
        return target[k] + (self._thermal[k] - target[k]) * lag


def _timeline(start: int, end: int, layers: list[tuple[int, np.ndarray, np.ndarray]]) -> Timeline:
    """The states over [start, end) from `layers` of (state, starts, ends), lowest priority
    first; a moment no layer covers is `stopped`."""
    cuts = [np.array([start, end], dtype=np.int64)]
    clipped = []
    for code, s, e in layers:
        s, e = np.clip(s, start, end), np.clip(e, start, end)
        keep = e > s
        clipped.append((code, s[keep], e[keep]))
        cuts += [s[keep], e[keep]]
    bounds = np.unique(np.concatenate(cuts))
    state = np.full(len(bounds) - 1, STOPPED, dtype=np.int64)
    for code, s, e in clipped:
        delta = np.zeros(len(bounds), dtype=np.int64)
        np.add.at(delta, np.searchsorted(bounds, s), 1)
        np.add.at(delta, np.searchsorted(bounds, e), -1)
        state[np.cumsum(delta)[:-1] > 0] = code
    changes = np.r_[True, state[1:] != state[:-1]]
    bounds, state = np.r_[bounds[:-1][changes], end], state[changes]
    running = np.where(state == RUNNING, np.diff(bounds), 0)
    return Timeline(bounds, state, np.r_[0, np.cumsum(running)])


@dataclass
class Production:
    """MES's record per machine: operations (run from start + setup to end), stops and
    maintenance windows, as epoch-second arrays; the staffed shifts per line; and per
    machine the other machines' stops that halt it (a stop halts its work order's line, so
    every operation of the order waits)."""

    ops: dict[int, np.ndarray]
    op_start: np.ndarray
    op_run_start: np.ndarray
    op_end: np.ndarray
    downtime: dict[int, np.ndarray]
    dt_start: np.ndarray
    dt_end: np.ndarray
    windows: dict[int, np.ndarray]
    win_start: np.ndarray
    win_end: np.ndarray
    staffed: dict[str, tuple[np.ndarray, np.ndarray]]
    line_stops: dict[int, np.ndarray]


def _production(floor: Floor, end: int) -> Production:
    ops, dt, win = floor.ops, floor.downtime, floor.windows
    op_start = _seconds(ops["actual_start_time"], end)
    op_end = _seconds(ops["actual_end_time"], end)
    op_run_start = np.minimum(op_start + ops["setup_minutes"].astype(np.int64) * MINUTE_SECONDS,
                              op_end)
    win_start = _seconds(win["actual_start"], end)
    staffed: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    ls = floor.line_shifts
    on = np.asarray(ls["staffed"], dtype=bool)
    for line in np.unique(ls["line_id"]):
        mine = on & (ls["line_id"] == line)
        staffed[line] = _merged(_seconds(ls["shift_start"][mine], end),
                                _seconds(ls["shift_end"][mine], end))
    order_of = dict(zip(ops["operation_id"], ops["work_order_id"], strict=True))
    stops_of_order: dict[str, list[int]] = defaultdict(list)
    for k, op in enumerate(dt["operation_id"]):
        stops_of_order[order_of.get(op, "")].append(k)
    halting: dict[int, set[int]] = defaultdict(set)
    for o, machine in enumerate(ops["machine_id"]):
        i = floor.machine_index.get(machine)
        if i is not None:
            halting[i].update(k for k in stops_of_order.get(ops["work_order_id"][o], ())
                              if dt["machine_id"][k] != machine)
    return Production(
        ops=_by_machine(floor, ops["machine_id"]), op_start=op_start, op_run_start=op_run_start,
        op_end=op_end, downtime=_by_machine(floor, dt["machine_id"]),
        dt_start=_seconds(dt["downtime_start"], end), dt_end=_seconds(dt["downtime_end"], end),
        windows=_by_machine(floor, win["machine_id"]), win_start=win_start,
        win_end=np.where(win_start < end, _seconds(win["actual_end"], end), end),
        staffed=staffed,
        line_stops={i: np.array(sorted(k), dtype=np.int64) for i, k in halting.items()},
    )


def _machine_timeline(floor: Floor, prod: Production, faults: Faults, i: int, start: int,
                      end: int) -> Timeline:
    """Machine `i`'s states over [start, end) (see the module doc): idle on staffed shifts,
    running through MES operations in staffed time (setup first), idle while its line
    stands, idle or stopped in its own MES stops, stopped off shift, in maintenance during
    maintenance windows, in fault during faults."""
    empty = np.array([], dtype=np.int64)
    o = prod.ops.get(i, empty)
    d = prod.downtime.get(i, empty)
    halted = prod.line_stops.get(i, empty)
    w = prod.windows.get(i, empty)
    category = floor.downtime["downtime_category"][d]
    stop = (category != "breakdown") & (category != "maintenance")
    power = category == "power_failure"
    serviced = category == "maintenance"
    f = np.flatnonzero(faults.machine == i)
    shift_s, shift_e = prod.staffed.get(floor.machines["line_id"][i], (empty, empty))
    off_s, off_e = np.r_[start, shift_e], np.r_[shift_s, end]
    return _timeline(start, end, [
        (IDLE, shift_s, shift_e),
        (RUNNING, prod.op_run_start[o], prod.op_end[o]),
        (SETUP, prod.op_start[o], prod.op_run_start[o]),
        (IDLE, prod.dt_start[halted], prod.dt_end[halted]),
        (IDLE, prod.dt_start[d][stop & ~power], prod.dt_end[d][stop & ~power]),
        (STOPPED, prod.dt_start[d][power], prod.dt_end[d][power]),
        (STOPPED, off_s, off_e),
        (MAINTENANCE, np.r_[prod.win_start[w], prod.dt_start[d][serviced]],
         np.r_[prod.win_end[w], prod.dt_end[d][serviced]]),
        (FAULT, faults.start[f], faults.end[f]),
    ])


# --------------------------------------------------------------------------- faults


@dataclass
class Faults:
    """Faults in start order: machine index, pattern, window (`end` the repair's end, or the
    as-of instant while open), the MES downtime it is, the degradation's onset (its incipient
    rise inside the normal band) and its P point (when its sensors cross their warning
    thresholds, the pattern's lead before the fault: raw `degradation_start`; the start for a
    sudden fault), and the sensors (row indexes) that show it."""

    machine: np.ndarray
    pattern: list[str]
    start: np.ndarray
    end: np.ndarray
    open: np.ndarray
    downtime: list[int | None]
    onset: np.ndarray
    warn: np.ndarray
    sensors: list[list[int]]
    raw: dict[str, Any] = field(default_factory=dict)


def _affected(floor: Floor, rng: np.random.Generator, i: int, pattern: str,
              free: set[int] | None = None) -> list[int]:
    """The sensors of machine `i` a pattern's signature shows on (one, for a drifting
    sensor: the one drawn, or the next of `free` after it if it is not free)."""
    rows = floor.sensors_of.get(i, [])
    signature = PATTERNS[pattern]["sensors"]
    if "*" in signature:
        if not rows:
            return []
        drawn = int(rng.integers(len(rows)))
        turn = rows[drawn:] + rows[:drawn]
        return [next((s for s in turn if free is None or s in free), turn[0])]
    return [s for s in rows if floor.sensors["sensor_type"][s] in signature]


def _busy(floor: Floor, prod: Production, i: int, since: int, end: int) -> tuple[np.ndarray, np.ndarray]:
    """When machine `i` is taken (operations, stops, maintenance windows), merged."""
    empty = np.array([], dtype=np.int64)
    o, d, w = (prod.ops.get(i, empty), prod.downtime.get(i, empty), prod.windows.get(i, empty))
    scheduled = _seconds(floor.windows["scheduled_start"][w], end)
    return _merged(
        np.r_[since - 1, prod.op_start[o], prod.dt_start[d], np.minimum(prod.win_start[w], scheduled)],
        np.r_[since, prod.op_end[o], prod.dt_end[d], np.maximum(prod.win_end[w], scheduled + 1)])


def _idle_faults(ctx: SeedContext, floor: Floor, prod: Production, n: int, start: int,
                 end: int) -> list[tuple[int, str, int, int]]:
    """`n` faults on machines while they are idle: inside a gap between what MES has them
    do, repaired before the next operation (machine, pattern, start, end)."""
    rng = ctx.rng("machine_faults/idle")
    mix = ctx.config["manufacturing"]["fault_pattern_mix"]
    installed = epoch_seconds(floor.machines["installation_date"])
    candidates = [i for i in sorted(floor.sensors_of) if installed[i] < end - DAY_SECONDS]
    out: list[tuple[int, str, int, int]] = []
    for _ in range(n * 5):
        if len(out) == n or not candidates:
            break
        i = candidates[int(rng.integers(len(candidates)))]
        types = {floor.sensors["sensor_type"][s] for s in floor.sensors_of[i]}
        names, weights = eligible_patterns(floor.machines["machine_type"][i], types, mix)
        pattern = names[int(rng.choice(len(names), p=weights))]
        repair = int(rng.uniform(*PATTERNS[pattern]["repair"]) * HOUR_SECONDS)
        since = max(start, int(installed[i]))
        s, e = _busy(floor, prod, i, since, end)
        gap_s = np.r_[e[:-1], e[-1]] if len(e) else np.array([since])
        gap_e = np.r_[s[1:], end] if len(s) else np.array([end])
        room = gap_e - gap_s - repair - 2 * HOUR_SECONDS
        fits = np.flatnonzero(room > 0)
        if not len(fits):
            continue
        g = fits[int(rng.choice(len(fits), p=room[fits] / room[fits].sum()))]
        fault_start = int(gap_s[g]) + HOUR_SECONDS + int(rng.integers(0, room[g] + 1))
        if any(j == i and a < fault_start + repair and fault_start < b for j, _, a, b in out):
            continue
        out.append((i, pattern, fault_start, fault_start + repair))
    return out


def _faults(ctx: SeedContext, floor: Floor, prod: Production, start: int, end: int) -> Faults:
    """One fault per MES breakdown (same machine and window, the pattern its failure mode),
    plus idle-machine faults; each with its degradation (onset, P point), sensors, severity,
    detection and texts."""
    p = ctx.params
    rng = ctx.rng("machine_faults")
    dt = floor.downtime
    mix = ctx.config["manufacturing"]["fault_pattern_mix"]
    events: list[tuple[int, int, str, int, int, bool, int | None]] = []
    for k in np.flatnonzero(dt["downtime_category"] == "breakdown"):
        i = floor.machine_index.get(dt["machine_id"][k])
        if i is None or prod.dt_start[k] >= end:
            continue
        pattern = dt["failure_mode"][k]
        if pattern not in PATTERNS:
            types = {floor.sensors["sensor_type"][s] for s in floor.sensors_of.get(i, [])}
            names, weights = eligible_patterns(floor.machines["machine_type"][i], types, mix)
            pattern = names[int(rng.choice(len(names), p=weights))]
        open_ = dt["downtime_end"][k] is None or np.isnat(np.datetime64(dt["downtime_end"][k]))
        events.append((int(prod.dt_start[k]), i, pattern, int(prod.dt_start[k]),
                       int(prod.dt_end[k]), bool(open_), int(k)))
    n_idle = int(rng.binomial(len(events), p["idle_fault_share"])) if events else 0
    for i, pattern, s, e in _idle_faults(ctx, floor, prod, n_idle, start, end):
        events.append((s, i, pattern, s, e, False, None))
    events.sort(key=lambda ev: (ev[0], ev[1]))

    rows = Rows(RAW_TABLES, "machine_faults")
    machine, patterns, starts, ends, opened, downtime = [], [], [], [], [], []
    onsets, warns, sensors = [], [], []
    # A sensor shows one degradation at a time: a precursor begins (its onset) after the
    # repair of the last fault its sensors showed, its lead shortened within the pattern's
    # range to fit, else the fault is sudden. Two signatures on a sensor would add up (a
    # drift upwards through a pressure loss) and neither would cross its warning threshold.
    shown_until: dict[int, int] = {}
    for _, i, pattern, s, e, open_, k in events:
        spec = PATTERNS[pattern]
        shortest = spec["lead"][0] * HOUR_SECONDS
        longest_fit = {x: (s - shown_until.get(x, 0)) / (1 + INCIPIENT_SHARE)
                       for x in floor.sensors_of.get(i, [])}
        affected = _affected(floor, rng, i, pattern,
                             {x for x, fit in longest_fit.items() if fit >= shortest})
        lead = min([rng.uniform(*spec["lead"]) * HOUR_SECONDS, *(longest_fit[x] for x in affected)])
        sudden = rng.random() < p["little_warning_share"] or not affected or lead < shortest
        warn = s if sudden else int(s - lead)
        onset = s if sudden else int(warn - INCIPIENT_SHARE * lead)
        severity = str(rng.choice(spec["severity"]))
        if sudden or s - warn < HOUR_SECONDS:
            detection = str(rng.choice(["automatic", "operator_report"], p=[0.7, 0.3]))
        elif s - warn >= 6 * HOUR_SECONDS and rng.random() < 0.5:
            detection = "predictive_model"
        else:
            detection = "sensor_threshold"
        machine.append(i)
        patterns.append(pattern)
        starts.append(s)
        ends.append(e)
        opened.append(open_)
        downtime.append(k)
        onsets.append(onset)
        warns.append(warn)
        sensors.append(affected)
        if not sudden:
            shown_until.update(dict.fromkeys(affected, e))
        rows.add(
            machine_id=floor.machines["machine_id"][i],
            downtime_id=dt["downtime_id"][k] if k is not None else None,
            fault_code=spec["code"], root_cause_category=pattern, fault_severity=severity,
            degradation_start=from_epoch_seconds(warn), fault_start_time=from_epoch_seconds(s),
            fault_end_time=None if open_ else from_epoch_seconds(e),
            contributing_sensors=",".join(floor.sensors["sensor_id"][x] for x in affected) or None,
            detection_method=detection,
            reported_at=from_epoch_seconds(min(s + int(rng.integers(0, 300)), end - 1)),
        )
    n = len(rows)
    mtype = [floor.machines["machine_type"][i] for i in machine]
    names = [floor.machines["machine_id"][i] for i in machine]
    minutes = [None if o else (e - s) / MINUTE_SECONDS
               for s, e, o in zip(starts, ends, opened, strict=True)]
    severity = [r["fault_severity"] for r in rows]
    raw = rows.chunk(
        fault_id=np.arange(1, n + 1, dtype=np.int64),
        fault_description=text.compose_many(rng, "fault_description", n=n, failure_mode=patterns,
                                            machine_type=mtype, machine=names, severity=severity),
        root_cause_description=text.compose_many(rng, "fault_root_cause", n=n,
                                                 failure_mode=patterns, machine_type=mtype),
        resolution_action=[
            None if o else t for o, t in zip(opened, text.compose_many(
                rng, "fault_resolution", n=n, failure_mode=patterns,
                duration_minutes=[m or 1 for m in minutes]), strict=True)],
    )
    return Faults(np.array(machine, dtype=np.int64), patterns, np.array(starts, dtype=np.int64),
                  np.array(ends, dtype=np.int64), np.array(opened, dtype=bool), downtime,
                  np.array(onsets, dtype=np.int64), np.array(warns, dtype=np.int64), sensors, raw)


# --------------------------------------------------------------------------- degradation


@dataclass
class Episodes:
    """Degradation signatures over the readings: per episode the machine, its sensors, the
    pattern, and its course (`course`): onset, P point (warning reached), peak (`top`, the
    share of full strength at `peak_at`) and end. kind: fault (rises to critical at the
    fault, stays until the repair), subsides (falls back after its peak) or caught (ends
    when predictive maintenance starts)."""

    machine: list[int] = field(default_factory=list)
    sensors: list[list[int]] = field(default_factory=list)
    pattern: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    onset: list[int] = field(default_factory=list)
    warn: list[int] = field(default_factory=list)
    peak_at: list[int] = field(default_factory=list)
    end: list[int] = field(default_factory=list)
    top: list[float] = field(default_factory=list)
    caught_by: dict[int, int] = field(default_factory=dict)  # maintenance window row -> episode

    def add(self, machine: int, sensors: list[int], pattern: str, kind: str, onset: int,
            warn: int, peak_at: int, end: int, top: float) -> None:
        for name, value in (("machine", machine), ("sensors", sensors), ("pattern", pattern),
                            ("kind", kind), ("onset", onset), ("warn", warn),
                            ("peak_at", peak_at), ("end", end), ("top", top)):
            getattr(self, name).append(value)

    def course(self, e: int, t: np.ndarray) -> np.ndarray:
        """Episode `e`'s strength at times `t`: 0 before the onset, WARNING_LEVEL at the P
        point, `top` at the peak, 1 for a fault from its start until its repair."""
        onset, warn, peak_at, end = self.onset[e], self.warn[e], self.peak_at[e], self.end[e]
        top, kind = self.top[e], self.kind[e]
        out = np.zeros(len(t))
        rising = (t >= onset) & (t < warn)
        out[rising] = WARNING_LEVEL * ((t[rising] - onset) / max(1, warn - onset)) ** 2
        growing = (t >= warn) & (t < peak_at)
        share = (t[growing] - warn) / max(1, peak_at - warn)
        out[growing] = WARNING_LEVEL + (top - WARNING_LEVEL) * share ** (1.5 if kind != "subsides" else 1.0)
        after = (t >= peak_at) & (t < end)
        if kind == "fault":
            out[after] = top
        elif kind == "subsides":
            out[after] = top * (1 - (t[after] - peak_at) / max(1, end - peak_at)) ** 2
        return out


def _episodes(ctx: SeedContext, floor: Floor, prod: Production, faults: Faults,
              timelines: list[Timeline], telemetry: int, end: int) -> Episodes:
    """The signatures of the faults that have one, and false alarms: a false share of the
    warning episodes the telemetry shows (the machine runs for a sampling interval or more
    between the P point and the fault or the signature's end), on machines that run, away
    from their real degradations; about half of them caught by a predictive maintenance
    window (it starts while the signature rises), the others subside by themselves."""
    rng = ctx.rng("machine_faults/false_alarms")
    p = ctx.params
    out = Episodes()

    def shown(i: int, warn: int, stop: int) -> bool:
        """Machine `i` runs a sampling interval or more in the telemetry from `warn` to `stop`."""
        ran = timelines[i].running_seconds(np.array([max(warn, telemetry), stop]))
        return stop > telemetry and ran[1] - ran[0] >= p["sensor_sampling_seconds"]

    visible = 0
    for k in range(len(faults.start)):
        if faults.warn[k] < faults.start[k] and faults.sensors[k]:
            i = int(faults.machine[k])
            out.add(i, faults.sensors[k], faults.pattern[k], "fault",
                    int(faults.onset[k]), int(faults.warn[k]), int(faults.start[k]),
                    int(faults.end[k]), 1.0)
            visible += shown(i, int(faults.warn[k]), int(faults.start[k]))
    share = min(p["false_alarm_share"], 0.9)
    wanted = int(rng.binomial(round(visible / (1 - share)), share)) if visible else 0
    mix = ctx.config["manufacturing"]["fault_pattern_mix"]
    step = p["sensor_sampling_seconds"]
    # a false alarm is a slow trend the readings can show: patterns whose lead spans two
    # sampling intervals or more
    slow = {n: w for n, w in mix.items() if PATTERNS[n]["lead"][1] * HOUR_SECONDS >= 2 * step}
    machines = sorted(floor.sensors_of)
    ran = np.array([float(np.diff(timelines[i].running_seconds(np.array([telemetry, end])))[0])
                    for i in machines])
    if not slow or ran.sum() <= 0:
        return out
    clear_before, clear_after = FALSE_ALARM_CLEARANCE

    def clear(i: int, onset: int, stop: int) -> bool:
        """No fault of machine `i` (nor its degradation) is near [onset, stop)."""
        mine = faults.machine == i
        return not np.any(mine & (onset < faults.end + clear_after)
                          & (stop > faults.onset - clear_before))

    w = floor.windows
    predictive = [k for k in range(len(w["machine_id"]))
                  if w["maintenance_kind"][k] == "predictive" and w["status"][k] == "completed"
                  and telemetry + DAY_SECONDS <= prod.win_start[k] < end
                  and floor.machine_index.get(w["machine_id"][k]) in floor.sensors_of]
    rng.shuffle(predictive)
    for _ in range(wanted * 20):
        if wanted == 0:
            break
        caught = bool(predictive) and rng.random() < 0.5
        if caught:
            window = predictive.pop()
            i = floor.machine_index[w["machine_id"][window]]
        else:
            # machines that run more show more: a moment of running time, at random
            window, i = None, machines[int(rng.choice(len(machines), p=ran / ran.sum()))]
        types = {floor.sensors["sensor_type"][s] for s in floor.sensors_of[i]}
        names, weights = eligible_patterns(floor.machines["machine_type"][i], types, slow)
        if names[0] not in slow:  # no slow pattern fits this machine
            continue
        pattern = names[int(rng.choice(len(names), p=weights))]
        affected = _affected(floor, rng, i, pattern)
        span = max(rng.uniform(*PATTERNS[pattern]["lead"]) * HOUR_SECONDS, 2 * step)
        top = float(rng.uniform(0.7, 0.9))
        if caught:
            stop = peak_at = int(prod.win_start[window])
            warn = int(stop - rng.uniform(0.3, 0.9) * span)
        else:
            tl = timelines[i]
            first = float(tl.running_seconds(np.array([telemetry]))[0])
            warn = tl.when_run(first + rng.uniform(0, ran[machines.index(i)]))
            warn -= int(rng.uniform(0, 0.5) * step)
            peak_at, stop = int(warn + 0.3 * span), int(warn + span)
        onset = int(warn - INCIPIENT_SHARE * span)
        if not affected or warn < telemetry or not clear(i, onset, stop) \
                or not shown(i, warn, min(stop, end)):
            continue
        if caught:
            out.caught_by[window] = len(out.machine)
        out.add(i, affected, pattern, "caught" if caught else "subsides", onset, warn, peak_at,
                stop, top)
        wanted -= 1
    return out


def _signature_strength(floor: Floor, s: int, spread: float, running_level: float,
                        direction: int) -> tuple[float, float]:
    """How far a degradation moves sensor `s` (absolute, positive) to reach its warning
    threshold with a margin over its `spread` (noise and daily swing), and its critical
    threshold."""
    sens = floor.sensors
    if direction > 0:
        warning = sens["warning_max"][s] - running_level
        critical = sens["critical_max"][s] - running_level
    else:
        warning = running_level - sens["warning_min"][s]
        critical = running_level - sens["critical_min"][s]
    return warning + spread, max(critical, warning) + 2 * spread


# --------------------------------------------------------------------------- maintenance


def _crew(floor: Floor) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Maintenance technicians per factory, supervisors per line and per factory."""
    techs: dict[str, list[str]] = {}
    line_sup: dict[str, list[str]] = {}
    factory_sup: dict[str, list[str]] = {}
    s = floor.staff
    for emp, factory, line, role, dept in zip(s["employee_id"], s["factory_id"], s["line_id"],
                                              s["role"], s["department"], strict=True):
        if role == "technician":
            techs.setdefault(factory, []).append(emp)
        if role == "supervisor" and line:
            line_sup.setdefault(line, []).append(emp)
        if role in ("supervisor", "manager") and dept in ("production", "maintenance"):
            factory_sup.setdefault(factory, []).append(emp)
    return techs, line_sup, factory_sup


# planned work per kind and machine type: category, parts, parts cost range (USD)
PLANNED_WORK = {
    "preventive": {"conveyor": ("lubrication", "GRS-EP2", (20, 150)),
                   "robot": ("lubrication", "GRS-RV-1,BAT-CTRL", (60, 400)),
                   "welding": ("electrical", "TIP-CU-12,LINER-M6", (30, 250)),
                   "press": ("hydraulic", "FLT-HYD-10", (80, 600)),
                   None: ("mechanical", "FLT-AIR-12", (20, 300))},
    "predictive": {"robot": ("calibration", None, (0, 200)),
                   "testing": ("calibration", None, (0, 150)),
                   None: ("mechanical", None, (0, 250))},
}
SEVERITY_PRIORITY = {"critical": "critical", "major": "high", "minor": "medium", "warning": "low"}
TEMPORARY_FIX_SHARE = 0.2  # repairs that get the machine running until a part arrives


def _maintenance(ctx: SeedContext, floor: Floor, prod: Production, faults: Faults,
                 episodes: Episodes, end: int) -> dict[str, Any]:
    """One corrective (breakdown when critical) event per fault, by the technician MES says
    responded, and one event per MES maintenance window; a repair or service under way at
    the as-of instant has no end yet and outcome `partial`."""
    rng = ctx.rng("maintenance_events")
    techs, line_sup, factory_sup = _crew(floor)
    mach, dt, w = floor.machines, floor.downtime, floor.windows
    rows = Rows(RAW_TABLES, "maintenance_events")
    facts: dict[str, list[Any]] = defaultdict(list)

    def add(i: int, technician: str | None, failure_mode: str | None, part: str | None,
            reading: tuple[str, float, str] | None, **values: Any) -> None:
        factory, line = mach["factory_id"][i], mach["line_id"][i]
        row = rows.add(machine_id=mach["machine_id"][i],
                       technician_id=technician or one_of(rng, techs.get(factory, [])),
                       supervisor_id=one_of(rng, line_sup.get(line) or factory_sup.get(factory, [])),
                       **values)
        done = values["actual_end"] is not None
        facts["maintenance_type"].append("corrective" if values["related_fault_id"] else
                                         values["maintenance_type"])
        facts["machine_type"].append(mach["machine_type"][i])
        facts["machine"].append(mach["machine_id"][i])
        facts["schedule"].append(mach["maintenance_schedule"][i])
        facts["failure_mode"].append(failure_mode)
        facts["part"].append(part.split(",")[0] if part else None)
        facts["technician"].append(row["technician_id"])
        facts["duration_minutes"].append(
            (epoch_seconds(values["actual_end"]) - epoch_seconds(values["actual_start"]))
            / MINUTE_SECONDS if done else None)
        facts["sensor_type"].append(reading[0] if reading else None)
        facts["reading"].append(reading[1] if reading else None)
        facts["unit"].append(reading[2] if reading else None)
        facts["done"].append(values["actual_start"] is not None)

    for k in range(len(faults.start)):
        spec = PATTERNS[faults.pattern[k]]
        severity = faults.raw["fault_severity"][k]
        d = faults.downtime[k]
        response = (int(dt["response_time_minutes"][d]) * MINUTE_SECONDS if d is not None
                    and dt["response_time_minutes"][d] is not None
                    else int(rng.integers(5, 45)) * MINUTE_SECONDS)
        stop = min(int(faults.end[k]), end)
        actual_start = min(int(faults.start[k]) + response,
                           int(faults.start[k]) + (stop - int(faults.start[k])) // 2)
        done = not faults.open[k]
        hours = (stop - actual_start) / HOUR_SECONDS
        technicians = int(rng.integers(1, 3))
        temporary = bool(rng.random() < TEMPORARY_FIX_SHARE)
        add(int(faults.machine[k]), dt["responded_by"][d] if d is not None else None,
            faults.pattern[k], spec["parts"], None,
            maintenance_window_id=None,
            maintenance_type="breakdown" if severity == "critical" else "corrective",
            maintenance_category=spec["maintenance"], priority=SEVERITY_PRIORITY[severity],
            scheduled_start=None, actual_start=from_epoch_seconds(actual_start),
            actual_end=from_epoch_seconds(int(faults.end[k])) if done else None,
            parts_replaced=spec["parts"] or None,
            parts_cost_usd=round(float(rng.uniform(*spec["cost"])), 2),
            labor_hours=round(hours * technicians, 2),
            related_fault_id=int(faults.raw["fault_id"][k]),
            # a temporary fix (the part ordered, the machine running) needs a follow-up visit
            completion_status="completed" if done and not temporary else "partial",
            follow_up_required=temporary)

    outcome = {"completed": "completed", "in_progress": "partial", "deferred": "deferred",
               "cancelled": "cancelled", "scheduled": None}
    for k in range(len(w["machine_id"])):
        i = floor.machine_index.get(w["machine_id"][k])
        if i is None:
            continue
        kind = w["maintenance_kind"][k]
        plan = PLANNED_WORK[kind]
        category, parts, cost = plan.get(mach["machine_type"][i], plan[None])
        status = w["status"][k]
        started = prod.win_start[k] < end
        finished = started and status == "completed"
        caught = episodes.caught_by.get(k)
        reading = None
        failure_mode = None
        if caught is not None:
            failure_mode = episodes.pattern[caught]
            s = episodes.sensors[caught][0]
            rising = PATTERNS[failure_mode]["sensors"].get(floor.sensors["sensor_type"][s], 1) > 0
            # the reading that made the planner bring the service forward: past its warning
            reading = (floor.sensors["sensor_type"][s],
                       round(float(floor.sensors["warning_max" if rising else "warning_min"][s]), 1),
                       floor.sensors["unit"][s])
            parts = PATTERNS[failure_mode]["parts"] or parts
        hours = (prod.win_end[k] - prod.win_start[k]) / HOUR_SECONDS if finished else 0.0
        add(i, None, failure_mode, parts if finished else None, reading,
            maintenance_window_id=w["maintenance_window_id"][k], maintenance_type=kind,
            maintenance_category=category,
            priority="high" if caught is not None else str(rng.choice(["medium", "low"],
                                                                       p=[0.4, 0.6])),
            scheduled_start=w["scheduled_start"][k],
            actual_start=w["actual_start"][k] if started else None,
            actual_end=w["actual_end"][k] if finished else None,
            parts_replaced=parts if finished else None,
            parts_cost_usd=round(float(rng.uniform(*cost)), 2) if finished else 0.0,
            labor_hours=round(hours * int(rng.integers(1, 3)), 2),
            related_fault_id=None, completion_status=outcome.get(status),
            follow_up_required=caught is not None and bool(rng.random() < 0.5))

    done = facts.pop("done")
    composed = {"work_description": text.compose_many(rng, "maintenance_work_description",
                                                      **{k: facts[k] for k in (
                                                          "maintenance_type", "machine_type",
                                                          "machine", "schedule",
                                                          "failure_mode", "part",
                                                          "sensor_type")}),
                "notes": text.compose_many(rng, "maintenance_note", **facts)}
    composed["notes"] = [n if d else None for n, d in zip(composed["notes"], done, strict=True)]
    return rows.chunk(maintenance_id=ids("MNT", len(rows), 7), **composed)


# --------------------------------------------------------------------------- sensor upkeep


def _calibrations(ctx: SeedContext, floor: Floor, faults: Faults, start: int,
                  end: int) -> dict[str, Any]:
    """The latest calibration (master calibration_date) when it falls in the history, and the
    recalibration that repairs every sensor-drift fault."""
    rng = ctx.rng("sensor_calibrations")
    techs, _, _ = _crew(floor)
    sens = floor.sensors
    sensors, times_, drift = [], [], []
    cal_day = epoch_seconds(sens["calibration_date"])
    for i in np.flatnonzero((cal_day >= start) & (cal_day < end)):
        sensors.append(int(i))
        times_.append(int(cal_day[i]) + int(rng.integers(7 * HOUR_SECONDS, 16 * HOUR_SECONDS)))
        drift.append(round(float(abs(rng.normal(0, 0.6))), 3))
    for k, pattern in enumerate(faults.pattern):
        if pattern == "sensor_drift" and not faults.open[k]:
            for s in faults.sensors[k]:
                sensors.append(s)
                times_.append(int(faults.end[k]) - 60)
                drift.append(round(float(rng.uniform(4, 12)), 3))
    order = np.lexsort((np.array(sensors, dtype=np.int64), np.array(times_, dtype=np.int64)))
    factory = floor.machines["factory_id"]
    return {
        "calibration_id": np.arange(1, len(order) + 1, dtype=np.int64),
        "sensor_id": [sens["sensor_id"][sensors[i]] for i in order],
        "calibrated_at": from_epoch_seconds([times_[i] for i in order]),
        "drift_found_percentage": np.array([drift[i] for i in order], dtype=np.float64),
        "technician_id": [
            one_of(rng, techs.get(factory[floor.machine_index[sens["machine_id"][sensors[i]]]], []))
            for i in order],
    }


def _outages(ctx: SeedContext, floor: Floor, telemetry: int,
             end: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per line, when its gateway was down (sorted, non-overlapping [start, end))."""
    rng = ctx.rng("sensor_readings/outages")
    low, high = ctx.params["line_outages_per_month"]
    out = {}
    for line in sorted(set(floor.machines["line_id"].tolist())):
        n = int(rng.poisson(rng.uniform(low, high) * (end - telemetry) / (30 * DAY_SECONDS)))
        starts = rng.integers(telemetry, end, size=n)
        lengths = np.clip(rng.lognormal(np.log(40 * MINUTE_SECONDS), 1.0, n),
                          5 * MINUTE_SECONDS, 6 * HOUR_SECONDS).astype(np.int64)
        out[line] = _merged(starts, np.minimum(starts + lengths, end))
    return out


def _in_windows(t: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Whether each time lies in one of the sorted, non-overlapping [start, end) windows."""
    if len(starts) == 0:
        return np.zeros(len(t), dtype=bool)
    k = np.searchsorted(starts, t, side="right") - 1
    return (k >= 0) & (ends[np.clip(k, 0, None)] > t)


def _installed(floor: Floor) -> np.ndarray:
    """When each sensor could first report: the later of its own and its machine's install."""
    machine_installed = epoch_seconds(floor.machines["installation_date"])
    owner = np.array([floor.machine_index[m] for m in floor.sensors["machine_id"]], dtype=np.int64)
    return np.maximum(epoch_seconds(floor.sensors["created_at"]), machine_installed[owner])


def _diagnostics(ctx: SeedContext, floor: Floor, outages: dict[str, tuple[np.ndarray, np.ndarray]],
                 telemetry: int, end: int) -> dict[str, Any]:
    """A heartbeat per sensor and sensor_health interval (unless its gateway is down): the
    gateway latency, and for wireless (MQTT) sensors the battery, which drains a little
    every day and is replaced below 10 %."""
    rng = ctx.rng("sensor_diagnostics")
    sens = floor.sensors
    interval = ctx.params["sensor_health_interval_hours"] * HOUR_SECONDS
    since = np.maximum(_installed(floor), telemetry)
    line_of = [floor.machines["line_id"][floor.machine_index[m]] for m in sens["machine_id"]]
    columns: dict[str, list] = defaultdict(list)
    for s, sensor in enumerate(sens["sensor_id"]):
        beats = end - interval * np.arange(1, _per_window(end - telemetry, interval) + 1)[::-1]
        beats = beats + rng.integers(0, interval, size=len(beats))
        beats = beats[(beats >= since[s]) & (beats < end)]
        beats = beats[~_in_windows(beats, *outages[line_of[s]])]
        low, high = LATENCY_MS[sens["data_protocol"][s]]
        latency = rng.uniform(low, high) * rng.lognormal(0, 0.25, len(beats))
        battery = np.full(len(beats), np.nan)
        if sens["data_protocol"][s] in BATTERY_PROTOCOLS:
            drained = rng.uniform(20, 100) - rng.uniform(0.05, 0.5) * (beats - telemetry) / DAY_SECONDS
            battery = 10 + np.mod(drained - 10, 90)
        columns["sensor_id"] += [sensor] * len(beats)
        columns["reported_at"].append(beats)
        columns["battery_percentage"].append(np.round(battery, 1))
        columns["latency_ms"].append(np.round(latency, 1))
    return {
        "sensor_id": columns["sensor_id"],
        "reported_at": from_epoch_seconds(np.concatenate(columns["reported_at"])),
        "battery_percentage": np.concatenate(columns["battery_percentage"]),
        "latency_ms": np.concatenate(columns["latency_ms"]),
    }


# --------------------------------------------------------------------------- SCADA


def _accrued(tl: Timeline, starts: np.ndarray, ends: np.ndarray, quantity: np.ndarray,
             t: np.ndarray) -> np.ndarray:
    """Units of operations (production from `starts` to `ends`) made by each time: each
    operation's `quantity` accrues over the machine's running time inside it (at its end if
    it never ran), rounded per operation so every finished one adds up exactly."""
    if len(starts) == 0:
        return np.zeros(len(t), dtype=np.int64)
    r0, r1 = tl.running_seconds(starts), tl.running_seconds(ends)
    rt = tl.running_seconds(t)
    span = (r1 - r0)[:, None]
    share = np.where(span > 0, np.clip((rt[None, :] - r0[:, None]) / np.maximum(span, 1), 0, 1),
                     (t[None, :] >= ends[:, None]).astype(float))
    return np.round(quantity[:, None] * share).astype(np.int64).sum(axis=0)


def _scada(ctx: SeedContext, floor: Floor, prod: Production, faults: Faults,
           episodes: Episodes, timelines: list[Timeline], telemetry: int,
           end: int) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    step = p["scada_sampling_seconds"]
    mach = floor.machines
    installed = epoch_seconds(mach["installation_date"])
    grid = np.arange(telemetry, end, step, dtype=np.int64)
    calendars = {f: shift_calendar(floor.shifts, f, telemetry - DAY_SECONDS, end)
                 for f in sorted(set(mach["factory_id"].tolist()))}
    fault_codes = np.array([PATTERNS[x]["code"] for x in faults.pattern] or [""], dtype=object)
    op_program = np.array([f"O{zlib.crc32(str(r).encode()) % 9000 + 1000:04d}"
                           for r in floor.ops["routing_operation_id"]] or [""], dtype=object)
    sample_id = 0
    batch: list[dict[str, Any]] = []
    batch_rows = 0
    for i, machine in enumerate(mach["machine_id"]):
        rng = ctx.rng("scada_samples", i)
        t = grid[grid >= installed[i]]
        n = len(t)
        if n == 0:
            continue
        tl = timelines[i]
        state = tl.at(t)
        running = state == RUNNING
        mtype = mach["machine_type"][i]

        # counters: MES quantities accrued over running time, per shift from its start
        o = prod.ops.get(i, np.array([], dtype=np.int64))
        o = o[prod.op_end[o] > tl.bounds[0]]
        made = _accrued(tl, prod.op_run_start[o], prod.op_end[o],
                        floor.ops["made"][o].astype(np.int64), t)
        cal = calendars[mach["factory_id"][i]]
        inst = instance_at(cal, t)
        on_shift = inst >= 0
        shift_start = np.where(on_shift, cal.starts[np.clip(inst, 0, None)], t)
        made_then = _accrued(tl, prod.op_run_start[o], prod.op_end[o],
                             floor.ops["made"][o].astype(np.int64), shift_start)
        scrap = floor.ops["scrap"][o].astype(np.int64)
        rejected = (_accrued(tl, prod.op_run_start[o], prod.op_end[o], scrap, t)
                    - _accrued(tl, prod.op_run_start[o], prod.op_end[o], scrap, shift_start))
        up = tl.running_seconds(t) - tl.running_seconds(shift_start)
        staffed = _in_windows(shift_start, *prod.staffed.get(mach["line_id"][i],
                                                              (np.array([]), np.array([]))))
        down = np.where(staffed, (t - shift_start) - up, 0)
        previous = _accrued(tl, prod.op_run_start[o], prod.op_end[o],
                            floor.ops["made"][o].astype(np.int64), t - step)
        interval_made = made - previous
        lifetime = int(rng.integers(200_000, 5_000_000))

        # the operation (program) on the machine, the last one when it does not run
        program = np.full(n, None, dtype=object)
        if len(o):
            order = o[np.argsort(prod.op_start[o], kind="stable")]
            k = np.searchsorted(prod.op_start[order], t, side="right") - 1
            program = np.where(k >= 0, op_program[order[np.clip(k, 0, None)]], None)

        power_rating = float(mach["power_kw"][i])
        load = np.array([0.75, 0.18, 0.03, 0.05, 0.05, 0.3])
        power = load[state] * power_rating * rng.uniform(0.93, 1.07, n)
        energy = float(rng.uniform(1e4, 1e6)) + np.cumsum(power * step / HOUR_SECONDS)

        # process values, with what the machine's degradations show in them
        t_set, p_set = PROCESS_SETPOINTS.get(mtype, (None, None))
        temp_shift = np.zeros(n)
        pres_shift = np.zeros(n)
        for e in (e for e in range(len(episodes.machine)) if episodes.machine[e] == i):
            strength = episodes.course(e, t) * (state != FAULT)
            scada = PATTERNS[episodes.pattern[e]]["scada"]
            temp_shift += strength * scada.get("temperature", 0)
            pres_shift += strength * scada.get("pressure", 0)
        warm = tl.warmth(t)
        temp_actual = pres_actual = np.full(n, np.nan)
        if t_set is not None:
            temp_actual = (t_set - 2.0 + 3.5 * warm + rng.normal(0, 0.6, n)
                           + temp_shift * 0.35 * t_set * warm)
        if p_set is not None:
            pres_actual = p_set * (1 + rng.normal(0, 0.01, n) + pres_shift * 0.3)
        # the PLC's own limits on its process values: high, then high-high
        warning = np.full(n, None, dtype=object)
        if t_set is not None:
            warning[temp_actual > t_set * (1 + 0.35 * WARNING_LEVEL)] = "W-TEMP-HIGH"
            warning[temp_actual > t_set * (1 + 0.35 * 0.9)] = "W-TEMP-HIHI"
        if p_set is not None:
            warning[pres_actual < p_set * (1 - 0.3 * WARNING_LEVEL)] = "W-PRES-LOW"
            warning[pres_actual < p_set * (1 - 0.3 * 0.9)] = "W-PRES-LOLO"

        f = np.flatnonzero(faults.machine == i)
        k = np.searchsorted(faults.start[f], t, side="right") - 1
        in_fault = (state == FAULT) & (k >= 0)
        code = np.where(in_fault, fault_codes[f[np.clip(k, 0, None)]] if len(f) else None, None)
        mode = np.where(np.isin(state, [SETUP, MAINTENANCE]), "manual", "auto").astype(object)
        mode[running & (rng.random(n) < 0.01)] = "test"
        is_cnc = mtype == "CNC"
        chunk = {
            "sample_id": np.arange(sample_id + 1, sample_id + n + 1, dtype=np.int64),
            "machine_id": np.full(n, machine, dtype=object),
            "sample_time": t.astype("datetime64[s]"),
            "machine_state": STATES[state],
            "operation_mode": mode,
            "fault_code": code,
            "parts_produced_cumulative": lifetime + made,
            "parts_produced_shift": np.where(on_shift, made - made_then, 0),
            "parts_rejected_shift": np.where(on_shift, rejected, 0),
            "uptime_seconds_shift": np.where(on_shift, up, 0),
            "downtime_seconds_shift": np.where(on_shift, down, 0),
            "cycle_time_seconds": np.round(np.where(interval_made > 0, step / np.maximum(
                interval_made, 1), np.nan), 2),
            "spindle_speed_rpm": np.where(running, rng.integers(2500, 9000, n), 0) if is_cnc
            else np.full(n, None, dtype=object),
            "feed_rate_mm_min": np.where(running, np.round(rng.uniform(200, 2500, n), 2), 0.0)
            if is_cnc else np.full(n, np.nan),
            "tool_number": rng.integers(1, 25, n) if is_cnc else np.full(n, None, dtype=object),
            "program_number": program if mtype in ("CNC", "robot", "welding")
            else np.full(n, None, dtype=object),
            "power_kw": np.round(power, 2),
            "energy_kwh_cumulative": np.round(energy, 4),
            "temperature_setpoint_c": np.full(n, t_set if t_set is not None else np.nan),
            "temperature_actual_c": np.round(temp_actual, 2),
            "pressure_setpoint_bar": np.full(n, p_set if p_set is not None else np.nan),
            "pressure_actual_bar": np.round(pres_actual, 2),
            "alarm_codes": code,
            "warning_codes": warning,
            "quality_code": np.where(rng.random(n) < 0.995, QUALITY_GOOD,
                                     QUALITY_UNCERTAIN).astype(np.int16),
        }
        sample_id += n
        batch.append(chunk)
        batch_rows += n
        if batch_rows >= 100_000:
            yield "scada_samples", concat(batch)
            batch, batch_rows = [], 0
    if batch:
        yield "scada_samples", concat(batch)


# --------------------------------------------------------------------------- readings


FREEZE_HOURS = (6, 48)  # how long a stuck sensor repeats one value


def _clear_window(since: int, end: int, at: int, length: int,
                  busy: tuple[np.ndarray, np.ndarray]) -> tuple[int, int] | None:
    """A window of `length` seconds in [since, end) clear of the `busy` windows (merged
    starts, ends): from `at`, or else in the clear gap nearest to it, shortened to the gap
    down to the shortest freeze (None if no gap is that long)."""
    edges = [since] + [int(x) for pair in zip(*busy, strict=True) for x in pair] + [end]
    gaps = [(max(a, since), min(b, end)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    gaps = [(a, b) for a, b in gaps if b - a >= FREEZE_HOURS[0] * HOUR_SECONDS]
    if not gaps:
        return None
    a, b = min(gaps, key=lambda g: 0 if g[0] <= at < g[1] else min(abs(at - g[0]), abs(at - g[1])))
    length = min(length, b - a)
    start = min(max(at, a), b - length)
    return start, start + length


def _readings(ctx: SeedContext, floor: Floor, timelines: list[Timeline], episodes: Episodes,
              outages: dict[str, tuple[np.ndarray, np.ndarray]], telemetry: int,
              end: int) -> Iterator[tuple[str, dict[str, Any]]]:
    p = ctx.params
    step, burst, spacing = (p["sensor_sampling_seconds"], p["readings_per_burst"],
                            p["burst_spacing_seconds"])
    sens = floor.sensors
    n_sensors = len(sens["sensor_id"])
    owner = np.array([floor.machine_index[m] for m in sens["machine_id"]], dtype=np.int64)
    since = np.maximum(_installed(floor), telemetry)
    params_rng = ctx.rng("sensor_readings/parameters")
    position = params_rng.uniform(0.35, 0.65, n_sensors)
    noise = params_rng.uniform(*p["reading_noise"], n_sensors)
    loss = params_rng.uniform(*p["packet_loss"], n_sensors)
    phase = params_rng.integers(0, step, n_sensors)
    daily = params_rng.uniform(0, 0.03, n_sensors)
    daily_phase = params_rng.uniform(0, 2 * np.pi, n_sensors)
    lo, band = sens["normal_min"], sens["normal_max"] - sens["normal_min"]
    level = lo + band * position
    by_sensor: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for e, affected in enumerate(episodes.sensors):
        signature = PATTERNS[episodes.pattern[e]]["sensors"]
        for s in affected:
            by_sensor[s].append((e, signature.get(sens["sensor_type"][s], signature.get("*", 0))))
    # sensors that freeze once: from when, until when (not while they show a degradation)
    freezes = np.flatnonzero(params_rng.random(n_sensors) < p["stuck_sensor_share"])
    frozen = {}
    for s in freezes.tolist():
        at = int(params_rng.integers(since[s], max(since[s] + 1, end)))
        length = int(params_rng.uniform(*FREEZE_HOURS) * HOUR_SECONDS)
        shown = [e for e, _ in by_sensor[s]]
        degrading = _merged(np.asarray(episodes.onset)[shown], np.asarray(episodes.end)[shown])
        window = _clear_window(int(since[s]), end, at, length, degrading)
        if window is not None:
            frozen[s] = window
    per_sensor = _per_window(end - telemetry, step) * burst
    per_chunk = max(1, p["readings_per_chunk"] // per_sensor)
    reading_id = 0
    for c, first in enumerate(range(0, n_sensors, per_chunk)):
        rng = ctx.rng("sensor_readings", c)
        rows = np.arange(first, min(first + per_chunk, n_sensors))
        parts_t, parts_s = [], []
        for s in rows.tolist():
            bursts = np.arange(since[s] + phase[s], end, step, dtype=np.int64)
            t = (bursts[:, None] + spacing * np.arange(burst)[None, :]).ravel()
            parts_t.append(t[t < end])
            parts_s.append(np.full(len(parts_t[-1]), s))
        t = np.concatenate(parts_t)
        sensor = np.concatenate(parts_s).astype(np.int64)
        total = len(t)
        if total == 0:
            continue
        activity = np.empty(total)
        in_fault = np.empty(total, dtype=bool)
        bounds = np.r_[0, np.cumsum([len(x) for x in parts_t])]
        for local, s in enumerate(rows.tolist()):
            a, b = int(bounds[local]), int(bounds[local + 1])
            tl = timelines[owner[s]]
            kind = sens["sensor_type"][s]
            states = tl.at(t[a:b])
            in_fault[a:b] = states == FAULT
            activity[a:b] = (tl.warmth(t[a:b]) if kind == "temperature"
                             else np.asarray(ACTIVITY[kind])[states])
        kinds = sens["sensor_type"][sensor]
        standstill = np.array([STANDSTILL[k] for k in kinds])
        running = level[sensor] + band[sensor] * daily[sensor] * np.sin(
            2 * np.pi * (t % DAY_SECONDS) / DAY_SECONDS + daily_phase[sensor])
        noise_sd = noise[sensor] * band[sensor]
        value = (standstill + (running - standstill) * activity
                 + rng.normal(0, 1, total) * noise_sd * (0.25 + 0.75 * activity))
        # degradation signatures (a sensor's readings are one contiguous slice of the chunk)
        for local, s in enumerate(rows.tolist()):
            a, b = int(bounds[local]), int(bounds[local + 1])
            for e, direction in by_sensor.get(s, ()):
                course = episodes.course(e, t[a:b])
                hit = np.flatnonzero(course > 0)
                if len(hit) == 0:
                    continue
                spread = (2.5 * noise[s] + daily[s]) * band[s]
                kind = sens["sensor_type"][s]
                if kind == "temperature":
                    # reading = ambient + (level - ambient + strength) * warmth
                    warm = STANDSTILL[kind] + (level[s] - STANDSTILL[kind]) * WARM_SHARE
                    warning, critical = (x / WARM_SHARE for x in _signature_strength(
                        floor, s, spread, warm, direction))
                else:
                    warning, critical = _signature_strength(floor, s, spread, level[s], direction)
                shown = course[hit]
                strength = np.where(shown <= WARNING_LEVEL, warning * shown / WARNING_LEVEL,
                                    warning + (critical - warning) * (shown - WARNING_LEVEL)
                                    / (1 - WARNING_LEVEL))
                drifts = episodes.pattern[e] == "sensor_drift" and kind not in MOTION_SENSORS
                # a machine down in a fault reads like any stopped one: the signature shows
                # while it works (pressure and voltage hold at rest), not while it is repaired
                works = 1.0 if drifts else activity[a + hit] * ~in_fault[a + hit]
                value[a + hit] += direction * strength * works
        value = np.clip(value, sens["range_min"][sensor], sens["range_max"][sensor])
        for local, s in enumerate(rows.tolist()):
            if s in frozen:
                a, b = int(bounds[local]), int(bounds[local + 1])
                stuck = np.flatnonzero((t[a:b] >= frozen[s][0]) & (t[a:b] < frozen[s][1]))
                if len(stuck):
                    value[a + stuck] = value[a + stuck[0]]
        draw = rng.random(total)
        keep = draw >= loss[sensor]
        for local, s in enumerate(rows.tolist()):
            a, b = int(bounds[local]), int(bounds[local + 1])
            down = outages[floor.machines["line_id"][owner[s]]]
            keep[a:b] &= ~_in_windows(t[a:b], *down)
        quality = np.where(draw > 0.998, QUALITY_BAD,
                           np.where(draw > 0.99, QUALITY_UNCERTAIN, QUALITY_GOOD)).astype(np.int16)
        n = int(keep.sum())
        yield "sensor_readings", {
            "reading_id": np.arange(reading_id + 1, reading_id + n + 1, dtype=np.int64),
            "sensor_id": sens["sensor_id"][sensor[keep]],
            "reading_time": t[keep].astype("datetime64[s]"),
            "reading_value": np.round(value[keep], 4),
            "quality_code": quality[keep],
        }
        reading_id += n


# --------------------------------------------------------------------------- generation


def generate(ctx: SeedContext) -> Iterator[tuple[str, dict[str, Any]]]:
    floor = _read(ctx)
    start, telemetry, end = _windows(ctx.config)
    yield "fault_patterns", {
        "root_cause_category": list(PATTERNS),
        "fault_code": [v["code"] for v in PATTERNS.values()],
        "fault_category": [v["category"] for v in PATTERNS.values()],
        "fault_description": [v["description"] for v in PATTERNS.values()],
        "resolution_action": [v["resolution"] for v in PATTERNS.values()],
        "maintenance_category": [v["maintenance"] for v in PATTERNS.values()],
        "signature": [",".join(f"{k}:{'+' if d > 0 else '-'}" for k, d in v["sensors"].items())
                      for v in PATTERNS.values()],
        "lead_hours_min": [float(v["lead"][0]) for v in PATTERNS.values()],
        "lead_hours_max": [float(v["lead"][1]) for v in PATTERNS.values()],
    }
    prod = _production(floor, end)
    faults = _faults(ctx, floor, prod, start, end)
    yield "machine_faults", faults.raw
    timelines = []
    for i in range(len(floor.machines["machine_id"])):
        o = prod.ops.get(i, np.array([], dtype=np.int64))
        straddling = prod.op_start[o][prod.op_end[o] > telemetry]
        first = int(min(telemetry, straddling.min())) if len(straddling) else telemetry
        timelines.append(_machine_timeline(floor, prod, faults, i, first, end))
    episodes = _episodes(ctx, floor, prod, faults, timelines, telemetry, end)
    yield "maintenance_events", _maintenance(ctx, floor, prod, faults, episodes, end)
    yield "sensor_calibrations", _calibrations(ctx, floor, faults, start, end)
    outages = _outages(ctx, floor, telemetry, end)
    yield "sensor_diagnostics", _diagnostics(ctx, floor, outages, telemetry, end)
    yield from _scada(ctx, floor, prod, faults, episodes, timelines, telemetry, end)
    yield from _readings(ctx, floor, timelines, episodes, outages, telemetry, end)
