"""Manufacturing (MES): cardinality and shares from the config, and the production rules
(produced = good + scrap) across manufacturing, erp and master."""

from __future__ import annotations

from typing import Any

import great_expectations as gx

from expectations import (
    AssetChecks,
    count_band,
    count_between,
    history,
    rows_violating,
    share_near,
    table,
    z_score,
)

E = gx.expectations
DOMAIN = "manufacturing"
M = "manufacturing"


def breakdowns_at_the_configured_rate(p: dict[str, Any]) -> Any:
    """Breakdowns per machine type within the Poisson band (LEVEL split between the types) of
    the count the configured mean times between failures give over the machines' running
    hours (`int_manufacturing__operation_running`): failures happen while machines run, at
    their rate."""
    mtbf = " ".join(f"WHEN '{kind}' THEN {hours}" for kind, hours in p["mtbf_hours"].items())
    factor = " ".join(f"WHEN '{crit}' THEN {f}"
                      for crit, f in p["mtbf_criticality_factor"].items())
    types = len(p["mtbf_hours"])
    return rows_violating(
        "breakdowns per machine type near running hours / configured MTBF (within "
        f"{z_score(types):.1f} standard deviations and 4)",
        "WITH exposure AS (SELECT m.machine_type, sum(r.running_machine_hours "
        f"/ (CASE m.machine_type {mtbf} END * CASE m.criticality {factor} END)) AS expected "
        "FROM intermediate.int_manufacturing__operation_running r JOIN master.machines m "
        "ON m.machine_id = r.machine_id GROUP BY m.machine_type), "
        "observed AS (SELECT m.machine_type, count(*) AS breakdowns FROM {batch} d "
        "JOIN master.machines m ON m.machine_id = d.machine_id "
        "WHERE d.downtime_category = 'breakdown' GROUP BY m.machine_type) "
        "SELECT e.machine_type, coalesce(o.breakdowns, 0) AS breakdowns, e.expected "
        "FROM exposure e LEFT JOIN observed o ON o.machine_type = e.machine_type "
        "WHERE abs(coalesce(o.breakdowns, 0) - e.expected) > "
        f"{count_band('e.expected', types)}",
    )


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    start, as_of = history(config, p["days_of_history"])
    ops_low, ops_high = p["operations_per_order"]
    insp_low, insp_high = p["inspections_per_order"]
    rate = p["inspection_pass_rate"]
    share = p["batch_record_share"]
    return [
        table(
            DOMAIN, f"{M}.work_orders",
            # ERP plans the orders by demand and line capacity (may start after the instant)
            rows_violating(
                f"no work order planned before the {p['days_of_history']}-day history",
                "SELECT work_order_id, planned_start_date FROM {batch} "
                f"WHERE planned_start_date < {start}",
            ),
            rows_violating(
                "every ERP production order has a work order",
                "SELECT po.production_order_id FROM erp.production_orders po "
                "LEFT JOIN {batch} w ON w.erp_order_id = po.production_order_id "
                "WHERE w.work_order_id IS NULL",
            ),
            rows_violating(
                "a work order's line belongs to its factory",
                "SELECT w.work_order_id FROM {batch} w JOIN master.production_lines l "
                "ON l.line_id = w.line_id WHERE l.factory_id <> w.factory_id",
            ),
            rows_violating(
                "produced = good + scrapped; rejected = scrapped + reworked",
                "SELECT work_order_id FROM {batch} "
                "WHERE produced_quantity <> good_quantity + scrapped_quantity "
                "OR rejected_quantity <> scrapped_quantity + rework_quantity",
            ),
            rows_violating(
                "a completed work order produced its planned quantity",
                "SELECT work_order_id FROM {batch} WHERE status IN ('completed', 'closed') "
                "AND produced_quantity <> planned_quantity",
            ),
            rows_violating(
                "started before completed, nothing at or after the as-of instant",
                "SELECT work_order_id FROM {batch} WHERE actual_end_time <= actual_start_time "
                f"OR actual_end_time >= {as_of} OR actual_start_time >= {as_of}",
            ),
            count_between("operations_per_order", f"{M}.work_order_operations", "work_order_id",
                          (ops_low, ops_high)),
            count_between("schedule_entries_per_order", f"{M}.production_schedule",
                          "work_order_id", (1, 1)),
            rows_violating(
                "a completed order issues each component of its BOM once",
                "SELECT w.work_order_id, count(m.transaction_id) AS n, max(b.lines) AS bom "
                "FROM {batch} w JOIN erp.production_orders po ON po.production_order_id = "
                "w.erp_order_id JOIN (SELECT bom_id, count(*) AS lines FROM erp.bom_components "
                "GROUP BY bom_id) b ON b.bom_id = po.bom_id "
                f"LEFT JOIN {M}.material_transactions m ON m.work_order_id = w.work_order_id "
                "AND m.transaction_type = 'issue' WHERE w.status IN ('completed', 'closed') "
                "GROUP BY w.work_order_id HAVING count(m.transaction_id) <> max(b.lines)",
            ),
            rows_violating(
                f"inspections per order at most {insp_high}; a completed order a day before "
                f"the as-of instant has at least {min(insp_low, ops_low)}",
                "SELECT w.work_order_id, count(i.inspection_id) AS n FROM {batch} w "
                f"LEFT JOIN {M}.quality_inspections i ON i.work_order_id = w.work_order_id "
                "GROUP BY w.work_order_id, w.status, w.actual_end_time "
                f"HAVING count(i.inspection_id) > {insp_high} OR (w.status IN ('completed', "
                f"'closed') AND w.actual_end_time < {as_of} - interval '1 day' "
                f"AND count(i.inspection_id) < {min(insp_low, ops_low)})",
            ),
        ),
        table(
            DOMAIN, f"{M}.work_order_operations",
            rows_violating(
                "an operation runs on a machine of its work order's line",
                "SELECT o.operation_id FROM {batch} o JOIN master.machines m "
                f"ON m.machine_id = o.machine_id JOIN {M}.work_orders w "
                "ON w.work_order_id = o.work_order_id WHERE m.line_id <> w.line_id",
            ),
            rows_violating(
                "operations run inside their work order's window",
                f"SELECT o.operation_id FROM {{batch}} o JOIN {M}.work_orders w "
                "ON w.work_order_id = o.work_order_id WHERE o.actual_start_time < "
                "w.actual_start_time OR o.actual_end_time > w.actual_end_time",
            ),
        ),
        table(
            DOMAIN, f"{M}.material_transactions",
            rows_violating(
                "a work order never returns more of a material than it was issued",
                "SELECT work_order_id, material_code FROM {batch} GROUP BY work_order_id, "
                "material_code HAVING sum(CASE WHEN transaction_type = 'issue' THEN quantity "
                "ELSE -quantity END) < 0",
            ),
        ),
        table(
            DOMAIN, f"{M}.quality_inspections",
            rows_violating(
                "inspections happen after their operation ended",
                f"SELECT i.inspection_id FROM {{batch}} i JOIN {M}.work_order_operations o "
                "ON o.operation_id = i.operation_id WHERE o.actual_end_time IS NULL "
                "OR i.inspection_date < o.actual_end_time",
            ),
            share_near(
                "inspection pass rate",
                "SELECT count(*) FILTER (WHERE inspection_result = 'pass') AS hits, count(*) AS n "
                "FROM {batch}",
                rate, "inspections", slack=0.03,
            ),
            rows_violating(
                "defects_found counts the inspection's defects",
                f"SELECT i.inspection_id FROM {{batch}} i LEFT JOIN {M}.defects d "
                "ON d.inspection_id = i.inspection_id GROUP BY i.inspection_id, i.defects_found "
                "HAVING count(d.defect_id) <> i.defects_found",
            ),
        ),
        table(
            DOMAIN, f"{M}.labor_transactions",
            rows_violating(
                "labor is booked on a shift of the employee's factory",
                "SELECT l.labor_transaction_id FROM {batch} l JOIN master.employees e "
                "ON e.employee_id = l.employee_id JOIN master.shifts s ON s.shift_id = l.shift_id "
                "WHERE s.factory_id <> e.factory_id",
            ),
        ),
        table(
            DOMAIN, f"{M}.downtime_events",
            breakdowns_at_the_configured_rate(p),
        ),
        table(
            DOMAIN, f"{M}.changeover_events",
            rows_violating(
                "a product or format change switches products, a material or tool change "
                "keeps the product",
                "SELECT changeover_id FROM {batch} WHERE (from_product_id = to_product_id) "
                "<> (changeover_type IN ('material_change', 'tool_change'))",
            ),
        ),
        table(
            DOMAIN, f"{M}.electronic_batch_records",
            share_near(
                "share of started work orders with a batch record",
                "SELECT count(b.ebr_id) AS hits, count(*) AS n FROM "
                f"{M}.work_orders w LEFT JOIN {{batch}} b ON b.work_order_id = w.work_order_id "
                "WHERE w.actual_start_time IS NOT NULL",
                share, "started work orders",
            ),
        ),
    ]
