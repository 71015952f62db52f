-- Work happens in staffed time. Every operation (and so every work order) starts in a staffed
-- shift of its line, and every labor entry of a line's staff lies in a staffed shift of that
-- line (the roster, raw line_shifts); the weekend's share of work-order starts and of labor
-- hours exceeds its share of staffed line hours by at most 10 points (the starts, a sample of
-- the staffed time, within their binomial band: macros/statistics), so weekends show where
-- lines are staffed less. Linear: equality joins on (line, moment) and (line, shift, day).
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

roster as (
    select
        shifts.line_id,
        shifts.shift_id,
        cast(shifts.shift_start as date) as shift_date,
        shifts.shift_start,
        least(shifts.shift_end, run_context.as_of) as shift_end,
        shifts.staffed,
        extract(isodow from shifts.shift_start) >= 6 as weekend
    from {{ ref('stg_manufacturing__line_shifts') }} as shifts
    cross join run_context
),

starts as (
    select
        count(*) filter (where extract(isodow from work_orders.actual_start_time) >= 6) as weekend_starts,
        count(*) as started,
        avg(case when extract(isodow from work_orders.actual_start_time) >= 6 then 1.0 else 0 end) as weekend_share
    from {{ ref('manufacturing__work_orders') }} as work_orders
    where work_orders.actual_start_time is not null
),

labor_hours as (
    select
        sum(labor.actual_hours) filter (where extract(isodow from labor.clock_in_time) >= 6)
        / nullif(sum(labor.actual_hours), 0) as weekend_share
    from {{ ref('manufacturing__labor_transactions') }} as labor
),

weekend_shares as (
    select
        starts.weekend_share as work_order_starts,
        starts.weekend_starts,
        starts.started,
        labor_hours.weekend_share as labor_hours,
        sum(extract(epoch from roster.shift_end - roster.shift_start)) filter (where roster.weekend)
        / nullif(sum(extract(epoch from roster.shift_end - roster.shift_start)), 0) as staffed_hours
    from roster
    cross join starts
    cross join labor_hours
    where roster.staffed
    group by starts.weekend_share, starts.weekend_starts, starts.started, labor_hours.weekend_share
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
where
    weekend_starts > started * (staffed_hours + 0.1) + {{ binomial_band('started', 'staffed_hours') }}
    or labor_hours > staffed_hours + 0.1
