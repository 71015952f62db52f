select
    work_order_id,
    production_order_id,
    received_at,
    scheduled_start_time,
    scheduled_end_time,
    actual_start_time,
    actual_end_time,
    status,
    completed_by,
    closed_at,
    planning_note
from {{ source('raw_manufacturing', 'work_order_executions') }}
