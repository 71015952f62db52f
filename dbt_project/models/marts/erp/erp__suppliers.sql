-- Order statistics from the purchase orders; on-time delivery: share of received PO lines whose
-- first goods receipt came on or before the line's delivery date.
with orders as (
    select
        orders.supplier_id,
        count(distinct orders.purchase_order_id) as total_orders_count,
        sum(lines.order_quantity * lines.unit_price) as total_purchase_value,
        count(lines.first_received_at) as received_lines,
        count(*) filter (
            where cast(lines.first_received_at as date) <= lines.delivery_date
        ) as on_time_lines
    from {{ ref('stg_erp__purchase_orders') }} as orders
    inner join {{ ref('int_erp__purchase_order_line_receipts') }} as lines
        on orders.purchase_order_id = lines.purchase_order_id
    group by orders.supplier_id
)

select
    suppliers.supplier_id,
    suppliers.supplier_code,
    suppliers.supplier_name,
    suppliers.contact_person,
    suppliers.email,
    suppliers.phone,
    suppliers.address_line1,
    suppliers.address_line2,
    suppliers.city,
    suppliers.state,
    suppliers.country,
    suppliers.postal_code,
    suppliers.tax_id,
    suppliers.currency,
    suppliers.payment_terms,
    cast(round(100.0 * orders.on_time_lines / nullif(orders.received_lines, 0), 2) as decimal(5, 2))
        as on_time_delivery_percentage,
    suppliers.quality_rating,
    cast(coalesce(orders.total_orders_count, 0) as integer) as total_orders_count,
    cast(coalesce(round(orders.total_purchase_value, 2), 0) as decimal(15, 2)) as total_purchase_value,
    suppliers.supplier_type,
    suppliers.certification_status,
    -- the latest rating review: below 2.8 of 5 blocked for new orders pending an audit, below
    -- 3.25 restricted (orders need the purchasing manager's approval)
    cast(case
        when suppliers.quality_rating < 2.8 then 'blocked'
        when suppliers.quality_rating < 3.25 then 'restricted'
        else 'active'
    end as varchar(30)) as supplier_status,
    suppliers.quality_rating < 2.8 as blocked_for_orders,
    suppliers.created_by,
    suppliers.created_at,
    suppliers.created_at as updated_at
from {{ ref('stg_erp__suppliers') }} as suppliers
left join orders
    on suppliers.supplier_id = orders.supplier_id
