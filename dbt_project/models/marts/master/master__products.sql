select
    product_id,
    product_code,
    product_name,
    product_category,
    product_type,
    description,
    cast(
        case
            when number_of_components < 10 then 'simple'
            when number_of_components < 30 then 'moderate'
            when number_of_components >= 30 then 'complex'
        end as varchar(50)
    ) as bill_of_material_complexity,
    number_of_components,
    standard_cycle_time_seconds,
    target_quality_ppm,
    unit_weight_kg,
    material_type,
    status,
    created_at
from {{ ref('stg_master__products') }}
