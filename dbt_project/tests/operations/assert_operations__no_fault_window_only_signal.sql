-- No value of a reading's derived columns marks the fault windows: every status, quality,
-- data source and flag value that readings taken during a fault (their machine's SCADA
-- sample at or before them is in `fault`) carry also occurs outside faults. A fault's
-- readings look like any stopped machine's.
with settings as (
    select
        make_interval(secs => scada_sampling_seconds) as scada_step,
        (as_of::date - telemetry_days)::timestamp as telemetry_start
    from {{ ref('int_operations__settings') }}
),

located as (
    select
        coalesce(samples.machine_state = 'fault', false) as in_fault,
        readings.status,
        readings.quality,
        readings.data_source,
        concat_ws(
            ',', readings.is_anomaly, readings.is_above_warning, readings.is_below_warning,
            readings.is_above_critical, readings.is_below_critical
        ) as flags
    from {{ ref('operations__sensor_data') }} as readings
    cross join settings
    left join {{ ref('operations__scada_machine_data') }} as samples
        on
            readings.machine_id = samples.machine_id
            and date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start) = samples.timestamp
),

combinations as (
    select
        in_fault,
        status,
        quality,
        data_source,
        flags,
        count(*) as readings
    from located
    group by in_fault, status, quality, data_source, flags
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
        'flags=' || flags as mark
    from combinations
)

select
    mark,
    sum(readings) filter (where in_fault) as during_faults,
    sum(readings) filter (where not in_fault) as elsewhere
from marks
group by mark
having sum(readings) filter (where in_fault) > 0 and coalesce(sum(readings) filter (where not in_fault), 0) = 0
