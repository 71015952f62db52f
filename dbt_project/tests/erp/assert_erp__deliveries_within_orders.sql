-- Deliveries never exceed what was ordered; what a make-to-order line ships from its
-- production order never exceeds that order's good quantity (the rest comes from stock).
select
    lines.sales_order_line_id,
    lines.order_quantity,
    lines.delivered_quantity,
    null as from_production,
    null as produced_good
from {{ ref('erp__sales_order_lines') }} as lines
where lines.delivered_quantity > lines.order_quantity
union all
select
    deliveries.sales_order_line_id,
    null as order_quantity,
    null as delivered_quantity,
    deliveries.delivered_quantity as from_production,
    orders.delivered_quantity as produced_good
from {{ ref('int_erp__deliveries') }} as deliveries
inner join {{ ref('erp__production_orders') }} as orders
    on deliveries.production_order_id = orders.production_order_id
where deliveries.delivered_quantity > orders.delivered_quantity
