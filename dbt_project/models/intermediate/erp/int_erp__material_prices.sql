-- Per material (prices in USD): the moving average price over the opening stock and all goods
-- receipts at their PO price, the last purchase price, and the ABC class by the value moved through
-- purchase and sales order lines (A: top 70 % of the value, B: next 20 %, C: the rest).
with receipts as (
    select
        lines.material_id,
        receipts.quantity_received as quantity,
        lines.unit_price * orders.exchange_rate as unit_price,
        receipts.received_at
    from {{ ref('stg_erp__goods_receipts') }} as receipts
    inner join {{ ref('stg_erp__purchase_order_lines') }} as lines
        on receipts.po_line_id = lines.po_line_id
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on receipts.purchase_order_id = orders.purchase_order_id
),

valued as (
    select
        material_id,
        quantity,
        unit_cost as unit_price
    from {{ ref('stg_erp__opening_stock') }}
    union all
    select
        material_id,
        quantity,
        unit_price
    from receipts
),

average_price as (
    select
        material_id,
        sum(quantity * unit_price) / nullif(sum(quantity), 0) as moving_average_price
    from valued
    group by material_id
),

last_purchase as (
    select distinct on (lines.material_id)
        lines.material_id,
        lines.unit_price * orders.exchange_rate as last_purchase_price
    from {{ ref('stg_erp__purchase_order_lines') }} as lines
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on lines.purchase_order_id = orders.purchase_order_id
    order by lines.material_id asc, orders.created_at desc, lines.po_line_id desc
),

order_value as (
    select
        lines.material_id,
        lines.order_quantity * lines.unit_price * orders.exchange_rate as order_value
    from {{ ref('stg_erp__purchase_order_lines') }} as lines
    inner join {{ ref('stg_erp__purchase_orders') }} as orders
        on lines.purchase_order_id = orders.purchase_order_id
    union all
    select
        lines.material_id,
        lines.order_quantity * lines.unit_price * orders.exchange_rate as order_value
    from {{ ref('stg_erp__sales_order_lines') }} as lines
    inner join {{ ref('stg_erp__sales_orders') }} as orders
        on lines.sales_order_id = orders.sales_order_id
),

material_value as (
    select
        materials.material_id,
        coalesce(sum(order_value.order_value), 0) as order_value
    from {{ ref('stg_erp__materials') }} as materials
    left join order_value
        on materials.material_id = order_value.material_id
    group by materials.material_id
),

ranked as (
    select
        material_id,
        order_value,
        sum(order_value) over (order by order_value desc, material_id asc)
        / nullif(sum(order_value) over (), 0) as cumulative_share
    from material_value
)

select
    materials.material_id,
    coalesce(average_price.moving_average_price, materials.standard_cost) as moving_average_price,
    last_purchase.last_purchase_price,
    ranked.order_value,
    case
        when ranked.cumulative_share <= 0.7 then 'A'
        when ranked.cumulative_share <= 0.9 then 'B'
        else 'C'
    end as abc_classification
from {{ ref('stg_erp__materials') }} as materials
left join average_price
    on materials.material_id = average_price.material_id
left join last_purchase
    on materials.material_id = last_purchase.material_id
left join ranked
    on materials.material_id = ranked.material_id
