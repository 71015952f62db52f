-- No label leaks into a reading's status: it is the reading against its sensor's thresholds
-- and nothing else (critical beyond a critical threshold, else warning beyond a warning
-- threshold, else normal), whatever the machine was doing. Readings within 0.0001 of a
-- threshold are left out: the mart's value is rounded to four decimals, the flag is not.
select
    readings.sensor_data_id,
    readings.measurement_value,
    readings.status
from {{ ref('operations__sensor_data') }} as readings
inner join {{ ref('int_operations__sensors') }} as sensors
    on readings.sensor_id = sensors.sensor_id
where
    readings.status <> case
        when
            readings.measurement_value < sensors.critical_threshold_min
            or readings.measurement_value > sensors.critical_threshold_max
            then 'critical'
        when
            readings.measurement_value < sensors.warning_threshold_min
            or readings.measurement_value > sensors.warning_threshold_max
            then 'warning'
        else 'normal'
    end
    and least(
        abs(readings.measurement_value - sensors.critical_threshold_min),
        abs(readings.measurement_value - sensors.critical_threshold_max),
        abs(readings.measurement_value - sensors.warning_threshold_min),
        abs(readings.measurement_value - sensors.warning_threshold_max)
    ) >= 0.0001
