select
    bom_id,
    bom_number,
    parent_material_id,
    product_id,
    base_quantity,
    base_unit,
    lot_size,
    scrap_percentage,
    valid_from,
    revision,
    is_current_revision,
    created_by,
    created_at
from {{ source('raw_erp', 'bill_of_materials') }}
