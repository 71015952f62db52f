-- Operations and MES describe one factory floor: every production run is the execution of
-- an MES work order on that order's line, with its product, start and end, and its units
-- agree with the order's (produced, rejected, scrapped).
select
    runs.run_id,
    runs.work_order_number
from {{ ref('operations__production_runs') }} as runs
left join {{ ref('manufacturing__work_orders') }} as work_orders
    on runs.work_order_number = work_orders.work_order_id
where
    work_orders.work_order_id is null
    or runs.line_id <> work_orders.line_id
    or runs.product_id <> work_orders.product_id
    or runs.run_start_time <> work_orders.actual_start_time
    or runs.run_end_time is distinct from work_orders.actual_end_time
    or runs.actual_quantity <> work_orders.produced_quantity
    or runs.rejected_quantity <> work_orders.rejected_quantity
    or runs.scrapped_quantity <> work_orders.scrapped_quantity
