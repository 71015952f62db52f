-- Sensors read like the machine they sit on: motion and load stop with it, so while a
-- machine is stopped (its SCADA sample at or before the reading) its current, speed, torque
-- and vibration sensors read on average below a tenth of the way into their normal
-- operating band, and while it runs at least a third of the way in.
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select
        make_interval(secs => scada_sampling_seconds) as scada_step,
        (as_of::date - telemetry_days)::timestamp as telemetry_start
    from {{ ref('int_operations__settings') }}
),

positions as (
    select
        sensors.sensor_type,
        samples.machine_state,
        (readings.measurement_value - sensors.normal_operating_min)
        / nullif(sensors.normal_operating_max - sensors.normal_operating_min, 0) as band_position
    from {{ ref('operations__sensor_data') }} as readings
    cross join settings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on readings.sensor_id = sensors.sensor_id
    inner join {{ ref('operations__scada_machine_data') }} as samples
        on
            readings.machine_id = samples.machine_id
            and date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start) = samples.timestamp
    where
        sensors.sensor_type in ('current', 'speed', 'torque', 'vibration')
        and samples.machine_state in ('running', 'stopped')
)

select
    sensor_type,
    machine_state,
    avg(band_position) as mean_band_position,
    count(*) as readings
from positions
group by sensor_type, machine_state
having
    machine_state = 'stopped' and avg(band_position) >= 0.1
    or machine_state = 'running' and avg(band_position) < 0.33
