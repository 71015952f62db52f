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
    maintenance_window_id,
    reason_text,
    resolution_text,
    root_cause_text,
    preventive_action_text,
    spare_parts_used
from {{ source('raw_manufacturing', 'downtime_events') }}
