-- Values and statuses from the lines, in the order's currency; freight at 2 % of the net
-- value. Invoiced once every line is delivered (billing at goods issue), closed once the
-- customer has paid every invoice. Credit used: the customer's open receivables (USD) when the
-- order came in; the credit check holds it when some were over two weeks overdue.
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
),

agreements as (
    -- the agreement the order's first line calls off: the contract the order header names
    select
        sales_order_id,
        (array_agg(agreement_id order by line_number))[1] as agreement_id
    from {{ ref('stg_erp__sales_order_lines') }}
    group by sales_order_id
),

unpaid as (
    select
        sales_order_id,
        count(*) filter (where paid_at is null) as unpaid_invoices
    from {{ ref('int_erp__customer_invoices') }}
    group by sales_order_id
),

customer_events as (
    -- a customer's receivables (+ at each invoice, - at its payment) and its overdue invoices
    -- (+ when one is still unpaid two weeks past its due date, the dunning grace period, - at
    -- its payment); an order reads both running sums
    select
        customer_id,
        billed_at as event_at,
        1 as event_order,
        net_amount_usd + tax_amount_usd as receivable_change,
        0 as overdue_change,
        cast(null as varchar(50)) as sales_order_id
    from {{ ref('int_erp__customer_invoices') }}
    union all
    select
        customer_id,
        paid_at as event_at,
        1 as event_order,
        -(net_amount_usd + tax_amount_usd) as receivable_change,
        case when paid_at >= due_date + 15 then -1 else 0 end as overdue_change,
        null as sales_order_id
    from {{ ref('int_erp__customer_invoices') }}
    where paid_at is not null
    union all
    select
        customer_id,
        cast(due_date + 15 as timestamp) as event_at,
        1 as event_order,
        0 as receivable_change,
        1 as overdue_change,
        null as sales_order_id
    from {{ ref('int_erp__customer_invoices') }}
    where paid_at is null or paid_at >= due_date + 15
    union all
    select
        customer_id,
        created_at as event_at,
        2 as event_order,
        0 as receivable_change,
        0 as overdue_change,
        sales_order_id
    from {{ ref('stg_erp__sales_orders') }}
),

running as (
    select
        sales_order_id,
        sum(receivable_change) over customer_history as open_receivables,
        sum(overdue_change) over customer_history as overdue_invoices
    from customer_events
    window customer_history as (
        partition by customer_id order by event_at, event_order, sales_order_id
        rows between unbounded preceding and current row
    )
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
    orders.currency,
    cast(lines.net_value as decimal(15, 2)) as total_net_value,
    cast(lines.tax_amount as decimal(15, 2)) as tax_amount,
    cast(round(lines.net_value * 0.02, 2) as decimal(15, 2)) as freight_charges,
    cast(lines.net_value + lines.tax_amount + round(lines.net_value * 0.02, 2) as decimal(15, 2))
        as total_value,
    orders.payment_terms,
    -- domestic customers pay by ACH, those billed in a foreign currency by wire
    cast(case when orders.currency = 'USD' then 'ach' else 'wire_transfer' end as varchar(30)) as payment_method,
    orders.delivery_priority,
    orders.requested_delivery_date,
    lines.confirmed_delivery_date,
    orders.incoterms,
    cast(orders.customer_id as varchar(50)) as ship_to_party,
    cast(null as varchar(50)) as shipping_address_id,
    orders.shipping_instructions,
    cast(case
        when lines.delivered_lines = lines.line_count and coalesce(unpaid.unpaid_invoices, 0) = 0 then 'closed'
        when lines.delivered_lines = lines.line_count then 'invoiced'
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
    -- an order from a customer with overdue invoices is held by the credit check until credit
    -- management releases it (every order in the history goes on)
    cast(case when running.overdue_invoices > 0 then 'released' else 'passed' end as varchar(30))
        as credit_check_status,
    cast(round(greatest(running.open_receivables, 0), 2) as decimal(15, 2)) as credit_limit_used,
    orders.customer_po_number,
    cast(null as varchar(50)) as quotation_number,
    cast(agreements.agreement_id as varchar(50)) as contract_number,
    orders.created_by,
    orders.created_at,
    orders.created_at as updated_at
from {{ ref('stg_erp__sales_orders') }} as orders
inner join lines
    on orders.sales_order_id = lines.sales_order_id
left join unpaid
    on orders.sales_order_id = unpaid.sales_order_id
left join running
    on orders.sales_order_id = running.sales_order_id
inner join agreements
    on orders.sales_order_id = agreements.sales_order_id
