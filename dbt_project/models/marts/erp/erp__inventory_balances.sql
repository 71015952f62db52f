-- A balance is the sum of its movements per material, plant and storage location, valued at
-- the material's moving average price.
with balances as (
    select
        material_id,
        plant_id,
        storage_location,
        sum(quantity) as quantity,
        max(posting_date) filter (where quantity > 0 and transaction_type = 'goods_receipt')
            as last_goods_receipt_date,
        max(posting_date) filter (where quantity < 0) as last_goods_issue_date,
        max(posting_date) filter (where movement_type = '561') as last_count_date,
        max(created_at) as updated_at
    from {{ ref('erp__inventory_transactions') }}
    group by material_id, plant_id, storage_location
)

select
    cast({{ padded_id('BAL', 'row_number() over (order by balances.material_id, balances.plant_id, '
        ~ 'balances.storage_location)', 6) }} as varchar(50)) as balance_id,
    balances.material_id,
    balances.plant_id,
    balances.storage_location,
    cast(null as varchar(50)) as batch_number,
    cast(balances.quantity as decimal(15, 4)) as unrestricted_stock,
    cast(0 as decimal(15, 4)) as quality_inspection_stock,
    cast(0 as decimal(15, 4)) as blocked_stock,
    cast(0 as decimal(15, 4)) as consignment_stock,
    cast(0 as decimal(15, 4)) as in_transit_stock,
    cast(round(balances.quantity * prices.moving_average_price, 2) as decimal(15, 2)) as stock_value,
    cast(round(prices.moving_average_price, 4) as decimal(12, 4)) as moving_average_price,
    balances.last_goods_receipt_date,
    balances.last_goods_issue_date,
    balances.last_count_date,
    cast(prices.abc_classification as varchar(10)) as cycle_count_indicator,
    balances.updated_at
from balances
inner join {{ ref('int_erp__material_prices') }} as prices
    on balances.material_id = prices.material_id
