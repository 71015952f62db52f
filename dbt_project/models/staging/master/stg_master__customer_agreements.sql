select
    agreement_id,
    customer_id,
    product_id,
    signed_at,
    valid_from,
    valid_to,
    annual_volume,
    unit_price_usd,
    lead_time_days,
    quality_requirement_ppm
from {{ source('raw_master', 'customer_agreements') }}
