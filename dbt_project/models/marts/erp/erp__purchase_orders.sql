-- Values from the lines (18 % tax on the net value); status from the goods receipts.
with lines as (
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
    cast('P01' as varchar(10)) as purchasing_group,
    orders.payment_terms,
    orders.incoterms,
    cast('USD' as varchar(3)) as currency,
    cast(1 as decimal(10, 6)) as exchange_rate,
    cast(round(lines.net_value * 1.18 + orders.freight_charges, 2) as decimal(15, 2)) as total_value,
    cast(round(lines.net_value * 0.18, 2) as decimal(15, 2)) as tax_amount,
    orders.freight_charges,
    cast(case
        when lines.received_lines = lines.line_count then 'received'
        when lines.touched_lines > 0 then 'partially_received'
        else 'released'
    end as varchar(30)) as po_status,
    true as release_indicator,
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
