"""ERP: cardinality from the config, the links ERP has to MES that no dbt relationship test
covers, and the inventory and ordering rules."""

from __future__ import annotations

from typing import Any

import great_expectations as gx

from expectations import (
    AssetChecks,
    count_between,
    count_per_day,
    no_orphans,
    rows_violating,
    table,
)
from seeders.erp import material_type_counts

E = gx.expectations
DOMAIN = "erp"


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    m = config["master"]
    mes = config["manufacturing"]
    days = p["days_of_history"]
    types = material_type_counts(p, m["products"])
    type_rule = " OR ".join(
        f"(material_type = '{t}' AND n <> {n})" for t, n in types.items()
    )
    return [
        table(
            DOMAIN, "erp.materials",
            E.ExpectTableRowCountToEqual(value=m["products"] + sum(types.values())),
            rows_violating(
                "the material-type mix follows erp.material_type_mix",
                "SELECT material_type, n FROM (SELECT material_type, count(*) AS n FROM {batch} "
                f"WHERE material_type <> 'finished_good' GROUP BY material_type) t "
                f"WHERE {type_rule}",
            ),
            rows_violating(
                "exactly one finished good per master product",
                "SELECT p.product_id, count(b.material_id) AS n FROM master.products p "
                "LEFT JOIN {batch} b ON b.product_id = p.product_id "
                "AND b.material_type = 'finished_good' GROUP BY p.product_id "
                "HAVING count(b.material_id) <> 1",
            ),
            rows_violating(
                "a finished good's standard cost covers its BOM's component costs",
                "SELECT f.material_id, f.standard_cost, sum(c.component_quantity "
                "* m.standard_cost) AS components FROM {batch} f "
                "JOIN erp.bill_of_materials b ON b.parent_material_id = f.material_id "
                "JOIN erp.bom_components c ON c.bom_id = b.bom_id "
                "JOIN erp.materials m ON m.material_id = c.material_id "
                "GROUP BY f.material_id, f.standard_cost "
                "HAVING f.standard_cost < sum(c.component_quantity * m.standard_cost)",
            ),
        ),
        table(
            DOMAIN, "erp.suppliers",
            E.ExpectTableRowCountToEqual(value=p["suppliers"]),
        ),
        table(
            DOMAIN, "erp.bill_of_materials",
            E.ExpectTableRowCountToEqual(value=m["products"]),
            count_between("components_per_bom", "erp.bom_components", "bom_id",
                          mes["materials_per_order"]),
        ),
        table(
            DOMAIN, "erp.bom_components",
            rows_violating(
                "a component's operation exists on every routing of its product",
                "SELECT c.component_id, r.routing_id FROM {batch} c "
                "JOIN erp.bill_of_materials b ON b.bom_id = c.bom_id "
                "JOIN erp.routing r ON r.material_id = b.parent_material_id "
                "LEFT JOIN erp.routing_operations o ON o.routing_id = r.routing_id "
                "AND o.operation_number = c.operation_number WHERE o.operation_id IS NULL",
            ),
        ),
        table(
            DOMAIN, "erp.work_centers",
            rows_violating(
                "one work center per master machine",
                "SELECT m.machine_id FROM master.machines m "
                "LEFT JOIN {batch} w ON w.machine_id = m.machine_id WHERE w.machine_id IS NULL",
            ),
        ),
        table(
            DOMAIN, "erp.routing",
            count_between("operations_per_routing", "erp.routing_operations", "routing_id",
                          mes["operations_per_order"]),
        ),
        table(
            DOMAIN, "erp.routing_operations",
            rows_violating(
                "an operation's work center is on a line of the routing's plant",
                "SELECT o.operation_id FROM {batch} o "
                "JOIN erp.routing r ON r.routing_id = o.routing_id "
                "JOIN erp.work_centers w ON w.work_center_id = o.work_center_id "
                "WHERE w.plant_id <> r.plant_id",
            ),
        ),
        table(
            DOMAIN, "erp.sales_orders",
            count_per_day("sales_orders_per_day", "order_date", config, days,
                    p["sales_orders_per_day"]),
            count_between("lines_per_sales_order", "erp.sales_order_lines", "sales_order_id",
                          p["lines_per_sales_order"]),
        ),
        table(
            DOMAIN, "erp.sales_order_lines",
            rows_violating(
                "delivered quantity within the ordered quantity",
                "SELECT sales_order_line_id FROM {batch} WHERE delivered_quantity < 0 "
                "OR delivered_quantity > order_quantity",
            ),
        ),
        table(
            DOMAIN, "erp.production_orders",
            no_orphans("work_order_id", "manufacturing.work_orders", "work_order_id",
                       "production_order_id"),
            rows_violating(
                "created <= released <= basic start",
                "SELECT production_order_id FROM {batch} WHERE released_at < created_at "
                "OR released_at > basic_start_date::timestamp",
            ),
            rows_violating(
                "the routing runs in the order's plant and the BOM belongs to its material",
                "SELECT o.production_order_id FROM {batch} o "
                "JOIN erp.routing r ON r.routing_id = o.routing_id "
                "JOIN erp.bill_of_materials b ON b.bom_id = o.bom_id "
                "WHERE r.plant_id <> o.plant_id OR r.material_id <> o.material_id "
                "OR b.parent_material_id <> o.material_id",
            ),
        ),
        table(
            DOMAIN, "erp.purchase_orders",
            count_between("lines_per_purchase_order", "erp.purchase_order_lines",
                          "purchase_order_id", p["lines_per_purchase_order"]),
        ),
        table(
            DOMAIN, "erp.goods_receipts",
            rows_violating(
                "a goods receipt follows its purchase order",
                "SELECT g.goods_receipt_id FROM {batch} g JOIN erp.purchase_orders o "
                "ON o.purchase_order_id = g.purchase_order_id WHERE g.created_at <= o.created_at",
            ),
        ),
        table(
            DOMAIN, "erp.inventory_balances",
            *([] if p["allow_backorders"] else [
                E.ExpectColumnValuesToBeBetween(column="unrestricted_stock", min_value=0)]),
        ),
        table(
            DOMAIN, "erp.inventory_transactions",
            no_orphans("work_order_id", "manufacturing.work_orders", "work_order_id",
                       "transaction_id"),
            rows_violating(
                "issues to production match the MES material transactions",
                "SELECT t.work_order_id, -sum(t.quantity) AS erp, m.mes FROM {batch} t "
                "JOIN (SELECT work_order_id, sum(CASE WHEN transaction_type = 'return' "
                "THEN -quantity ELSE quantity END) AS mes "
                "FROM manufacturing.material_transactions GROUP BY work_order_id) m "
                "ON m.work_order_id = t.work_order_id "
                "WHERE t.movement_type IN ('261', '262') GROUP BY t.work_order_id, m.mes "
                "HAVING abs(-sum(t.quantity) - m.mes) > 0.001",
            ),
        ),
        table(
            DOMAIN, "erp.mrp_runs",
            E.ExpectTableRowCountToEqual(value=m["factories"] * p["mrp_runs_per_plant"]),
        ),
        table(
            DOMAIN, "erp.inspection_plans",
            count_between("characteristics_per_plan", "erp.inspection_characteristics",
                          "inspection_plan_id", p["characteristics_per_plan"]),
        ),
        table(
            DOMAIN, "erp.erp_mes_sync_log",
            rows_violating(
                "every production order is released to MES exactly once",
                "SELECT o.production_order_id, count(s.sync_id) AS n "
                "FROM erp.production_orders o LEFT JOIN {batch} s "
                "ON s.document_id = o.production_order_id AND s.sync_direction = 'ERP_TO_MES' "
                "GROUP BY o.production_order_id HAVING count(s.sync_id) <> 1",
            ),
        ),
        table(
            DOMAIN, "erp.general_ledger",
            rows_violating(
                "debits equal credits",
                "SELECT sum(debit_amount) AS d, sum(credit_amount) AS c FROM {batch} "
                "HAVING coalesce(sum(debit_amount), 0) <> coalesce(sum(credit_amount), 0)",
            ),
        ),
    ]
