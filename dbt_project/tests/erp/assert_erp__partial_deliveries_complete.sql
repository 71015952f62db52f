-- A line delivered in part is completed: what scrap left short on a make-to-order line
-- ships from stock within two weeks of the first delivery.
with per_line as (
    select
        lines.sales_order_line_id,
        lines.order_quantity,
        lines.delivered_quantity,
        min(deliveries.delivered_at) as first_delivery
    from {{ ref('erp__sales_order_lines') }} as lines
    inner join {{ ref('int_erp__deliveries') }} as deliveries
        on lines.sales_order_line_id = deliveries.sales_order_line_id
    group by lines.sales_order_line_id, lines.order_quantity, lines.delivered_quantity
)

select per_line.*
from per_line
cross join {{ ref('int_genims_meta__run_context') }} as run_context
where
    per_line.delivered_quantity < per_line.order_quantity
    and per_line.first_delivery < run_context.as_of - interval '14 days'
