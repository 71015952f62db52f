-- Machine stops during an operation; lost units from the routing's standard time per unit,
-- cost from the work center's hourly rate; the texts the operator and technician wrote. An
-- event still open at the as-of instant is active (escalated after a shift).
select
    downtime.downtime_id,
    downtime.machine_id,
    operations.line_id,
    operations.factory_id,
    downtime.downtime_start,
    downtime.downtime_end,
    cast(round(extract(epoch from downtime.downtime_end - downtime.downtime_start) / 60) as integer)
        as duration_minutes,
    cast(downtime.downtime_category as varchar(50)) as downtime_category,
    cast(
        upper(left(replace(downtime.downtime_category, '_', ''), 4)) || '-'
        || coalesce(upper(left(replace(downtime.failure_mode, '_', ''), 3)), '00')
        as varchar(50)
    ) as downtime_reason_code,
    cast(downtime.reason_text as text) as downtime_reason_description,
    operations.work_order_id,
    downtime.operation_id,
    cast(
        round(
            extract(epoch from downtime.downtime_end - downtime.downtime_start)
            / nullif(operations.standard_time_per_unit_seconds, 0)
        ) as integer
    ) as production_loss_units,
    cast(
        extract(epoch from downtime.downtime_end - downtime.downtime_start) / 3600
        * operations.work_center_hourly_rate as decimal(12, 2)
    ) as estimated_cost,
    downtime.reported_by,
    downtime.responded_by,
    cast(downtime.response_time_minutes as integer) as response_time_minutes,
    cast(downtime.resolution_text as text) as resolution_action,
    cast(downtime.root_cause_text as text) as root_cause,
    cast(downtime.preventive_action_text as text) as preventive_action,
    cast(
        case
            when
                downtime.downtime_category in ('breakdown', 'maintenance')
                then 'MWO-' || replace(downtime.downtime_id, 'DT-', '')
        end
        as varchar(50)
    ) as maintenance_work_order,
    cast(downtime.spare_parts_used as text) as spare_parts_used,
    -- open at the as-of instant: escalated once it has lasted a shift
    cast(
        case
            when downtime.downtime_end is not null then 'resolved'
            when run_context.as_of - downtime.downtime_start > interval '8 hours' then 'escalated'
            else 'active'
        end as varchar(30)
    ) as status,
    downtime.downtime_start as created_at,
    downtime.downtime_end as resolved_at
from {{ ref('stg_manufacturing__downtime_events') }} as downtime
inner join {{ ref('int_manufacturing__operations') }} as operations
    on downtime.operation_id = operations.operation_id
cross join {{ ref('int_genims_meta__run_context') }} as run_context
