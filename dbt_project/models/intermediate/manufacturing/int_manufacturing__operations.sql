-- Each executed operation with its routing standard, work order context and derived
-- durations, efficiency and scrap rate (feeds work_order_operations and the order totals).
with operations as (
    select * from {{ ref('stg_manufacturing__operation_executions') }}
),

orders as (
    select
        executions.work_order_id,
        production_orders.plant_id as factory_id,
        production_orders.line_id,
        production_orders.product_id
    from {{ ref('stg_manufacturing__work_order_executions') }} as executions
    inner join {{ ref('stg_erp__production_orders') }} as production_orders
        on executions.production_order_id = production_orders.production_order_id
)

select
    operations.operation_id,
    operations.work_order_id,
    operations.routing_operation_id,
    operations.operation_sequence,
    orders.factory_id,
    orders.line_id,
    orders.product_id,
    operations.work_center_id,
    work_centers.work_center_code,
    work_centers.hourly_rate as work_center_hourly_rate,
    operations.machine_id,
    routing_operations.operation_short_text as operation_name,
    operations.input_quantity,
    operations.completed_quantity,
    operations.scrap_quantity,
    operations.rework_quantity,
    operations.scheduled_start_time,
    operations.scheduled_end_time,
    operations.actual_start_time,
    operations.actual_end_time,
    operations.actual_setup_minutes,
    operations.status,
    operations.operator_id,
    operations.shift_id,
    operations.safety_note,
    cast(round(routing_operations.setup_time) as integer) as planned_setup_time_minutes,
    cast(
        round(extract(epoch from operations.scheduled_end_time - operations.scheduled_start_time) / 60)
        as integer
    ) as planned_duration_minutes,
    cast(
        routing_operations.machine_time * 60 / nullif(routing_operations.base_quantity, 0)
        as decimal(10, 2)
    ) as standard_time_per_unit_seconds,
    -- standard minutes earned by what the operation processed so far
    routing_operations.setup_time
    + routing_operations.machine_time * (operations.completed_quantity + operations.scrap_quantity)
    / nullif(routing_operations.base_quantity, 0) as earned_minutes,
    routing_operations.labor_time * (operations.completed_quantity + operations.scrap_quantity)
    / nullif(routing_operations.base_quantity, 0) as standard_labor_minutes,
    cast(
        round(extract(epoch from operations.actual_end_time - operations.actual_start_time) / 60)
        as integer
    ) as actual_duration_minutes
from operations
inner join orders
    on operations.work_order_id = orders.work_order_id
left join {{ ref('stg_erp__routing_operations') }} as routing_operations
    on operations.routing_operation_id = routing_operations.operation_id
left join {{ ref('stg_erp__work_centers') }} as work_centers
    on operations.work_center_id = work_centers.work_center_id
