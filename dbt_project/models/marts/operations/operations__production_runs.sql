-- One production run per MES work order that has started, on the work order's line: MES is
-- the record of what a line makes, so the run's product, customer, batch and quantities are
-- its work order's (work_order_number = the MES work_order_id, run_id RUN-<its number>).
-- OEE from MES's times: availability = operating time (run time less downtime) / run time,
-- performance = the routing's standard time per unit x units produced / operating time,
-- quality = good / produced, oee = their product. A run still going at the as-of instant
-- has no end yet: its duration runs up to the instant.
with runs as (
    select
        work_orders.*,
        'RUN-' || replace(work_orders.work_order_id, 'WO-', '') as run_id,
        extract(epoch from coalesce(work_orders.actual_end_time, run_context.as_of) - work_orders.actual_start_time)
            as duration_seconds,
        {{ operations_shift_at('work_orders.factory_id', 'work_orders.actual_start_time') }} as shift_id,
        row_number() over line_runs as run_number,
        lag(work_orders.product_id) over line_runs as previous_product_id
    from {{ ref('manufacturing__work_orders') }} as work_orders
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
    where work_orders.actual_start_time is not null
    window line_runs as (
        partition by work_orders.line_id
        order by work_orders.actual_start_time, work_orders.work_order_id
    )
),

first_setups as (
    select distinct on (work_order_id)
        work_order_id,
        actual_setup_time_minutes
    from {{ ref('manufacturing__work_order_operations') }}
    where actual_start_time is not null
    order by work_order_id, operation_sequence
),

measured as (
    select
        runs.*,
        first_setups.actual_setup_time_minutes as first_setup_minutes,
        round(
            100.0 * greatest(runs.run_time_minutes - runs.downtime_minutes, 0) / nullif(runs.run_time_minutes, 0), 2
        ) as availability,
        -- least() skips nulls: no operating time yet means no performance, not 100 %
        round(case
            when runs.run_time_minutes > runs.downtime_minutes
                then least(
                    100.0, 100.0 * runs.planned_cycle_time_seconds * runs.produced_quantity
                    / (60.0 * (runs.run_time_minutes - runs.downtime_minutes))
                )
        end, 2) as performance,
        round(100.0 * runs.good_quantity / nullif(runs.produced_quantity, 0), 2) as quality,
        -- a running order's rework can exceed what its last operation has passed so far
        round(
            100.0 * greatest(runs.produced_quantity - runs.rejected_quantity, 0) / nullif(runs.produced_quantity, 0), 2
        ) as first_pass_yield
    from runs
    left join first_setups
        on runs.work_order_id = first_setups.work_order_id
)

select
    measured.run_id::varchar(50) as run_id,
    measured.line_id::varchar(50) as line_id,
    measured.factory_id::varchar(50) as factory_id,
    measured.product_id::varchar(50) as product_id,
    measured.run_number::integer as run_number,
    measured.batch_number::varchar(50) as batch_number,
    measured.work_order_id::varchar(50) as work_order_number,
    measured.customer_id::varchar(50) as customer_id,
    measured.actual_start_time::timestamp as run_start_time,
    measured.actual_end_time::timestamp as run_end_time,
    round(extract(epoch from measured.scheduled_end_time - measured.scheduled_start_time) / 60.0)::integer
        as planned_duration_minutes,
    round(measured.duration_seconds / 60.0)::integer as actual_duration_minutes,
    measured.planned_quantity::integer as target_quantity,
    measured.produced_quantity::integer as actual_quantity,
    measured.rejected_quantity::integer as rejected_quantity,
    measured.scrapped_quantity::integer as scrapped_quantity,
    measured.rework_quantity::integer as rework_quantity,
    measured.first_pass_yield::decimal(5, 2) as first_pass_yield_percentage,
    round(1000000.0 * measured.rejected_quantity / nullif(measured.produced_quantity, 0))::integer
        as defect_rate_ppm,
    (case
        when measured.first_pass_yield >= 98 then 'A'
        when measured.first_pass_yield >= 95 then 'B'
        when measured.first_pass_yield is not null then 'C'
    end)::varchar(20) as quality_grade,
    round(measured.availability * measured.performance * measured.quality / 10000, 2)::decimal(5, 2)
        as oee_percentage,
    measured.availability::decimal(5, 2) as availability_percentage,
    measured.performance::decimal(5, 2) as performance_percentage,
    measured.quality::decimal(5, 2) as quality_percentage,
    measured.previous_product_id::varchar(50) as previous_product_id,
    (case
        when measured.previous_product_id is distinct from measured.product_id then measured.first_setup_minutes
        else 0
    end)::integer as changeover_time_minutes,
    measured.shift_id::varchar(50) as shift_id,
    crew.supervisor_id::varchar(50) as supervisor_id,
    (case when measured.actual_end_time is null then 'in_progress' else 'completed' end)::varchar(20) as status,
    measured.actual_start_time::timestamp as created_at,
    coalesce(measured.actual_end_time, measured.actual_start_time)::timestamp as updated_at
from measured
left join {{ ref('stg_master__shifts') }} as shifts
    on measured.shift_id = shifts.shift_id
left join {{ ref('int_operations__line_crew') }} as crew
    on
        measured.line_id = crew.line_id
        and shifts.shift_name = crew.shift_name
