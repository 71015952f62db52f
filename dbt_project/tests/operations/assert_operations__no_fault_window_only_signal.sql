-- No value of a reading's derived columns marks the fault windows: every status, quality,
-- data source and flag value that readings taken during a fault (from a SCADA sample in
-- the `fault` state to the next sample) carry also occurs outside faults: a fault's
-- readings look like any stopped machine's. Counted over all readings, and over the few
-- in fault samples (found through the readings' sensor and time index): a value that
-- appears only in faults has the same count in both.
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select make_interval(secs => scada_sampling_seconds) as scada_step
    from {{ ref('int_operations__settings') }}
),

fault_readings as (
    select readings.*
    from {{ ref('operations__scada_machine_data') }} as samples
    cross join settings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on samples.machine_id = sensors.machine_id
    inner join {{ ref('operations__sensor_data') }} as readings
        on
            sensors.sensor_id = readings.sensor_id
            and samples.timestamp <= readings.timestamp
            and samples.timestamp + settings.scada_step > readings.timestamp
    where samples.machine_state = 'fault'
),

-- grouped by the columns themselves (the flags are joined into one mark per group, not
-- per reading)
combinations as (
    {%- for in_fault, source in [('false', ref('operations__sensor_data')), ('true', 'fault_readings')] %}
        select
            {{ in_fault }} as in_fault,
            status,
            quality,
            data_source,
            is_anomaly,
            is_above_warning,
            is_below_warning,
            is_above_critical,
            is_below_critical,
            count(*) as readings
        from {{ source }}
        group by
            status, quality, data_source, is_anomaly, is_above_warning, is_below_warning,
            is_above_critical, is_below_critical
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
),

marks as (
    select
        in_fault,
        readings,
        'status=' || status as mark
    from combinations
    union all
    select
        in_fault,
        readings,
        'quality=' || quality as mark
    from combinations
    union all
    select
        in_fault,
        readings,
        'data_source=' || data_source as mark
    from combinations
    union all
    select
        in_fault,
        readings,
        'flags='
        || concat_ws(',', is_anomaly, is_above_warning, is_below_warning, is_above_critical, is_below_critical)
            as mark
    from combinations
)

select
    mark,
    sum(readings) filter (where in_fault) as during_faults,
    sum(readings) filter (where not in_fault) as all_readings
from marks
group by mark
having sum(readings) filter (where in_fault) = sum(readings) filter (where not in_fault)
