-- Customer deliveries made before the as-of instant (goods issue, movement 601).
-- A make-to-order line ships its production order's good output (up to the line's quantity)
-- on its requested date (10:00), or two hours after the work order completes if that is
-- later (delivery 1); what scrap left short, and every
-- make-to-stock line, ships from the plant's finished-goods stock (delivery 1 of a stock line,
-- delivery 2 of a short make-to-order line) first come, first served: a line ready at R (its
-- requested date, 10:00, or the completion of its order) whose cumulative stock demand D
-- (in order of readiness) is covered once the cumulative stock supply (opening stock,
-- make-to-stock output, make-to-order surplus) reaches D at T ships at max(R, T + 2 hours).
-- So stock never goes negative, and a line waits (is late) while stock is short.
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

lines as (
    select
        sales_order_line_id,
        sales_order_id,
        line_number,
        material_id,
        plant_id,
        order_quantity,
        make_to_order,
        cast(requested_delivery_date as timestamp) + interval '10 hours' as requested_at
    from {{ ref('stg_erp__sales_order_lines') }}
),

made as (
    select
        lines.*,
        actuals.production_order_id,
        actuals.good_quantity,
        actuals.actual_end_time
    from lines
    inner join {{ ref('int_erp__production_order_actuals') }} as actuals
        on
            lines.sales_order_id = actuals.sales_order_id
            and lines.line_number = actuals.sales_order_line
    where lines.make_to_order and actuals.actual_end_time is not null
),

from_production as (
    select
        sales_order_line_id,
        1 as delivery_number,
        production_order_id,
        greatest(actual_end_time + interval '2 hours', requested_at) as delivered_at,
        least(order_quantity, good_quantity) as delivered_quantity
    from made
    where good_quantity > 0
),

stock_demand as (
    select
        sales_order_line_id,
        1 as delivery_number,
        material_id,
        plant_id,
        order_quantity as quantity,
        requested_at as ready_at
    from lines
    where not make_to_order
    union all
    select
        sales_order_line_id,
        2 as delivery_number,
        material_id,
        plant_id,
        order_quantity - good_quantity as quantity,
        greatest(actual_end_time + interval '2 hours', requested_at) as ready_at
    from made
    where good_quantity < order_quantity
),

stock_supply as (
    select
        opening.material_id,
        opening.plant_id,
        opening.quantity,
        opening.posted_at as supplied_at,
        'opening' as source_key
    from {{ ref('stg_erp__opening_stock') }} as opening
    inner join {{ ref('stg_erp__materials') }} as materials
        on opening.material_id = materials.material_id
    where materials.material_type = 'finished_good'
    union all
    select
        material_id,
        plant_id,
        good_quantity as quantity,
        actual_end_time as supplied_at,
        production_order_id as source_key
    from {{ ref('int_erp__production_order_actuals') }}
    where sales_order_id is null and actual_end_time is not null and good_quantity > 0
    union all
    select
        material_id,
        plant_id,
        good_quantity - order_quantity as quantity,
        actual_end_time as supplied_at,
        production_order_id as source_key
    from made
    where good_quantity > order_quantity
),

cumulative as (
    select
        material_id,
        plant_id,
        sum(quantity) over (
            partition by material_id, plant_id order by supplied_at, source_key
            rows between unbounded preceding and current row
        ) as cumulative_quantity,
        0 as is_demand,
        supplied_at,
        cast(null as varchar(50)) as sales_order_line_id,
        cast(null as integer) as delivery_number,
        cast(null as timestamp) as ready_at,
        cast(null as numeric) as quantity
    from stock_supply
    union all
    select
        material_id,
        plant_id,
        sum(quantity) over (
            partition by material_id, plant_id order by ready_at, sales_order_line_id, delivery_number
            rows between unbounded preceding and current row
        ) as cumulative_quantity,
        1 as is_demand,
        null as supplied_at,
        sales_order_line_id,
        delivery_number,
        ready_at,
        quantity
    from stock_demand
),

covered as (
    -- the moment the cumulative supply first reaches a demand's cumulative quantity: the
    -- earliest supply at or above it (supply times rise with the cumulative quantity)
    select
        *,
        min(supplied_at) over (
            partition by material_id, plant_id order by cumulative_quantity desc, is_demand asc
            rows between unbounded preceding and current row
        ) as covered_at
    from cumulative
),

from_stock as (
    select
        sales_order_line_id,
        delivery_number,
        cast(null as varchar(50)) as production_order_id,
        greatest(ready_at, covered_at + interval '2 hours') as delivered_at,
        quantity as delivered_quantity
    from covered
    where is_demand = 1 and covered_at is not null
),

deliveries as (
    select * from from_production
    union all
    select * from from_stock
)

select
    deliveries.sales_order_line_id,
    deliveries.delivery_number,
    lines.sales_order_id,
    lines.line_number,
    lines.material_id,
    lines.plant_id,
    deliveries.production_order_id,
    lines.requested_at,
    deliveries.delivered_at,
    deliveries.delivered_quantity
from deliveries
inner join lines
    on deliveries.sales_order_line_id = lines.sales_order_line_id
cross join run_context
where deliveries.delivered_at < run_context.as_of
