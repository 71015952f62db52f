-- Sensors with their machine's location, thresholds (and whether they alarm on low values)
-- and installation start (the later of the sensor's and its machine's), as the reading models
-- need them. A table, its limits in double precision like the readings: a view's numeric
-- limits would be converted (through text) for every reading they are compared with.
{{ config(materialized='table') }}

select
    sensors.sensor_id,
    sensors.machine_id,
    locations.line_id,
    locations.factory_id,
    sensors.sensor_type,
    sensors.measurement_unit,
    sensors.measurement_range_min::double precision as measurement_range_min,
    sensors.measurement_range_max::double precision as measurement_range_max,
    sensors.normal_operating_min::double precision as normal_operating_min,
    sensors.normal_operating_max::double precision as normal_operating_max,
    sensors.warning_threshold_min::double precision as warning_threshold_min,
    sensors.warning_threshold_max::double precision as warning_threshold_max,
    sensors.critical_threshold_min::double precision as critical_threshold_min,
    sensors.critical_threshold_max::double precision as critical_threshold_max,
    sensors.data_protocol,
    sensors.calibration_date,
    sensors.calibration_frequency_days,
    ((sensors.normal_operating_min + sensors.normal_operating_max) / 2)::double precision as normal_midpoint,
    ((sensors.normal_operating_max - sensors.normal_operating_min) / 2)::double precision as normal_half_band,
    -- a quantity whose low values signal no failure (vibration, a stopped motor's current)
    -- has its low thresholds at the bottom of its range
    sensors.warning_threshold_min > sensors.measurement_range_min as has_low_alarm,
    greatest(sensors.created_at, machines.installation_date::timestamp) as installed_from
from {{ ref('stg_master__sensors') }} as sensors
inner join {{ ref('stg_master__machines') }} as machines
    on sensors.machine_id = machines.machine_id
inner join {{ ref('int_master__machine_locations') }} as locations
    on sensors.machine_id = locations.machine_id
