{{ config(alias='inventory_transactions') }}

-- Quantities are signed: positive into stock, negative out of it; amount = quantity x value.
select
    cast({{ padded_id('MVT', 'movement_number', 8) }} as varchar(50)) as transaction_id,
    cast(material_document as varchar(50)) as material_document,
    cast(document_item as integer) as document_item,
    cast(transaction_type as varchar(50)) as transaction_type,
    cast(movement_type as varchar(10)) as movement_type,
    cast(moved_at as date) as posting_date,
    cast(moved_at as date) as document_date,
    material_id,
    plant_id,
    storage_location,
    batch_number,
    cast(quantity as decimal(15, 4)) as quantity,
    base_unit_of_measure as unit_of_measure,
    cast(round(quantity * unit_cost, 2) as decimal(15, 2)) as amount,
    purchase_order_id,
    sales_order_id,
    production_order_id,
    work_order_id,
    goods_receipt_id,
    cast(null as varchar(50)) as receiving_plant,
    cast(null as varchar(50)) as receiving_storage_location,
    cast(reason_code as varchar(20)) as reason_code,
    cast(reason_text as text) as reason_text,
    false as cancelled,
    false as reversal_indicator,
    cast(created_by as varchar(50)) as created_by,
    moved_at as created_at
from {{ ref('int_erp__inventory_movements') }}
