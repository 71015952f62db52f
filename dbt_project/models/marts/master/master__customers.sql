with active_volumes as (
    select
        customer_id,
        sum(annual_volume) as annual_volume
    from {{ ref('int_master__customer_product_agreements') }}
    where is_active
    group by customer_id
)

select
    customers.customer_id,
    customers.customer_code,
    customers.customer_name,
    customers.customer_type,
    customers.country,
    customers.region,
    customers.industry_segment,
    cast(coalesce(active_volumes.annual_volume, 0) as {{ dbt.type_int() }}) as annual_volume_estimate,
    customers.quality_rating,
    customers.payment_terms_days,
    customers.sla_on_time_delivery_percentage,
    customers.sla_quality_ppm_max,
    customers.status,
    customers.created_at
from {{ ref('stg_master__customers') }} as customers
left join active_volumes
    on customers.customer_id = active_volumes.customer_id
