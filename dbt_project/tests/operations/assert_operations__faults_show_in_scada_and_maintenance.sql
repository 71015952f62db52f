-- Every fault coincides with its machine's SCADA samples in the fault state with the
-- fault's code (downtime), and with a corrective or breakdown maintenance event for it (a
-- fault still open at the as-of instant: its repair under way, without an end either).
select
    faults.fault_id,
    faults.machine_id,
    faults.fault_code
from {{ ref('operations__machine_faults') }} as faults
where
    not exists (
        select 1
        from {{ ref('operations__scada_machine_data') }} as samples
        where
            samples.machine_id = faults.machine_id
            and samples.timestamp >= faults.fault_start_time
            and samples.timestamp < coalesce(faults.fault_end_time, 'infinity')
            and samples.machine_state = 'fault'
            and samples.fault_code = faults.fault_code
    )
    or not exists (
        select 1
        from {{ ref('operations__maintenance_events') }} as events
        where
            events.related_fault_id = faults.fault_id
            and events.maintenance_type in ('corrective', 'breakdown')
            and events.actual_start >= faults.fault_start_time
            and coalesce(events.actual_end, 'infinity') <= coalesce(faults.fault_end_time, 'infinity')
    )
