select
    root_cause_category,
    fault_code,
    fault_category,
    fault_description,
    resolution_action,
    maintenance_category,
    signature,
    lead_hours_min,
    lead_hours_max
from {{ source('raw_operations', 'fault_patterns') }}
