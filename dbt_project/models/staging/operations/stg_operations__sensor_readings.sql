select
    reading_id,
    sensor_id,
    reading_time,
    reading_value,
    quality_code
from {{ source('raw_operations', 'sensor_readings') }}
