-- No reading before its sensor (and the sensor's machine) was installed, nor at or after
-- the as-of instant.
select
    readings.sensor_data_id,
    readings.sensor_id,
    readings.timestamp,
    sensors.installed_from
from {{ ref('operations__sensor_data') }} as readings
inner join {{ ref('int_operations__sensors') }} as sensors
    on readings.sensor_id = sensors.sensor_id
cross join {{ ref('int_genims_meta__run_context') }} as run_context
where
    readings.timestamp < sensors.installed_from
    or readings.timestamp >= run_context.as_of
