-- A customer's annual_volume_estimate is the sum of annual_volume over its active mappings.
with active_volumes as (
    select
        customer_id,
        sum(annual_volume) as annual_volume
    from {{ ref('master__customer_product_mapping') }}
    where is_active
    group by customer_id
)

select
    customers.customer_id,
    customers.annual_volume_estimate,
    coalesce(active_volumes.annual_volume, 0) as active_volume
from {{ ref('master__customers') }} as customers
left join active_volumes
    on customers.customer_id = active_volumes.customer_id
where customers.annual_volume_estimate is distinct from coalesce(active_volumes.annual_volume, 0)
