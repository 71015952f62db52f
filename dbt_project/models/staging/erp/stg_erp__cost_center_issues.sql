select
    issue_id,
    material_id,
    plant_id,
    cost_center_id,
    quantity,
    issued_at,
    issued_by,
    received_by
from {{ source('raw_erp', 'cost_center_issues') }}
