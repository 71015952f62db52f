-- Successive supply agreements for a customer and product follow each other: a renewal
-- starts after the previous agreement ends.
with ordered as (
    select
        agreement_id,
        customer_id,
        product_id,
        valid_from,
        lag(valid_to) over (
            partition by customer_id, product_id
            order by valid_from, agreement_id
        ) as previous_valid_to
    from {{ ref('stg_master__customer_agreements') }}
)

select
    agreement_id,
    customer_id,
    product_id,
    valid_from,
    previous_valid_to
from ordered
where previous_valid_to >= valid_from
