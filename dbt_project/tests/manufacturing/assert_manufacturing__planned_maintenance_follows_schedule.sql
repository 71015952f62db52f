-- Planned maintenance follows each machine's maintenance_schedule (master): its windows are
-- scheduled the schedule's interval apart (daily 1, weekly 7, monthly 30, quarterly 91 days;
-- give or take the 12 hours the time of day varies), so a quarterly machine sees about one
-- service a quarter; a machine installed before the history has as many windows as the
-- history holds intervals (within one). A maintenance stop lies inside a carried-out window
-- of its machine, and no breakdown of a machine overlaps a carried-out window of it.
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

history as (
    select min(shift_start) as history_start from {{ ref('stg_manufacturing__line_shifts') }}
),

windows as (
    select
        windows.*,
        machines.installation_date,
        case machines.maintenance_schedule
            when 'daily' then 1 when 'weekly' then 7 when 'monthly' then 30 when 'quarterly' then 91
        end as interval_days,
        lag(windows.scheduled_start) over (
            partition by windows.machine_id order by windows.scheduled_start
        ) as previous_start
    from {{ ref('stg_manufacturing__maintenance_windows') }} as windows
    inner join {{ ref('master__machines') }} as machines
        on windows.machine_id = machines.machine_id
),

per_machine as (
    select
        machines.machine_id,
        count(windows.maintenance_window_id) as windows,
        extract(epoch from run_context.as_of - history.history_start) / 86400
        / case machines.maintenance_schedule
            when 'daily' then 1 when 'weekly' then 7 when 'monthly' then 30 when 'quarterly' then 91
        end as intervals_in_history
    from {{ ref('master__machines') }} as machines
    cross join history
    cross join run_context
    left join windows
        on machines.machine_id = windows.machine_id
    where machines.installation_date <= cast(history.history_start as date)
    group by machines.machine_id, machines.maintenance_schedule, run_context.as_of, history.history_start
),

machine_events as (
    select
        windows.machine_id,
        windows.actual_start as event_start,
        coalesce(windows.actual_end, run_context.as_of) as event_end,
        'window' as kind,
        windows.maintenance_window_id as record_id
    from {{ ref('stg_manufacturing__maintenance_windows') }} as windows
    cross join run_context
    where windows.actual_start is not null
    union all
    select
        downtime.machine_id,
        downtime.downtime_start as event_start,
        coalesce(downtime.downtime_end, run_context.as_of) as event_end,
        'breakdown' as kind,
        downtime.downtime_id as record_id
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    cross join run_context
    where downtime.downtime_category = 'breakdown'
),

ordered_events as (
    select
        *,
        lag(event_end) over (partition by machine_id order by event_start, record_id) as previous_end,
        lag(kind) over (partition by machine_id order by event_start, record_id) as previous_kind
    from machine_events
)

select
    'windows not the schedule''s interval apart' as problem,
    maintenance_window_id as record_id
from windows
where
    previous_start is not null
    and abs(extract(epoch from scheduled_start - previous_start) / 86400 - interval_days) > 0.5

union all

select
    'windows in the history not one per interval' as problem,
    machine_id || ': ' || windows || ' for ' || round(intervals_in_history, 1) as record_id
from per_machine
where windows < floor(intervals_in_history) - 1 or windows > ceil(intervals_in_history) + 1

union all

select
    'maintenance stop outside a carried-out window of its machine' as problem,
    downtime.downtime_id as record_id
from {{ ref('stg_manufacturing__downtime_events') }} as downtime
cross join run_context
left join {{ ref('stg_manufacturing__maintenance_windows') }} as windows
    on downtime.maintenance_window_id = windows.maintenance_window_id
where
    downtime.downtime_category = 'maintenance'
    and (
        windows.maintenance_window_id is null
        or windows.machine_id <> downtime.machine_id
        or windows.actual_start is null
        or downtime.downtime_start < windows.actual_start
        or coalesce(downtime.downtime_end, run_context.as_of) > coalesce(windows.actual_end, run_context.as_of)
    )

union all

select
    'a breakdown overlaps a maintenance window of its machine' as problem,
    record_id
from ordered_events
where previous_end > event_start and kind <> previous_kind
