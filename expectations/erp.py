"""ERP: cardinality from the config, the links ERP has to MES that no dbt relationship test
covers, and the rules whose bounds come from the config: orders on business days, the
make-to-order share, gross margins within the families' bands, below-cost deals at the
configured rate, rejected receipts, supplier punctuality, shortages."""

from __future__ import annotations

from typing import Any

import great_expectations as gx

from expectations import (
    AssetChecks,
    count_between,
    history,
    no_orphans,
    rows_violating,
    share_at_most,
    share_between,
    table,
)
from seeders.engineering import material_type_counts

E = gx.expectations
DOMAIN = "erp"
SHORT_PO_SHARE = 0.1  # purchase orders that go out short of the configured lines
WEEKEND = "extract(isodow FROM {}) >= 6"  # ISO days 6 and 7: Saturday and Sunday


def orders_on_business_days(config: Any, bounds: tuple[int, int], share: float) -> list[Any]:
    """Sales orders per business day within `bounds` (the as-of day, when the instant is past
    its midnight, only at most the maximum); weekend days have at most a business day's
    maximum each, and in all at most the weekend share of that maximum (within the band)."""
    low, high = bounds
    start, end = history(config, config[DOMAIN]["days_of_history"])
    last = f"CAST({end} - interval '1 second' AS date)"
    per_day = (f"SELECT d.day, count(o.sales_order_id) AS n FROM generate_series(CAST({start} "
               f"AS date), {last}, interval '1 day') AS d(day) LEFT JOIN {{batch}} o "
               "ON o.order_date = d.day::date GROUP BY d.day")
    weekend = WEEKEND.format("day")
    return [
        rows_violating(
            f"sales orders per business day between {low} and {high}, per weekend day at "
            f"most {high}",
            f"SELECT day, n FROM ({per_day}) t WHERE CASE WHEN {weekend} THEN n > {high} "
            f"WHEN day::date = {last} AND {end} > CAST({end} AS date) THEN n > {high} "
            f"ELSE n NOT BETWEEN {low} AND {high} END",
        ),
        # a weekend day takes each of at most `high` orders with probability `share`: its
        # orders are at most a binomial of `high` trials per weekend day
        share_at_most(
            "share of weekend orders (of the weekend days' maximum)",
            f"SELECT coalesce(sum(n) FILTER (WHERE {weekend}), 0) AS hits, "
            f"count(*) FILTER (WHERE {weekend}) * {high} AS n FROM ({per_day}) t",
            share, "weekend order slots"),
    ]


def _margin_bounds(config: Any) -> dict[str, tuple[float, float]]:
    """Gross margin per product family: its configured band, stretched by the customer price
    band and discounts of up to 2 %."""
    m = config["master"]
    band_low, band_high = m["customer_price_band"]
    return {family: (1 - (1 - low) / ((1 + band_low) * 0.98), 1 - (1 - high) / (1 + band_high))
            for family, (low, high) in m["gross_margin_by_family"].items()}


def margins_in_band(config: Any) -> list[Any]:
    """Gross margin per product family within its band, on the lines not priced below cost
    on purpose."""
    cases = " ".join(f"WHEN '{f}' THEN m.margin NOT BETWEEN {lo:.4f} AND {hi:.4f}"
                     for f, (lo, hi) in _margin_bounds(config).items())
    return [
        rows_violating(
            "gross margin per product family within its configured band",
            "SELECT m.product_family, m.margin FROM (SELECT mat.product_family, 1 - "
            "sum(l.order_quantity * mat.standard_cost) / sum(l.net_price * o.exchange_rate) "
            "AS margin FROM {batch} l JOIN staging.stg_erp__sales_orders o "
            "ON o.sales_order_id = l.sales_order_id JOIN erp.materials mat "
            "ON mat.material_id = l.material_id WHERE l.net_price * o.exchange_rate >= "
            "l.order_quantity * mat.standard_cost GROUP BY mat.product_family) m "
            f"WHERE CASE m.product_family {cases} ELSE true END",
        ),
    ]


def ledger_margin_in_band(config: Any) -> Any:
    """The ledger's gross margin over the history within the widest of the families' bands."""
    bounds = _margin_bounds(config).values()
    lowest, highest = min(lo for lo, _ in bounds), max(hi for _, hi in bounds)
    return rows_violating(
        f"the ledger's gross margin between {lowest:.3f} and {highest:.3f}",
        "SELECT revenue, cost FROM (SELECT sum(credit_amount) FILTER (WHERE gl_account = "
        "'400000') AS revenue, sum(debit_amount) FILTER (WHERE gl_account = '600000') AS "
        "cost FROM {batch}) g WHERE revenue IS NULL OR cost IS NULL OR "
        f"1 - cost / revenue NOT BETWEEN {lowest:.4f} AND {highest:.4f}",
    )


def lines_per_purchase_order(bounds: tuple[int, int]) -> list[Any]:
    """A purchase order bundles a supplier's needs into `bounds` lines; only an order that
    cannot wait for a second need of its supplier (a shortage, or nothing else of the
    supplier with room below its maximum) goes out with fewer: at most SHORT_PO_SHARE."""
    low, high = bounds
    per_order = ("SELECT p.purchase_order_id, count(c.purchase_order_id) AS n FROM {batch} p "
                 "LEFT JOIN erp.purchase_order_lines c ON c.purchase_order_id = "
                 "p.purchase_order_id GROUP BY p.purchase_order_id")
    return [
        rows_violating(f"at most {high} lines per purchase order",
                       f"SELECT purchase_order_id, n FROM ({per_order}) t WHERE n > {high}"),
        rows_violating(
            f"purchase orders with fewer than {low} lines at most {SHORT_PO_SHARE:.0%} of them",
            f"SELECT short, total FROM (SELECT count(*) FILTER (WHERE n < {low}) AS short, "
            f"count(*) AS total FROM ({per_order}) t) s WHERE short > {SHORT_PO_SHARE} * total",
        ),
    ]


def at_most_rate(description: str, rate: float, hits: str, total: str, samples: str,
                 source: str = "{batch}") -> Any:
    """The share `hits` / `total` (SQL aggregates over `source`) at most `rate`, within the
    one-sided band of a correct build (`expectations.share_at_most`)."""
    return share_at_most(description, f"SELECT {hits} AS hits, {total} AS n FROM {source}",
                         rate, samples)


def checks(config: Any) -> list[AssetChecks]:
    p = config[DOMAIN]
    m = config["master"]
    mes = config["manufacturing"]
    types = material_type_counts(p, m["products"])
    mto_low, mto_high = p["make_to_order_share"]
    on_time = p["supplier_on_time_rate"][0]
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
                "every purchased material but consumables is on a BOM",
                "SELECT mat.material_id FROM {batch} mat LEFT JOIN erp.bom_components c "
                "ON c.material_id = mat.material_id WHERE mat.material_type IN "
                "('raw_material', 'component', 'packaging') AND c.component_id IS NULL",
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
            rows_violating(
                "a BOM's component pieces add up to its product's number of components",
                "SELECT b.bom_id, p.number_of_components, sum(c.component_quantity) AS pieces "
                "FROM {batch} b JOIN master.products p ON p.product_id = b.product_id "
                "JOIN erp.bom_components c ON c.bom_id = b.bom_id JOIN erp.materials mat "
                "ON mat.material_id = c.material_id WHERE mat.material_type = 'component' "
                "GROUP BY b.bom_id, p.number_of_components "
                "HAVING sum(c.component_quantity) <> p.number_of_components",
            ),
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
            *orders_on_business_days(config, p["sales_orders_per_day"],
                                     p["weekend_order_share"]),
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
            # each order draws its lines' make-to-order share within the configured range
            share_between(
                "make-to-order share of the lines",
                "SELECT count(*) FILTER (WHERE make_to_order) AS hits, count(*) AS n FROM {batch}",
                mto_low, mto_high, "sales order lines",
            ),
            *margins_in_band(config),
        ),
        table(
            DOMAIN, "master.customer_product_mapping",
            at_most_rate(
                "share of agreements priced below standard cost", m["below_cost_rate"],
                "count(*) FILTER (WHERE c.unit_price_usd < mat.standard_cost)", "count(*)",
                "agreements", "{batch} c JOIN erp.materials mat ON mat.product_id = c.product_id"),
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
            at_most_rate(
                "production orders waiting for material, at most three times the share of "
                "held-up deliveries plus 5 points,", min(1.0, 3 * p["supply_disruption_rate"] + 0.05),
                "count(*) FILTER (WHERE s.material_available_at IS NOT NULL)", "count(*)",
                "production orders", "{batch} o JOIN staging.stg_erp__production_orders s "
                "ON s.production_order_id = o.production_order_id"),
        ),
        table(
            DOMAIN, "erp.purchase_orders",
            *lines_per_purchase_order(p["lines_per_purchase_order"]),
        ),
        table(
            DOMAIN, "erp.goods_receipts",
            rows_violating(
                "a goods receipt follows its purchase order",
                "SELECT g.goods_receipt_id FROM {batch} g JOIN erp.purchase_orders o "
                "ON o.purchase_order_id = g.purchase_order_id WHERE g.created_at <= o.created_at",
            ),
            rows_violating(
                "goods arrive on business days",
                f"SELECT goods_receipt_id, gr_date FROM {{batch}} WHERE {WEEKEND.format('gr_date')}",
            ),
            at_most_rate(
                "share of inspected receipts rejected", p["inspection_rejection_rate"],
                "count(*) FILTER (WHERE quality_status = 'blocked')",
                "count(*) FILTER (WHERE inspection_lot IS NOT NULL)", "inspected receipts"),
            # each supplier delivers on time at its own rate, drawn within the configured
            # range; held-up deliveries and the like cost up to 15 points more
            share_between(
                "share of received purchase order lines first received on time",
                "SELECT count(*) FILTER (WHERE first_received::date <= delivery_date) AS hits, "
                "count(*) AS n FROM (SELECT l.po_line_id, l.delivery_date, "
                "min(g.created_at) AS first_received FROM {batch} g JOIN "
                "erp.purchase_order_lines l ON l.po_line_id = g.po_line_id GROUP BY "
                "l.po_line_id, l.delivery_date) r",
                max(0.0, on_time - 0.15), 1.0, "received purchase order lines",
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
            ledger_margin_in_band(config),
        ),
    ]
