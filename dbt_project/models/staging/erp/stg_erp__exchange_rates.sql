select
    rate_date,
    currency,
    usd_per_unit
from {{ source('raw_erp', 'exchange_rates') }}
