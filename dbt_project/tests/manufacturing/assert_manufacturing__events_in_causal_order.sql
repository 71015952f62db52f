-- Causal order: ERP created < released <= MES received < started; a work order's operations
-- (the stations of a flow line) start and end in sequence inside their work order's window,
-- and one completes only after its predecessor; material moves, downtime and inspections happen
-- inside (or, for inspections, after) the operation they belong to.
with work_orders as (
    select * from {{ ref('manufacturing__work_orders') }}
),

operations as (
    select
        *,
        lag(actual_start_time) over (partition by work_order_id order by operation_sequence) as previous_start,
        lag(actual_end_time) over (partition by work_order_id order by operation_sequence) as previous_end,
        lag(status) over (partition by work_order_id order by operation_sequence) as previous_status
    from {{ ref('manufacturing__work_order_operations') }}
)

select
    'work order before its release' as problem,
    work_orders.work_order_id as record_id
from work_orders
inner join {{ ref('stg_erp__production_orders') }} as production_orders
    on work_orders.erp_order_id = production_orders.production_order_id
where
    production_orders.created_at > production_orders.released_at
    or production_orders.released_at > work_orders.created_at
    or work_orders.created_at >= work_orders.actual_start_time
    or work_orders.actual_start_time >= work_orders.actual_end_time
    or work_orders.actual_end_time > work_orders.closed_at
    or (work_orders.status in ('completed', 'closed') and work_orders.actual_end_time is null)
    or (work_orders.status = 'released' and work_orders.actual_start_time is not null)

union all

select
    'operation outside its work order or out of sequence' as problem,
    operations.operation_id as record_id
from operations
inner join work_orders
    on operations.work_order_id = work_orders.work_order_id
where
    operations.actual_start_time < work_orders.actual_start_time
    or operations.actual_end_time > work_orders.actual_end_time
    or operations.actual_start_time < operations.previous_start
    or operations.actual_end_time < operations.previous_end
    or operations.actual_start_time >= operations.actual_end_time
    or (operations.actual_start_time is not null and operations.previous_status = 'pending')
    or (operations.status = 'completed' and operations.previous_status <> 'completed')

union all

select
    'material moved outside its operation (issues) or work order (returns)' as problem,
    materials.transaction_id as record_id
from {{ ref('manufacturing__material_transactions') }} as materials
inner join operations
    on materials.operation_id = operations.operation_id
inner join work_orders
    on materials.work_order_id = work_orders.work_order_id
where
    operations.actual_start_time is null
    or materials.transaction_date < operations.actual_start_time
    or (materials.transaction_type = 'issue' and materials.transaction_date > operations.actual_end_time)
    or materials.transaction_date > work_orders.actual_end_time
    or (materials.transaction_type = 'return' and work_orders.actual_end_time is null)

union all

select
    'inspection before its operation ended' as problem,
    inspections.inspection_id as record_id
from {{ ref('manufacturing__quality_inspections') }} as inspections
inner join operations
    on inspections.operation_id = operations.operation_id
where operations.actual_end_time is null or inspections.inspection_date < operations.actual_end_time

union all

select
    'defect before its inspection' as problem,
    defects.defect_id as record_id
from {{ ref('manufacturing__defects') }} as defects
inner join {{ ref('manufacturing__quality_inspections') }} as inspections
    on defects.inspection_id = inspections.inspection_id
where defects.detected_date < inspections.inspection_date or defects.closed_date <= defects.detected_date

union all

select
    'downtime outside its operation' as problem,
    downtime.downtime_id as record_id
from {{ ref('manufacturing__downtime_events') }} as downtime
inner join operations
    on downtime.operation_id = operations.operation_id
where
    downtime.downtime_start < operations.actual_start_time
    or downtime.downtime_end > operations.actual_end_time
    or downtime.downtime_end <= downtime.downtime_start
    or downtime.machine_id <> operations.machine_id

union all

select
    'changeover not the setup of the next order' as problem,
    changeovers.changeover_id as record_id
from {{ ref('manufacturing__changeover_events') }} as changeovers
inner join work_orders as from_orders
    on changeovers.from_work_order_id = from_orders.work_order_id
inner join work_orders as to_orders
    on changeovers.to_work_order_id = to_orders.work_order_id
where
    from_orders.line_id <> to_orders.line_id
    -- a repeat of the product changes only its material or tools
    or (from_orders.product_id = to_orders.product_id)
    <> (changeovers.changeover_type in ('material_change', 'tool_change'))
    or from_orders.actual_start_time > to_orders.actual_start_time
    or changeovers.changeover_start <> to_orders.actual_start_time
    or changeovers.changeover_end <> changeovers.changeover_start
    + make_interval(mins => changeovers.actual_duration_minutes)

union all

select
    'batch record out of order' as problem,
    batch_records.ebr_id as record_id
from {{ ref('manufacturing__electronic_batch_records') }} as batch_records
inner join work_orders
    on batch_records.work_order_id = work_orders.work_order_id
where
    batch_records.prepared_at < work_orders.actual_start_time
    or batch_records.reviewed_at < work_orders.actual_end_time
    or batch_records.approved_at < batch_records.reviewed_at
    or batch_records.released_at < batch_records.approved_at
