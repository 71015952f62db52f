-- Degradation lead times are as each fault pattern documents them (its lead_hours range,
-- the P-F interval: a bearing 7-21 days, an electrical fault a quarter hour to 2 hours):
-- - a fault with a precursor begins it (degradation_start) within its pattern's range
--   before the fault; a sudden fault (no precursor) has none;
-- - no contributing sensor warns earlier than that: the measured advance warning (first
--   warning after the degradation began) is at most the range's top;
-- - measured in the telemetry (precursors that began inside it, on patterns whose range
--   spans two sampling intervals or more, three faults or more), a pattern's median advance
--   warning lies in its range, allowing for a reading only every sampling interval;
-- - a sudden fault's contributing sensors give no warning in their direction in the day
--   before it (unless another fault of the machine was degrading then).
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select
        (as_of::date - telemetry_days)::timestamp as telemetry_start,
        sensor_sampling_seconds / 3600.0 as sampling_hours
    from {{ ref('int_operations__settings') }}
),

faults as (
    select
        raw_faults.fault_id,
        raw_faults.machine_id,
        raw_faults.root_cause_category,
        raw_faults.degradation_start,
        raw_faults.fault_start_time,
        raw_faults.contributing_sensors,
        extract(epoch from raw_faults.fault_start_time - raw_faults.degradation_start) / 3600.0 as lead_hours,
        faults.advance_warning_hours,
        patterns.lead_hours_min,
        patterns.lead_hours_max,
        patterns.signature
    from {{ ref('stg_operations__machine_faults') }} as raw_faults
    inner join {{ ref('operations__machine_faults') }} as faults
        on raw_faults.fault_id = faults.fault_id
    inner join {{ ref('stg_operations__fault_patterns') }} as patterns
        on raw_faults.root_cause_category = patterns.root_cause_category
),

measured as (
    select
        faults.root_cause_category,
        faults.lead_hours_min,
        faults.lead_hours_max,
        settings.sampling_hours,
        count(faults.advance_warning_hours) as faults,
        percentile_cont(0.5) within group (order by faults.advance_warning_hours) as median_advance
    from faults
    cross join settings
    where
        faults.degradation_start >= settings.telemetry_start
        and faults.lead_hours > 0
        and faults.lead_hours_max >= 2 * settings.sampling_hours
    group by faults.root_cause_category, faults.lead_hours_min, faults.lead_hours_max, settings.sampling_hours
),

-- warnings in a sensor's signature direction in the day before a sudden fault
sudden_warnings as (
    select
        faults.fault_id,
        readings.sensor_id
    from faults
    cross join unnest(string_to_array(faults.contributing_sensors, ',')) as contributing (sensor_id)
    inner join {{ ref('int_operations__sensors') }} as sensors
        on contributing.sensor_id = sensors.sensor_id
    inner join {{ ref('operations__sensor_data') }} as readings
        on
            contributing.sensor_id = readings.sensor_id
            and readings.timestamp >= faults.fault_start_time - interval '1 day'
            and faults.fault_start_time > readings.timestamp
    where
        faults.lead_hours = 0
        and (
            readings.is_above_warning and faults.signature ~ (sensors.sensor_type || ':\+|\*')
            or readings.is_below_warning and faults.signature ~ (sensors.sensor_type || ':-')
        )
),

degrading as (
    select
        machine_id,
        degradation_start,
        fault_start_time
    from faults
    where lead_hours > 0
)

select
    'precursor outside the documented lead' as problem,
    fault_id::text as subject,
    lead_hours as hours
from faults
where lead_hours > 0 and (lead_hours < lead_hours_min - 0.01 or lead_hours > lead_hours_max + 0.01)
union all
select
    'warned earlier than the documented lead' as problem,
    fault_id::text,
    advance_warning_hours
from faults
where advance_warning_hours > lead_hours_max + 0.01
union all
select
    'median advance warning outside the documented lead' as problem,
    root_cause_category,
    median_advance
from measured
where
    faults >= 3
    and (median_advance < lead_hours_min - 2 * sampling_hours or median_advance > lead_hours_max + 0.01)
union all
select distinct
    'sudden fault warned' as problem,
    sudden_warnings.fault_id::text,
    null::float8
from sudden_warnings
inner join faults
    on sudden_warnings.fault_id = faults.fault_id
left join degrading
    on
        faults.machine_id = degrading.machine_id
        and faults.fault_start_time > degrading.degradation_start
        and degrading.fault_start_time > faults.fault_start_time - interval '1 day'
where degrading.machine_id is null
