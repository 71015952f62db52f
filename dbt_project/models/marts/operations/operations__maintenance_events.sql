-- Maintenance work located by line and factory, with its duration, labour and total cost,
-- and when the machine's schedule (weekly, monthly, quarterly ...) next calls for service.
select
    events.maintenance_id::varchar(50) as maintenance_id,
    events.machine_id::varchar(50) as machine_id,
    locations.line_id::varchar(50) as line_id,
    locations.factory_id::varchar(50) as factory_id,
    events.maintenance_type::varchar(50) as maintenance_type,
    events.maintenance_category::varchar(50) as maintenance_category,
    events.priority::varchar(20) as priority,
    events.scheduled_start::timestamp as scheduled_start,
    events.actual_start::timestamp as actual_start,
    events.actual_end::timestamp as actual_end,
    round(extract(epoch from events.actual_end - events.actual_start) / 60.0)::integer as duration_minutes,
    events.work_description::text as work_description,
    events.parts_replaced::varchar(500) as parts_replaced,
    events.parts_cost_usd::decimal(12, 2) as parts_cost_usd,
    events.labor_hours::decimal(8, 2) as labor_hours,
    round(events.labor_hours * {{ var('operations_labor_rate_usd_per_hour', 65) }}, 2)::decimal(12, 2)
        as labor_cost_usd,
    round(events.parts_cost_usd + events.labor_hours * {{ var('operations_labor_rate_usd_per_hour', 65) }}, 2)
    ::decimal(12, 2) as total_cost_usd,
    events.technician_id::varchar(50) as technician_id,
    events.supervisor_id::varchar(50) as supervisor_id,
    events.related_fault_id::bigint as related_fault_id,
    events.completion_status::varchar(20) as completion_status,
    events.notes::text as notes,
    events.follow_up_required,
    (
        coalesce(events.actual_end, events.scheduled_start)::date
        + coalesce({{ maintenance_interval_days('machines.maintenance_schedule') }}, 30)
    )::date as next_maintenance_due,
    coalesce(events.scheduled_start - interval '7 days', events.actual_start)::timestamp as created_at,
    coalesce(events.actual_end, events.actual_start, events.scheduled_start)::timestamp as updated_at
from {{ ref('stg_operations__maintenance_events') }} as events
inner join {{ ref('int_master__machine_locations') }} as locations
    on events.machine_id = locations.machine_id
inner join {{ ref('stg_master__machines') }} as machines
    on events.machine_id = machines.machine_id
