-- Each production order with its MES work order's execution: actual times, good, scrap and
-- rework quantities, the MES status and when MES closed it (the contract: one work order per
-- production order).
select
    orders.production_order_id,
    orders.work_order_id,
    orders.material_id,
    orders.plant_id,
    orders.line_id,
    orders.routing_id,
    orders.bom_id,
    orders.sales_order_id,
    orders.sales_order_line,
    orders.order_quantity,
    orders.basic_start_date,
    orders.basic_end_date,
    orders.created_at,
    orders.released_at,
    outcomes.actual_start_time,
    outcomes.actual_end_time,
    coalesce(outcomes.good_quantity, 0) as good_quantity,
    coalesce(outcomes.scrap_quantity, 0) as scrap_quantity,
    coalesce(outcomes.rework_quantity, 0) as rework_quantity,
    coalesce(outcomes.status, 'released') as mes_status,
    executions.closed_at
from {{ ref('stg_erp__production_orders') }} as orders
left join {{ ref('int_manufacturing__work_order_outcomes') }} as outcomes
    on orders.work_order_id = outcomes.work_order_id
left join {{ ref('stg_manufacturing__work_order_executions') }} as executions
    on orders.work_order_id = executions.work_order_id
