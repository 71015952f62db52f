-- Planned maintenance follows each machine's maintenance schedule: over the history (from
-- its start, or the machine's installation if later, to the as-of instant) a machine gets
-- one planned (preventive or predictive) event per schedule interval, give or take one: a
-- quarterly machine about one a quarter, a weekly one about one a week.
-- materialized: the settings come from the load's config (jsonb), parsed once, not per row
with settings as materialized (
    select
        as_of,
        (as_of::date - history_days)::timestamp as history_start
    from {{ ref('int_operations__settings') }}
),

machines as (
    select
        machines.machine_id,
        machines.maintenance_schedule,
        extract(epoch from settings.as_of - greatest(settings.history_start, machines.installation_date::timestamp))
        / 86400.0 / {{ maintenance_interval_days('machines.maintenance_schedule') }} as intervals
    from {{ ref('stg_master__machines') }} as machines
    cross join settings
),

planned as (
    select
        machine_id,
        count(*) as events
    from {{ ref('operations__maintenance_events') }}
    where maintenance_type in ('preventive', 'predictive')
    group by machine_id
)

select
    machines.machine_id,
    machines.maintenance_schedule,
    machines.intervals,
    coalesce(planned.events, 0) as events
from machines
left join planned
    on machines.machine_id = planned.machine_id
where coalesce(planned.events, 0) not between floor(machines.intervals) - 1 and ceil(machines.intervals) + 1
