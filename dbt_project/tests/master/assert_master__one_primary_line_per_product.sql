-- Every product in line_product_mapping has exactly one primary line.
select
    product_id,
    count(*) filter (where is_primary_line) as primary_lines
from {{ ref('master__line_product_mapping') }}
group by product_id
having count(*) filter (where is_primary_line) != 1
