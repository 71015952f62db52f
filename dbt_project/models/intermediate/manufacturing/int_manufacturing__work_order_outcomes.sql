-- One row per work order (= ERP production order): what MES produced. Good output is what
-- left the last operation, scrap the sum over all operations, so produced = good + scrap.
-- ERP derives production actuals and the goods receipt from production from this model.
with executions as (
    select * from {{ ref('stg_manufacturing__work_order_executions') }}
),

operation_totals as (
    select
        work_order_id,
        sum(scrap_quantity) as scrap_quantity,
        sum(rework_quantity) as rework_quantity,
        max(operation_sequence) as last_sequence
    from {{ ref('stg_manufacturing__operation_executions') }}
    group by work_order_id
),

last_operation as (
    select
        operations.work_order_id,
        operations.completed_quantity
    from {{ ref('stg_manufacturing__operation_executions') }} as operations
    inner join operation_totals
        on
            operations.work_order_id = operation_totals.work_order_id
            and operations.operation_sequence = operation_totals.last_sequence
)

select
    executions.work_order_id,
    executions.production_order_id,
    production_orders.plant_id as factory_id,
    production_orders.line_id,
    production_orders.material_id,
    production_orders.product_id,
    executions.actual_start_time,
    executions.actual_end_time,
    coalesce(last_operation.completed_quantity, 0) as good_quantity,
    coalesce(operation_totals.scrap_quantity, 0) as scrap_quantity,
    coalesce(operation_totals.rework_quantity, 0) as rework_quantity,
    executions.status
from executions
inner join {{ ref('stg_erp__production_orders') }} as production_orders
    on executions.production_order_id = production_orders.production_order_id
left join operation_totals
    on executions.work_order_id = operation_totals.work_order_id
left join last_operation
    on executions.work_order_id = last_operation.work_order_id
