select
    outage_id,
    started_at,
    ended_at,
    error_type,
    error_text
from {{ source('raw_erp', 'interface_outages') }}
