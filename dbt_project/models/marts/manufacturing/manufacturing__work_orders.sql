-- The ERP production order as MES executed it: quantities are totals of its operations
-- (produced = good + scrap), costs come from its material bookings, labor and machine time.
with context as (
    select * from {{ ref('int_manufacturing__work_order_context') }}
),

batch_records as (
    select
        ebr_id,
        work_order_id,
        approved_at,
        rejected
    from {{ ref('stg_manufacturing__batch_records') }}
)

select
    context.work_order_id,
    cast('MES-' || context.production_order_number as varchar(50)) as work_order_number,
    context.product_id,
    context.customer_id,
    context.sales_order_number,
    context.factory_id,
    context.line_id,
    cast(context.order_quantity as integer) as planned_quantity,
    cast(coalesce(context.base_unit_of_measure, 'EA') as varchar(20)) as unit_of_measure,
    cast(context.priority as integer) as priority,
    cast(context.basic_start_date as timestamp) as planned_start_date,
    cast(context.basic_end_date as timestamp) as planned_end_date,
    context.scheduled_start_time,
    context.scheduled_end_time,
    context.actual_start_time,
    context.actual_end_time,
    cast(context.good_quantity + context.scrap_quantity as integer) as produced_quantity,
    cast(context.good_quantity as integer) as good_quantity,
    cast(context.scrap_quantity + context.rework_quantity as integer) as rejected_quantity,
    cast(context.scrap_quantity as integer) as scrapped_quantity,
    cast(context.rework_quantity as integer) as rework_quantity,
    cast(case when context.closed_at is not null then 'closed' else context.status end as varchar(30))
        as status,
    cast(
        case
            when context.rejected_inspections > 0 then 'rejected'
            when context.conditional_inspections > 0 then 'conditional'
            when context.status = 'completed' and context.inspections > 0 then 'approved'
            else 'pending'
        end as varchar(30)
    ) as quality_status,
    context.quality_hold,
    cast(round(context.planned_cycle_time_seconds) as integer) as planned_cycle_time_seconds,
    cast(
        round(
            extract(epoch from context.actual_end_time - context.actual_start_time)
            / nullif(context.good_quantity + context.scrap_quantity, 0)
        ) as integer
    ) as actual_cycle_time_seconds,
    cast(context.setup_time_minutes as integer) as setup_time_minutes,
    cast(context.run_time_minutes as integer) as run_time_minutes,
    cast(round(context.downtime_minutes) as integer) as downtime_minutes,
    -- yields and unit costs once the order is complete (a running order has no output yet)
    cast(
        case
            when context.status = 'completed'
                then 100.0 * context.good_quantity / nullif(context.good_quantity + context.scrap_quantity, 0)
        end as decimal(5, 2)
    ) as yield_percentage,
    cast(
        case
            when context.status = 'completed'
                then
                    100.0 * greatest(context.good_quantity - context.rework_quantity, 0)
                    / nullif(context.good_quantity + context.scrap_quantity, 0)
        end as decimal(5, 2)
    ) as first_pass_yield_percentage,
    cast(context.standard_cost as decimal(12, 2)) as standard_cost_per_unit,
    cast(
        case
            when context.status = 'completed'
                then
                    (context.material_cost + context.labor_cost + context.overhead_cost)
                    / nullif(context.good_quantity, 0)
        end as decimal(12, 2)
    ) as actual_cost_per_unit,
    cast(context.material_cost as decimal(15, 2)) as total_material_cost,
    cast(context.labor_cost as decimal(15, 2)) as total_labor_cost,
    cast(context.overhead_cost as decimal(15, 2)) as total_overhead_cost,
    cast(context.batch_number as varchar(50)) as batch_number,
    cast(context.lot_number as varchar(50)) as lot_number,
    -- the lot's expiry: made on the day the order started, plus the product's storage life
    -- (NULL: no lot yet, or a product that keeps indefinitely)
    cast(
        case
            when context.batch_number is not null
                then cast(context.actual_start_time as date) + context.shelf_life_days
        end
        as date
    ) as expiry_date,
    batch_records.ebr_id as electronic_batch_record_id,
    batch_records.ebr_id is not null as requires_validation,
    cast(
        case
            when batch_records.ebr_id is null then null
            when batch_records.rejected then 'failed'
            when batch_records.approved_at is not null then 'validated'
            else 'pending'
        end as varchar(30)
    ) as validation_status,
    cast(null as varchar(50)) as parent_work_order_id,
    context.production_order_id as erp_order_id,
    context.released_by as created_by,
    context.received_at as created_at,
    greatest(context.received_at, context.actual_start_time, context.actual_end_time, context.closed_at)
        as updated_at,
    context.completed_by,
    context.closed_at
from context
left join batch_records
    on context.work_order_id = batch_records.work_order_id
