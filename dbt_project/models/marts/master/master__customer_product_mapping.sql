select
    cast({{ padded_id('CPM', 'mapping_number', 5) }} as varchar(50)) as mapping_id,
    customer_id,
    product_id,
    is_active,
    annual_volume,
    unit_price_usd,
    lead_time_days,
    quality_requirement_ppm,
    first_signed_at as created_at
from {{ ref('int_master__customer_product_agreements') }}
