-- Prices in the purchase order's currency; sales tax of the supplier's country.
select
    lines.po_line_id,
    lines.purchase_order_id,
    lines.line_number,
    lines.material_id,
    cast(materials.material_name as varchar(200)) as material_description,
    cast(lines.order_quantity as decimal(15, 4)) as order_quantity,
    materials.base_unit_of_measure as unit_of_measure,
    cast(receipts.received_quantity as decimal(15, 4)) as received_quantity,
    cast(receipts.received_quantity as decimal(15, 4)) as invoiced_quantity,
    lines.unit_price,
    cast(round(lines.order_quantity * lines.unit_price, 2) as decimal(15, 2)) as net_price,
    cast(countries.tax_code as varchar(20)) as tax_code,
    cast(round(round(lines.order_quantity * lines.unit_price, 2) * countries.tax_rate / 100, 2) as decimal(15, 2))
        as tax_amount,
    lines.delivery_date,
    lines.plant_id,
    lines.storage_location,
    -- received into stock: the material type's stock account, as the ledger books it
    cast({{ stock_account('materials.material_type') }} as varchar(20)) as gl_account,
    lines.cost_center_id,
    true as goods_receipt_required,
    true as invoice_receipt_required,
    materials.inspection_required as quality_inspection_required,
    lines.requisition_id,
    lines.requisition_line,
    cast(receipts.line_status as varchar(30)) as line_status,
    false as deletion_indicator,
    lines.created_at
from {{ ref('stg_erp__purchase_order_lines') }} as lines
inner join {{ ref('int_erp__purchase_order_line_receipts') }} as receipts
    on lines.po_line_id = receipts.po_line_id
inner join {{ ref('stg_erp__materials') }} as materials
    on lines.material_id = materials.material_id
inner join {{ ref('stg_erp__purchase_orders') }} as orders
    on lines.purchase_order_id = orders.purchase_order_id
inner join {{ ref('stg_erp__suppliers') }} as suppliers
    on orders.supplier_id = suppliers.supplier_id
inner join {{ ref('stg_erp__countries') }} as countries
    on suppliers.country = countries.country
