-- One row per material booking on a work order: positive = issued to production,
-- negative = returned. ERP turns these into inventory transactions.
select
    bookings.transaction_id,
    bookings.work_order_id,
    production_orders.plant_id as factory_id,
    bookings.material_id,
    bookings.quantity,
    bookings.moved_at
from {{ ref('stg_manufacturing__material_bookings') }} as bookings
inner join {{ ref('stg_manufacturing__work_order_executions') }} as executions
    on bookings.work_order_id = executions.work_order_id
inner join {{ ref('stg_erp__production_orders') }} as production_orders
    on executions.production_order_id = production_orders.production_order_id
