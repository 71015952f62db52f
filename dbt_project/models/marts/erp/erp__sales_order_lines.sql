select
    lines.sales_order_line_id,
    lines.sales_order_id,
    lines.line_number,
    lines.material_id,
    lines.product_id,
    cast(materials.material_name as varchar(200)) as material_description,
    cast(lines.order_quantity as decimal(15, 4)) as order_quantity,
    materials.base_unit_of_measure as unit_of_measure,
    cast(coalesce(deliveries.delivered_quantity, 0) as decimal(15, 4)) as delivered_quantity,
    cast(coalesce(deliveries.delivered_quantity, 0) as decimal(15, 4)) as invoiced_quantity,
    lines.unit_price,
    lines.discount_percentage,
    cast(
        round(lines.order_quantity * lines.unit_price * (1 - lines.discount_percentage / 100), 2)
        as decimal(15, 2)
    ) as net_price,
    cast('G18' as varchar(20)) as tax_code,
    cast(
        round(lines.order_quantity * lines.unit_price * (1 - lines.discount_percentage / 100) * 0.18, 2)
        as decimal(15, 2)
    ) as tax_amount,
    lines.requested_delivery_date,
    coalesce(orders.basic_end_date + 1, lines.requested_delivery_date) as confirmed_delivery_date,
    lines.plant_id,
    coalesce(orders.basic_end_date + 1, lines.requested_delivery_date) as atp_date,
    cast(lines.order_quantity as decimal(15, 4)) as atp_quantity,
    lines.make_to_order,
    orders.production_order_id,
    cast('TAN' as varchar(10)) as item_category,
    cast(case
        when coalesce(deliveries.delivered_quantity, 0) >= lines.order_quantity then 'delivered'
        when deliveries.delivered_quantity > 0 then 'partially_delivered'
        when orders.production_order_id is not null then 'in_production'
        else 'open'
    end as varchar(30)) as line_status,
    cast(null as varchar(100)) as rejection_reason,
    false as deletion_indicator,
    lines.created_at
from {{ ref('stg_erp__sales_order_lines') }} as lines
inner join {{ ref('stg_erp__materials') }} as materials
    on lines.material_id = materials.material_id
left join {{ ref('stg_erp__production_orders') }} as orders
    on
        lines.sales_order_id = orders.sales_order_id
        and lines.line_number = orders.sales_order_line
left join {{ ref('int_erp__deliveries') }} as deliveries
    on lines.sales_order_line_id = deliveries.sales_order_line_id
