-- Labor is clocked by an employee of the factory whose shift it books, inside that shift's
-- window on a day the shift runs, after the employee was hired, and never overlaps another
-- entry of the same employee. Direct labor lies inside the operation it is booked on. An
-- entry still clocked in at the as-of instant runs on.
with labor as (
    select * from {{ ref('manufacturing__labor_transactions') }}
),

windows as (
    select
        labor.labor_transaction_id,
        shift_days.shift_day + shifts.start_time as shift_start,
        shift_days.shift_day + shifts.end_time
        + case when shifts.end_time <= shifts.start_time then interval '1 day' else interval '0 day' end
            as shift_end
    from labor
    inner join {{ ref('master__shifts') }} as shifts
        on labor.shift_id = shifts.shift_id
    cross join
        lateral (
            select cast(cast(labor.clock_in_time as date) - offsets.offset_days as timestamp) as shift_day
            from (values (0), (1)) as offsets (offset_days)
        ) as shift_days
    where shifts.days_of_week like '%' || lower(to_char(shift_days.shift_day, 'Dy')) || '%'
)

select
    'outside a shift of the employee''s factory' as problem,
    labor.labor_transaction_id
from labor
inner join {{ ref('master__employees') }} as employees
    on labor.employee_id = employees.employee_id
inner join {{ ref('master__shifts') }} as shifts
    on labor.shift_id = shifts.shift_id
where
    shifts.factory_id <> employees.factory_id
    or cast(labor.clock_in_time as date) < employees.hire_date
    or labor.clock_out_time <= labor.clock_in_time
    or not exists (
        select 1
        from windows
        where
            windows.labor_transaction_id = labor.labor_transaction_id
            and labor.clock_in_time >= windows.shift_start
            and coalesce(labor.clock_out_time, labor.clock_in_time) <= windows.shift_end
    )

union all

select
    'overlaps another entry of the same employee' as problem,
    labor.labor_transaction_id
from labor
inner join labor as other
    on
        labor.employee_id = other.employee_id
        and labor.labor_transaction_id < other.labor_transaction_id
        and labor.clock_in_time < coalesce(other.clock_out_time, 'infinity')
        and coalesce(labor.clock_out_time, 'infinity') > other.clock_in_time

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
