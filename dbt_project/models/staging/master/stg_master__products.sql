select
    product_id,
    product_code,
    product_name,
    product_category,
    product_type,
    description,
    number_of_components,
    standard_cycle_time_seconds,
    target_quality_ppm,
    unit_weight_kg,
    material_type,
    status,
    created_at
from {{ source('raw_master', 'products') }}
