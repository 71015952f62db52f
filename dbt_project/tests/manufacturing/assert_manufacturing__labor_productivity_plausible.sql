-- Labor productivity is plausible for automotive parts lines (a bottleneck cycle of 15-120 s,
-- half an operator to one per machine and shift, OEE 0.6-0.85): per factory and month, the
-- good units of the work orders completed are 5 to 400 per shift worked by a line operator
-- (one booking or more of an operator on a line's shift). The audit found 0.8 per operator-day.
-- Only months that begin inside the history: a month the history starts in holds the first
-- days' shifts but few completions (the floor starts empty: left-censored).
with history as (
    select
        cast(
            run_context.as_of_date - cast(coalesce(
                load_runs.config -> 'manufacturing' ->> 'days_of_history',
                load_runs.config ->> 'history_days'
            ) as integer) as timestamp
        ) as history_start
    from {{ ref('int_genims_meta__run_context') }} as run_context
    inner join {{ ref('stg_genims_meta__load_runs') }} as load_runs
        on run_context.run_id = load_runs.run_id
),

output as (
    select
        factory_id,
        date_trunc('month', actual_end_time) as month,
        sum(good_quantity) as good_units
    from {{ ref('manufacturing__work_orders') }}
    where status in ('completed', 'closed')
    group by factory_id, date_trunc('month', actual_end_time)
),

operator_shifts as (
    select
        employees.factory_id,
        date_trunc('month', labor.clock_in_time) as month,
        count(distinct labor.employee_id || '/' || labor.shift_id || '/' || labor.shift_date) as shifts
    from {{ ref('stg_manufacturing__labor_entries') }} as labor
    inner join {{ ref('master__employees') }} as employees
        on labor.employee_id = employees.employee_id
    where employees.role = 'operator' and employees.line_id is not null
    group by employees.factory_id, date_trunc('month', labor.clock_in_time)
)

select
    output.factory_id,
    output.month,
    output.good_units,
    operator_shifts.shifts,
    output.good_units / operator_shifts.shifts as units_per_operator_shift
from output
inner join operator_shifts
    on output.factory_id = operator_shifts.factory_id and output.month = operator_shifts.month
cross join history
where
    output.month >= history.history_start
    and operator_shifts.shifts >= 50
    and output.good_units / operator_shifts.shifts not between 5 and 400
