-- Failures are rare, as in a real plant: a fault starts on the machine within the next 24
-- hours for under 5 % of the machine-time the SCADA samples cover (positive examples are a
-- small minority for a predictive-maintenance model), and no machine faults more than
-- once a day on average over the history.
with settings as (
    select history_days
    from {{ ref('int_operations__settings') }}
),

events as (
    select
        machine_id,
        timestamp as at_time,
        true as is_sample
    from {{ ref('operations__scada_machine_data') }}
    union all
    select
        machine_id,
        fault_start_time as at_time,
        false as is_sample
    from {{ ref('operations__machine_faults') }}
),

next_faults as (
    select
        is_sample,
        at_time,
        min(case when not is_sample then at_time end) over (
            partition by machine_id
            order by at_time, is_sample
            rows between current row and unbounded following
        ) as next_fault
    from events
),

positives as (
    select avg((next_fault < at_time + interval '24 hours')::int) as share
    from next_faults
    where is_sample
),

busiest as (
    select
        faults.machine_id,
        count(*) / max(settings.history_days)::numeric as faults_per_day
    from {{ ref('operations__machine_faults') }} as faults
    cross join settings
    group by faults.machine_id
)

select
    'fault within 24 h' as measure,
    share as value
from positives
where share >= 0.05
union all
select
    machine_id,
    faults_per_day
from busiest
where faults_per_day > 1
