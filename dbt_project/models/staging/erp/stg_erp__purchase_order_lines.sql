select
    po_line_id,
    purchase_order_id,
    line_number,
    material_id,
    order_quantity,
    unit_price,
    delivery_date,
    plant_id,
    storage_location,
    cost_center_id,
    requisition_id,
    requisition_line,
    created_at
from {{ source('raw_erp', 'purchase_order_lines') }}
