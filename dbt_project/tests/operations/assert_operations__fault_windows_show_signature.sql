-- Every fault with a precursor shows its pattern's signature: from its P point (the raw
-- degradation_start, the pattern's lead before the fault) until the fault, the readings of
-- its contributing sensors taken while the machine runs lie beyond the sensor's warning
-- threshold in the pattern's direction (above it for a rising quantity, below for a
-- falling one such as the pressure in a hydraulic leak): 80 % of them, within their
-- binomial band (macros/statistics: noise takes a reading back inside now and then, and
-- a fault has a handful of such readings; 80 % flat failed tiny seeds with 12 of 16).
-- Running: the machine's SCADA samples before and after the reading say running and its
-- downtime counter did not move between them (a short stop between two samples is no
-- running time), and for a temperature the five samples before
-- say running too (a machine warms up after a stop).
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select
        make_interval(secs => scada_sampling_seconds) as scada_step,
        (as_of::date - telemetry_days)::timestamp as telemetry_start
    from {{ ref('int_operations__settings') }}
),

signatures as (
    select
        patterns.root_cause_category,
        split_part(item, ':', 1) as sensor_type,
        case when split_part(item, ':', 2) = '+' then 1 else -1 end as direction
    from {{ ref('stg_operations__fault_patterns') }} as patterns
    cross join unnest(string_to_array(patterns.signature, ',')) as item
),

samples as (
    select
        machine_id,
        timestamp,
        -- running at both samples and no stop in between (its downtime counter did not move)
        machine_state = 'running'
        and lead(machine_state) over samples_in_order = 'running'
        and lead(downtime_seconds_shift) over samples_in_order = downtime_seconds_shift as running,
        bool_and(machine_state = 'running') over (
            partition by machine_id
            order by timestamp
            rows between 4 preceding and 1 following
        ) as warm
    from {{ ref('operations__scada_machine_data') }}
    window samples_in_order as (partition by machine_id order by timestamp)
),

precursors as (
    select
        faults.fault_id,
        faults.machine_id,
        faults.root_cause_category,
        faults.degradation_start,
        faults.fault_start_time,
        sensors.sensor_id,
        sensors.sensor_type,
        sensors.warning_threshold_min,
        sensors.warning_threshold_max,
        coalesce(typed.direction, any_type.direction) as direction
    from {{ ref('stg_operations__machine_faults') }} as faults
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
    where faults.degradation_start < faults.fault_start_time
),

readings as (
    select
        precursors.fault_id,
        precursors.sensor_id,
        precursors.direction,
        case
            when precursors.direction > 0 then readings.measurement_value > precursors.warning_threshold_max
            else readings.measurement_value < precursors.warning_threshold_min
        end as beyond_warning
    from precursors
    cross join settings
    inner join {{ ref('operations__sensor_data') }} as readings
        on
            precursors.sensor_id = readings.sensor_id
            and precursors.degradation_start <= readings.timestamp
            and precursors.fault_start_time > readings.timestamp
    inner join samples
        on
            precursors.machine_id = samples.machine_id
            and date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start) = samples.timestamp
    where case when precursors.sensor_type = 'temperature' then samples.warm else samples.running end
)

select
    fault_id,
    sensor_id,
    direction,
    count(*) as readings,
    count(*) filter (where beyond_warning) as beyond_warning
from readings
group by fault_id, sensor_id, direction
having
    direction is null
    or count(*) filter (where beyond_warning)
    < 0.8 * count(*) - {{ binomial_band('count(*)', 0.8) }}
