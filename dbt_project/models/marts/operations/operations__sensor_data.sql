{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
    pre_hook="{{ reset_if_reloaded() }}",
    post_hook="{{ mark_load() }}",
) }}
-- depends_on: {{ ref('int_genims_meta__run_context') }}

-- Sensor readings located by machine, line and factory, flagged against the sensor's
-- thresholds, with rolling 1-minute statistics and an anomaly score.
-- Incremental: a run processes the raw readings with an id above the mart's highest, and
-- looks back one window (1 minute) per sensor so the rolling statistics of the new rows
-- equal a full refresh's.
with
{% if is_incremental() %}
    watermark as (
        select coalesce(max(sensor_data_id), 0) as last_id
        from {{ this }}
    ),

    new_readings as (
        select
            readings.reading_id,
            readings.sensor_id,
            readings.reading_time,
            readings.reading_value,
            readings.quality_code
        from {{ ref('stg_operations__sensor_readings') }} as readings
        cross join watermark
        where readings.reading_id > watermark.last_id
    ),

    lookback as (
        select
            sensor_id,
            min(reading_time) - interval '1 minute' as since
        from new_readings
        group by sensor_id
    ),

    readings as (
        select
            reading_id,
            sensor_id,
            reading_time,
            reading_value,
            quality_code,
            true as is_new
        from new_readings
        union all
        select
            earlier.reading_id,
            earlier.sensor_id,
            earlier.reading_time,
            earlier.reading_value,
            earlier.quality_code,
            false as is_new
        from {{ ref('stg_operations__sensor_readings') }} as earlier
        inner join lookback
            on
                earlier.sensor_id = lookback.sensor_id
                and earlier.reading_time >= lookback.since
        cross join watermark
        where earlier.reading_id <= watermark.last_id
    ),
{% else %}
    readings as (
        select
            reading_id,
            sensor_id,
            reading_time,
            reading_value,
            quality_code,
            true as is_new
        from {{ ref('stg_operations__sensor_readings') }}
    ),
{% endif %}

windowed as (
    select
        reading_id,
        sensor_id,
        reading_time,
        reading_value,
        quality_code,
        is_new,
        min(reading_value) over one_minute as min_1min,
        max(reading_value) over one_minute as max_1min,
        avg(reading_value) over one_minute as avg_1min,
        stddev_samp(reading_value) over one_minute as std_1min
    from readings
    window one_minute as (
        partition by sensor_id
        order by reading_time
        range between interval '1 minute' preceding and current row
    )
),

located as (
    select
        windowed.*,
        sensors.machine_id,
        sensors.line_id,
        sensors.factory_id,
        sensors.measurement_unit,
        sensors.data_protocol,
        windowed.reading_value < sensors.warning_threshold_min as is_below_warning,
        windowed.reading_value > sensors.warning_threshold_max as is_above_warning,
        windowed.reading_value < sensors.critical_threshold_min as is_below_critical,
        windowed.reading_value > sensors.critical_threshold_max as is_above_critical,
        windowed.reading_value <= sensors.measurement_range_min
        or windowed.reading_value >= sensors.measurement_range_max as at_range_limit,
        -- 0 within half of the normal band around its midpoint, 1 at twice the band's reach;
        -- a side without alarm thresholds (a stopped motor draws no current) does not count
        least(1, greatest(
            0,
            (
                case
                    when windowed.reading_value >= sensors.normal_midpoint or sensors.has_low_alarm
                        then abs(windowed.reading_value - sensors.normal_midpoint)
                    else 0
                end / nullif(sensors.normal_half_band, 0) - 0.5
            ) / 1.5
        )) as anomaly
    from windowed
    inner join {{ ref('int_operations__sensors') }} as sensors
        on windowed.sensor_id = sensors.sensor_id
    where windowed.is_new
)

select
    reading_id::bigint as sensor_data_id,
    sensor_id::varchar(50) as sensor_id,
    machine_id::varchar(50) as machine_id,
    line_id::varchar(50) as line_id,
    factory_id::varchar(50) as factory_id,
    reading_time::timestamp as timestamp,
    {{ decimal_from_float('reading_value', 15, 4) }} as measurement_value,
    measurement_unit::varchar(50) as measurement_unit,
    (case
        when is_below_critical or is_above_critical then 'critical'
        when is_below_warning or is_above_warning then 'warning'
        else 'normal'
    end)::varchar(20) as status,
    (case
        when at_range_limit then 'out_of_range'
        when quality_code = 192 then 'good'
        when quality_code = 64 then 'uncertain'
        else 'bad'
    end)::varchar(20) as quality,
    is_below_warning,
    is_above_warning,
    is_below_critical,
    is_above_critical,
    {{ decimal_from_float('min_1min', 15, 4) }} as min_value_1min,
    {{ decimal_from_float('max_1min', 15, 4) }} as max_value_1min,
    {{ decimal_from_float('avg_1min', 15, 4) }} as avg_value_1min,
    {{ decimal_from_float('std_1min', 15, 4) }} as std_dev_1min,
    {{ decimal_from_float('anomaly', 8, 4) }} as anomaly_score,
    anomaly >= 0.5 as is_anomaly,
    (case data_protocol
        when 'OPC-UA' then 'Edge'
        when 'MQTT' then 'Gateway'
        else 'IoT'
    end)::varchar(50) as data_source,
    data_protocol::varchar(50) as protocol,
    reading_time::timestamp as created_at
from located
