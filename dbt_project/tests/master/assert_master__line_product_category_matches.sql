-- A line is only mapped to products of the category it makes.
select
    mapping.mapping_id,
    mapping.line_id,
    mapping.product_id,
    lines.product_category as line_category,
    products.product_category
from {{ ref('master__line_product_mapping') }} as mapping
inner join {{ ref('master__production_lines') }} as lines
    on mapping.line_id = lines.line_id
inner join {{ ref('master__products') }} as products
    on mapping.product_id = products.product_id
where lines.product_category is distinct from products.product_category
