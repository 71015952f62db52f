select
    calibration_id,
    sensor_id,
    calibrated_at,
    drift_found_percentage,
    technician_id
from {{ source('raw_operations', 'sensor_calibrations') }}
