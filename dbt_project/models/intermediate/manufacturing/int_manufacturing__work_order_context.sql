-- Per work order: the ERP order it executes (customer, finished good, BOM), its batch and
-- lot numbers, and totals of its operations, labor, materials, downtime, inspections and
-- defects (feeds work_orders, production_schedule and the documents of a batch).
-- A table: several models and tests read it, and a view would compute it again for each.
{{ config(materialized='table') }}

with outcomes as (
    select * from {{ ref('int_manufacturing__work_order_outcomes') }}
),

operation_totals as (
    select
        work_order_id,
        sum(actual_setup_minutes) as setup_time_minutes,
        sum(actual_duration_minutes - actual_setup_minutes) as run_time_minutes,
        sum(standard_time_per_unit_seconds) as planned_cycle_time_seconds,
        sum(actual_duration_minutes / 60.0 * work_center_hourly_rate) as overhead_cost,
        min(case when operation_sequence = first_sequence then operation_id end) as first_operation_id
    from (
        select
            *,
            min(operation_sequence) over (partition by work_order_id) as first_sequence
        from {{ ref('int_manufacturing__operations') }}
    ) as operations
    group by work_order_id
),

material_totals as (
    select
        bookings.work_order_id,
        sum(bookings.quantity * materials.standard_cost) as material_cost
    from {{ ref('stg_manufacturing__material_bookings') }} as bookings
    inner join {{ ref('stg_erp__materials') }} as materials
        on bookings.material_id = materials.material_id
    group by bookings.work_order_id
),

labor_totals as (
    select
        work_order_id,
        sum(labor_cost) as labor_cost
    from {{ ref('int_manufacturing__labor') }}
    where work_order_id is not null
    group by work_order_id
),

downtime_totals as (
    select
        operations.work_order_id,
        sum(extract(epoch from downtime.downtime_end - downtime.downtime_start) / 60) as downtime_minutes
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    inner join {{ ref('stg_manufacturing__operation_executions') }} as operations
        on downtime.operation_id = operations.operation_id
    group by operations.work_order_id
),

inspection_totals as (
    select
        work_order_id,
        count(*) as inspections,
        count(*) filter (where inspection_result in ('fail', 'hold')) as rejections,
        count(*) filter (where inspection_result in ('rework_required', 'conditional_pass')) as conditionals,
        bool_or(inspection_result = 'hold') as on_hold
    from {{ ref('stg_manufacturing__inspections') }}
    group by work_order_id
),

defect_totals as (
    select
        inspections.work_order_id,
        count(*) as defects
    from {{ ref('stg_manufacturing__defects') }} as defects
    inner join {{ ref('stg_manufacturing__inspections') }} as inspections
        on defects.inspection_id = inspections.inspection_id
    group by inspections.work_order_id
)

select
    outcomes.*,
    executions.received_at,
    executions.scheduled_start_time,
    executions.scheduled_end_time,
    executions.completed_by,
    executions.closed_at,
    executions.planning_note,
    production_orders.production_order_number,
    production_orders.bom_id,
    boms.revision as bom_revision,
    production_orders.material_available_at,
    production_orders.order_quantity,
    production_orders.priority,
    production_orders.basic_start_date,
    production_orders.basic_end_date,
    production_orders.created_by as planned_by,
    production_orders.released_by,
    sales_orders.customer_id,
    sales_orders.sales_order_number,
    sales_orders.requested_delivery_date,
    finished_goods.base_unit_of_measure,
    finished_goods.standard_cost,
    finished_goods.shelf_life_days,
    case
        when outcomes.actual_start_time is not null
            then 'BATCH-' || replace(outcomes.work_order_id, 'WO-', '')
    end as batch_number,
    case
        when outcomes.actual_start_time is not null
            then
                'LOT-' || to_char(outcomes.actual_start_time, 'YYYYMMDD') || '-'
                || replace(outcomes.work_order_id, 'WO-', '')
    end as lot_number,
    outcome_totals.setup_time_minutes,
    outcome_totals.run_time_minutes,
    outcome_totals.planned_cycle_time_seconds,
    outcome_totals.first_operation_id,
    coalesce(outcome_totals.overhead_cost, 0) as overhead_cost,
    coalesce(material_totals.material_cost, 0) as material_cost,
    coalesce(labor_totals.labor_cost, 0) as labor_cost,
    coalesce(downtime_totals.downtime_minutes, 0) as downtime_minutes,
    coalesce(inspection_totals.inspections, 0) as inspections,
    coalesce(inspection_totals.rejections, 0) as rejected_inspections,
    coalesce(inspection_totals.conditionals, 0) as conditional_inspections,
    coalesce(inspection_totals.on_hold, false) as quality_hold,
    coalesce(defect_totals.defects, 0) as defects
from outcomes
inner join {{ ref('stg_manufacturing__work_order_executions') }} as executions
    on outcomes.work_order_id = executions.work_order_id
inner join {{ ref('stg_erp__production_orders') }} as production_orders
    on outcomes.production_order_id = production_orders.production_order_id
left join {{ ref('stg_erp__sales_orders') }} as sales_orders
    on production_orders.sales_order_id = sales_orders.sales_order_id
left join {{ ref('stg_erp__materials') }} as finished_goods
    on production_orders.material_id = finished_goods.material_id
left join {{ ref('stg_erp__bill_of_materials') }} as boms
    on production_orders.bom_id = boms.bom_id
left join operation_totals as outcome_totals
    on outcomes.work_order_id = outcome_totals.work_order_id
left join material_totals
    on outcomes.work_order_id = material_totals.work_order_id
left join labor_totals
    on outcomes.work_order_id = labor_totals.work_order_id
left join downtime_totals
    on outcomes.work_order_id = downtime_totals.work_order_id
left join inspection_totals
    on outcomes.work_order_id = inspection_totals.work_order_id
left join defect_totals
    on outcomes.work_order_id = defect_totals.work_order_id
