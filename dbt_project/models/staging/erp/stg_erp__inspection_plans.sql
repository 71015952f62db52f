select
    inspection_plan_id,
    plan_number,
    material_id,
    plant_id,
    plan_usage,
    inspection_type,
    sample_size,
    sample_unit,
    sampling_procedure,
    inspection_interval_days,
    created_at
from {{ source('raw_erp', 'inspection_plans') }}
