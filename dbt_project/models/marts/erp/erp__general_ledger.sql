-- The ledger is derived from the stock movements: every movement posts its absolute value as
-- one debit and one credit line (inventory account by material type against GR/IR, production
-- consumption, production output, cost of goods sold or the opening-balance account).
with movements as (
    select
        transactions.transaction_id,
        transactions.material_document,
        transactions.movement_type,
        transactions.posting_date,
        transactions.document_date,
        transactions.plant_id,
        transactions.production_order_id,
        transactions.work_order_id,
        transactions.sales_order_id,
        transactions.purchase_order_id,
        transactions.created_by,
        transactions.created_at,
        abs(transactions.amount) as amount,
        case materials.material_type
            when 'raw_material' then '130100'
            when 'component' then '130200'
            when 'consumable' then '130300'
            when 'packaging' then '130400'
            else '131000'
        end as stock_account,
        case transactions.movement_type
            when '561' then '399999'
            when '101' then case when transactions.goods_receipt_id is null then '520000' else '191100' end
            when '261' then '510000'
            when '262' then '510000'
            when '601' then '600000'
        end as offset_account,
        transactions.quantity > 0 as into_stock
    from {{ ref('erp__inventory_transactions') }} as transactions
    inner join {{ ref('stg_erp__materials') }} as materials
        on transactions.material_id = materials.material_id
    where transactions.amount <> 0
),

line_cost_centers as (
    select
        line_id,
        min(cost_center_id) as cost_center_id
    from {{ ref('stg_erp__work_centers') }}
    group by line_id
),

sides as (
    select 'debit' as side
    union all
    select 'credit' as side
),

postings as (
    select
        movements.*,
        sides.side,
        case
            when (sides.side = 'debit') = movements.into_stock then movements.stock_account
            else movements.offset_account
        end as gl_account,
        orders.line_id
    from movements
    cross join sides
    left join {{ ref('stg_erp__production_orders') }} as orders
        on movements.production_order_id = orders.production_order_id
)

select
    cast({{ padded_id('GL', "row_number() over (order by postings.created_at, postings.transaction_id, "
        ~ "postings.side desc)", 9) }} as varchar(50)) as gl_transaction_id,
    postings.material_document as document_number,
    cast(case
        when postings.movement_type in ('101', '561') then 'WE'
        when postings.movement_type = '601' then 'WL'
        else 'WA'
    end as varchar(10)) as document_type,
    postings.posting_date,
    postings.document_date,
    cast(postings.gl_account as varchar(20)) as gl_account,
    cast('1000' as varchar(10)) as company_code,
    cast(case when postings.side = 'debit' then postings.amount end as decimal(15, 2)) as debit_amount,
    cast(case when postings.side = 'credit' then postings.amount end as decimal(15, 2)) as credit_amount,
    cast('USD' as varchar(3)) as currency,
    case when postings.gl_account in ('510000', '520000') then line_cost_centers.cost_center_id end
        as cost_center_id,
    cast(postings.plant_id as varchar(50)) as profit_center,
    cast(
        coalesce(postings.production_order_id, postings.purchase_order_id, postings.sales_order_id)
        as varchar(50)
    ) as reference_document,
    cast(postings.transaction_id as varchar(50)) as assignment,
    cast('Stock movement ' || postings.movement_type || ' ' || postings.transaction_id as text) as text,
    cast(case when postings.side = 'debit' then '40' else '50' end as varchar(2)) as posting_key,
    cast('MIGO' as varchar(10)) as transaction_code,
    cast(case when postings.work_order_id is not null then 'MES' else 'ERP' end as varchar(50))
        as source_system,
    cast(postings.transaction_id as varchar(50)) as source_document_id,
    cast(extract(year from postings.posting_date) as integer) as fiscal_year,
    cast(extract(month from postings.posting_date) as integer) as fiscal_period,
    false as cleared,
    cast(null as varchar(50)) as clearing_document,
    cast(null as date) as clearing_date,
    postings.created_by,
    postings.created_at
from postings
left join line_cost_centers
    on postings.line_id = line_cost_centers.line_id
