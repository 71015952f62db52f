select
    material_id,
    plant_id,
    storage_location,
    quantity,
    unit_cost,
    posted_at
from {{ source('raw_erp', 'opening_stock') }}
