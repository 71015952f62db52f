-- One physical stop is one event everywhere: every MES breakdown is exactly one fault on
-- the same machine with the same window and the breakdown's failure mode as its pattern;
-- a fault that is no MES breakdown happened on an idle machine: no MES operation ran on it
-- meanwhile and it lost nothing; and every fault is repaired by exactly one corrective (or
-- breakdown) maintenance event.
with breakdowns as (
    select
        downtime_id,
        machine_id,
        downtime_start,
        downtime_end,
        failure_mode
    from {{ ref('stg_manufacturing__downtime_events') }}
    where downtime_category = 'breakdown'
),

faults as (
    select
        raw_faults.fault_id,
        raw_faults.downtime_id,
        faults.machine_id,
        faults.root_cause_category,
        faults.fault_start_time,
        faults.fault_end_time,
        faults.production_loss_units
    from {{ ref('operations__machine_faults') }} as faults
    inner join {{ ref('stg_operations__machine_faults') }} as raw_faults
        on faults.fault_id = raw_faults.fault_id
),

repairs as (
    select
        related_fault_id,
        count(*) as events
    from {{ ref('operations__maintenance_events') }}
    where maintenance_type in ('corrective', 'breakdown')
    group by related_fault_id
),

-- MES operations running on an idle fault's machine during the fault
busy_idle_faults as (
    select distinct faults.fault_id
    from faults
    inner join {{ ref('stg_manufacturing__operation_executions') }} as operations
        on
            faults.machine_id = operations.machine_id
            and operations.actual_start_time < coalesce(faults.fault_end_time, 'infinity')
            and coalesce(operations.actual_end_time, 'infinity') > faults.fault_start_time
    where faults.downtime_id is null
)

select
    'breakdown without its fault' as problem,
    breakdowns.downtime_id as event_id
from breakdowns
left join faults
    on breakdowns.downtime_id = faults.downtime_id
where
    faults.fault_id is null
    or faults.machine_id <> breakdowns.machine_id
    or faults.fault_start_time <> breakdowns.downtime_start
    or faults.fault_end_time is distinct from breakdowns.downtime_end
    or faults.root_cause_category is distinct from breakdowns.failure_mode
union all
select
    'idle fault during an MES operation or losing production' as problem,
    faults.fault_id::text
from faults
left join busy_idle_faults
    on faults.fault_id = busy_idle_faults.fault_id
where
    faults.downtime_id is null
    and (busy_idle_faults.fault_id is not null or faults.production_loss_units <> 0)
union all
select
    'fault without exactly one repair' as problem,
    faults.fault_id::text
from faults
left join repairs
    on faults.fault_id = repairs.related_fault_id
where coalesce(repairs.events, 0) <> 1
