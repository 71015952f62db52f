-- A machine's SCADA parts counter counts what MES's operations on it made (completed +
-- scrap): over the telemetry, from the machine's first sample to its last, it rises by at
-- least the units of the operations that ran entirely in between and by at most that plus
-- the units of the operations that straddle either end. And a machine reports `running`
-- only while an MES operation runs on it.
with machines as (
    select
        machine_id,
        min(timestamp) as first_sample,
        max(timestamp) as last_sample,
        max(parts_produced_cumulative) - min(parts_produced_cumulative) as counted
    from {{ ref('operations__scada_machine_data') }}
    group by machine_id
),

-- the operations that reach into the telemetry
operations as (
    select
        operations.machine_id,
        operations.actual_start_time,
        coalesce(operations.actual_end_time, 'infinity') as actual_end_time,
        coalesce(operations.completed_quantity, 0) + coalesce(operations.scrap_quantity, 0) as made
    from {{ ref('stg_manufacturing__operation_executions') }} as operations
    cross join {{ ref('int_operations__settings') }} as settings
    where
        operations.actual_start_time is not null
        and coalesce(operations.actual_end_time, 'infinity') > settings.as_of::date - settings.telemetry_days
),

made as (
    select
        machines.machine_id,
        machines.counted,
        coalesce(sum(operations.made) filter (
            where
            operations.actual_start_time >= machines.first_sample
            and operations.actual_end_time <= machines.last_sample
        ), 0) as inside,
        coalesce(sum(operations.made), 0) as touching
    from machines
    left join operations
        on
            machines.machine_id = operations.machine_id
            and machines.last_sample > operations.actual_start_time
            and machines.first_sample < operations.actual_end_time
    group by machines.machine_id, machines.counted
),

running_samples as (
    select
        samples.scada_id,
        samples.machine_id,
        count(operations.machine_id) as operations
    from {{ ref('operations__scada_machine_data') }} as samples
    left join operations
        on
            samples.machine_id = operations.machine_id
            and samples.timestamp >= operations.actual_start_time
            and samples.timestamp < operations.actual_end_time
    where samples.machine_state = 'running'
    group by samples.scada_id, samples.machine_id
)

select
    'counter disagrees with MES' as problem,
    machine_id,
    counted,
    inside,
    touching
from made
where counted < inside or counted > touching
union all
select
    'running without an MES operation' as problem,
    machine_id,
    scada_id as counted,
    null as inside,
    null as touching
from running_samples
where operations = 0
