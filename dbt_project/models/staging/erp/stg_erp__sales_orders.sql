select
    sales_order_id,
    sales_order_number,
    customer_id,
    order_date,
    order_type,
    requested_delivery_date,
    delivery_priority,
    payment_terms,
    incoterms,
    customer_po_number,
    currency,
    exchange_rate,
    payment_delay_days,
    shipping_instructions,
    created_by,
    created_at
from {{ source('raw_erp', 'sales_orders') }}
