select
    transaction_id,
    work_order_id,
    operation_id,
    bom_component_id,
    material_id,
    transaction_type,
    quantity,
    moved_at,
    performed_by,
    supplier_lot_number,
    lot_expiry_date
from {{ source('raw_manufacturing', 'material_bookings') }}
