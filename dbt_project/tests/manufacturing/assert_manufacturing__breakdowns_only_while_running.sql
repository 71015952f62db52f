-- Machines break down only while they run: a breakdown starts in a staffed shift of its
-- line, inside its operation after the operation's setup, and not during another stop of
-- the line (the line stops for each stop); it names its failure mode (a fault pattern), and
-- no other stop does. Linear: stops are ordered once per line.
with run_context as (
    select as_of from {{ ref('int_genims_meta__run_context') }}
),

stops as (
    select
        downtime.downtime_id,
        downtime.downtime_category,
        downtime.failure_mode,
        downtime.downtime_start,
        operations.line_id,
        operations.actual_start_time + make_interval(mins => coalesce(operations.actual_setup_minutes, 0))
            as producing_from,
        coalesce(operations.actual_end_time, run_context.as_of) as operation_end,
        max(coalesce(downtime.downtime_end, run_context.as_of)) over (
            partition by operations.line_id
            order by downtime.downtime_start, downtime.downtime_id
            rows between unbounded preceding and 1 preceding
        ) as earlier_stops_end
    from {{ ref('stg_manufacturing__downtime_events') }} as downtime
    inner join {{ ref('int_manufacturing__operations') }} as operations
        on downtime.operation_id = operations.operation_id
    cross join run_context
)

select
    stops.downtime_id,
    stops.downtime_start,
    moments.in_staffed_shift,
    stops.producing_from,
    stops.earlier_stops_end
from stops
inner join {{ ref('int_manufacturing__staffed_moments') }} as moments
    on stops.line_id = moments.line_id and stops.downtime_start = moments.moment
where
    (stops.downtime_category = 'breakdown') <> (stops.failure_mode is not null)
    or stops.failure_mode not in (
        'bearing_failure', 'motor_overheating', 'hydraulic_leak', 'tool_wear', 'welding_drift',
        'pneumatic_failure', 'coolant_failure', 'robot_positioning_drift', 'electrical_fault',
        'sensor_drift'
    )
    or (
        stops.downtime_category = 'breakdown'
        and (
            not moments.in_staffed_shift
            or stops.downtime_start < stops.producing_from
            or stops.downtime_start >= stops.operation_end
            or stops.downtime_start < stops.earlier_stops_end
        )
    )
