"""Shop-floor reference data and shift arithmetic shared by the MES (manufacturing) and
operations seeders, so both describe one factory floor.

- `PATTERNS`: the ten fault patterns a machine can fail by: their fault code, the sensors
  whose readings carry the degradation signature (and its direction), precursor lead hours,
  repair hours, the machine types they hit, severities, maintenance category and texts.
  MES draws each breakdown's pattern (`downtime_events.failure_mode`) with
  `eligible_patterns`; operations lays the pattern's signature over the machine's sensors.
- `MAINTENANCE_PLANS`: the interval and length of planned maintenance per master
  `machines.maintenance_schedule`.
- `shift_calendar` / `instance_at`: a factory's shift instances over a window (from the
  `raw_master.shifts` templates) and the instance running at a moment.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from seeders.gen import DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS

# name -> code, category, affected sensor types with the direction of their signature,
# precursor lead hours, repair hours, machine types it can hit (None: any), severities,
# maintenance category, description, resolution, parts replaced, parts cost range (USD).
PATTERNS: dict[str, dict[str, Any]] = {
    "bearing_failure": dict(
        code="F-BRG", category="mechanical", sensors={"vibration": 1, "temperature": 1},
        lead=(168, 504), repair=(4, 12), machines=None, severity=("critical", "major"),
        maintenance="mechanical", scada={"temperature": 1},
        description="Spindle/drive bearing failure",
        resolution="Replaced bearing set, realigned shaft, relubricated",
        parts="BRG-6205,SEAL-45", cost=(800, 4500)),
    "motor_overheating": dict(
        code="F-MOT", category="electrical", sensors={"temperature": 1, "current": 1},
        lead=(0.5, 4), repair=(1, 4), machines=None, severity=("major", "minor"),
        maintenance="electrical", scada={"temperature": 1},
        description="Drive motor over-temperature trip",
        resolution="Cleaned motor cooling fan and filters, checked winding insulation",
        parts="FLT-AIR-12", cost=(50, 600)),
    "hydraulic_leak": dict(
        code="F-HYD", category="hydraulic", sensors={"pressure": -1, "flow": 1},
        lead=(6, 48), repair=(2, 8), machines=("press", "assembly", "CNC"),
        severity=("major", "critical"), maintenance="hydraulic", scada={"pressure": -1},
        description="Hydraulic circuit leak, pressure loss",
        resolution="Replaced hydraulic hose and seals, topped up oil",
        parts="HOSE-H12,SEAL-KIT-H", cost=(300, 2500)),
    "tool_wear": dict(
        code="F-TWR", category="quality", sensors={"vibration": 1, "current": 1},
        lead=(4, 48), repair=(0.5, 2), machines=("CNC", "press"), severity=("minor", "warning"),
        maintenance="mechanical", scada={},
        description="Cutting tool worn beyond limit",
        resolution="Replaced tool, reset tool offsets", parts="TOOL-INS-80", cost=(60, 900)),
    "welding_drift": dict(
        code="F-WLD", category="quality", sensors={"current": 1, "voltage": 1},
        lead=(2, 24), repair=(1, 3), machines=("welding",), severity=("minor", "major"),
        maintenance="electrical", scada={"temperature": 1},
        description="Welding current/voltage drift out of the weld schedule",
        resolution="Replaced contact tip, recalibrated weld controller",
        parts="TIP-CU-12", cost=(40, 400)),
    "pneumatic_failure": dict(
        code="F-PNE", category="pneumatic", sensors={"pressure": -1},
        lead=(1, 12), repair=(1, 4), machines=("assembly", "robot", "testing", "conveyor"),
        severity=("major", "minor"), maintenance="mechanical", scada={"pressure": -1},
        description="Compressed air supply failure, low air pressure",
        resolution="Replaced pneumatic valve and fittings", parts="VLV-PN-5/2", cost=(120, 900)),
    "coolant_failure": dict(
        code="F-CLT", category="mechanical", sensors={"flow": -1, "temperature": 1},
        lead=(1, 24), repair=(1, 6), machines=("CNC", "welding", "press"),
        severity=("major", "critical"), maintenance="mechanical", scada={"temperature": 1},
        description="Coolant flow failure, rising process temperature",
        resolution="Replaced coolant pump, flushed lines", parts="PUMP-CL-2", cost=(400, 3000)),
    "robot_positioning_drift": dict(
        code="F-ROB", category="control", sensors={"torque": 1, "current": 1},
        lead=(6, 72), repair=(1, 4), machines=("robot",), severity=("minor", "major"),
        maintenance="calibration", scada={},
        description="Robot repeatability drift, axis positioning error",
        resolution="Re-mastered robot axes, replaced reducer grease",
        parts="GRS-RV-1", cost=(100, 1500)),
    "electrical_fault": dict(
        code="F-ELC", category="electrical", sensors={"current": 1, "voltage": -1},
        lead=(0.25, 2), repair=(0.5, 6), machines=None, severity=("critical", "major"),
        maintenance="electrical", scada={},
        description="Power supply anomaly, drive fault",
        resolution="Replaced contactor and fuse, checked supply voltage",
        parts="CTR-40A,FUSE-32A", cost=(80, 1200)),
    "sensor_drift": dict(
        code="F-SNS", category="control", sensors={"*": 1},
        lead=(48, 240), repair=(0.5, 2), machines=None, severity=("warning", "minor"),
        maintenance="calibration", scada={},
        description="Sensor calibration drift, implausible readings",
        resolution="Recalibrated sensor against reference", parts="", cost=(0, 150)),
}
PATTERN_NAMES = tuple(PATTERNS)


def eligible_patterns(machine_type: str, sensor_types: Iterable[str],
                      weights: Mapping[str, float]) -> tuple[list[str], np.ndarray]:
    """The patterns a machine of `machine_type` with sensors of `sensor_types` can fail by
    (the pattern hits its type and it has a sensor that shows the signature), with their
    `weights` normalised to probabilities; an electrical fault when none fits."""
    types = set(sensor_types)
    names, w = [], []
    for name, spec in PATTERNS.items():
        fits_machine = spec["machines"] is None or machine_type in spec["machines"]
        has_sensor = bool(types) if "*" in spec["sensors"] else bool(types & set(spec["sensors"]))
        if fits_machine and has_sensor and weights.get(name, 0) > 0:
            names.append(name)
            w.append(weights[name])
    if not names:
        return ["electrical_fault"], np.ones(1)
    return names, np.asarray(w, dtype=float) / sum(w)


# a machine's criticality (master `machines.criticality`, drawn with these shares) sets its
# planned-maintenance schedule; critical conveyors are checked daily
CRITICALITY_SHARES = {"critical": 0.1, "high": 0.25, "medium": 0.4, "low": 0.25}
SCHEDULE_BY_CRITICALITY = {"critical": "weekly", "high": "monthly", "medium": "monthly",
                           "low": "quarterly"}
SCHEDULE_SHARES = {
    schedule: sum(share for c, share in CRITICALITY_SHARES.items()
                  if SCHEDULE_BY_CRITICALITY[c] == schedule)
    for schedule in set(SCHEDULE_BY_CRITICALITY.values())
}

# master `machines.maintenance_schedule` -> days between two planned services, and how long
# one takes (hours, min-max): a daily check is short, a quarterly service takes a shift.
MAINTENANCE_PLANS: dict[str, dict[str, Any]] = {
    "daily": {"interval_days": 1, "hours": (0.25, 0.5)},
    "weekly": {"interval_days": 7, "hours": (0.5, 2.0)},
    "monthly": {"interval_days": 30, "hours": (1.5, 4.0)},
    "quarterly": {"interval_days": 91, "hours": (3.0, 8.0)},
}


# --------------------------------------------------------------------------- shifts

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def seconds_of_day(value: dt.time | str) -> int:
    """A time of day (a `datetime.time` or 'HH:MM[:SS]') as seconds after midnight."""
    if isinstance(value, dt.time):
        return value.hour * HOUR_SECONDS + value.minute * MINUTE_SECONDS + value.second
    hours, minutes, *seconds = (int(x) for x in str(value).split(":"))
    return hours * HOUR_SECONDS + minutes * MINUTE_SECONDS + (seconds[0] if seconds else 0)


@dataclass
class ShiftCalendar:
    """One factory's shift instances over the history: start, end (epoch s), template index."""

    starts: np.ndarray
    ends: np.ndarray
    template: np.ndarray
    weekend: np.ndarray
    codes: list[str]


def shift_calendar(shifts: dict[str, np.ndarray], factory: str, start: int, end: int) -> ShiftCalendar:
    """Shift instances of `factory` overlapping [start, end), regular and weekend shifts first
    (an overtime shift only counts where no regular or weekend shift runs)."""
    rows = [i for i, f in enumerate(shifts["factory_id"]) if f == factory]
    priority = {"regular": 0, "weekend": 1, "overtime": 2}
    rows.sort(key=lambda i: (priority.get(shifts["shift_type"][i], 3), shifts["shift_id"][i]))
    first_day, last_day = start // DAY_SECONDS - 1, end // DAY_SECONDS + 1
    days = np.arange(first_day, last_day + 1)
    weekday = (days + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    starts, ends, template, weekend = [], [], [], []
    covered_s: list[np.ndarray] = []
    covered_e: list[np.ndarray] = []
    for rank, i in enumerate(rows):
        s = seconds_of_day(shifts["start_time"][i])
        e = seconds_of_day(shifts["end_time"][i])
        length = (e - s) % DAY_SECONDS or DAY_SECONDS
        allowed = np.isin(weekday, [WEEKDAYS.index(d) for d in shifts["days_of_week"][i].split(",")])
        inst_s = days[allowed] * DAY_SECONDS + s
        inst_e = inst_s + length
        if shifts["shift_type"][i] == "overtime" and covered_s:
            # keep only instances not overlapping a higher-priority shift
            cs, ce = np.concatenate(covered_s), np.concatenate(covered_e)
            overlaps = (inst_s[:, None] < ce[None, :]) & (inst_e[:, None] > cs[None, :])
            keep = ~overlaps.any(axis=1)
            inst_s, inst_e = inst_s[keep], inst_e[keep]
        covered_s.append(inst_s)
        covered_e.append(inst_e)
        starts.append(inst_s)
        ends.append(inst_e)
        template.append(np.full(len(inst_s), rank))
        weekend.append(np.full(len(inst_s), shifts["shift_type"][i] == "weekend"))
    order = np.argsort(np.concatenate(starts), kind="stable")
    cal = ShiftCalendar(
        starts=np.concatenate(starts)[order], ends=np.concatenate(ends)[order],
        template=np.concatenate(template)[order], weekend=np.concatenate(weekend)[order],
        codes=[shifts["shift_id"][i] for i in rows],
    )
    inside = (cal.ends > start) & (cal.starts < end)
    return ShiftCalendar(cal.starts[inside], cal.ends[inside], cal.template[inside],
                         cal.weekend[inside], cal.codes)


def instance_at(cal: ShiftCalendar, t: np.ndarray) -> np.ndarray:
    """Index of the shift instance running at each time (-1: none). Instances are sorted by
    start; where two overlap the earlier-starting one wins (it began first)."""
    index = np.full(len(t), -1, dtype=np.int64)
    if len(cal.starts) == 0:
        return index
    # candidates: the last instance starting at or before t, and the one before it
    last = np.searchsorted(cal.starts, t, side="right") - 1
    for back in (1, 0):  # earlier one first, later one only where the earlier does not cover
        cand = last - back
        valid = (cand >= 0) & (index < 0)
        c = np.where(valid, cand, 0)
        hit = valid & (cal.ends[c] > t)
        index[hit] = c[hit]
    return index


class ProductionClock:
    """A line's staffed time laid end to end: production seconds <-> wall-clock seconds.

    `clock(t)` is the staffed seconds before wall time `t`; `wall(p)` the wall time at which
    `p` staffed seconds have passed: the start of the next staffed interval when `p` falls on
    a boundary, or, with `end=True`, the end of the previous one (where a run that used up
    its time stops). Past the last interval time runs on unstaffed (plans beyond the roster).
    Works on Python ints with `bisect`: it is called per event, not per array.
    """

    def __init__(self, starts: Iterable[int], ends: Iterable[int]) -> None:
        merged: list[list[int]] = []
        for s, e in sorted(zip(starts, ends, strict=True)):
            if e <= s:
                continue
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([int(s), int(e)])
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]
        self.cum = [0]
        for s, e in merged:
            self.cum.append(self.cum[-1] + e - s)
        self.total = self.cum[-1]

    def clock(self, t: int) -> int:
        k = bisect.bisect_right(self.starts, t) - 1
        if k < 0:
            return 0
        return self.cum[k] + min(t - self.starts[k], self.ends[k] - self.starts[k])

    def wall(self, p: int, end: bool = False) -> int:
        if not self.starts:
            return p
        if p >= self.total:
            return self.ends[-1] + (p - self.total)
        k = (bisect.bisect_left(self.cum, p) if end else bisect.bisect_right(self.cum, p)) - 1
        k = max(0, min(k, len(self.starts) - 1))
        return self.starts[k] + (p - self.cum[k])

    def staffed(self, t: int) -> bool:
        k = bisect.bisect_right(self.starts, t) - 1
        return k >= 0 and t < self.ends[k]
