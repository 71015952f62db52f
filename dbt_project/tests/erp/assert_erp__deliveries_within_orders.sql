-- Deliveries never exceed what was ordered, and a make-to-order line never ships more than
-- its production order's good quantity.
select
    lines.sales_order_line_id,
    lines.order_quantity,
    lines.delivered_quantity,
    orders.delivered_quantity as produced_good
from {{ ref('erp__sales_order_lines') }} as lines
left join {{ ref('erp__production_orders') }} as orders
    on lines.production_order_id = orders.production_order_id
where
    lines.delivered_quantity > lines.order_quantity
    or lines.delivered_quantity > orders.delivered_quantity
