-- Every fault shows its pattern's signature: over the fault window (from the start of the
-- degradation to the end of the repair, or to the as-of instant), the mean reading of each contributing sensor lies
-- above its baseline (below it for the pattern's falling quantities, e.g. pressure in a
-- hydraulic leak). The baseline is the sensor's mean outside every fault window of its
-- machine, or its normal band's midpoint when all its readings fall in fault windows.
with faults as (
    select
        fault_id,
        machine_id,
        root_cause_category,
        degradation_start,
        coalesce(fault_end_time, 'infinity') as fault_end_time,
        contributing_sensors
    from {{ ref('stg_operations__machine_faults') }}
),

signatures as (
    select
        patterns.root_cause_category,
        split_part(item, ':', 1) as sensor_type,
        case when split_part(item, ':', 2) = '+' then 1 else -1 end as direction
    from {{ ref('stg_operations__fault_patterns') }} as patterns
    cross join unnest(string_to_array(patterns.signature, ',')) as item
),

affected as (
    select
        faults.fault_id,
        faults.machine_id,
        faults.degradation_start,
        faults.fault_end_time,
        sensors.sensor_id,
        sensors.normal_midpoint,
        coalesce(typed.direction, any_type.direction) as direction
    from faults
    cross join unnest(string_to_array(faults.contributing_sensors, ',')) as contributing (sensor_id)
    inner join {{ ref('int_operations__sensors') }} as sensors
        on contributing.sensor_id = sensors.sensor_id
    left join signatures as typed
        on
            faults.root_cause_category = typed.root_cause_category
            and sensors.sensor_type = typed.sensor_type
    left join signatures as any_type
        on
            faults.root_cause_category = any_type.root_cause_category
            and any_type.sensor_type = '*'
),

window_means as (
    select
        affected.fault_id,
        affected.sensor_id,
        affected.direction,
        affected.normal_midpoint,
        avg(readings.measurement_value) as window_mean,
        count(*) as readings
    from affected
    inner join {{ ref('operations__sensor_data') }} as readings
        on
            affected.sensor_id = readings.sensor_id
            and affected.degradation_start <= readings.timestamp
            and affected.fault_end_time > readings.timestamp
    group by affected.fault_id, affected.sensor_id, affected.direction, affected.normal_midpoint
),

baselines as (
    select
        readings.sensor_id,
        avg(readings.measurement_value) as baseline
    from {{ ref('operations__sensor_data') }} as readings
    where
        not exists (
            select 1
            from faults
            where
                faults.machine_id = readings.machine_id
                and readings.timestamp >= faults.degradation_start
                and readings.timestamp < faults.fault_end_time
        )
    group by readings.sensor_id
)

select
    window_means.fault_id,
    window_means.sensor_id,
    window_means.direction,
    window_means.readings,
    window_means.window_mean,
    coalesce(baselines.baseline, window_means.normal_midpoint) as baseline
from window_means
left join baselines
    on window_means.sensor_id = baselines.sensor_id
where
    window_means.direction is null
    or window_means.direction * (window_means.window_mean - coalesce(baselines.baseline, window_means.normal_midpoint))
    <= 0
