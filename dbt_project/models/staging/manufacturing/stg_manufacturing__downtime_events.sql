select
    downtime_id,
    operation_id,
    machine_id,
    downtime_start,
    downtime_end,
    downtime_category,
    reported_by,
    responded_by,
    response_time_minutes,
    failure_mode,
    maintenance_window_id
from {{ source('raw_manufacturing', 'downtime_events') }}
