select
    requisition_line_id,
    requisition_id,
    line_number,
    material_id,
    quantity,
    delivery_date,
    estimated_price,
    cost_center_id,
    created_at
from {{ source('raw_erp', 'purchase_requisition_lines') }}
