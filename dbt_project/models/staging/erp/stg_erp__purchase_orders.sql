select
    purchase_order_id,
    po_number,
    supplier_id,
    po_date,
    po_type,
    payment_terms,
    incoterms,
    freight_charges,
    currency,
    exchange_rate,
    created_by,
    created_at,
    released_by,
    released_at
from {{ source('raw_erp', 'purchase_orders') }}
