-- Each requisition line is converted into the purchase order line that references it.
select
    requisition_lines.requisition_line_id,
    requisition_lines.requisition_id,
    requisition_lines.line_number,
    requisition_lines.material_id,
    cast(materials.material_name as varchar(200)) as material_description,
    cast(requisition_lines.quantity as decimal(15, 4)) as quantity,
    materials.base_unit_of_measure as unit_of_measure,
    requisition_lines.delivery_date,
    cast(requisitions.plant_id as varchar(100)) as delivery_location,
    requisition_lines.estimated_price,
    cast(round(requisition_lines.quantity * requisition_lines.estimated_price, 2) as decimal(15, 2))
        as estimated_total,
    po_lines.purchase_order_id as assigned_to_po,
    cast(coalesce(po_lines.order_quantity, 0) as decimal(15, 4)) as assigned_quantity,
    cast(case materials.material_type when 'consumable' then '400000' else '130000' end as varchar(20))
        as gl_account,
    requisition_lines.cost_center_id,
    cast(case
        when receipts.line_status = 'received' then 'completed'
        when po_lines.po_line_id is not null then 'assigned'
        else 'open'
    end as varchar(30)) as line_status,
    requisition_lines.created_at
from {{ ref('stg_erp__purchase_requisition_lines') }} as requisition_lines
inner join {{ ref('stg_erp__purchase_requisitions') }} as requisitions
    on requisition_lines.requisition_id = requisitions.requisition_id
inner join {{ ref('stg_erp__materials') }} as materials
    on requisition_lines.material_id = materials.material_id
left join {{ ref('stg_erp__purchase_order_lines') }} as po_lines
    on
        requisition_lines.requisition_id = po_lines.requisition_id
        and requisition_lines.line_number = po_lines.requisition_line
left join {{ ref('int_erp__purchase_order_line_receipts') }} as receipts
    on po_lines.po_line_id = receipts.po_line_id
