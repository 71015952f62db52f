select
    customer_id,
    customer_code,
    customer_name,
    customer_type,
    country,
    region,
    industry_segment,
    quality_rating,
    payment_terms_days,
    sla_on_time_delivery_percentage,
    sla_quality_ppm_max,
    status,
    created_at
from {{ source('raw_master', 'customers') }}
