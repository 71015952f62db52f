-- Nobody holds an active supply agreement for a discontinued product.
select
    mapping.mapping_id,
    mapping.customer_id,
    mapping.product_id
from {{ ref('master__customer_product_mapping') }} as mapping
inner join {{ ref('master__products') }} as products
    on mapping.product_id = products.product_id
where
    mapping.is_active
    and products.status = 'discontinued'
