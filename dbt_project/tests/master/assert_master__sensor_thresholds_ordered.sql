-- Thresholds nest inside the measurement range: range_min <= critical_min <= warning_min
-- <= normal_min < normal_max <= warning_max <= critical_max <= range_max. A sensor with a
-- missing bound fails too.
select
    sensor_id,
    measurement_range_min,
    critical_threshold_min,
    warning_threshold_min,
    normal_operating_min,
    normal_operating_max,
    warning_threshold_max,
    critical_threshold_max,
    measurement_range_max
from {{ ref('master__sensors') }}
where not coalesce(
    measurement_range_min <= critical_threshold_min
    and critical_threshold_min <= warning_threshold_min
    and warning_threshold_min <= normal_operating_min
    and normal_operating_min < normal_operating_max
    and normal_operating_max <= warning_threshold_max
    and warning_threshold_max <= critical_threshold_max
    and critical_threshold_max <= measurement_range_max,
    false
)
