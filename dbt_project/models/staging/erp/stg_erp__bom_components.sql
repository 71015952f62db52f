select
    component_id,
    bom_id,
    item_number,
    material_id,
    component_quantity,
    component_unit,
    component_scrap_percentage,
    operation_number,
    backflush,
    valid_from,
    substitute_material_id,
    created_at
from {{ source('raw_erp', 'bom_components') }}
