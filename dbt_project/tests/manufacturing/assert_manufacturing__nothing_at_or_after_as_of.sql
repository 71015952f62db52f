-- History ends at the as-of instant: no execution event at or after it.
with as_of as (
    select as_of as cutoff from {{ ref('int_genims_meta__run_context') }}
),

moments as (
    select
        'work_orders' as table_name,
        work_order_id as record_id,
        greatest(actual_start_time, actual_end_time, closed_at, created_at) as moment
    from {{ ref('manufacturing__work_orders') }}
    union all
    select
        'work_order_operations' as table_name,
        operation_id as record_id,
        greatest(actual_start_time, actual_end_time, inspection_timestamp) as moment
    from {{ ref('manufacturing__work_order_operations') }}
    union all
    select
        'material_transactions' as table_name,
        transaction_id as record_id,
        transaction_date as moment
    from {{ ref('manufacturing__material_transactions') }}
    union all
    select
        'labor_transactions' as table_name,
        labor_transaction_id as record_id,
        greatest(clock_out_time, approved_at) as moment
    from {{ ref('manufacturing__labor_transactions') }}
    union all
    select
        'quality_inspections' as table_name,
        inspection_id as record_id,
        greatest(inspection_date, approved_at) as moment
    from {{ ref('manufacturing__quality_inspections') }}
    union all
    select
        'defects' as table_name,
        defect_id as record_id,
        greatest(detected_date, closed_date) as moment
    from {{ ref('manufacturing__defects') }}
    union all
    select
        'downtime_events' as table_name,
        downtime_id as record_id,
        greatest(downtime_start, downtime_end) as moment
    from {{ ref('manufacturing__downtime_events') }}
    union all
    select
        'changeover_events' as table_name,
        changeover_id as record_id,
        changeover_end as moment
    from {{ ref('manufacturing__changeover_events') }}
    union all
    select
        'electronic_batch_records' as table_name,
        ebr_id as record_id,
        greatest(prepared_at, reviewed_at, approved_at, released_at) as moment
    from {{ ref('manufacturing__electronic_batch_records') }}
)

select moments.*
from moments
cross join as_of
where moments.moment >= as_of.cutoff
