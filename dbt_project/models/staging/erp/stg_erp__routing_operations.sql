select
    operation_id,
    routing_id,
    operation_number,
    operation_short_text,
    work_center_id,
    control_key,
    setup_time,
    machine_time,
    labor_time,
    base_quantity,
    activity_type,
    created_at
from {{ source('raw_erp', 'routing_operations') }}
