select
    labor_transaction_id,
    employee_id,
    shift_id,
    shift_date,
    work_order_id,
    operation_id,
    activity_type,
    clock_in_time,
    clock_out_time,
    break_time_minutes,
    hourly_rate,
    approved_by,
    approved_at,
    notes
from {{ source('raw_manufacturing', 'labor_entries') }}
