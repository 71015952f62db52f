select
    routing_id,
    routing_number,
    material_id,
    plant_id,
    cast('production' as varchar(30)) as routing_usage,
    cast('active' as varchar(30)) as routing_status,
    cast(base_quantity as decimal(15, 4)) as base_quantity,
    lot_size_from,
    lot_size_to,
    valid_from,
    cast(null as date) as valid_to,
    created_by,
    created_at,
    created_at as updated_at
from {{ ref('stg_erp__routing') }}
