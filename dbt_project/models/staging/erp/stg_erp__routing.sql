select
    routing_id,
    routing_number,
    material_id,
    product_id,
    plant_id,
    line_id,
    base_quantity,
    lot_size_from,
    lot_size_to,
    valid_from,
    created_by,
    created_at
from {{ source('raw_erp', 'routing') }}
