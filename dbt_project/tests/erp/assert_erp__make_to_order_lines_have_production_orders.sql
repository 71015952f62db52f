-- Every make-to-order line entered three days before the as-of instant (a planner creates its
-- order on the next business day) has exactly one production
-- order, for at least its quantity, created after the sales order; no make-to-order line is
-- delivered without one, and no stock line has one.
with orders_per_line as (
    select
        lines.sales_order_line_id,
        lines.make_to_order,
        lines.order_quantity,
        lines.created_at,
        lines.delivered_quantity,
        count(orders.production_order_id) as production_orders,
        min(orders.order_quantity) as produced_for
    from {{ ref('erp__sales_order_lines') }} as lines
    left join {{ ref('erp__production_orders') }} as orders
        on
            lines.sales_order_id = orders.sales_order_id
            and lines.line_number = orders.sales_order_line
    group by
        lines.sales_order_line_id, lines.make_to_order, lines.order_quantity, lines.created_at,
        lines.delivered_quantity
)

select orders_per_line.*
from orders_per_line
cross join {{ ref('int_genims_meta__run_context') }} as run_context
where
    (orders_per_line.make_to_order and orders_per_line.production_orders > 1)
    or (
        orders_per_line.make_to_order and orders_per_line.production_orders = 0
        and (
            orders_per_line.delivered_quantity > 0
            or orders_per_line.created_at < run_context.as_of - interval '3 days'
        )
    )
    or (orders_per_line.make_to_order and orders_per_line.produced_for < orders_per_line.order_quantity)
    or (not orders_per_line.make_to_order and orders_per_line.production_orders > 0)
