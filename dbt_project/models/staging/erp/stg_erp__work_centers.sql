select
    work_center_id,
    work_center_code,
    work_center_name,
    plant_id,
    line_id,
    machine_id,
    cost_center_id,
    work_center_category,
    available_capacity,
    hourly_rate,
    setup_time_minutes,
    queue_time_days,
    created_at
from {{ source('raw_erp', 'work_centers') }}
