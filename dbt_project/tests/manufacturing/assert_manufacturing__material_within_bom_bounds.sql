-- Material consumption a work order books per BOM component stays within the contract
-- bound ERP sizes its stock for: net issue >= 0 and issue <= order quantity x component
-- quantity / base quantity x (1 + scrap %) x 1.10.
with bookings as (
    select
        bookings.work_order_id,
        bookings.bom_component_id,
        sum(case when bookings.quantity > 0 then bookings.quantity else 0 end) as issued,
        sum(bookings.quantity) as net
    from {{ ref('stg_manufacturing__material_bookings') }} as bookings
    group by bookings.work_order_id, bookings.bom_component_id
)

select
    bookings.*,
    production_orders.order_quantity
from bookings
inner join {{ ref('manufacturing__work_orders') }} as work_orders
    on bookings.work_order_id = work_orders.work_order_id
inner join {{ ref('stg_erp__production_orders') }} as production_orders
    on work_orders.erp_order_id = production_orders.production_order_id
inner join {{ ref('stg_erp__bom_components') }} as components
    on bookings.bom_component_id = components.component_id
inner join {{ ref('stg_erp__bill_of_materials') }} as boms
    on components.bom_id = boms.bom_id
where
    components.bom_id <> production_orders.bom_id
    or bookings.net < 0
    or bookings.issued > production_orders.order_quantity * components.component_quantity / boms.base_quantity
    * (1 + coalesce(components.component_scrap_percentage, 0) / 100) * 1.10
