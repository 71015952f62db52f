-- One schedule entry per work order: the MES slot (date, shift, sequence on the line) and
-- how execution kept to it. Not started before the as-of instant means delayed.
with context as (
    select * from {{ ref('int_manufacturing__work_order_context') }}
),

shift_slots as (
    -- the regular or weekend shift of the factory running at the scheduled start
    select
        context.work_order_id,
        min(shifts.shift_id) as shift_id
    from context
    inner join {{ ref('stg_master__shifts') }} as shifts
        on
            context.factory_id = shifts.factory_id
            and shifts.shift_type <> 'overtime'
            and (
                (
                    shifts.start_time < shifts.end_time
                    and cast(context.scheduled_start_time as time) >= shifts.start_time
                    and cast(context.scheduled_start_time as time) < shifts.end_time
                    and shifts.days_of_week like '%' || lower(to_char(context.scheduled_start_time, 'Dy')) || '%'
                )
                or (
                    shifts.start_time > shifts.end_time
                    and cast(context.scheduled_start_time as time) >= shifts.start_time
                    and shifts.days_of_week like '%' || lower(to_char(context.scheduled_start_time, 'Dy')) || '%'
                )
                or (
                    shifts.start_time > shifts.end_time
                    and cast(context.scheduled_start_time as time) < shifts.end_time
                    and shifts.days_of_week
                    like '%' || lower(to_char(context.scheduled_start_time - interval '1 day', 'Dy')) || '%'
                )
            )
    group by context.work_order_id
),

stops as (
    select
        work_order_id,
        bool_or(downtime_category = 'no_operator') as short_of_people,
        bool_or(downtime_category = 'breakdown') as broke_down
    from {{ ref('manufacturing__downtime_events') }}
    group by work_order_id
)

select
    cast('SCH-' || replace(context.work_order_id, 'WO-', '') as varchar(50)) as schedule_id,
    cast(context.scheduled_start_time as date) as schedule_date,
    cast(extract(week from context.scheduled_start_time) as integer) as schedule_week,
    shift_slots.shift_id,
    context.line_id,
    context.factory_id,
    context.work_order_id,
    context.first_operation_id as operation_id,
    cast(
        row_number() over (
            partition by context.line_id, cast(context.scheduled_start_time as date)
            order by context.scheduled_start_time, context.work_order_id
        ) as integer
    ) as sequence_number,
    context.scheduled_start_time as planned_start_time,
    context.scheduled_end_time as planned_end_time,
    cast(context.order_quantity as integer) as planned_quantity,
    cast(context.priority as integer) as priority,
    context.requested_delivery_date as customer_due_date,
    -- ERP's late material against its planned start (NULL: everything on hand at release)
    -- and a crew short of people
    coalesce(context.material_available_at <= context.basic_start_date, true) as material_available,
    not coalesce(stops.short_of_people, false) as operator_available,
    not coalesce(stops.broke_down, false) as equipment_available,
    cast(
        case
            when context.status = 'completed' then 'completed'
            when context.status = 'in_progress' then 'in_progress'
            when context.scheduled_start_time < cast(run_context.as_of as timestamp) then 'delayed'
            else 'confirmed'
        end as varchar(30)
    ) as schedule_status,
    context.actual_start_time,
    context.actual_end_time,
    cast(case when context.actual_start_time is not null then context.good_quantity end as integer)
        as actual_quantity,
    context.actual_start_time <= context.scheduled_start_time + interval '30 minutes' as on_time_start,
    context.actual_end_time <= context.scheduled_end_time + interval '60 minutes' as on_time_completion,
    cast(
        case
            when context.status = 'completed'
                then least(100.0 * context.good_quantity / nullif(context.order_quantity, 0), 999.99)
        end as decimal(5, 2)
    ) as schedule_adherence_percentage,
    context.planned_by as planner_id,
    cast(context.planning_note as text) as planning_notes,
    context.received_at as created_at,
    coalesce(context.actual_end_time, context.actual_start_time, context.received_at) as updated_at
from context
cross join {{ ref('int_genims_meta__run_context') }} as run_context
left join shift_slots
    on context.work_order_id = shift_slots.work_order_id
left join stops
    on context.work_order_id = stops.work_order_id
