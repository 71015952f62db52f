-- Actuals from the MES work order: delivered = good quantity received into stock at
-- completion, scrap, actual dates, status; planned costs at standard cost, actual costs =
-- materials issued (at standard cost) + conversion cost of everything produced.
with issued as (
    select
        production_order_id,
        -sum(quantity * unit_cost) as material_cost
    from {{ ref('int_erp__inventory_movements') }}
    where movement_type in ('261', '262')
    group by production_order_id
),

mrp as (
    -- the weekly MRP run a make-to-stock order follows from: the latest before it was created
    select
        plant_id,
        planning_date,
        {{ padded_id('MRP', 'run_sequence', 5) }} as mrp_run_id
    from {{ ref('int_erp__mrp_runs') }}
),

versions as (
    -- a routing's place among the product's alternatives (its lines)
    select
        routing_id,
        cast(row_number() over (partition by material_id order by routing_id) as integer) as production_version
    from {{ ref('stg_erp__routing') }}
),

last_run as (
    select max(planning_date) as planning_date
    from {{ ref('int_erp__mrp_runs') }}
),

costed as (
    select
        actuals.*,
        mrp.mrp_run_id as mrp_element,
        versions.production_version,
        orders.production_order_number,
        orders.order_type,
        orders.priority,
        orders.created_by,
        orders.released_by,
        materials.standard_cost,
        coalesce(issued.material_cost, 0)
        + (actuals.good_quantity + actuals.scrap_quantity) * coalesce(routing_costs.conversion_cost_per_unit, 0)
            as actual_cost
    from {{ ref('int_erp__production_order_actuals') }} as actuals
    inner join {{ ref('stg_erp__production_orders') }} as orders
        on actuals.production_order_id = orders.production_order_id
    inner join {{ ref('stg_erp__materials') }} as materials
        on actuals.material_id = materials.material_id
    left join issued
        on actuals.production_order_id = issued.production_order_id
    left join {{ ref('int_erp__routing_costs') }} as routing_costs
        on actuals.routing_id = routing_costs.routing_id
    inner join versions
        on actuals.routing_id = versions.routing_id
    cross join last_run
    left join mrp
        on
            actuals.sales_order_id is null
            and actuals.plant_id = mrp.plant_id
            and mrp.planning_date = last_run.planning_date
            - 7 * cast(ceil((last_run.planning_date - cast(actuals.created_at as date)) / 7.0) as integer)
)

select
    production_order_id,
    production_order_number,
    material_id,
    plant_id,
    sales_order_id,
    sales_order_line,
    mrp_element,
    order_type,
    production_version,
    cast(order_quantity as decimal(15, 4)) as order_quantity,
    cast(case when actual_end_time is not null then good_quantity else 0 end as decimal(15, 4))
        as delivered_quantity,
    cast(scrap_quantity as decimal(15, 4)) as scrap_quantity,
    basic_start_date,
    basic_end_date,
    basic_start_date as scheduled_start_date,
    basic_end_date as scheduled_end_date,
    cast(actual_start_time as date) as actual_start_date,
    cast(actual_end_time as date) as actual_finish_date,
    cast(case
        when closed_at is not null then 'closed'
        when actual_end_time is not null and good_quantity > 0 then 'delivered'
        when actual_end_time is not null then 'technically_completed'
        when actual_start_time is not null then 'in_process'
        else 'released'
    end as varchar(30)) as system_status,
    cast(mes_status as varchar(30)) as user_status,
    priority,
    -- make-to-order is planned backwards from the requested date, make-to-stock forwards
    cast(case when sales_order_id is null then 'forward' else 'backward' end as varchar(30)) as scheduling_type,
    bom_id,
    routing_id,
    work_order_id,
    cast(round(order_quantity * standard_cost, 2) as decimal(15, 2)) as planned_costs,
    cast(round(actual_cost, 2) as decimal(15, 2)) as actual_costs,
    cast(
        case when actual_end_time is not null then round(actual_cost - order_quantity * standard_cost, 2) end
        as decimal(15, 2)
    ) as variance_amount,
    cast(case when sales_order_id is null then 'stock' else 'sales_order' end as varchar(50)) as settlement_rule,
    cast(coalesce(sales_order_id, material_id) as varchar(50)) as settlement_receiver,
    created_by,
    created_at,
    coalesce(actual_end_time, actual_start_time, released_at) as updated_at,
    released_by,
    released_at,
    closed_at
from costed
