-- Start offsets: minutes of setup and machine time (per base quantity) of the operations
-- before this one on the routing; the latest start adds the work center's queue time.
select
    operations.operation_id,
    operations.routing_id,
    operations.operation_number,
    operations.operation_short_text,
    cast(operations.operation_short_text || ' on ' || work_centers.work_center_name as text)
        as operation_description,
    operations.work_center_id,
    operations.control_key,
    operations.setup_time,
    operations.machine_time,
    operations.labor_time,
    cast(operations.base_quantity as decimal(15, 4)) as base_quantity,
    cast('MIN' as varchar(20)) as standard_value_unit,
    operations.activity_type,
    cast(work_centers.hourly_rate as decimal(12, 4)) as price_per_unit,
    cast(coalesce(sum(operations.setup_time + operations.machine_time) over (
        partition by operations.routing_id
        order by operations.operation_number
        rows between unbounded preceding and 1 preceding
    ), 0) as integer) as earliest_start_offset,
    cast(coalesce(sum(operations.setup_time + operations.machine_time) over (
        partition by operations.routing_id
        order by operations.operation_number
        rows between unbounded preceding and 1 preceding
    ), 0) + work_centers.queue_time_days * 24 * 60 as integer) as latest_start_offset,
    operations.created_at
from {{ ref('stg_erp__routing_operations') }} as operations
inner join {{ ref('stg_erp__work_centers') }} as work_centers
    on operations.work_center_id = work_centers.work_center_id
