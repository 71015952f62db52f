"""Operations: cardinality from the config (readings per sensor = bursts over the installed
part of the telemetry window, samples per machine, health records per sensor) and shares
against the configured rates (faults without warning, idle-machine faults, false alarms)."""

from __future__ import annotations

import math
from typing import Any

import great_expectations as gx
import numpy as np

from expectations import (
    AssetChecks,
    count_band,
    history,
    rows_violating,
    share_near,
    table,
    z_score,
)
from seeders.engine import history_window

E = gx.expectations
DOMAIN = "operations"
# readings a gateway outage may cost a sensor at most (outages are rare and at most 6 h)
OUTAGE_ALLOWANCE = 0.2
# warning readings of one machine further apart than this start a new warning episode
EPISODE_GAP = "interval '96 hours'"


def _telemetry_days(config: Any) -> int:
    p = config[DOMAIN]
    return min(p["telemetry_days"], p["history_days"])


def _observed_seconds(config: Any, installed: str) -> str:
    """SQL: seconds of the telemetry window during which something installed at `installed`
    (a timestamp expression) could report."""
    start, end = history(config, _telemetry_days(config))
    return f"greatest(0, extract(epoch FROM {end} - greatest({installed}, {start})))"


def _failure_rates(config: Any) -> tuple[str, float]:
    """SQL: per machine, its faults expected per running machine-hour (1 / its configured
    mean time between failures); and the highest such rate of any machine."""
    mes = config["manufacturing"]
    mtbf = " ".join(f"WHEN '{kind}' THEN {hours}" for kind, hours in mes["mtbf_hours"].items())
    factor = " ".join(f"WHEN '{crit}' THEN {f}"
                      for crit, f in mes["mtbf_criticality_factor"].items())
    rate = f"1.0 / (CASE m.machine_type {mtbf} END * CASE m.criticality {factor} END)"
    highest = 1 / (min(mes["mtbf_hours"].values()) * min(mes["mtbf_criticality_factor"].values()))
    return rate, highest


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    sensor_seconds = _observed_seconds(
        config, "greatest(s.created_at, m.installation_date::timestamp)")
    machine_seconds = _observed_seconds(config, "m.installation_date::timestamp")
    loss = p["packet_loss"][1]
    burst = p["readings_per_burst"]
    expected = f"ceil({sensor_seconds} / {p['sensor_sampling_seconds']}) * {burst}"
    # fewest readings: the expected count minus the most packets the highest loss rate
    # drops (its one-sided band, LEVEL split over every sensor the config can have) and
    # the outage allowance
    m = config["master"]
    most_sensors = (m["factories"] * m["lines_per_factory"][1] * m["machines_per_line"][1]
                    * m["sensors_per_machine"][1])
    fewest = (f"floor({expected} * (1 - {loss} - {OUTAGE_ALLOWANCE}) "
              f"- {z_score(2 * most_sensors):.4f} * sqrt({expected} * {loss} * (1 - {loss})) "
              f"- {burst} - 4)")
    samples = f"ceil({machine_seconds} / {p['scada_sampling_seconds']})"
    start, end = history_window(config.as_of, _telemetry_days(config))
    _, end_sql = history(config, _telemetry_days(config))
    health_buckets = math.ceil((end - start) / np.timedelta64(p["sensor_health_interval_hours"], "h"))
    false_share = p["false_alarm_share"]
    rate, highest = _failure_rates(config)
    # a machine running non-stop at the highest configured failure rate
    positives = 1 - math.exp(-24 * highest)
    return [
        table(
            DOMAIN, "operations.sensor_data",
            rows_violating(
                "a reading's machine, line and factory are its sensor's",
                "SELECT r.sensor_data_id FROM {batch} r "
                "JOIN master.sensors s ON s.sensor_id = r.sensor_id "
                "WHERE r.machine_id <> s.machine_id OR r.line_id <> s.line_id "
                "OR r.factory_id <> s.factory_id",
            ),
            rows_violating(
                f"readings per sensor = {burst} per burst every {p['sensor_sampling_seconds']} s "
                f"over the installed part of the {_telemetry_days(config)}-day telemetry, less at "
                f"most {loss:.0%} packet loss and gateway outages",
                f"SELECT s.sensor_id, count(r.sensor_id) AS n, {expected} AS expected "
                "FROM master.sensors s JOIN master.machines m ON m.machine_id = s.machine_id "
                "LEFT JOIN {batch} r ON r.sensor_id = s.sensor_id "
                "GROUP BY s.sensor_id, s.created_at, m.installation_date "
                f"HAVING count(r.sensor_id) > {expected} "
                f"OR count(r.sensor_id) < {fewest}",
            ),
            # a warning episode: a machine's warning or critical readings, none further than
            # EPISODE_GAP from the previous; a fault follows it when one starts on the
            # machine between its first warning and EPISODE_GAP after its last. An episode
            # whose last warning is less than EPISODE_GAP before the as-of instant is not
            # judged: its fault may still come (right-censored).
            share_near(
                "share of warning episodes no fault follows (false alarms)",
                "WITH warnings AS (SELECT machine_id, \"timestamp\" AS t, "
                f"coalesce(\"timestamp\" - lag(\"timestamp\") OVER w > {EPISODE_GAP}, true) "
                "AS starts FROM {batch} WHERE status <> 'normal' "
                "WINDOW w AS (PARTITION BY machine_id ORDER BY \"timestamp\")), "
                "numbered AS (SELECT machine_id, t, count(*) FILTER (WHERE starts) OVER "
                "(PARTITION BY machine_id ORDER BY t) AS episode FROM warnings), "
                "episodes AS (SELECT machine_id, episode, min(t) AS first_warning, "
                "max(t) AS last_warning FROM numbered GROUP BY machine_id, episode), "
                "judged AS (SELECT e.machine_id, e.episode, count(f.fault_id) > 0 AS followed "
                "FROM episodes e LEFT JOIN operations.machine_faults f "
                "ON f.machine_id = e.machine_id AND f.fault_start_time >= e.first_warning "
                f"AND f.fault_start_time < e.last_warning + {EPISODE_GAP} "
                f"WHERE e.last_warning + {EPISODE_GAP} <= {end_sql} "
                "GROUP BY e.machine_id, e.episode) "
                "SELECT count(*) FILTER (WHERE NOT followed) AS hits, count(*) AS n FROM judged",
                false_share, "warning episodes over before the as-of instant", slack=0.1,
            ),
        ),
        table(
            DOMAIN, "operations.scada_machine_data",
            rows_violating(
                f"SCADA samples per machine = installed part of the telemetry"
                f" / {p['scada_sampling_seconds']} s",
                f"SELECT m.machine_id, count(d.machine_id) AS n FROM master.machines m "
                "LEFT JOIN {batch} d ON d.machine_id = m.machine_id "
                f"GROUP BY m.machine_id, m.installation_date HAVING count(d.machine_id) <> {samples}",
            ),
            rows_violating(
                "oee = availability x performance x quality",
                "SELECT scada_id FROM {batch} WHERE abs(oee_percentage - availability_percentage"
                " * performance_percentage * quality_percentage / 10000) > 0.006",
            ),
        ),
        table(
            DOMAIN, "operations.machine_faults",
            # a machine's failure clock runs at its share of the line's pace while it runs
            # (ERP routings: 0.5 to 1), so its exposure lies between half and all of the
            # hours SCADA shows it running
            rows_violating(
                "breakdowns (faults that are MES breakdowns) in the telemetry per running "
                "machine-hour within the configured mean times between failures: between half "
                "and all of the running hours' expected count (within the Poisson band: "
                f"{z_score():.1f} standard deviations and 4)",
                f"WITH exposure AS (SELECT sum((d.machine_state = 'running')::int * "
                f"{p['scada_sampling_seconds']} / 3600.0 * {rate}) AS expected "
                "FROM operations.scada_machine_data d JOIN master.machines m "
                "ON m.machine_id = d.machine_id), "
                "observed AS (SELECT count(*) AS faults FROM {batch} b "
                "JOIN raw_operations.machine_faults f ON f.fault_id = b.fault_id "
                "WHERE f.downtime_id IS NOT NULL AND b.fault_start_time >= "
                "(SELECT min(\"timestamp\") FROM operations.scada_machine_data)) "
                "SELECT o.faults, e.expected FROM exposure e CROSS JOIN observed o "
                f"WHERE o.faults < e.expected / 2 - {count_band('e.expected / 2')} "
                f"OR o.faults > e.expected + {count_band('e.expected')}",
            ),
            rows_violating(
                f"a fault starts within 24 h for at most {positives:.1%} of the machine-time "
                "SCADA covers (positive examples are a minority: a machine running non-stop at "
                "the highest configured failure rate)",
                "WITH events AS (SELECT machine_id, \"timestamp\" AS at_time, true AS is_sample "
                "FROM operations.scada_machine_data UNION ALL SELECT machine_id, "
                "fault_start_time, false FROM {batch}), "
                # the next fault as a running minimum from the machine's last event backwards:
                # a frame that starts at the partition's head grows by one row per row (linear);
                # at one instant a fault sorts after the sample, so it is not that sample's next
                "ahead AS (SELECT is_sample, at_time, min(CASE WHEN NOT is_sample THEN at_time "
                "END) OVER (PARTITION BY machine_id ORDER BY at_time DESC, is_sample DESC ROWS "
                "BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS next_fault FROM events) "
                "SELECT avg(coalesce(next_fault < at_time + interval '24 hours', false)::int) AS share "
                f"FROM ahead WHERE is_sample HAVING avg(coalesce(next_fault < at_time + interval "
                f"'24 hours', false)::int) > {positives}",
            ),
            share_near(
                "share of faults without a degradation signature (sudden failures)",
                "SELECT count(*) FILTER (WHERE f.degradation_start = f.fault_start_time) AS hits, "
                "count(*) AS n FROM {batch} m JOIN raw_operations.machine_faults f "
                "ON f.fault_id = m.fault_id",
                p["little_warning_share"], "faults",
            ),
            share_near(
                "faults on idle machines (no MES breakdown, nothing lost) per MES breakdown",
                "SELECT count(*) FILTER (WHERE f.downtime_id IS NULL) AS hits, "
                "count(*) FILTER (WHERE f.downtime_id IS NOT NULL) AS n "
                "FROM {batch} m JOIN raw_operations.machine_faults f ON f.fault_id = m.fault_id",
                p["idle_fault_share"], "MES breakdowns",
            ),
        ),
        table(
            DOMAIN, "operations.sensor_health",
            rows_violating(
                f"at most {health_buckets} health records per sensor "
                f"({p['sensor_health_interval_hours']} h intervals over the telemetry)",
                "SELECT sensor_id, count(*) AS n FROM {batch} GROUP BY sensor_id "
                f"HAVING count(*) > {health_buckets}",
            ),
        ),
        table(
            DOMAIN, "operations.production_runs",
            rows_violating(
                "a run's product is qualified on its line",
                "SELECT r.run_id FROM {batch} r LEFT JOIN master.line_product_mapping l "
                "ON l.line_id = r.line_id AND l.product_id = r.product_id "
                "WHERE l.line_id IS NULL",
            ),
            rows_violating(
                "every MES work order that has started runs on its line",
                "SELECT w.work_order_id FROM manufacturing.work_orders w "
                "LEFT JOIN {batch} r ON r.work_order_number = w.work_order_id "
                "WHERE w.actual_start_time IS NOT NULL AND r.run_id IS NULL",
            ),
        ),
        table(
            DOMAIN, "operations.maintenance_events",
            rows_violating(
                "one corrective (or breakdown) event per fault",
                "SELECT f.fault_id, count(e.maintenance_id) AS n FROM operations.machine_faults f "
                "LEFT JOIN {batch} e ON e.related_fault_id = f.fault_id "
                "AND e.maintenance_type IN ('corrective', 'breakdown') "
                "GROUP BY f.fault_id HAVING count(e.maintenance_id) <> 1",
            ),
            rows_violating(
                "one maintenance event per MES maintenance window",
                "SELECT w.maintenance_window_id, count(b.maintenance_id) AS n "
                "FROM raw_manufacturing.maintenance_windows w "
                "LEFT JOIN raw_operations.maintenance_events e "
                "ON e.maintenance_window_id = w.maintenance_window_id "
                "LEFT JOIN {batch} b ON b.maintenance_id = e.maintenance_id "
                "GROUP BY w.maintenance_window_id HAVING count(b.maintenance_id) <> 1",
            ),
        ),
    ]
