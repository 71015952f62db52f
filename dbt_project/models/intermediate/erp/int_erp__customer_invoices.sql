-- One invoice (billing document) per customer delivery, posted at the goods issue: the
-- delivered quantity at the line's net price, with the sales tax of the customer's country,
-- in the order's currency and in USD at the order's exchange rate. Due after the customer's
-- payment terms; paid on the first business day on or after due + the order's payment delay,
-- when that comes before the as-of instant.
-- A table: several models and tests read it, and a view would compute it again for each.
{{ config(materialized='table') }}

with invoices as (
    select
        deliveries.sales_order_line_id,
        deliveries.delivery_number,
        deliveries.sales_order_id,
        deliveries.plant_id,
        deliveries.material_id,
        orders.customer_id,
        orders.currency,
        orders.exchange_rate,
        orders.payment_delay_days,
        customers.payment_terms_days,
        countries.tax_code,
        countries.tax_rate,
        deliveries.delivered_at as billed_at,
        deliveries.delivered_quantity,
        round(deliveries.delivered_quantity * lines.unit_price * (1 - lines.discount_percentage / 100), 2)
            as net_amount
    from {{ ref('int_erp__deliveries') }} as deliveries
    inner join {{ ref('stg_erp__sales_order_lines') }} as lines
        on deliveries.sales_order_line_id = lines.sales_order_line_id
    inner join {{ ref('stg_erp__sales_orders') }} as orders
        on deliveries.sales_order_id = orders.sales_order_id
    inner join {{ ref('stg_master__customers') }} as customers
        on orders.customer_id = customers.customer_id
    inner join {{ ref('stg_erp__countries') }} as countries
        on customers.country = countries.country
),

valued as (
    select
        *,
        round(net_amount * tax_rate / 100, 2) as tax_amount,
        round(net_amount * exchange_rate, 2) as net_amount_usd,
        round(round(net_amount * tax_rate / 100, 2) * exchange_rate, 2) as tax_amount_usd,
        cast(billed_at as date) + payment_terms_days as due_date,
        -- the promised day (due + the order's delay), moved off a weekend, at 11:00
        cast(billed_at as date) + payment_terms_days + payment_delay_days
        + case extract(isodow from cast(billed_at as date) + payment_terms_days + payment_delay_days)
            when 6 then 2 when 7 then 1 else 0
        end + interval '11 hours' as payment_moment
    from invoices
)

select
    cast(
        90000000 + row_number() over (
            order by valued.billed_at, valued.sales_order_line_id, valued.delivery_number
        ) as varchar(50)
    ) as invoice_number,
    valued.*,
    case when valued.payment_moment < run_context.as_of then valued.payment_moment end as paid_at
from valued
cross join {{ ref('int_genims_meta__run_context') }} as run_context
