select
    component_id,
    bom_id,
    item_number,
    material_id,
    cast(component_quantity as decimal(15, 4)) as component_quantity,
    component_unit,
    component_scrap_percentage,
    operation_number,
    backflush,
    cast('stock' as varchar(30)) as procurement_indicator,
    true as cost_relevance,
    substitute_material_id is not null as has_substitute,
    substitute_material_id,
    valid_from,
    cast(null as date) as valid_to,
    created_at
from {{ ref('stg_erp__bom_components') }}
