-- Per purchase order line: what its goods receipts delivered, when, and the line's status.
with receipts as (
    select
        po_line_id,
        sum(quantity_received) as received_quantity,
        min(received_at) as first_received_at,
        max(received_at) as last_received_at,
        count(*) as receipt_count
    from {{ ref('stg_erp__goods_receipts') }}
    group by po_line_id
)

select
    lines.po_line_id,
    lines.purchase_order_id,
    lines.material_id,
    lines.plant_id,
    lines.order_quantity,
    lines.unit_price,
    lines.delivery_date,
    coalesce(receipts.received_quantity, 0) as received_quantity,
    receipts.first_received_at,
    receipts.last_received_at,
    coalesce(receipts.receipt_count, 0) as receipt_count,
    case
        when coalesce(receipts.received_quantity, 0) >= lines.order_quantity then 'received'
        when receipts.received_quantity > 0 then 'partially_received'
        else 'open'
    end as line_status
from {{ ref('stg_erp__purchase_order_lines') }} as lines
left join receipts
    on lines.po_line_id = receipts.po_line_id
