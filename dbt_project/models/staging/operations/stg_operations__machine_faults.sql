select
    fault_id,
    machine_id,
    downtime_id,
    fault_code,
    root_cause_category,
    fault_severity,
    degradation_start,
    fault_start_time,
    fault_end_time,
    contributing_sensors,
    detection_method,
    reported_at,
    fault_description,
    root_cause_description,
    resolution_action
from {{ source('raw_operations', 'machine_faults') }}
