-- Values from the lines in the PO's currency, with the sales tax of the supplier's country;
-- status from the goods receipts and the supplier's invoices (invoiced: every line received
-- and billed; closed: and paid).
with billed as (
    select
        purchase_order_id,
        count(*) as invoices,
        count(paid_at) as paid_invoices
    from {{ ref('int_erp__supplier_invoices') }}
    group by purchase_order_id
),

receipts as (
    select
        purchase_order_id,
        count(*) filter (where returned_at is null) as billable_receipts
    from {{ ref('stg_erp__goods_receipts') }}
    group by purchase_order_id
),

lines as (
    select
        purchase_order_id,
        sum(order_quantity * unit_price) as net_value,
        count(*) as line_count,
        count(*) filter (where line_status = 'received') as received_lines,
        count(*) filter (where received_quantity > 0) as touched_lines,
        max(last_received_at) as last_received_at
    from {{ ref('int_erp__purchase_order_line_receipts') }}
    group by purchase_order_id
)

select
    orders.purchase_order_id,
    orders.po_number,
    orders.supplier_id,
    orders.po_date,
    orders.po_type,
    cast('1000' as varchar(10)) as company_code,
    cast('1000' as varchar(10)) as purchasing_organization,
    -- buyers by what the supplier sells: raw materials, components, MRO supplies, packaging
    cast(case suppliers.supplier_type
        when 'raw_material' then 'P01' when 'component' then 'P02' when 'service' then 'P03' else 'P04'
    end as varchar(10)) as purchasing_group,
    orders.payment_terms,
    orders.incoterms,
    orders.currency,
    cast(orders.exchange_rate as decimal(10, 6)) as exchange_rate,
    cast(round(lines.net_value * (1 + countries.tax_rate / 100) + orders.freight_charges, 2) as decimal(15, 2))
        as total_value,
    cast(round(lines.net_value * countries.tax_rate / 100, 2) as decimal(15, 2)) as tax_amount,
    orders.freight_charges,
    cast(case
        when
            lines.received_lines = lines.line_count and billed.invoices = receipts.billable_receipts
            and billed.paid_invoices = billed.invoices then 'closed'
        when lines.received_lines = lines.line_count and billed.invoices = receipts.billable_receipts
            then 'invoiced'
        when lines.received_lines = lines.line_count then 'received'
        when lines.touched_lines > 0 then 'partially_received'
        else 'released'
    end as varchar(30)) as po_status,
    orders.released_at is not null as release_indicator,
    cast(null as varchar(50)) as delivery_address_id,
    cast(null as varchar(50)) as contract_number,
    cast(null as varchar(50)) as quotation_number,
    orders.created_by,
    orders.created_at,
    greatest(orders.released_at, lines.last_received_at) as updated_at,
    orders.released_by,
    orders.released_at
from {{ ref('stg_erp__purchase_orders') }} as orders
inner join lines
    on orders.purchase_order_id = lines.purchase_order_id
inner join {{ ref('stg_erp__suppliers') }} as suppliers
    on orders.supplier_id = suppliers.supplier_id
inner join {{ ref('stg_erp__countries') }} as countries
    on suppliers.country = countries.country
left join billed
    on orders.purchase_order_id = billed.purchase_order_id
left join receipts
    on orders.purchase_order_id = receipts.purchase_order_id
