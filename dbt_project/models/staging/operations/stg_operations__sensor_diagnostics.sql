select
    sensor_id,
    reported_at,
    battery_percentage,
    latency_ms
from {{ source('raw_operations', 'sensor_diagnostics') }}
