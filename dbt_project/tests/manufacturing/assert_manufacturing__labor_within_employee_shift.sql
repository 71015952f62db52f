-- Labor is clocked by an employee of the factory whose shift it books, inside that shift's
-- window on a day the shift runs, after the employee was hired, and never overlaps another
-- entry of the same employee. Direct labor lies inside the operation it is booked on. An
-- entry still clocked in at the as-of instant runs on.
-- Linear in the labor rows: the shift window is looked up among the two days a shift can
-- start on (the clock-in day or, for an overnight shift, the day before), and overlaps are
-- found by comparing each entry with the latest clock-out of the employee's earlier entries.
with labor as (
    select * from {{ ref('manufacturing__labor_transactions') }}
),

shift_fit as (
    select
        labor.labor_transaction_id,
        labor.clock_in_time,
        labor.clock_out_time,
        shifts.factory_id as shift_factory_id,
        bool_or(
            shifts.days_of_week like '%' || lower(to_char(shift_days.shift_day, 'Dy')) || '%'
            and labor.clock_in_time >= shift_days.shift_day + shifts.start_time
            and coalesce(labor.clock_out_time, labor.clock_in_time) <= shift_days.shift_day + shifts.end_time
            + case when shifts.end_time <= shifts.start_time then interval '1 day' else interval '0 day' end
        ) as inside_shift
    from labor
    inner join {{ ref('master__shifts') }} as shifts
        on labor.shift_id = shifts.shift_id
    cross join
        lateral (
            select cast(cast(labor.clock_in_time as date) - offsets.offset_days as timestamp) as shift_day
            from (values (0), (1)) as offsets (offset_days)
        ) as shift_days
    group by
        labor.labor_transaction_id,
        labor.clock_in_time,
        labor.clock_out_time,
        shifts.factory_id
),

earlier_clock_out as (
    select
        labor_transaction_id,
        clock_in_time,
        max(coalesce(clock_out_time, 'infinity')) over (
            partition by employee_id
            order by clock_in_time, labor_transaction_id
            rows between unbounded preceding and 1 preceding
        ) as latest_earlier_clock_out
    from labor
)

select
    'outside a shift of the employee''s factory' as problem,
    labor.labor_transaction_id
from labor
inner join {{ ref('master__employees') }} as employees
    on labor.employee_id = employees.employee_id
left join shift_fit
    on labor.labor_transaction_id = shift_fit.labor_transaction_id
where
    shift_fit.labor_transaction_id is null
    or shift_fit.shift_factory_id <> employees.factory_id
    or cast(labor.clock_in_time as date) < employees.hire_date
    or labor.clock_out_time <= labor.clock_in_time
    or not shift_fit.inside_shift

union all

select
    'overlaps another entry of the same employee' as problem,
    labor_transaction_id
from earlier_clock_out
where clock_in_time < latest_earlier_clock_out

union all

select
    'direct labor outside its operation' as problem,
    labor.labor_transaction_id
from labor
inner join {{ ref('manufacturing__work_order_operations') }} as operations
    on labor.operation_id = operations.operation_id
where
    labor.clock_in_time < operations.actual_start_time
    or labor.clock_out_time > operations.actual_end_time
    or operations.actual_start_time is null
