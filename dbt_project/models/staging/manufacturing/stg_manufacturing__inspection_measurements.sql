select
    inspection_id,
    characteristic_id,
    measured_value,
    conforming
from {{ source('raw_manufacturing', 'inspection_measurements') }}
