"""The operations domain on `tiny`: the six tables, their derivations, fault signatures,
incremental builds that equal a full refresh, and reloads that leave no stale rows."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .catalog import assert_build_populated, assert_marts_match_the_catalog
from .conftest import AS_OF, table_checksums

AS_OF_INSTANT = dt.datetime.fromisoformat(AS_OF)

TABLES = {"scada_machine_data", "sensor_data", "machine_faults", "sensor_health",
          "production_runs", "maintenance_events"}
INCREMENTAL = ("operations__sensor_data", "operations__scada_machine_data")


def test_build_has_every_operations_table(built, conn):
    assert_build_populated(built, conn, "operations", TABLES)
    assert "suite operations:" in built.stderr


def test_tables_match_the_catalog(built, conn):
    assert_marts_match_the_catalog(conn, "operations", TABLES)


def test_readings_per_sensor_follow_the_sampling_interval(built, conn):
    # tiny: 2 days at one reading a minute, less at most 2% packet loss
    counts = [r[0] for r in conn.execute(
        "SELECT count(*) FROM operations.sensor_data GROUP BY sensor_id")]
    sensors = conn.execute("SELECT count(*) FROM master.sensors").fetchone()[0]
    assert len(counts) == sensors
    assert all(2 * 1440 * 0.95 <= n <= 2 * 1440 for n in counts), (min(counts), max(counts))


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
    assert multi > 100  # the window really spans several readings


def test_oee_is_the_product_of_its_components(built, conn):
    rows = conn.execute(
        """
        SELECT availability_percentage, performance_percentage, quality_percentage,
               oee_percentage, uptime_seconds_shift, downtime_seconds_shift
        FROM operations.scada_machine_data WHERE oee_percentage IS NOT NULL
        """
    ).fetchall()
    assert len(rows) > 1000
    for a, p, q, oee, up, down in rows:
        assert abs(float(oee) - float(a) * float(p) * float(q) / 10000) <= 0.006
        assert abs(float(a) - 100 * up / (up + down)) <= 0.006


def test_faults_show_in_readings_scada_and_maintenance(built, conn):
    faults = conn.execute(
        "SELECT fault_id, machine_id, fault_start_time, fault_end_time, root_cause_category, "
        "maintenance_ticket_id FROM operations.machine_faults"
    ).fetchall()
    assert len({f[4] for f in faults}) >= 4  # several of the ten patterns on tiny
    for fault_id, machine, start, end, _, ticket in faults:
        end = end or AS_OF_INSTANT  # a repair still under way at the as-of instant
        states = conn.execute(
            "SELECT count(*) FILTER (WHERE machine_state = 'fault'), count(*) "
            "FROM operations.scada_machine_data "
            'WHERE machine_id = %s AND "timestamp" >= %s AND "timestamp" < %s',
            (machine, start, end),
        ).fetchone()
        assert states[0] == states[1] > 0, fault_id
        event = conn.execute(
            "SELECT maintenance_type, related_fault_id FROM operations.maintenance_events "
            "WHERE maintenance_id = %s", (ticket,)).fetchone()
        assert event[0] in ("corrective", "breakdown") and event[1] == fault_id
    # signatures: over each window the affected sensor's mean leaves its baseline in the
    # pattern's direction (the dbt singular test checks every one; this checks it apart)
    shifted = conn.execute(
        """
        WITH w AS (
            SELECT f.fault_id, c.sensor_id, p.signature, s.sensor_type,
                   avg(d.measurement_value) AS mean_in_window
            FROM raw_operations.machine_faults f
            JOIN raw_operations.fault_patterns p USING (root_cause_category)
            CROSS JOIN unnest(string_to_array(f.contributing_sensors, ',')) AS c (sensor_id)
            JOIN master.sensors s ON s.sensor_id = c.sensor_id
            JOIN operations.sensor_data d ON d.sensor_id = c.sensor_id
             AND d."timestamp" >= f.degradation_start
             AND d."timestamp" < coalesce(f.fault_end_time, 'infinity')
            GROUP BY 1, 2, 3, 4
        ), b AS (
            SELECT sensor_id, avg(measurement_value) AS baseline
            FROM operations.sensor_data d
            WHERE NOT EXISTS (SELECT 1 FROM raw_operations.machine_faults f
                              WHERE f.machine_id = d.machine_id
                                AND d."timestamp" >= f.degradation_start
                                AND d."timestamp" < coalesce(f.fault_end_time, 'infinity'))
            GROUP BY 1
        )
        SELECT w.fault_id, w.signature LIKE '%%' || w.sensor_type || ':-%%' AS falls,
               w.mean_in_window, b.baseline
        FROM w JOIN b USING (sensor_id)
        """
    ).fetchall()
    assert len(shifted) >= 5
    for fault_id, falls, mean_in_window, baseline in shifted:
        assert (mean_in_window < baseline) if falls else (mean_in_window > baseline), fault_id


def test_shifts_and_weekends_drive_production(built, conn):
    by_day = dict(conn.execute(
        """
        SELECT extract(isodow FROM "timestamp") >= 6,
               avg((machine_state = 'stopped')::int)
        FROM operations.scada_machine_data GROUP BY 1
        """
    ).fetchall())
    # tiny's history is Friday and Saturday: weekday shifts all run, weekend shifts partly
    assert by_day[False] == 0 and by_day[True] > 0.1
    unplaced = conn.execute(
        "SELECT count(*) FROM operations.production_runs WHERE shift_id IS NULL").fetchone()[0]
    assert unplaced == 0


def test_sensor_health_aggregates_readings(built, conn):
    rows = conn.execute(
        """
        SELECT h.sensor_id, h."timestamp", h.packet_loss_percentage, count(d.*)
        FROM operations.sensor_health h
        JOIN operations.sensor_data d ON d.sensor_id = h.sensor_id
         AND d."timestamp" >= h."timestamp" AND d."timestamp" < h."timestamp" + interval '6 hours'
        GROUP BY 1, 2, 3
        """
    ).fetchall()
    assert len(rows) == conn.execute("SELECT count(*) FROM operations.sensor_health").fetchone()[0]
    for _, _, loss, n in rows:
        assert abs(float(loss) - max(0.0, 100 * (1 - n / 360))) <= 0.006


def test_bad_pattern_mix_is_one_clear_error(genims, tmp_path):
    config = tmp_path / "bad.yaml"
    config.write_text("operations:\n  fault_pattern_mix: {gearbox_failure: 1}\n")
    result = genims.run("plan", "--config", str(config))
    assert result.returncode != 0
    assert "operations.fault_pattern_mix.gearbox_failure: unknown fault pattern" in result.stderr


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
