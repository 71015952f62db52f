-- Every production order has exactly one MES work order (with the production order's
-- work_order_id) and every work order exactly one production order.
with orders as (
    select
        production_order_id,
        work_order_id
    from {{ ref('erp__production_orders') }}
),

work_orders as (
    select
        work_order_id,
        erp_order_id
    from {{ ref('manufacturing__work_orders') }}
),

per_order as (
    select
        orders.production_order_id,
        count(work_orders.work_order_id) as work_orders
    from orders
    left join work_orders
        on orders.production_order_id = work_orders.erp_order_id
    group by orders.production_order_id
),

per_work_order as (
    select
        work_orders.work_order_id,
        count(orders.production_order_id) as production_orders
    from work_orders
    left join orders
        on
            work_orders.erp_order_id = orders.production_order_id
            and work_orders.work_order_id = orders.work_order_id
    group by work_orders.work_order_id
)

select
    'production order without exactly one work order' as problem,
    production_order_id as document_id
from per_order
where work_orders <> 1
union all
select
    'work order without exactly one production order' as problem,
    work_order_id as document_id
from per_work_order
where production_orders <> 1
