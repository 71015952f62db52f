-- Fault events with their pattern's category, the texts written about them, impact
-- (duration; lost units: what the MES operation the breakdown stopped would have made at
-- its standard rate, none for a fault on an idle machine; cost), the corrective maintenance
-- that resolved them, and how far in advance the contributing sensors warned (first
-- warning, critical or anomalous reading after the degradation began). A fault still open
-- at the as-of instant is measured up to it.
with faults as (
    select
        faults.*,
        extract(epoch from faults.fault_end_time - faults.fault_start_time)::integer as duration_seconds,
        extract(epoch from coalesce(faults.fault_end_time, run_context.as_of) - faults.fault_start_time)
            as stopped_seconds
    from {{ ref('stg_operations__machine_faults') }} as faults
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
),

-- the rate of the MES operation each breakdown stopped
stopped_operations as (
    select
        downtime.downtime_id,
        operations.standard_time_per_unit_seconds
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    inner join {{ ref('manufacturing__work_order_operations') }} as operations
        on downtime.operation_id = operations.operation_id
),

corrective as (
    select
        related_fault_id,
        min(maintenance_id) as maintenance_id,
        min(technician_id) as technician_id,
        sum(parts_cost_usd) as parts_cost_usd,
        sum(labor_hours) as labor_hours,
        bool_or(follow_up_required) as follow_up_required
    from {{ ref('stg_operations__maintenance_events') }}
    where related_fault_id is not null
    group by related_fault_id
),

first_warning as (
    select
        faults.fault_id,
        min(readings.timestamp) as first_warning_at
    from faults
    inner join {{ ref('operations__sensor_data') }} as readings
        on
            readings.sensor_id = any(string_to_array(faults.contributing_sensors, ','))
            and faults.degradation_start <= readings.timestamp
            and faults.fault_start_time > readings.timestamp
    where readings.status in ('warning', 'critical') or readings.is_anomaly
    group by faults.fault_id
)

select
    faults.fault_id::bigint as fault_id,
    faults.machine_id::varchar(50) as machine_id,
    machines.line_id::varchar(50) as line_id,
    machines.factory_id::varchar(50) as factory_id,
    faults.fault_code::varchar(50) as fault_code,
    patterns.fault_category::varchar(50) as fault_category,
    faults.fault_severity::varchar(20) as fault_severity,
    faults.fault_description::text as fault_description,
    faults.fault_start_time::timestamp as fault_start_time,
    faults.fault_end_time::timestamp as fault_end_time,
    faults.duration_seconds::integer as fault_duration_seconds,
    coalesce(
        round(faults.stopped_seconds / nullif(stopped_operations.standard_time_per_unit_seconds, 0)), 0
    )::integer as production_loss_units,
    ceil(faults.duration_seconds / 60.0)::integer as downtime_minutes,
    round(
        case when faults.downtime_id is not null then faults.stopped_seconds else 0 end / 3600.0
        * {{ var('operations_downtime_cost_usd_per_hour', 1500) }}
        + coalesce(corrective.parts_cost_usd, 0)
        + coalesce(corrective.labor_hours, 0) * {{ var('operations_labor_rate_usd_per_hour', 65) }},
        2
    )::decimal(12, 2) as estimated_cost_usd,
    faults.root_cause_category::varchar(100) as root_cause_category,
    faults.root_cause_description::text as root_cause_description,
    faults.contributing_sensors::varchar(500) as contributing_sensors,
    faults.resolution_action::text as resolution_action,
    corrective.maintenance_id::varchar(50) as maintenance_ticket_id,
    (case when faults.fault_end_time is not null then corrective.technician_id end)::varchar(50)
        as resolved_by,
    faults.detection_method::varchar(50) as detection_method,
    coalesce(first_warning.first_warning_at <= faults.fault_start_time - interval '1 hour', false)
        as predicted_in_advance,
    round(extract(epoch from faults.fault_start_time - first_warning.first_warning_at) / 3600.0, 2)::decimal(8, 2)
        as advance_warning_hours,
    (case
        when faults.fault_end_time is null then 'in_progress'
        -- resolved: repaired within the last day, or with a follow-up still pending
        when faults.fault_end_time >= run_context.as_of - interval '1 day' or corrective.follow_up_required
            then 'resolved'
        else 'closed'
    end)::varchar(20) as status,
    faults.reported_at::timestamp as created_at,
    coalesce(faults.fault_end_time, faults.reported_at)::timestamp as updated_at
from faults
cross join {{ ref('int_genims_meta__run_context') }} as run_context
inner join {{ ref('int_master__machine_locations') }} as machines
    on faults.machine_id = machines.machine_id
left join stopped_operations
    on faults.downtime_id = stopped_operations.downtime_id
left join {{ ref('stg_operations__fault_patterns') }} as patterns
    on faults.root_cause_category = patterns.root_cause_category
left join corrective
    on faults.fault_id = corrective.related_fault_id
left join first_warning
    on faults.fault_id = first_warning.fault_id
