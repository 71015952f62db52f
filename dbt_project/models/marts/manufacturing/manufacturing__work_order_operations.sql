-- Routing operations as executed: planned values from the ERP routing and the MES schedule,
-- actual durations, efficiency (standard minutes earned / actual minutes), scrap rate,
-- labor hours booked and the inspection that followed.
with inspections as (
    select
        operation_id,
        min(inspection_date) as inspection_timestamp,
        min(inspector_id) as inspector_id,
        bool_and(inspection_result in ('pass', 'conditional_pass')) as passed
    from {{ ref('stg_manufacturing__inspections') }}
    group by operation_id
),

labor as (
    select
        operation_id,
        sum(worked_hours) as labor_hours
    from {{ ref('int_manufacturing__labor') }}
    where operation_id is not null
    group by operation_id
)

select
    operations.operation_id,
    operations.work_order_id,
    cast(operations.operation_sequence as integer) as operation_sequence,
    cast('OP' || lpad(cast(operations.operation_sequence as varchar), 4, '0') as varchar(50))
        as operation_code,
    cast(coalesce(operations.operation_name, 'Operation ' || operations.operation_sequence) as varchar(200))
        as operation_name,
    operations.line_id,
    operations.machine_id,
    cast(operations.work_center_code as varchar(50)) as work_center_code,
    cast(outcomes.order_quantity as integer) as planned_quantity,
    operations.planned_duration_minutes,
    operations.planned_setup_time_minutes,
    operations.standard_time_per_unit_seconds,
    operations.scheduled_start_time as planned_start_time,
    operations.scheduled_end_time as planned_end_time,
    operations.actual_start_time,
    operations.actual_end_time,
    cast(operations.completed_quantity as integer) as completed_quantity,
    cast(operations.scrap_quantity as integer) as rejected_quantity,
    operations.actual_duration_minutes,
    cast(operations.actual_setup_minutes as integer) as actual_setup_time_minutes,
    cast(operations.status as varchar(30)) as status,
    operations.operator_id,
    operations.shift_id,
    cast(coalesce(labor.labor_hours, 0) as decimal(8, 2)) as labor_hours,
    inspections.operation_id is not null as requires_inspection,
    cast(
        case when inspections.passed then 'passed' when not inspections.passed then 'failed' end
        as varchar(30)
    ) as inspection_status,
    inspections.inspection_timestamp,
    inspections.inspector_id,
    cast(
        case
            when operations.status = 'completed' and operations.actual_duration_minutes > 0
                then least(100.0 * operations.earned_minutes / operations.actual_duration_minutes, 999.99)
        end
        as decimal(5, 2)
    ) as efficiency_percentage,
    cast(
        100.0 * operations.scrap_quantity / nullif(operations.input_quantity, 0) as decimal(5, 2)
    ) as scrap_rate_percentage,
    cast(
        'Run ' || coalesce(operations.operation_name, 'operation') || ' on ' || operations.machine_id
        || ' per routing standard ' || operations.standard_time_per_unit_seconds || ' s/unit.'
        as text
    ) as work_instructions,
    cast(operations.safety_note as text) as safety_notes,
    outcomes.received_at as created_at,
    coalesce(operations.actual_end_time, operations.actual_start_time, outcomes.received_at) as updated_at
from {{ ref('int_manufacturing__operations') }} as operations
inner join {{ ref('int_manufacturing__work_order_context') }} as outcomes
    on operations.work_order_id = outcomes.work_order_id
left join inspections
    on operations.operation_id = inspections.operation_id
left join labor
    on operations.operation_id = labor.operation_id
