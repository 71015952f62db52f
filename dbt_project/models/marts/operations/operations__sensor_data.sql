{{ incremental_stream_config() }}

-- Sensor readings located by machine, line and factory, flagged against the sensor's
-- thresholds, with rolling 1-minute statistics (int_operations__sensor_reading_windows) and an
-- anomaly score.
-- Incremental: a run adds the windowed readings with an id above the mart's highest.
with
readings as (
    select
        windows.reading_id,
        windows.sensor_id,
        windows.reading_time,
        windows.reading_value,
        windows.quality_code,
        windows.measurement_value,
        windows.min_value_1min,
        windows.max_value_1min,
        windows.avg_value_1min,
        windows.std_dev_1min
    from {{ ref('int_operations__sensor_reading_windows') }} as windows
    {% if is_incremental() %}
        where windows.reading_id > (
            select coalesce(max(loaded.sensor_data_id), 0)
            from {{ this }} as loaded
        )
    {% endif %}
),

located as (
    select
        readings.*,
        sensors.machine_id,
        sensors.line_id,
        sensors.factory_id,
        sensors.measurement_unit,
        sensors.data_protocol,
        readings.reading_value < sensors.warning_threshold_min as is_below_warning,
        readings.reading_value > sensors.warning_threshold_max as is_above_warning,
        readings.reading_value < sensors.critical_threshold_min as is_below_critical,
        readings.reading_value > sensors.critical_threshold_max as is_above_critical,
        readings.reading_value <= sensors.measurement_range_min
        or readings.reading_value >= sensors.measurement_range_max as at_range_limit,
        -- 0 within half of the normal band around its midpoint, 1 at twice the band's reach;
        -- a side without alarm thresholds (a stopped motor draws no current) does not count
        least(1, greatest(
            0,
            (
                case
                    when readings.reading_value >= sensors.normal_midpoint or sensors.has_low_alarm
                        then abs(readings.reading_value - sensors.normal_midpoint)
                    else 0
                end / nullif(sensors.normal_half_band, 0) - 0.5
            ) / 1.5
        )) as anomaly
    from readings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on readings.sensor_id = sensors.sensor_id
)

select
    reading_id::bigint as sensor_data_id,
    sensor_id::varchar(50) as sensor_id,
    machine_id::varchar(50) as machine_id,
    line_id::varchar(50) as line_id,
    factory_id::varchar(50) as factory_id,
    reading_time::timestamp as timestamp,
    measurement_value,
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
    min_value_1min,
    max_value_1min,
    avg_value_1min,
    std_dev_1min,
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
