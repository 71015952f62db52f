select
    sensors.sensor_id,
    sensors.machine_id,
    locations.line_id,
    locations.factory_id,
    sensors.sensor_name,
    sensors.sensor_code,
    sensors.sensor_type,
    sensors.measurement_unit,
    sensors.measurement_range_min,
    sensors.measurement_range_max,
    sensors.normal_operating_min,
    sensors.normal_operating_max,
    sensors.warning_threshold_min,
    sensors.warning_threshold_max,
    sensors.critical_threshold_min,
    sensors.critical_threshold_max,
    sensors.sampling_frequency_hz,
    sensors.data_protocol,
    sensors.manufacturer,
    sensors.model_number,
    sensors.calibration_date,
    sensors.calibration_frequency_days,
    sensors.accuracy_percentage,
    sensors.status,
    sensors.created_at
from {{ ref('stg_master__sensors') }} as sensors
left join {{ ref('int_master__machine_locations') }} as locations
    on sensors.machine_id = locations.machine_id
