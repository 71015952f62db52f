-- A sales line draws on an agreement of its customer for its product, in force on the order
-- date, at the agreement's price: its unit price in the order's currency times the order's
-- exchange rate is the agreement's USD price (to the cent), one price per agreement.
select
    lines.sales_order_line_id,
    lines.unit_price * orders.exchange_rate as unit_price_usd,
    agreements.unit_price_usd as agreed_price
from {{ ref('stg_erp__sales_order_lines') }} as lines
inner join {{ ref('stg_erp__sales_orders') }} as orders
    on lines.sales_order_id = orders.sales_order_id
left join {{ ref('stg_master__customer_agreements') }} as agreements
    on lines.agreement_id = agreements.agreement_id
where
    agreements.agreement_id is null
    or agreements.customer_id <> orders.customer_id
    or agreements.product_id <> lines.product_id
    or orders.order_date not between agreements.valid_from and agreements.valid_to
    or abs(lines.unit_price * orders.exchange_rate - agreements.unit_price_usd) > 0.01
