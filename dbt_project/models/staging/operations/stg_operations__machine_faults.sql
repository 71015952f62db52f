select
    fault_id,
    machine_id,
    fault_code,
    root_cause_category,
    fault_severity,
    degradation_start,
    fault_start_time,
    fault_end_time,
    contributing_sensors,
    detection_method,
    reported_at
from {{ source('raw_operations', 'machine_faults') }}
