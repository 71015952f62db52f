select
    ebr_id,
    work_order_id,
    prepared_by,
    prepared_at,
    reviewed_by,
    reviewed_at,
    approved_by,
    approved_at,
    released_by,
    released_at,
    rejected,
    temperature_min_c,
    temperature_max_c,
    humidity_min_percentage,
    humidity_max_percentage,
    regulatory_requirement
from {{ source('raw_manufacturing', 'batch_records') }}
