-- Prices in the order's currency; sales tax of the customer's country. A make-to-order line
-- is confirmed for the day after its production order's planned end (not before the day
-- requested); delivered and invoiced (billing at goods issue) from its deliveries.
with delivered as (
    select
        sales_order_line_id,
        sum(delivered_quantity) as delivered_quantity
    from {{ ref('int_erp__deliveries') }}
    group by sales_order_line_id
)

select
    lines.sales_order_line_id,
    lines.sales_order_id,
    lines.line_number,
    lines.material_id,
    lines.product_id,
    cast(materials.material_name as varchar(200)) as material_description,
    cast(lines.order_quantity as decimal(15, 4)) as order_quantity,
    materials.base_unit_of_measure as unit_of_measure,
    cast(coalesce(delivered.delivered_quantity, 0) as decimal(15, 4)) as delivered_quantity,
    cast(coalesce(delivered.delivered_quantity, 0) as decimal(15, 4)) as invoiced_quantity,
    lines.unit_price,
    lines.discount_percentage,
    cast(
        round(lines.order_quantity * lines.unit_price * (1 - lines.discount_percentage / 100), 2)
        as decimal(15, 2)
    ) as net_price,
    cast(countries.tax_code as varchar(20)) as tax_code,
    cast(
        round(
            round(lines.order_quantity * lines.unit_price * (1 - lines.discount_percentage / 100), 2)
            * countries.tax_rate / 100, 2
        )
        as decimal(15, 2)
    ) as tax_amount,
    lines.requested_delivery_date,
    greatest(coalesce(orders.basic_end_date + 1, lines.requested_delivery_date), lines.requested_delivery_date)
        as confirmed_delivery_date,
    lines.plant_id,
    greatest(coalesce(orders.basic_end_date + 1, lines.requested_delivery_date), lines.requested_delivery_date)
        as atp_date,
    cast(lines.order_quantity as decimal(15, 4)) as atp_quantity,
    lines.make_to_order,
    orders.production_order_id,
    -- make-to-order items (TAK) drive a production order; standard items (TAN) ship from stock
    cast(case when lines.make_to_order then 'TAK' else 'TAN' end as varchar(10)) as item_category,
    cast(case
        when coalesce(delivered.delivered_quantity, 0) >= lines.order_quantity then 'delivered'
        when delivered.delivered_quantity > 0 then 'partially_delivered'
        when orders.production_order_id is not null then 'in_production'
        else 'open'
    end as varchar(30)) as line_status,
    cast(null as varchar(100)) as rejection_reason,
    false as deletion_indicator,
    lines.created_at
from {{ ref('stg_erp__sales_order_lines') }} as lines
inner join {{ ref('stg_erp__materials') }} as materials
    on lines.material_id = materials.material_id
inner join {{ ref('stg_erp__sales_orders') }} as sales
    on lines.sales_order_id = sales.sales_order_id
inner join {{ ref('stg_master__customers') }} as customers
    on sales.customer_id = customers.customer_id
inner join {{ ref('stg_erp__countries') }} as countries
    on customers.country = countries.country
left join {{ ref('stg_erp__production_orders') }} as orders
    on
        lines.sales_order_id = orders.sales_order_id
        and lines.line_number = orders.sales_order_line
left join delivered
    on lines.sales_order_line_id = delivered.sales_order_line_id
