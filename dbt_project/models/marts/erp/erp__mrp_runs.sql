with counts as (
    select
        run_sequence,
        count(distinct material_id) as materials_planned,
        count(*) filter (where exception_message is not null and element_type = 'purchase_requisition')
            as purchase_reqs_created,
        count(*) filter (where exception_message is not null and element_type = 'production_order')
            as production_orders_created,
        count(*) as element_count
    from {{ ref('int_erp__mrp_elements') }}
    group by run_sequence
)

select
    cast({{ padded_id('MRP', 'runs.run_sequence', 5) }} as varchar(50)) as mrp_run_id,
    cast('MRP-' || to_char(runs.planning_date, 'YYYYMMDD') || '-' || runs.plant_id as varchar(50)) as run_number,
    runs.planning_date,
    runs.planning_horizon_days,
    runs.plant_id,
    cast('MRP_BATCH' as varchar(50)) as mrp_controller,
    cast('regenerative' as varchar(30)) as planning_mode,
    true as create_purchase_requisitions,
    true as create_production_orders,
    true as reschedule_open_orders,
    cast(coalesce(counts.materials_planned, 0) as integer) as materials_planned,
    cast(coalesce(counts.purchase_reqs_created, 0) as integer) as purchase_reqs_created,
    cast(coalesce(counts.production_orders_created, 0) as integer) as production_orders_created,
    cast('completed' as varchar(30)) as run_status,
    cast(runs.planning_date as timestamp) as started_at,
    cast(runs.planning_date as timestamp) + (coalesce(counts.element_count, 0) + 5) * interval '1 second'
        as completed_at,
    cast('MRP_BATCH' as varchar(50)) as created_by,
    cast(runs.planning_date as timestamp) as created_at
from {{ ref('int_erp__mrp_runs') }} as runs
left join counts
    on runs.run_sequence = counts.run_sequence
