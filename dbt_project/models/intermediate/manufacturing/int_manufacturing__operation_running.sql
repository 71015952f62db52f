-- Per started operation: the staffed seconds its machine spent producing it (its window's
-- staffed time less its setup and the stops of its line inside the window; up to the as-of
-- instant while it runs), the machine's share of the line's pace (its standard time per unit
-- over the routing's bottleneck's) and so its running machine-hours: the exposure that
-- breakdown rates are measured against.

with operations as (
    select
        *,
        standard_time_per_unit_seconds
        / nullif(max(standard_time_per_unit_seconds) over (partition by work_order_id), 0) as pace_share
    from {{ ref('int_manufacturing__operations') }}
    where actual_start_time is not null
),

run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

windows as (
    select
        operations.operation_id,
        operations.work_order_id,
        operations.line_id,
        operations.machine_id,
        operations.pace_share,
        coalesce(operations.actual_setup_minutes, 0) * 60 as setup_seconds,
        operations.actual_start_time,
        coalesce(operations.actual_end_time, run_context.as_of) as window_end
    from operations
    cross join run_context
),

stop_seconds as (
    -- the staffed part of each stop of the work order that falls inside the operation
    select
        windows.operation_id,
        sum(
            greatest(
                0,
                stop_ends.staffed_seconds_before - stop_starts.staffed_seconds_before
            )
        ) as stopped_seconds
    from windows
    inner join {{ ref('stg_manufacturing__operation_executions') }} as siblings
        on windows.work_order_id = siblings.work_order_id
    inner join {{ ref('stg_manufacturing__downtime_events') }} as downtime
        on siblings.operation_id = downtime.operation_id
    cross join run_context
    inner join {{ ref('int_manufacturing__staffed_moments') }} as stop_starts
        on
            windows.line_id = stop_starts.line_id
            and stop_starts.moment = greatest(downtime.downtime_start, windows.actual_start_time)
    inner join {{ ref('int_manufacturing__staffed_moments') }} as stop_ends
        on
            windows.line_id = stop_ends.line_id
            and stop_ends.moment = least(coalesce(downtime.downtime_end, run_context.as_of), windows.window_end)
    where downtime.downtime_start < windows.window_end
    group by windows.operation_id
)

select
    windows.operation_id,
    windows.work_order_id,
    windows.line_id,
    windows.machine_id,
    windows.pace_share,
    greatest(
        0,
        window_ends.staffed_seconds_before - window_starts.staffed_seconds_before
        - windows.setup_seconds - coalesce(stop_seconds.stopped_seconds, 0)
    ) as running_seconds,
    greatest(
        0,
        window_ends.staffed_seconds_before - window_starts.staffed_seconds_before
        - windows.setup_seconds - coalesce(stop_seconds.stopped_seconds, 0)
    ) * coalesce(windows.pace_share, 1) / 3600.0 as running_machine_hours
from windows
inner join {{ ref('int_manufacturing__staffed_moments') }} as window_starts
    on windows.line_id = window_starts.line_id and windows.actual_start_time = window_starts.moment
inner join {{ ref('int_manufacturing__staffed_moments') }} as window_ends
    on windows.line_id = window_ends.line_id and windows.window_end = window_ends.moment
left join stop_seconds
    on windows.operation_id = stop_seconds.operation_id
