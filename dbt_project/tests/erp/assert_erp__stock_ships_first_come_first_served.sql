-- Finished-goods stock ships first come, first served, so a line delivered in part waits for
-- its remainder only behind earlier demand: of a material's stock demand at a plant (stock
-- lines from their requested time, what scrap left short on a make-to-order line from its
-- production's completion), no demand ready later has shipped while one ready earlier waits
-- at the as-of instant. (How long a remainder waits is the plant's stock, not a rule: the
-- make-to-stock supply can lag the demand by weeks.)
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

stock_demand as (
    select
        lines.material_id,
        lines.plant_id,
        -- the order the plant serves its stock demand in: readiness, then line
        to_char(
            case
                when lines.make_to_order
                    then greatest(
                        actuals.actual_end_time + interval '2 hours',
                        lines.requested_delivery_date + interval '10 hours'
                    )
                else lines.requested_delivery_date + interval '10 hours'
            end,
            'YYYY-MM-DD HH24:MI:SS.US'
        ) || ' ' || lines.sales_order_line_id as queue_position,
        lines.delivered_quantity < lines.order_quantity as waiting,
        lines.sales_order_line_id,
        lines.order_quantity,
        lines.delivered_quantity
    from {{ ref('erp__sales_order_lines') }} as lines
    left join {{ ref('int_erp__production_order_actuals') }} as actuals
        on
            lines.sales_order_id = actuals.sales_order_id
            and lines.line_number = actuals.sales_order_line
    where
        not lines.make_to_order
        -- a make-to-order line asks the stock only for what its completed order left short
        or (actuals.actual_end_time is not null and actuals.good_quantity < lines.order_quantity)
),

ready as (
    select stock_demand.*
    from stock_demand
    cross join run_context
    where
        to_timestamp(left(stock_demand.queue_position, 26), 'YYYY-MM-DD HH24:MI:SS.US')::timestamp
        < run_context.as_of
),

per_stock as (
    select
        material_id,
        plant_id,
        min(queue_position) filter (where waiting) as first_waiting,
        max(queue_position) filter (where not waiting) as last_served
    from ready
    group by material_id, plant_id
)

select
    ready.sales_order_line_id as served_line,
    ready.order_quantity,
    ready.delivered_quantity,
    per_stock.first_waiting
from ready
inner join per_stock
    on
        ready.material_id = per_stock.material_id
        and ready.plant_id = per_stock.plant_id
        and not ready.waiting
        and ready.queue_position > per_stock.first_waiting
