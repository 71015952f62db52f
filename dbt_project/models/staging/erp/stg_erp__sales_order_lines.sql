select
    sales_order_line_id,
    sales_order_id,
    line_number,
    material_id,
    product_id,
    plant_id,
    order_quantity,
    unit_price,
    discount_percentage,
    requested_delivery_date,
    make_to_order,
    agreement_id,
    created_at
from {{ source('raw_erp', 'sales_order_lines') }}
