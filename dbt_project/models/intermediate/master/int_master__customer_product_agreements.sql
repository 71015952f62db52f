-- One row per (customer, product) with a supply agreement: the terms of the latest agreement
-- (by valid_from), whether it is in force on the run's as-of date (no valid_to: open-ended), when the first agreement
-- was signed, and a deterministic sequence number for the mapping id.
with agreements as (
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
        quality_requirement_ppm,
        row_number() over (
            partition by customer_id, product_id
            order by valid_from desc, agreement_id desc
        ) as recency,
        min(signed_at) over (partition by customer_id, product_id) as first_signed_at,
        count(*) over (partition by customer_id, product_id) as agreement_count
    from {{ ref('stg_master__customer_agreements') }}
)

select
    agreements.customer_id,
    agreements.product_id,
    agreements.agreement_id as latest_agreement_id,
    agreements.valid_from,
    agreements.valid_to,
    agreements.annual_volume,
    agreements.unit_price_usd,
    agreements.lead_time_days,
    agreements.quality_requirement_ppm,
    agreements.first_signed_at,
    agreements.agreement_count,
    coalesce(
        agreements.valid_from <= run_context.as_of_date
        and (agreements.valid_to is null or agreements.valid_to >= run_context.as_of_date),
        false
    ) as is_active,
    row_number() over (order by agreements.customer_id, agreements.product_id) as mapping_number
from agreements
cross join {{ ref('int_genims_meta__run_context') }} as run_context
where agreements.recency = 1
