select
    requisition_id,
    requisition_number,
    requisition_type,
    requisition_date,
    required_date,
    requester_id,
    cost_center_id,
    plant_id,
    priority,
    approved_by,
    approved_at,
    source_type,
    source_document,
    remarks,
    created_at
from {{ source('raw_erp', 'purchase_requisitions') }}
