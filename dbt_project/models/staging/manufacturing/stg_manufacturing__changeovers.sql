select
    changeover_id,
    from_work_order_id,
    to_work_order_id,
    operation_id,
    changeover_type,
    changeover_start,
    teardown_time_minutes,
    setup_time_minutes,
    adjustment_time_minutes,
    trial_run_time_minutes,
    parts_produced_during_setup,
    parts_scrapped_during_setup,
    supervisor_id,
    operator_ids,
    first_piece_inspection_passed,
    quality_approval_by
from {{ source('raw_manufacturing', 'changeovers') }}
