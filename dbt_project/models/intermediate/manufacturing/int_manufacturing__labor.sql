-- Labor entries with derived hours, share of the operation's output (by time worked among its
-- direct labor), and cost (overtime and weekend shifts paid at 1.5x). An employee still
-- clocked in at the as-of instant has the minutes up to the instant.
with entries as (
    select
        labor.*,
        extract(epoch from coalesce(labor.clock_out_time, run_context.as_of) - labor.clock_in_time) / 60
            as clocked_minutes
    from {{ ref('stg_manufacturing__labor_entries') }} as labor
    cross join {{ ref('int_genims_meta__run_context') }} as run_context
),

shares as (
    select
        entries.*,
        shifts.shift_type,
        greatest(entries.clocked_minutes - entries.break_time_minutes, 0) / 60.0 as worked_hours,
        -- the operation's output shared by the time each operator worked on it
        case
            when entries.activity_type = 'direct_labor' and operations.operation_id is not null
                then coalesce(
                    entries.clocked_minutes / nullif(sum(entries.clocked_minutes) filter (
                        where entries.activity_type = 'direct_labor'
                    ) over (partition by entries.operation_id), 0),
                    0
                )
        end as output_share,
        operations.completed_quantity + operations.scrap_quantity as operation_output,
        operations.scrap_quantity as operation_scrap,
        operations.standard_labor_minutes
    from entries
    left join {{ ref('stg_master__shifts') }} as shifts
        on entries.shift_id = shifts.shift_id
    left join {{ ref('int_manufacturing__operations') }} as operations
        on entries.operation_id = operations.operation_id
)

select
    shares.*,
    -- weekend shifts are worked by the weekday crews on top of their week: paid as overtime
    case when shares.shift_type in ('overtime', 'weekend') then shares.worked_hours else 0 end as overtime_hours,
    case when shares.activity_type = 'direct_labor' then shares.standard_labor_minutes * shares.output_share / 60.0 end
        as standard_hours,
    shares.worked_hours * shares.hourly_rate
    * case when shares.shift_type in ('overtime', 'weekend') then 1.5 else 1 end as labor_cost
from shares
