-- Production runs with their factory, shift and supervisor, the product run before them,
-- quality figures from the quantities, and OEE components: availability = share of the
-- line's SCADA samples during the run in the running state, performance = standard cycle
-- time x quantity / running time, quality = good / produced, oee = their product. A run
-- still going at the as-of instant has no end yet: it is measured up to the instant.
with runs as (
    select
        runs.*,
        lines.factory_id,
        products.standard_cycle_time_seconds,
        coalesce(runs.run_end_time, run_context.as_of) as measured_until,
        extract(epoch from coalesce(runs.run_end_time, run_context.as_of) - runs.run_start_time)
            as duration_seconds,
        {{ operations_shift_at('lines.factory_id', 'runs.run_start_time') }} as shift_id,
        lag(runs.product_id) over (
            partition by runs.line_id
            order by runs.run_start_time
        ) as previous_product_id
    from {{ ref('stg_operations__production_runs') }} as runs
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
    inner join {{ ref('stg_master__production_lines') }} as lines
        on runs.line_id = lines.line_id
    inner join {{ ref('stg_master__products') }} as products
        on runs.product_id = products.product_id
),

line_states as (
    select
        runs.run_id,
        avg(case when samples.machine_state = 'running' then 100.0 else 0 end) as availability
    from runs
    inner join {{ ref('int_master__machine_locations') }} as locations
        on runs.line_id = locations.line_id
    inner join {{ ref('stg_operations__scada_samples') }} as samples
        on
            locations.machine_id = samples.machine_id
            and runs.run_start_time <= samples.sample_time
            and runs.measured_until > samples.sample_time
    group by runs.run_id
),

measured as (
    select
        runs.*,
        round(line_states.availability, 2) as availability,
        round(least(
            100.0, 100.0 * runs.standard_cycle_time_seconds * runs.actual_quantity
            / nullif(runs.duration_seconds * line_states.availability / 100.0, 0)
        ), 2) as performance,
        round(100.0 * (runs.actual_quantity - runs.rejected_quantity) / nullif(runs.actual_quantity, 0), 2)
            as quality,
        round(
            100.0 * (runs.actual_quantity - runs.rejected_quantity - runs.rework_quantity)
            / nullif(runs.actual_quantity, 0), 2
        ) as first_pass_yield
    from runs
    left join line_states
        on runs.run_id = line_states.run_id
)

select
    measured.run_id::varchar(50) as run_id,
    measured.line_id::varchar(50) as line_id,
    measured.factory_id::varchar(50) as factory_id,
    measured.product_id::varchar(50) as product_id,
    measured.run_number::integer as run_number,
    measured.batch_number::varchar(50) as batch_number,
    measured.work_order_number::varchar(50) as work_order_number,
    measured.customer_id::varchar(50) as customer_id,
    measured.run_start_time::timestamp as run_start_time,
    measured.run_end_time::timestamp as run_end_time,
    measured.planned_duration_minutes::integer as planned_duration_minutes,
    round(measured.duration_seconds / 60.0)::integer as actual_duration_minutes,
    measured.target_quantity::integer as target_quantity,
    measured.actual_quantity::integer as actual_quantity,
    measured.rejected_quantity::integer as rejected_quantity,
    measured.scrapped_quantity::integer as scrapped_quantity,
    measured.rework_quantity::integer as rework_quantity,
    measured.first_pass_yield::decimal(5, 2) as first_pass_yield_percentage,
    round(1000000.0 * measured.rejected_quantity / nullif(measured.actual_quantity, 0))::integer
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
    measured.changeover_time_minutes::integer as changeover_time_minutes,
    measured.shift_id::varchar(50) as shift_id,
    crew.supervisor_id::varchar(50) as supervisor_id,
    (case
        when measured.aborted then 'aborted'
        when measured.run_end_time is null then 'in_progress'
        else 'completed'
    end)::varchar(20) as status,
    measured.run_start_time::timestamp as created_at,
    coalesce(measured.run_end_time, measured.run_start_time)::timestamp as updated_at
from measured
left join {{ ref('stg_master__shifts') }} as shifts
    on measured.shift_id = shifts.shift_id
left join {{ ref('int_operations__line_crew') }} as crew
    on
        measured.line_id = crew.line_id
        and shifts.shift_name = crew.shift_name
