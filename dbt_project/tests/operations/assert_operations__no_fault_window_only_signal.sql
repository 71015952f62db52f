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
        readings.is_anomaly,
        readings.is_above_warning,
        readings.is_below_warning,
        readings.is_above_critical,
        readings.is_below_critical
    from {{ ref('operations__sensor_data') }} as readings
    cross join settings
    left join {{ ref('operations__scada_machine_data') }} as samples
        on
            readings.machine_id = samples.machine_id
            and date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start) = samples.timestamp
),

marks as (
    select
        in_fault,
        'status=' || status as mark
    from located
    union all
    select
        in_fault,
        'quality=' || quality as mark
    from located
    union all
    select
        in_fault,
        'data_source=' || data_source as mark
    from located
    union all
    select
        in_fault,
        'flags=' || concat_ws(
            ',', is_anomaly, is_above_warning, is_below_warning, is_above_critical, is_below_critical
        ) as mark
    from located
)

select
    mark,
    count(*) filter (where in_fault) as during_faults,
    count(*) filter (where not in_fault) as elsewhere
from marks
group by mark
having count(*) filter (where in_fault) > 0 and count(*) filter (where not in_fault) = 0
