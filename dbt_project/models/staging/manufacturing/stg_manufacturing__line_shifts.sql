select
    line_id,
    shift_id,
    shift_start,
    shift_end,
    staffed
from {{ source('raw_manufacturing', 'line_shifts') }}
