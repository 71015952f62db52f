-- Sensor health per sensor and interval (sensor_health_interval_hours, the last ending at the
-- as-of instant), stamped at the interval's start (the last one ends at the instant itself,
-- which no row may carry): an aggregate of the interval's readings (drift from the normal
-- band's midpoint, noise, packet loss against the readings the sensor should have sent in
-- the part of the interval it was installed and the telemetry kept, stuck or erratic values,
-- readings outside the warning band over the trailing 24 hours), of the sensor's
-- diagnostics (latency, battery) and of the calibration events.
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select
        as_of,
        make_interval(hours => health_interval_hours) as bucket_width,
        -- the telemetry kept: whole days before the as-of day (history_window in the seeder)
        as_of::date - telemetry_days as telemetry_start,
        readings_per_burst / sensor_sampling_seconds::float8 as readings_per_second
    from {{ ref('int_operations__settings') }}
),

buckets as (
    select
        readings.sensor_id,
        date_bin(settings.bucket_width, readings.reading_time, settings.as_of::timestamp)
        + settings.bucket_width as bucket_end,
        count(*) as readings,
        avg(readings.reading_value) as avg_value,
        stddev_samp(readings.reading_value) as std_value,
        min(readings.reading_value) as min_value,
        max(readings.reading_value) as max_value,
        max(readings.reading_time) as last_reading,
        settings.bucket_width,
        count(*) filter (
            where readings.reading_value < sensors.warning_threshold_min
            or readings.reading_value > sensors.warning_threshold_max
        ) as outside_warning
    from {{ ref('stg_operations__sensor_readings') }} as readings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on readings.sensor_id = sensors.sensor_id
    cross join settings
    group by
        readings.sensor_id, settings.bucket_width,
        date_bin(settings.bucket_width, readings.reading_time, settings.as_of::timestamp) + settings.bucket_width
),

-- the readings a sensor should have sent in an interval: its bursts over the part of the
-- interval it was installed and the telemetry is kept
expected as (
    select
        buckets.sensor_id,
        buckets.bucket_end,
        round((
            extract(epoch from buckets.bucket_end - greatest(
                buckets.bucket_end - buckets.bucket_width, sensors.installed_from, settings.telemetry_start
            )) * settings.readings_per_second
        )::numeric) as readings
    from buckets
    cross join settings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on buckets.sensor_id = sensors.sensor_id
),

-- the interval's heartbeats: mean latency, lowest battery
diagnostics as (
    select
        diagnostics.sensor_id,
        date_bin(settings.bucket_width, diagnostics.reported_at, settings.as_of::timestamp)
        + settings.bucket_width as bucket_end,
        avg(diagnostics.latency_ms) as latency_ms,
        min(diagnostics.battery_percentage) as battery_percentage
    from {{ ref('stg_operations__sensor_diagnostics') }} as diagnostics
    cross join settings
    group by
        diagnostics.sensor_id,
        date_bin(settings.bucket_width, diagnostics.reported_at, settings.as_of::timestamp) + settings.bucket_width
),

-- the latest calibration event up to the end of each interval
last_calibration as (
    select
        buckets.sensor_id,
        buckets.bucket_end,
        max(calibrations.calibrated_at) as calibrated_at
    from buckets
    inner join {{ ref('stg_operations__sensor_calibrations') }} as calibrations
        on
            buckets.sensor_id = calibrations.sensor_id
            and buckets.bucket_end >= calibrations.calibrated_at
    group by buckets.sensor_id, buckets.bucket_end
),

scored as (
    select
        buckets.*,
        sensors.machine_id,
        sensors.calibration_frequency_days,
        diagnostics.latency_ms,
        diagnostics.battery_percentage,
        greatest(0, 100.0 * (1 - buckets.readings / nullif(expected.readings, 0))) as packet_loss,
        (buckets.avg_value - sensors.normal_midpoint) / nullif(sensors.normal_midpoint, 0) * 100 as drift,
        buckets.std_value / nullif(sensors.normal_half_band, 0) as noise,
        abs(buckets.avg_value - sensors.normal_midpoint) > sensors.normal_half_band as drift_detected,
        coalesce(buckets.std_value > sensors.normal_half_band, false) as erratic,
        buckets.readings >= 3 and buckets.min_value = buckets.max_value as stuck,
        sum(greatest(0, expected.readings - buckets.readings)) over trailing_day as missing_24h,
        sum(buckets.outside_warning) over trailing_day as outside_warning_24h,
        buckets.bucket_end::date - coalesce(
            last_calibration.calibrated_at::date,
            case
                when sensors.calibration_date <= buckets.bucket_end::date then sensors.calibration_date
                else sensors.calibration_date - sensors.calibration_frequency_days
            end
        ) as days_since_calibration
    from buckets
    cross join settings
    inner join {{ ref('int_operations__sensors') }} as sensors
        on buckets.sensor_id = sensors.sensor_id
    inner join expected
        on
            buckets.sensor_id = expected.sensor_id
            and buckets.bucket_end = expected.bucket_end
    left join diagnostics
        on
            buckets.sensor_id = diagnostics.sensor_id
            and buckets.bucket_end = diagnostics.bucket_end
    left join last_calibration
        on
            buckets.sensor_id = last_calibration.sensor_id
            and buckets.bucket_end = last_calibration.bucket_end
    window trailing_day as (
        partition by buckets.sensor_id
        order by buckets.bucket_end
        range between interval '24 hours' preceding and current row
    )
),

health as (
    select
        scored.*,
        greatest(
            0, 100
            - least(30, 3 * scored.packet_loss)
            - case when scored.days_since_calibration >= scored.calibration_frequency_days then 15 else 0 end
            - case when scored.drift_detected then 25 else 0 end
            - case when scored.erratic then 15 else 0 end
            - case when scored.stuck then 40 else 0 end
            - least(20, scored.outside_warning_24h / 5.0)
        ) as score
    from scored
)

select
    (row_number() over (order by sensor_id, bucket_end))::bigint as health_id,
    sensor_id::varchar(50) as sensor_id,
    machine_id::varchar(50) as machine_id,
    (bucket_end - bucket_width)::timestamp as timestamp,
    round(score, 2)::decimal(5, 2) as health_score,
    round(drift::numeric, 4)::decimal(8, 4) as drift_percentage,
    -- the interval's standard deviation in half normal bands (null from a single reading)
    round(noise::numeric, 4)::decimal(8, 4) as noise_level,
    days_since_calibration::integer as days_since_calibration,
    days_since_calibration >= calibration_frequency_days as is_calibration_due,
    drift_detected as calibration_drift_detected,
    round(packet_loss::numeric, 2)::decimal(5, 2) as packet_loss_percentage,
    round(latency_ms::numeric, 2)::decimal(10, 2) as average_latency_ms,
    last_reading::timestamp as last_communication,
    round(missing_24h)::integer as communication_failures_24h,
    round(battery_percentage::numeric, 2)::decimal(5, 2) as battery_percentage,
    coalesce(battery_percentage < 20, false) as is_low_battery,
    stuck as stuck_value_detected,
    erratic as erratic_readings_detected,
    outside_warning_24h::integer as out_of_range_readings_24h,
    (case
        when score >= 80 then 'healthy'
        when score >= 60 then 'degraded'
        when score >= 30 then 'critical'
        else 'failed'
    end)::varchar(20) as overall_status,
    last_reading::timestamp as created_at
from health
