select
    maintenance_window_id,
    machine_id,
    maintenance_kind,
    scheduled_start,
    scheduled_end,
    actual_start,
    actual_end,
    status
from {{ source('raw_manufacturing', 'maintenance_windows') }}
