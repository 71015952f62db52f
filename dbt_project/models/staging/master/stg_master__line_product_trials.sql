select
    trial_id,
    line_id,
    product_id,
    trial_date,
    setup_time_minutes,
    changeover_time_minutes,
    cycle_time_seconds,
    units_produced,
    units_good
from {{ source('raw_master', 'line_product_trials') }}
