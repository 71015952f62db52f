-- Work happens in staffed time. Every operation (and so every work order) starts in a staffed
-- shift of its line, and every labor entry of a line's staff lies in a staffed shift of that
-- line (the roster, raw line_shifts); the weekend's share of work-order starts and of labor
-- hours exceeds its share of staffed line hours by at most 10 points, so weekends show where
-- lines are staffed less. Linear: equality joins on (line, moment) and (line, shift, day).
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

roster as (
    select
        line_id,
        shift_id,
        cast(shift_start as date) as shift_date,
        shift_start,
        least(shift_end, run_context.as_of) as shift_end,
        staffed,
        extract(isodow from shift_start) >= 6 as weekend
    from {{ ref('stg_manufacturing__line_shifts') }}
    cross join run_context
),

weekend_shares as (
    select
        sum(extract(epoch from shift_end - shift_start)) filter (where weekend)
        / nullif(sum(extract(epoch from shift_end - shift_start)), 0) as staffed_hours,
        (
            select avg(case when extract(isodow from actual_start_time) >= 6 then 1.0 else 0 end)
            from {{ ref('manufacturing__work_orders') }}
            where actual_start_time is not null
        ) as work_order_starts,
        (
            select sum(actual_hours) filter (where extract(isodow from clock_in_time) >= 6) / nullif(sum(actual_hours), 0)
            from {{ ref('manufacturing__labor_transactions') }}
        ) as labor_hours
    from roster
    where staffed
)

select
    'operation starts outside a staffed shift of its line' as problem,
    operations.operation_id as record_id
from {{ ref('int_manufacturing__operations') }} as operations
inner join {{ ref('int_manufacturing__staffed_moments') }} as moments
    on operations.line_id = moments.line_id and operations.actual_start_time = moments.moment
where not moments.in_staffed_shift

union all

select
    'labor of a line''s staff outside a staffed shift of its line' as problem,
    labor.labor_transaction_id as record_id
from {{ ref('stg_manufacturing__labor_entries') }} as labor
inner join {{ ref('master__employees') }} as employees
    on labor.employee_id = employees.employee_id
left join roster
    on
        employees.line_id = roster.line_id
        and labor.shift_id = roster.shift_id
        and labor.shift_date = roster.shift_date
where
    employees.line_id is not null
    and employees.role in ('operator', 'supervisor', 'quality_inspector', 'technician')
    and (
        roster.line_id is null
        or not roster.staffed
        or labor.clock_in_time < roster.shift_start
        or labor.clock_in_time >= roster.shift_end
    )

union all

select
    'weekend share of starts or labor above its share of staffed hours' as problem,
    round(work_order_starts, 3) || ' starts, ' || round(labor_hours, 3) || ' labor vs '
    || round(staffed_hours, 3) || ' staffed' as record_id
from weekend_shares
where work_order_starts > staffed_hours + 0.1 or labor_hours > staffed_hours + 0.1
