select
    shift_id,
    factory_id,
    shift_name,
    shift_code,
    start_time,
    end_time,
    shift_type,
    break_duration_minutes,
    days_of_week,
    status,
    created_at
from {{ source('raw_master', 'shifts') }}
