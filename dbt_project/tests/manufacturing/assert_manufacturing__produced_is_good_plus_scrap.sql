-- A work order's produced quantity is good + scrapped, good is what left its last
-- operation and scrapped/reworked are the sums over its operations.
with operations as (
    select
        work_order_id,
        sum(rejected_quantity) as scrapped,
        max(operation_sequence) as last_sequence
    from {{ ref('manufacturing__work_order_operations') }}
    group by work_order_id
),

last_operations as (
    select
        ops.work_order_id,
        ops.completed_quantity
    from {{ ref('manufacturing__work_order_operations') }} as ops
    inner join operations
        on ops.work_order_id = operations.work_order_id and ops.operation_sequence = operations.last_sequence
)

select
    work_orders.work_order_id,
    work_orders.produced_quantity,
    work_orders.good_quantity,
    work_orders.scrapped_quantity,
    operations.scrapped,
    last_operations.completed_quantity
from {{ ref('manufacturing__work_orders') }} as work_orders
left join operations
    on work_orders.work_order_id = operations.work_order_id
left join last_operations
    on work_orders.work_order_id = last_operations.work_order_id
where
    work_orders.produced_quantity <> work_orders.good_quantity + work_orders.scrapped_quantity
    or work_orders.scrapped_quantity <> coalesce(operations.scrapped, 0)
    or work_orders.good_quantity <> coalesce(last_operations.completed_quantity, 0)
    or work_orders.rejected_quantity <> work_orders.scrapped_quantity + work_orders.rework_quantity
    or (work_orders.status in ('completed', 'closed') and work_orders.produced_quantity <> work_orders.planned_quantity)
