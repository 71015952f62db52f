-- Values and statuses from the lines; freight at 2 % of the net value.
with lines as (
    select
        sales_order_id,
        sum(net_price) as net_value,
        sum(tax_amount) as tax_amount,
        max(confirmed_delivery_date) as confirmed_delivery_date,
        count(*) as line_count,
        count(*) filter (where line_status = 'delivered') as delivered_lines,
        count(*) filter (where delivered_quantity > 0) as touched_lines,
        count(production_order_id) as lines_in_production
    from {{ ref('erp__sales_order_lines') }}
    group by sales_order_id
)

select
    orders.sales_order_id,
    orders.sales_order_number,
    orders.customer_id,
    orders.order_date,
    orders.order_type,
    cast('1000' as varchar(10)) as sales_organization,
    cast('10' as varchar(10)) as distribution_channel,
    cast('00' as varchar(10)) as division,
    cast('USD' as varchar(3)) as currency,
    cast(lines.net_value as decimal(15, 2)) as total_net_value,
    cast(lines.tax_amount as decimal(15, 2)) as tax_amount,
    cast(round(lines.net_value * 0.02, 2) as decimal(15, 2)) as freight_charges,
    cast(lines.net_value + lines.tax_amount + round(lines.net_value * 0.02, 2) as decimal(15, 2))
        as total_value,
    orders.payment_terms,
    cast('bank_transfer' as varchar(30)) as payment_method,
    orders.delivery_priority,
    orders.requested_delivery_date,
    lines.confirmed_delivery_date,
    orders.incoterms,
    cast(orders.customer_id as varchar(50)) as ship_to_party,
    cast(null as varchar(50)) as shipping_address_id,
    cast(null as text) as shipping_instructions,
    cast(case
        when lines.delivered_lines = lines.line_count then 'delivered'
        when lines.touched_lines > 0 then 'partially_delivered'
        when lines.lines_in_production > 0 then 'in_production'
        else 'open'
    end as varchar(30)) as order_status,
    cast(case
        when lines.delivered_lines = lines.line_count then 'complete'
        when lines.touched_lines > 0 then 'partial'
        else 'not_delivered'
    end as varchar(30)) as overall_delivery_status,
    cast(case
        when lines.delivered_lines = lines.line_count then 'complete'
        when lines.touched_lines > 0 then 'partial'
        else 'not_billed'
    end as varchar(30)) as overall_billing_status,
    cast('passed' as varchar(30)) as credit_check_status,
    cast(null as decimal(15, 2)) as credit_limit_used,
    orders.customer_po_number,
    cast(null as varchar(50)) as quotation_number,
    cast(null as varchar(50)) as contract_number,
    orders.created_by,
    orders.created_at,
    orders.created_at as updated_at
from {{ ref('stg_erp__sales_orders') }} as orders
inner join lines
    on orders.sales_order_id = lines.sales_order_id
