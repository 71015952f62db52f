select
    line_id,
    factory_id,
    line_name,
    line_number,
    product_category,
    line_type,
    design_capacity_units_per_hour,
    installed_capacity_units_per_hour,
    line_length_meters,
    automation_level,
    commissioning_date,
    status,
    created_at
from {{ source('raw_master', 'production_lines') }}
