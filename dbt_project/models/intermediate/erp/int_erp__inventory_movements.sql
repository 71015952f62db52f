-- Every stock movement (quantity signed: + into stock, - out of it), from ERP and MES facts:
-- opening stock (561), goods receipts against POs (101, into quality inspection when the
-- material is inspected), the inspection's usage decision (321 to unrestricted stock, 350 to
-- blocked stock) and the return of a rejected lot (122), issues to production and returns
-- (261/262, MES material bookings), receipts from production (101, MES good output at
-- work-order completion, in the work order's batch), consumables issued to a cost center
-- (201) and customer deliveries (601). Storage location by material type; stock type
-- unrestricted, quality_inspection or blocked; values in USD at the PO price (receipts and
-- what follows from them), the opening cost or standard cost.
-- A table: several models and tests read it, and a view would compute it again for each.
{{ config(materialized='table') }}

with materials as (
    select
        material_id,
        base_unit_of_measure,
        standard_cost,
        inspection_required,
        case material_type
            when 'raw_material' then 'RM01'
            when 'component' then 'CP01'
            when 'consumable' then 'MR01'
            when 'packaging' then 'PK01'
            else 'FG01'
        end as storage_location
    from {{ ref('stg_erp__materials') }}
),

receipts as (
    select
        receipts.*,
        lines.material_id,
        lines.plant_id,
        lines.storage_location,
        lines.unit_price * orders.exchange_rate as unit_cost,
        case when materials.inspection_required then 'quality_inspection' else 'unrestricted' end
            as receipt_stock_type
    from {{ ref('stg_erp__goods_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on receipts.purchase_order_id = orders.purchase_order_id
    inner join materials
        on lines.material_id = materials.material_id
),

decision_sides as (
    -- into the stock the decision names (3), out of quality inspection (4): in that order a
    -- location's running total never dips
    select
        3 as source_order,
        1 as sign
    union all
    select
        4 as source_order,
        -1 as sign
),

movements as (
    select
        1 as source_order,
        'opening:' || opening.plant_id || ':' || opening.material_id as source_key,
        'OPEN-' || opening.plant_id as material_document,
        'physical_inventory' as transaction_type,
        '561' as movement_type,
        'unrestricted' as stock_type,
        opening.material_id,
        opening.plant_id,
        opening.storage_location,
        cast(null as varchar(50)) as batch_number,
        opening.quantity,
        opening.unit_cost,
        opening.posted_at as moved_at,
        cast(null as varchar(50)) as purchase_order_id,
        cast(null as varchar(50)) as sales_order_id,
        cast(null as varchar(50)) as production_order_id,
        cast(null as varchar(50)) as work_order_id,
        cast(null as varchar(50)) as goods_receipt_id,
        cast(null as varchar(50)) as cost_center_id,
        'INIT' as reason_code,
        'Opening stock at the start of the ERP history' as reason_text,
        'SYSTEM' as created_by
    from {{ ref('stg_erp__opening_stock') }} as opening
    union all
    select
        2 as source_order,
        goods_receipt_id as source_key,
        gr_number as material_document,
        'goods_receipt' as transaction_type,
        '101' as movement_type,
        receipt_stock_type as stock_type,
        material_id,
        plant_id,
        storage_location,
        batch_number,
        quantity_received as quantity,
        unit_cost,
        received_at as moved_at,
        purchase_order_id,
        null as sales_order_id,
        null as production_order_id,
        null as work_order_id,
        goods_receipt_id,
        null as cost_center_id,
        null as reason_code,
        null as reason_text,
        created_by
    from receipts
    union all
    -- the usage decision moves the lot out of quality inspection into unrestricted or
    -- blocked stock: a pair of movements
    select
        decision.source_order,
        receipts.goods_receipt_id as source_key,
        'IL-' || receipts.gr_number as material_document,
        'transfer' as transaction_type,
        case receipts.inspection_result when 'accepted' then '321' else '350' end as movement_type,
        case
            when decision.source_order = 4 then 'quality_inspection'
            when receipts.inspection_result = 'accepted' then 'unrestricted'
            else 'blocked'
        end as stock_type,
        receipts.material_id,
        receipts.plant_id,
        receipts.storage_location,
        receipts.batch_number,
        decision.sign * receipts.quantity_received as quantity,
        receipts.unit_cost,
        receipts.inspection_decided_at as moved_at,
        receipts.purchase_order_id,
        null as sales_order_id,
        null as production_order_id,
        null as work_order_id,
        receipts.goods_receipt_id,
        null as cost_center_id,
        case receipts.inspection_result when 'accepted' then 'UD-A' else 'UD-R' end as reason_code,
        'Usage decision: ' || receipts.inspection_result as reason_text,
        'QM' as created_by
    from receipts
    cross join decision_sides as decision
    where receipts.inspection_decided_at is not null
    union all
    select
        5 as source_order,
        goods_receipt_id as source_key,
        'RT-' || gr_number as material_document,
        'return' as transaction_type,
        '122' as movement_type,
        'blocked' as stock_type,
        material_id,
        plant_id,
        storage_location,
        batch_number,
        -quantity_received as quantity,
        unit_cost,
        returned_at as moved_at,
        purchase_order_id,
        null as sales_order_id,
        null as production_order_id,
        null as work_order_id,
        goods_receipt_id,
        null as cost_center_id,
        'QREJ' as reason_code,
        'Rejected in inspection, returned to the supplier' as reason_text,
        created_by
    from receipts
    where returned_at is not null
    union all
    select
        6 as source_order,
        bookings.transaction_id as source_key,
        orders.production_order_number as material_document,
        case when bookings.quantity >= 0 then 'goods_issue' else 'return' end as transaction_type,
        case when bookings.quantity >= 0 then '261' else '262' end as movement_type,
        'unrestricted' as stock_type,
        bookings.material_id,
        bookings.factory_id as plant_id,
        materials.storage_location,
        null as batch_number,
        -bookings.quantity as quantity,
        materials.standard_cost as unit_cost,
        bookings.moved_at,
        null as purchase_order_id,
        null as sales_order_id,
        orders.production_order_id,
        bookings.work_order_id,
        null as goods_receipt_id,
        null as cost_center_id,
        null as reason_code,
        null as reason_text,
        'MES' as created_by
    from {{ ref('int_manufacturing__material_movements') }} as bookings
    inner join {{ ref('stg_erp__production_orders') }} as orders
        on bookings.work_order_id = orders.work_order_id
    inner join materials
        on bookings.material_id = materials.material_id
    union all
    select
        7 as source_order,
        actuals.production_order_id as source_key,
        orders.production_order_number as material_document,
        'goods_receipt' as transaction_type,
        '101' as movement_type,
        'unrestricted' as stock_type,
        actuals.material_id,
        actuals.plant_id,
        'FG01' as storage_location,
        -- the work order's batch (its lot of finished goods)
        context.batch_number,
        actuals.good_quantity as quantity,
        materials.standard_cost as unit_cost,
        actuals.actual_end_time as moved_at,
        null as purchase_order_id,
        actuals.sales_order_id,
        actuals.production_order_id,
        actuals.work_order_id,
        null as goods_receipt_id,
        null as cost_center_id,
        null as reason_code,
        null as reason_text,
        'MES' as created_by
    from {{ ref('int_erp__production_order_actuals') }} as actuals
    inner join {{ ref('stg_erp__production_orders') }} as orders
        on actuals.production_order_id = orders.production_order_id
    inner join materials
        on actuals.material_id = materials.material_id
    inner join {{ ref('int_manufacturing__work_order_context') }} as context
        on actuals.work_order_id = context.work_order_id
    where actuals.actual_end_time is not null and actuals.good_quantity > 0
    union all
    select
        8 as source_order,
        issues.issue_id as source_key,
        issues.issue_id as material_document,
        'goods_issue' as transaction_type,
        '201' as movement_type,
        'unrestricted' as stock_type,
        issues.material_id,
        issues.plant_id,
        materials.storage_location,
        null as batch_number,
        -issues.quantity as quantity,
        materials.standard_cost as unit_cost,
        issues.issued_at as moved_at,
        null as purchase_order_id,
        null as sales_order_id,
        null as production_order_id,
        null as work_order_id,
        null as goods_receipt_id,
        issues.cost_center_id,
        null as reason_code,
        'Issued to cost center' as reason_text,
        issues.issued_by as created_by
    from {{ ref('stg_erp__cost_center_issues') }} as issues
    inner join materials
        on issues.material_id = materials.material_id
    union all
    select
        9 as source_order,
        deliveries.sales_order_line_id || ':' || deliveries.delivery_number as source_key,
        orders.sales_order_number as material_document,
        'goods_issue' as transaction_type,
        '601' as movement_type,
        'unrestricted' as stock_type,
        deliveries.material_id,
        deliveries.plant_id,
        'FG01' as storage_location,
        null as batch_number,
        -deliveries.delivered_quantity as quantity,
        materials.standard_cost as unit_cost,
        deliveries.delivered_at as moved_at,
        null as purchase_order_id,
        deliveries.sales_order_id,
        deliveries.production_order_id,
        null as work_order_id,
        null as goods_receipt_id,
        null as cost_center_id,
        null as reason_code,
        null as reason_text,
        orders.created_by
    from {{ ref('int_erp__deliveries') }} as deliveries
    inner join {{ ref('stg_erp__sales_orders') }} as orders
        on deliveries.sales_order_id = orders.sales_order_id
    inner join materials
        on deliveries.material_id = materials.material_id
)

select
    row_number() over (order by movements.moved_at, movements.source_order, movements.source_key)
        as movement_number,
    row_number() over (
        partition by movements.material_document
        order by movements.moved_at, movements.source_order, movements.source_key
    ) as document_item,
    movements.*,
    materials.base_unit_of_measure
from movements
inner join materials
    on movements.material_id = materials.material_id
