select
    goods_receipt_id,
    gr_number,
    po_line_id,
    purchase_order_id,
    received_at,
    quantity_received,
    batch_number,
    delivery_note,
    created_by,
    inspection_decided_at,
    inspection_result,
    returned_at,
    bill_of_lading,
    invoice_number,
    invoice_received_at
from {{ source('raw_erp', 'goods_receipts') }}
