select
    characteristic_id,
    inspection_plan_id,
    characteristic_name,
    characteristic_type,
    target_value,
    lower_spec_limit,
    upper_spec_limit,
    unit_of_measure,
    inspection_method,
    measurement_device,
    sample_size,
    characteristic_class,
    created_at
from {{ ref('stg_erp__inspection_characteristics') }}
