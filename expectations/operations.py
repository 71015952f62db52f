"""Operations: cardinality from the config (readings per sensor = history window / sampling
interval within the installation period, samples per machine, runs, faults and maintenance
events within their ranges) and the derived figures."""

from __future__ import annotations

import math
from typing import Any

import great_expectations as gx
import numpy as np

from expectations import AssetChecks, history, rows_violating, table
from seeders.engine import history_window

E = gx.expectations
DOMAIN = "operations"


def _observed_seconds(config: Any, installed: str) -> str:
    """SQL: seconds of the history window during which something installed at `installed`
    (a timestamp expression) could report."""
    start, end = history(config, config[DOMAIN]["history_days"])
    return f"greatest(0, extract(epoch FROM {end} - greatest({installed}, {start})))"


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    sensor_seconds = _observed_seconds(
        config, "greatest(s.created_at, m.installation_date::timestamp)")
    machine_seconds = _observed_seconds(config, "m.installation_date::timestamp")
    history_start, _ = history(config, p["history_days"])
    loss = p["packet_loss"][1]
    expected = f"ceil({sensor_seconds} / {p['sensor_sampling_seconds']})"
    # fewest readings: the expected count minus the most packets the highest loss rate
    # drops (mean + 4 standard deviations of a binomial)
    fewest = (f"floor({expected} * (1 - {loss}) - 4 * sqrt({expected} * {loss} * (1 - {loss}))"
              " - 1)")
    samples = f"ceil({machine_seconds} / {p['scada_sampling_seconds']})"
    runs_low, runs_high = p["runs_per_machine"]
    faults_low, faults_high = p["faults_per_machine"]
    planned_low, planned_high = p["maintenance_events_per_machine"]
    start, end = history_window(config.as_of, p["history_days"])
    health_buckets = math.ceil((end - start) / np.timedelta64(p["sensor_health_interval_hours"], "h"))
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
                f"readings per sensor = installed part of the {p['history_days']}-day history"
                f" / {p['sensor_sampling_seconds']} s, less at most {loss:.0%} packet loss",
                f"SELECT s.sensor_id, count(r.sensor_id) AS n, {expected} AS expected "
                "FROM master.sensors s JOIN master.machines m ON m.machine_id = s.machine_id "
                "LEFT JOIN {batch} r ON r.sensor_id = s.sensor_id "
                "GROUP BY s.sensor_id, s.created_at, m.installation_date "
                f"HAVING count(r.sensor_id) > {expected} "
                f"OR count(r.sensor_id) < {fewest}",
            ),
        ),
        table(
            DOMAIN, "operations.scada_machine_data",
            rows_violating(
                f"SCADA samples per machine = installed part of the history"
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
            rows_violating(
                f"faults per machine between {faults_low} and {faults_high}",
                "SELECT m.machine_id, count(f.machine_id) AS n FROM master.machines m "
                "LEFT JOIN {batch} f ON f.machine_id = m.machine_id "
                f"WHERE m.installation_date < {history_start} "
                f"GROUP BY m.machine_id HAVING count(f.machine_id) NOT BETWEEN {faults_low} "
                f"AND {faults_high}",
            ),
        ),
        table(
            DOMAIN, "operations.sensor_health",
            rows_violating(
                f"at most {health_buckets} health records per sensor "
                f"({p['sensor_health_interval_hours']} h intervals)",
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
                f"runs per line (with a qualified product) between {runs_low} and {runs_high} per "
                "machine of the line",
                "SELECT l.line_id, count(DISTINCT r.run_id) AS n FROM master.production_lines l "
                "LEFT JOIN {batch} r ON r.line_id = l.line_id "
                "WHERE EXISTS (SELECT 1 FROM master.line_product_mapping q "
                "WHERE q.line_id = l.line_id) "
                "GROUP BY l.line_id HAVING count(DISTINCT r.run_id) NOT BETWEEN "
                f"{runs_low} * (SELECT count(*) FROM master.machines m WHERE m.line_id = l.line_id)"
                f" AND {runs_high} * (SELECT count(*) FROM master.machines m "
                "WHERE m.line_id = l.line_id)",
            ),
        ),
        table(
            DOMAIN, "operations.maintenance_events",
            rows_violating(
                f"planned maintenance events per machine between {planned_low} and "
                f"{planned_high}",
                "SELECT m.machine_id, count(e.machine_id) AS n FROM master.machines m "
                "LEFT JOIN {batch} e ON e.machine_id = m.machine_id "
                "AND e.maintenance_type IN ('preventive', 'predictive') "
                f"GROUP BY m.machine_id HAVING count(e.machine_id) NOT BETWEEN {planned_low} "
                f"AND {planned_high}",
            ),
            rows_violating(
                "one corrective (or breakdown) event per fault",
                "SELECT f.fault_id, count(e.maintenance_id) AS n FROM operations.machine_faults f "
                "LEFT JOIN {batch} e ON e.related_fault_id = f.fault_id "
                "AND e.maintenance_type IN ('corrective', 'breakdown') "
                "GROUP BY f.fault_id HAVING count(e.maintenance_id) <> 1",
            ),
        ),
    ]
