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

-- band positions summed per machine, sensor type and SCADA sample first (a reading belongs
-- to the sample at or before it): the join with the samples then takes one row per group,
-- not one per reading
binned as (
    select
        readings.machine_id,
        sensors.sensor_type,
        date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start) as sample_time,
        sum(
            (readings.measurement_value - sensors.normal_operating_min)
            / nullif(sensors.normal_operating_max - sensors.normal_operating_min, 0)
        ) as band_position_sum,
        count(nullif(sensors.normal_operating_max - sensors.normal_operating_min, 0)) as banded,
        count(*) as readings
    from {{ ref('operations__sensor_data') }} as readings
    cross join settings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on readings.sensor_id = sensors.sensor_id
    where sensors.sensor_type in ('current', 'speed', 'torque', 'vibration')
    group by
        readings.machine_id,
        sensors.sensor_type,
        date_bin(settings.scada_step, readings.timestamp, settings.telemetry_start)
)

select
    binned.sensor_type,
    samples.machine_state,
    sum(binned.band_position_sum) / nullif(sum(binned.banded), 0) as mean_band_position,
    sum(binned.readings) as readings
from binned
inner join {{ ref('operations__scada_machine_data') }} as samples
    on
        binned.machine_id = samples.machine_id
        and binned.sample_time = samples.timestamp
where samples.machine_state in ('running', 'stopped')
group by binned.sensor_type, samples.machine_state
having
    samples.machine_state = 'stopped'
    and sum(binned.band_position_sum) / nullif(sum(binned.banded), 0) >= 0.1
    or samples.machine_state = 'running'
    and sum(binned.band_position_sum) / nullif(sum(binned.banded), 0) < 0.33
