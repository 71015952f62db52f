-- Supplier, material, plant, storage location and price (PO currency) come from the PO line
-- received. Quality status at the as-of instant: in quality inspection until the usage
-- decision, then unrestricted, or blocked when rejected.
select
    receipts.goods_receipt_id,
    receipts.gr_number,
    cast(receipts.received_at as date) as gr_date,
    cast(receipts.received_at as date) as posting_date,
    receipts.purchase_order_id,
    receipts.po_line_id,
    orders.supplier_id,
    lines.material_id,
    cast(receipts.quantity_received as decimal(15, 4)) as quantity_received,
    materials.base_unit_of_measure as unit_of_measure,
    lines.plant_id,
    lines.storage_location,
    receipts.batch_number,
    cast(case when materials.inspection_required then 'IL-' || receipts.gr_number end as varchar(50))
        as inspection_lot,
    cast(case
        when materials.inspection_required and receipts.inspection_decided_at is null then 'quality_inspection'
        when receipts.inspection_result = 'rejected' then 'blocked'
        else 'unrestricted'
    end as varchar(30)) as quality_status,
    lines.unit_price,
    cast(round(receipts.quantity_received * lines.unit_price, 2) as decimal(15, 2)) as total_value,
    receipts.delivery_note,
    receipts.bill_of_lading,
    -- a rejected lot returned to the supplier: reversed by its return delivery
    cast(case when receipts.returned_at is null then 'posted' else 'reversed' end as varchar(30)) as gr_status,
    receipts.returned_at is not null as cancelled,
    cast(case when receipts.returned_at is not null then 'RT-' || receipts.gr_number end as varchar(50))
        as reversal_gr,
    receipts.created_by,
    receipts.received_at as created_at
from {{ ref('stg_erp__goods_receipts') }} as receipts
inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
    on receipts.po_line_id = lines.po_line_id
inner join {{ ref('stg_erp__purchase_orders') }} as orders
    on receipts.purchase_order_id = orders.purchase_order_id
inner join {{ ref('stg_erp__materials') }} as materials
    on lines.material_id = materials.material_id
