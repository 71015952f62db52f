select
    inspection_id,
    work_order_id,
    operation_id,
    inspection_plan_id,
    inspection_type,
    inspection_date,
    inspector_id,
    shift_id,
    sample_size,
    inspection_result,
    approved_by,
    approved_at,
    notes
from {{ source('raw_manufacturing', 'inspections') }}
