-- Quantities are signed: positive into stock, negative out of it; amount = quantity x value.
-- A transfer posting moves stock between stock types in place: it receives in its own plant
-- and storage location. A goods receipt returned to its supplier is cancelled, its return
-- delivery (122) and a return of components to stores (262) reverse an earlier movement.
select
    cast({{ padded_id('MVT', 'movements.movement_number', 8) }} as varchar(50)) as transaction_id,
    cast(movements.material_document as varchar(50)) as material_document,
    cast(movements.document_item as integer) as document_item,
    cast(movements.transaction_type as varchar(50)) as transaction_type,
    cast(movements.movement_type as varchar(10)) as movement_type,
    cast(movements.moved_at as date) as posting_date,
    cast(movements.moved_at as date) as document_date,
    movements.material_id,
    movements.plant_id,
    movements.storage_location,
    movements.batch_number,
    cast(movements.quantity as decimal(15, 4)) as quantity,
    movements.base_unit_of_measure as unit_of_measure,
    cast(round(movements.quantity * movements.unit_cost, 2) as decimal(15, 2)) as amount,
    movements.purchase_order_id,
    movements.sales_order_id,
    movements.production_order_id,
    movements.work_order_id,
    movements.goods_receipt_id,
    cast(case when movements.transaction_type = 'transfer' then movements.plant_id end as varchar(50))
        as receiving_plant,
    cast(case when movements.transaction_type = 'transfer' then movements.storage_location end as varchar(50))
        as receiving_storage_location,
    cast(movements.reason_code as varchar(20)) as reason_code,
    cast(movements.reason_text as text) as reason_text,
    movements.movement_type = '101' and coalesce(receipts.returned_at is not null, false) as cancelled,
    movements.movement_type in ('122', '262') as reversal_indicator,
    cast(movements.created_by as varchar(50)) as created_by,
    movements.moved_at as created_at
from {{ ref('int_erp__inventory_movements') }} as movements
left join {{ ref('stg_erp__goods_receipts') }} as receipts
    on movements.goods_receipt_id = receipts.goods_receipt_id
