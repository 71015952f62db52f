-- Every product can be made somewhere: it has at least one line in line_product_mapping.
select products.product_id
from {{ ref('master__products') }} as products
left join {{ ref('master__line_product_mapping') }} as mapping
    on products.product_id = mapping.product_id
where mapping.product_id is null
