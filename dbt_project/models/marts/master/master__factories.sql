select
    factory_id,
    factory_name,
    country,
    city,
    region,
    timezone,
    total_area_sqm,
    operational_since,
    factory_type,
    certification,
    status,
    created_at
from {{ ref('stg_master__factories') }}
