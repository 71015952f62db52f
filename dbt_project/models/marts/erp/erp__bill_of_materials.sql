select
    bom_id,
    bom_number,
    parent_material_id,
    cast(base_quantity as decimal(15, 4)) as parent_quantity,
    cast('production' as varchar(30)) as bom_usage,
    cast('active' as varchar(30)) as bom_status,
    1 as alternative_bom,
    valid_from,
    cast(null as date) as valid_to,
    cast(base_quantity as decimal(15, 4)) as base_quantity,
    base_unit,
    lot_size,
    scrap_percentage,
    -- A BOM is valid in every plant that makes the product.
    cast(null as varchar(50)) as plant_id,
    product_id,
    cast('ECN-' || bom_number || '-' || revision as varchar(50)) as engineering_change_number,
    revision,
    is_current_revision,
    created_by,
    created_at,
    created_at as updated_at
from {{ ref('stg_erp__bill_of_materials') }}
