-- A mapping cannot predate what it maps: a line is qualified for a product only once both
-- exist, and a customer signs for a product only once both exist.
select
    mapping.mapping_id,
    'line_product_mapping' as mapping_table,
    mapping.created_at
from {{ ref('master__line_product_mapping') }} as mapping
inner join {{ ref('master__products') }} as products
    on mapping.product_id = products.product_id
inner join {{ ref('master__production_lines') }} as lines
    on mapping.line_id = lines.line_id
where
    cast(mapping.created_at as date) < cast(products.created_at as date)
    or cast(mapping.created_at as date) < lines.commissioning_date

union all

select
    mapping.mapping_id,
    'customer_product_mapping' as mapping_table,
    mapping.created_at
from {{ ref('master__customer_product_mapping') }} as mapping
inner join {{ ref('master__products') }} as products
    on mapping.product_id = products.product_id
inner join {{ ref('master__customers') }} as customers
    on mapping.customer_id = customers.customer_id
where
    mapping.created_at < products.created_at
    or mapping.created_at < customers.created_at
