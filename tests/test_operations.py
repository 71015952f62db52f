"""The operations domain on `tiny`: the six tables, their derivations, the floor MES runs,
degradation ahead of faults, incremental builds that equal a full refresh, and reloads that
leave no stale rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .catalog import assert_build_populated, assert_marts_match_the_catalog
from .conftest import AS_OF, table_checksums

AS_OF_INSTANT = dt.datetime.fromisoformat(AS_OF)

TABLES = {"scada_machine_data", "sensor_data", "machine_faults", "sensor_health",
          "production_runs", "maintenance_events"}
INCREMENTAL = ("int_operations__sensor_reading_windows", "operations__sensor_data",
               "operations__scada_machine_data")


def test_build_has_every_operations_table(built, conn):
    assert_build_populated(built, conn, "operations", TABLES)
    assert "suite operations:" in built.stderr


def test_tables_match_the_catalog(built, conn):
    assert_marts_match_the_catalog(conn, "operations", TABLES)


def test_readings_per_sensor_follow_the_bursts(built, conn):
    # tiny: 14 days of telemetry, a burst of 4 readings every 30 minutes, less at most 2 %
    # packet loss and the odd gateway outage
    counts = [r[0] for r in conn.execute(
        "SELECT count(*) FROM operations.sensor_data GROUP BY sensor_id")]
    sensors = conn.execute("SELECT count(*) FROM master.sensors").fetchone()[0]
    expected = 14 * 48 * 4
    assert len(counts) == sensors
    assert all(0.75 * expected <= n <= expected for n in counts), (min(counts), max(counts))


def test_reading_derivations(built, conn):
    wrong = conn.execute(
        """
        SELECT count(*) FROM operations.sensor_data d
        JOIN master.sensors s USING (sensor_id)
        WHERE d.machine_id <> s.machine_id OR d.line_id <> s.line_id
           OR d.factory_id <> s.factory_id OR d.measurement_unit <> s.measurement_unit
           OR d.is_above_warning <> (d.measurement_value > s.warning_threshold_max)
           OR d.is_below_critical <> (d.measurement_value < s.critical_threshold_min)
           OR d.measurement_value NOT BETWEEN s.measurement_range_min AND s.measurement_range_max
           OR (d.status = 'normal' AND (d.is_above_warning OR d.is_below_warning))
           OR (d.status <> 'normal' AND NOT (d.is_above_warning OR d.is_below_warning))
        """
    ).fetchone()[0]
    assert wrong == 0
    # the rolling window: recompute one sensor's 1-minute statistics by hand
    rows = conn.execute(
        """
        SELECT "timestamp", measurement_value, min_value_1min, max_value_1min, avg_value_1min
        FROM operations.sensor_data
        WHERE sensor_id = (SELECT min(sensor_id) FROM operations.sensor_data)
        ORDER BY "timestamp" LIMIT 300
        """
    ).fetchall()
    multi = 0
    for i, (ts, _, lo, hi, avg) in enumerate(rows):
        window = [v for t, v, *_ in rows[: i + 1] if (ts - t).total_seconds() <= 60]
        multi += len(window) > 1
        assert (lo, hi) == (min(window), max(window))
        assert abs(float(avg) - sum(map(float, window)) / len(window)) < 1e-3
    assert multi > 200  # a burst's readings share their window
    spread = conn.execute(
        "SELECT avg((std_dev_1min IS NOT NULL)::int), avg((min_value_1min < max_value_1min)::int) "
        "FROM operations.sensor_data").fetchone()
    assert spread[0] > 0.7 and spread[1] > 0.7, spread


def test_oee_is_the_product_of_its_components(built, conn):
    rows = conn.execute(
        """
        SELECT availability_percentage, performance_percentage, quality_percentage,
               oee_percentage, uptime_seconds_shift, downtime_seconds_shift
        FROM operations.scada_machine_data WHERE oee_percentage IS NOT NULL
        """
    ).fetchall()
    assert len(rows) > 100
    for a, p, q, oee, up, down in rows:
        assert abs(float(oee) - float(a) * float(p) * float(q) / 10000) <= 0.006
        assert abs(float(a) - 100 * up / (up + down)) <= 0.006


def test_operations_describe_the_floor_mes_runs(built, conn):
    # every started MES work order is one production run on its line, with its units
    runs = conn.execute(
        """
        SELECT count(*), count(w.work_order_id),
               count(*) FILTER (WHERE w.line_id <> r.line_id OR w.product_id <> r.product_id
                                   OR w.produced_quantity <> r.actual_quantity)
        FROM operations.production_runs r
        LEFT JOIN manufacturing.work_orders w ON w.work_order_id = r.work_order_number
        """).fetchone()
    started = conn.execute("SELECT count(*) FROM manufacturing.work_orders "
                         "WHERE actual_start_time IS NOT NULL").fetchone()[0]
    assert runs == (started, started, 0) and started > 0
    # every MES breakdown is a fault on the same machine with the same window; the other
    # faults stopped an idle machine and lost nothing
    faults = conn.execute(
        """
        SELECT d.downtime_id, f.fault_id, d.machine_id = f.machine_id
               AND d.downtime_start = f.fault_start_time
               AND d.downtime_end IS NOT DISTINCT FROM f.fault_end_time
        FROM manufacturing.downtime_events d
        LEFT JOIN raw_operations.machine_faults r ON r.downtime_id = d.downtime_id
        LEFT JOIN operations.machine_faults f ON f.fault_id = r.fault_id
        WHERE d.downtime_category = 'breakdown'
        """).fetchall()
    assert faults and all(fault is not None and same for _, fault, same in faults)
    idle_losses = conn.execute(
        "SELECT f.production_loss_units FROM operations.machine_faults f "
        "JOIN raw_operations.machine_faults r USING (fault_id) WHERE r.downtime_id IS NULL"
    ).fetchall()
    assert all(loss == 0 for (loss,) in idle_losses)
    # a machine runs in SCADA only while an MES operation runs on it
    orphans = conn.execute(
        """
        SELECT count(*) FROM operations.scada_machine_data s
        WHERE s.machine_state = 'running' AND NOT EXISTS (
            SELECT 1 FROM manufacturing.work_order_operations o
            WHERE o.machine_id = s.machine_id AND o.actual_start_time <= s."timestamp"
              AND coalesce(o.actual_end_time, 'infinity') > s."timestamp")
        """).fetchone()[0]
    running = conn.execute("SELECT count(*) FROM operations.scada_machine_data "
                         "WHERE machine_state = 'running'").fetchone()[0]
    assert orphans == 0 and running > 0


def test_faults_show_in_scada_and_maintenance(built, conn):
    faults = conn.execute(
        "SELECT fault_id, machine_id, fault_start_time, fault_end_time, maintenance_ticket_id "
        "FROM operations.machine_faults"
    ).fetchall()
    seen = 0
    for fault_id, machine, start, end, ticket in faults:
        end = end or AS_OF_INSTANT  # a repair still under way at the as-of instant
        states = conn.execute(
            "SELECT count(*) FILTER (WHERE machine_state = 'fault'), count(*) "
            "FROM operations.scada_machine_data "
            'WHERE machine_id = %s AND "timestamp" >= %s AND "timestamp" < %s',
            (machine, start, end),
        ).fetchone()
        assert states[0] == states[1], fault_id
        seen += states[1] > 0
        event = conn.execute(
            "SELECT maintenance_type, related_fault_id FROM operations.maintenance_events "
            "WHERE maintenance_id = %s", (ticket,)).fetchone()
        assert event[0] in ("corrective", "breakdown") and event[1] == fault_id
    assert seen > 0


def test_scada_warns_exactly_when_the_sensors_do(built, conn):
    """A sample lists a sensor quantity's warning when, and only when, a sensor of that
    quantity on the machine had its latest reading (at or before the sample) past a warning
    threshold; the PLC's own process-value codes come on top."""
    rows = conn.execute(
        """
        WITH latest AS (
            SELECT d.scada_id, s.sensor_type, r.status, r.is_above_warning,
                   r.is_above_critical, r.is_below_critical
            FROM operations.scada_machine_data d
            JOIN master.sensors s ON s.machine_id = d.machine_id
            CROSS JOIN LATERAL (
                SELECT * FROM operations.sensor_data r
                WHERE r.sensor_id = s.sensor_id AND r."timestamp" <= d."timestamp"
                ORDER BY r."timestamp" DESC LIMIT 1) r
        ),
        expected AS (
            SELECT scada_id, array_agg(DISTINCT sensor_type || CASE
                WHEN is_above_critical THEN '-HIHI' WHEN is_above_warning THEN '-HIGH'
                WHEN is_below_critical THEN '-LOLO' ELSE '-LOW' END) AS codes
            FROM latest WHERE status <> 'normal' GROUP BY scada_id
        )
        SELECT d.scada_id, d.warning_codes, e.codes
        FROM operations.scada_machine_data d LEFT JOIN expected e USING (scada_id)
        """).fetchall()
    quantity = {"TEMP": "temperature", "PRES": "pressure", "VIB": "vibration", "CURR": "current",
                "VOLT": "voltage", "SPEED": "speed", "TORQ": "torque", "FLOW": "flow"}
    plc_only = {"W-TEMP-HIGH", "W-TEMP-HIHI", "W-PRES-LOW", "W-PRES-LOLO"}
    warned = 0
    for scada_id, listed, expected in rows:
        codes = set((listed or "").split(",")) - {""}
        from_sensors = {f"{quantity[c.split('-')[1]]}-{c.split('-')[2]}" for c in codes}
        expected = set(expected or [])
        # every expected sensor warning is listed; a listed one no sensor explains is a PLC
        # process-value code
        assert expected <= from_sensors, (scada_id, listed, expected)
        unexplained = {c for c in codes
                       if f"{quantity[c.split('-')[1]]}-{c.split('-')[2]}" not in expected}
        assert unexplained <= plc_only, (scada_id, listed, expected)
        warned += bool(expected)
    assert warned > 0


def test_degradation_warns_ahead_and_status_is_no_label(built, conn):
    # status is the thresholds' verdict, never the fault: no 'fault' status
    assert {s for (s,) in conn.execute("SELECT DISTINCT status FROM operations.sensor_data")} \
        <= {"normal", "warning", "critical"}
    # contributing sensors warn far more often between a fault's P point and the fault
    # than at other times
    shares = conn.execute(
        """
        WITH precursor AS (
            SELECT DISTINCT d.sensor_data_id
            FROM raw_operations.machine_faults f
            CROSS JOIN unnest(string_to_array(f.contributing_sensors, ',')) AS c (sensor_id)
            JOIN operations.sensor_data d ON d.sensor_id = c.sensor_id
             AND d."timestamp" >= f.degradation_start AND d."timestamp" < f.fault_start_time
        )
        SELECT p.sensor_data_id IS NOT NULL, avg((d.status <> 'normal')::int), count(*)
        FROM operations.sensor_data d LEFT JOIN precursor p USING (sensor_data_id)
        GROUP BY 1
        """).fetchall()
    by_window = {inside: (float(share), n) for inside, share, n in shares}
    assert by_window[True][1] > 0
    assert by_window[True][0] > 10 * by_window[False][0], by_window


def test_stopped_machines_read_like_stopped_machines(built, conn):
    positions = dict(conn.execute(
        """
        SELECT c.machine_state, avg((d.measurement_value - s.normal_operating_min)
                                    / (s.normal_operating_max - s.normal_operating_min))
        FROM operations.sensor_data d
        JOIN master.sensors s USING (sensor_id)
        JOIN operations.scada_machine_data c ON c.machine_id = d.machine_id
         AND c."timestamp" = date_bin('15 minutes', d."timestamp", TIMESTAMP '2026-11-08')
        WHERE s.sensor_type IN ('current', 'speed') GROUP BY 1
        """).fetchall())
    # no current or speed at standstill, well inside the band while producing
    assert positions["stopped"] < 0 < 0.3 < positions["running"], positions


def test_shifts_and_weekends_drive_production(built, conn):
    by_shift = dict(conn.execute(
        """
        SELECT s.shift_type, avg((d.machine_state = 'stopped')::int)
        FROM operations.scada_machine_data d JOIN master.shifts s USING (shift_id) GROUP BY 1
        """
    ).fetchall())
    # regular (weekday) shifts are all staffed (a machine stops only in a power failure),
    # weekend shifts partly
    assert by_shift["regular"] < 0.02 and by_shift["weekend"] > 0.1, by_shift
    unplaced = conn.execute(
        "SELECT count(*) FROM operations.production_runs WHERE shift_id IS NULL").fetchone()[0]
    assert unplaced == 0


def test_sensor_health_aggregates_readings_and_diagnostics(built, conn):
    rows = conn.execute(
        """
        SELECT h.sensor_id, h.packet_loss_percentage, count(d.*), h.battery_percentage,
               h.average_latency_ms, s.data_protocol
        FROM operations.sensor_health h
        JOIN master.sensors s USING (sensor_id)
        JOIN operations.sensor_data d ON d.sensor_id = h.sensor_id
         AND d."timestamp" >= h."timestamp" AND d."timestamp" < h."timestamp" + interval '12 hours'
        GROUP BY 1, 2, h."timestamp", 4, 5, 6
        """
    ).fetchall()
    assert len(rows) == conn.execute("SELECT count(*) FROM operations.sensor_health").fetchone()[0]
    for _, loss, n, battery, latency, protocol in rows:
        # 12 hours of bursts of 4 readings every 30 minutes
        assert abs(float(loss) - max(0.0, 100 * (1 - n / 96))) <= 0.006
        assert latency is None or (battery is not None) == (protocol == "MQTT")
    assert sum(latency is not None for *_, latency, _ in rows) > 0.8 * len(rows)
    assert len({loss for _, loss, *_ in rows}) > 4
    assert conn.execute("SELECT max(noise_level) FROM operations.sensor_health").fetchone()[0] < 100


def test_bad_pattern_mix_is_one_clear_error(genims, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("manufacturing:\n  fault_pattern_mix: {gearbox_failure: 1}\n")
    result = genims.run("plan", "--config", str(config))
    assert result.returncode != 0
    assert "manufacturing.fault_pattern_mix.gearbox_failure: unknown fault pattern" in result.stderr


# ----------------------------------------------------------------- these modify the database


@pytest.fixture(scope="module")
def scenario_build(genims):
    """Operations built in the scenario database: the incremental tests append to its raw
    streams and reload it."""
    return genims.build("tiny", 42, "--domains", "operations")


def _append_raw_rows(db) -> tuple[int, int]:
    """New readings and SCADA samples after the last ones, as a live stream would append
    them: 20 s apart so the first new readings' 1-minute windows reach into the old rows."""
    readings = db.execute(
        """
        INSERT INTO raw_operations.sensor_readings
        SELECT (SELECT max(reading_id) FROM raw_operations.sensor_readings)
                   + row_number() OVER (ORDER BY last.sensor_id, k),
               last.sensor_id, last.reading_time + k * interval '20 seconds',
               last.reading_value + k * 0.5, 192
        FROM (SELECT DISTINCT ON (sensor_id) sensor_id, reading_time, reading_value
              FROM raw_operations.sensor_readings
              ORDER BY sensor_id, reading_time DESC) AS last
        CROSS JOIN generate_series(1, 5) AS k
        """
    ).rowcount
    samples = db.execute(
        """
        INSERT INTO raw_operations.scada_samples
        SELECT (SELECT max(sample_id) FROM raw_operations.scada_samples)
                   + row_number() OVER (ORDER BY s.machine_id, k),
               s.machine_id, s.sample_time + k * interval '5 minutes',
               CASE WHEN k = 2 THEN 'fault' ELSE s.machine_state END, s.operation_mode,
               s.fault_code, s.parts_produced_cumulative + k, s.parts_produced_shift + k,
               s.parts_rejected_shift, s.uptime_seconds_shift + 300 * k, s.downtime_seconds_shift,
               s.cycle_time_seconds, s.spindle_speed_rpm, s.feed_rate_mm_min, s.tool_number,
               s.program_number, s.power_kw, s.energy_kwh_cumulative, s.temperature_setpoint_c,
               s.temperature_actual_c, s.pressure_setpoint_bar, s.pressure_actual_bar,
               s.alarm_codes, s.warning_codes, s.quality_code
        FROM (SELECT DISTINCT ON (machine_id) * FROM raw_operations.scada_samples
              ORDER BY machine_id, sample_time DESC) AS s
        CROSS JOIN generate_series(1, 3) AS k
        """
    ).rowcount
    return readings, samples


def _marts(db) -> dict[str, str]:
    sums = table_checksums(db, "operations")
    return {t: sums[t] for t in ("sensor_data", "scada_machine_data")}


def _inserted(stdout: str, model_alias: str) -> int:
    match = re.search(rf"incremental model operations\.{model_alias} .*INSERT 0 (\d+)", stdout)
    assert match, stdout[-3000:]
    return int(match.group(1))


def test_incremental_run_processes_only_new_rows_and_equals_a_full_refresh(scenario_build, genims,
                                                                          db):
    before = {t: db.execute(f"SELECT count(*) FROM operations.{t}").fetchone()[0]
              for t in ("sensor_data", "scada_machine_data")}
    readings, samples = _append_raw_rows(db)
    assert readings > 0 and samples > 0
    run = genims.ok("dbt", "run", "--select", *INCREMENTAL)
    assert _inserted(run.stdout, "sensor_data") == readings
    assert _inserted(run.stdout, "scada_machine_data") == samples
    assert db.execute("SELECT count(*) FROM operations.sensor_data").fetchone()[0] == (
        before["sensor_data"] + readings)
    # the new rows' windows reach back into rows of the previous run
    spanning = db.execute(
        """
        SELECT count(*) FROM operations.sensor_data d
        WHERE d.sensor_data_id > (SELECT max(reading_id) - %s FROM raw_operations.sensor_readings)
          AND d.min_value_1min < d.measurement_value - 0.25
        """, (readings,)).fetchone()[0]
    assert spanning > 0
    incremental = _marts(db)
    genims.ok("dbt", "run", "--select", *INCREMENTAL, "--full-refresh")
    assert _marts(db) == incremental


def test_a_new_load_replaces_the_incremental_marts(scenario_build, genims, db):
    first = _marts(db)
    genims.seed(seed=7)
    genims.ok("dbt", "run", "--select", "+operations__sensor_data", "+operations__scada_machine_data")
    reloaded = _marts(db)
    assert reloaded != first
    for table, raw in (("sensor_data", "sensor_readings"), ("scada_machine_data", "scada_samples")):
        counts = db.execute(
            f"SELECT (SELECT count(*) FROM operations.{table}), "
            f"(SELECT count(*) FROM raw_operations.{raw})").fetchone()
        assert counts[0] == counts[1], table  # no stale rows of the previous load
    genims.ok("dbt", "run", "--select", *INCREMENTAL, "--full-refresh")
    assert _marts(db) == reloaded
