select
    defect_id,
    inspection_id,
    detected_date,
    defect_category,
    defect_severity,
    quantity_affected,
    disposition,
    detection_method,
    root_cause_category,
    detected_by,
    action_owner,
    action_due_date,
    status,
    closed_date
from {{ source('raw_manufacturing', 'defects') }}
