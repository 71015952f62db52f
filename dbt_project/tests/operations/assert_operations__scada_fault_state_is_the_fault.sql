-- A machine's SCADA samples are in the fault state exactly during its faults: every sample
-- inside a fault's window (start inclusive, end exclusive; an open fault up to the as-of
-- instant) is in `fault` with the fault's code, and every `fault` sample lies inside a
-- fault of its machine.
with faults as (
    select
        fault_id,
        machine_id,
        fault_code,
        fault_start_time,
        coalesce(fault_end_time, 'infinity') as fault_end_time
    from {{ ref('operations__machine_faults') }}
),

matched as (
    select
        samples.scada_id,
        samples.machine_id,
        samples.timestamp,
        samples.machine_state,
        samples.fault_code,
        faults.fault_id,
        faults.fault_code as expected_code
    from {{ ref('operations__scada_machine_data') }} as samples
    left join faults
        on
            samples.machine_id = faults.machine_id
            and samples.timestamp >= faults.fault_start_time
            and samples.timestamp < faults.fault_end_time
)

select *
from matched
where
    (fault_id is not null and (machine_state <> 'fault' or fault_code is distinct from expected_code))
    or (fault_id is null and machine_state = 'fault')
