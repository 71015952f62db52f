-- Every ERP production order is executed as exactly one MES work order with the work order
-- id ERP assigned at release, and every work order executes one production order.
with pairs as (
    select
        production_orders.production_order_id,
        production_orders.work_order_id as assigned_work_order_id,
        work_orders.work_order_id,
        count(*) over (partition by production_orders.production_order_id) as work_orders_per_order,
        count(*) over (partition by work_orders.work_order_id) as orders_per_work_order
    from {{ ref('stg_erp__production_orders') }} as production_orders
    full outer join {{ ref('manufacturing__work_orders') }} as work_orders
        on production_orders.production_order_id = work_orders.erp_order_id
)

select *
from pairs
where
    production_order_id is null
    or work_order_id is null
    or work_order_id <> assigned_work_order_id
    or work_orders_per_order <> 1
    or orders_per_work_order <> 1
