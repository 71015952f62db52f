-- A balance is the sum of its movements per material, plant and storage location, by stock
-- type (unrestricted, in quality inspection, blocked), valued at the material's moving
-- average price. In transit: what open purchase order lines past their delivery date still
-- owe (the goods are on their way). Last counted: the latest date of the cycle-count
-- schedule of the material's ABC class (A monthly, B quarterly, C twice a year) before the
-- as-of day. Batch: for batch-managed materials (raw materials, components and finished
-- goods: the traced ones; packaging and consumables are not), the batch of the latest receipt
-- into the location whose lot was not returned to the supplier (the lot now going into
-- stock; the balance sums all its batches).
with receipts as (
    select
        movements.material_id,
        movements.plant_id,
        movements.storage_location,
        movements.batch_number,
        movements.moved_at,
        movements.movement_number
    from {{ ref('int_erp__inventory_movements') }} as movements
    inner join {{ ref('stg_erp__materials') }} as materials
        on movements.material_id = materials.material_id
    where
        movements.transaction_type = 'goods_receipt'
        and movements.quantity > 0
        and movements.batch_number is not null
        and materials.material_type in ('raw_material', 'component', 'finished_good')
        and not exists (
            select 1
            from {{ ref('int_erp__inventory_movements') }} as returns
            where
                returns.movement_type = '122'
                and returns.material_id = movements.material_id
                and returns.plant_id = movements.plant_id
                and returns.batch_number = movements.batch_number
        )
),

latest_batches as (
    select distinct on (material_id, plant_id, storage_location)
        material_id,
        plant_id,
        storage_location,
        batch_number
    from receipts
    order by material_id asc, plant_id asc, storage_location asc, moved_at desc, movement_number desc
),

balances as (
    select
        material_id,
        plant_id,
        storage_location,
        sum(quantity) filter (where stock_type = 'unrestricted') as unrestricted_stock,
        sum(quantity) filter (where stock_type = 'quality_inspection') as quality_inspection_stock,
        sum(quantity) filter (where stock_type = 'blocked') as blocked_stock,
        sum(quantity) as quantity,
        max(cast(moved_at as date)) filter (where quantity > 0 and transaction_type = 'goods_receipt')
            as last_goods_receipt_date,
        max(cast(moved_at as date)) filter (where quantity < 0 and transaction_type <> 'transfer')
            as last_goods_issue_date,
        max(moved_at) as updated_at
    from {{ ref('int_erp__inventory_movements') }}
    group by material_id, plant_id, storage_location
),

in_transit as (
    select
        receipts.material_id,
        receipts.plant_id,
        lines.storage_location,
        sum(receipts.order_quantity - receipts.received_quantity) as quantity
    from {{ ref('int_erp__purchase_order_line_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
    where receipts.delivery_date <= run_context.as_of_date and receipts.received_quantity < receipts.order_quantity
    group by receipts.material_id, receipts.plant_id, lines.storage_location
)

select
    cast({{ padded_id('BAL', 'row_number() over (order by balances.material_id, balances.plant_id, '
        ~ 'balances.storage_location)', 6) }} as varchar(50)) as balance_id,
    balances.material_id,
    balances.plant_id,
    balances.storage_location,
    latest_batches.batch_number,
    cast(coalesce(balances.unrestricted_stock, 0) as decimal(15, 4)) as unrestricted_stock,
    cast(coalesce(balances.quality_inspection_stock, 0) as decimal(15, 4)) as quality_inspection_stock,
    cast(coalesce(balances.blocked_stock, 0) as decimal(15, 4)) as blocked_stock,
    cast(0 as decimal(15, 4)) as consignment_stock,
    cast(coalesce(in_transit.quantity, 0) as decimal(15, 4)) as in_transit_stock,
    cast(round(balances.quantity * prices.moving_average_price, 2) as decimal(15, 2)) as stock_value,
    cast(round(prices.moving_average_price, 4) as decimal(12, 4)) as moving_average_price,
    balances.last_goods_receipt_date,
    balances.last_goods_issue_date,
    run_context.as_of_date - 1 - cast(mod(
        run_context.as_of_date - 1 - date '2000-01-01' + cast(right(balances.material_id, 3) as integer),
        case prices.abc_classification when 'A' then 30 when 'B' then 91 else 182 end
    ) as integer) as last_count_date,
    cast(prices.abc_classification as varchar(10)) as cycle_count_indicator,
    balances.updated_at
from balances
inner join {{ ref('int_erp__material_prices') }} as prices
    on balances.material_id = prices.material_id
cross join {{ ref('int_genims_meta__run_context') }} as run_context
left join in_transit
    on
        balances.material_id = in_transit.material_id
        and balances.plant_id = in_transit.plant_id
        and balances.storage_location = in_transit.storage_location
left join latest_batches
    on
        balances.material_id = latest_batches.material_id
        and balances.plant_id = latest_batches.plant_id
        and balances.storage_location = latest_batches.storage_location
