select
    country,
    currency,
    tax_code,
    tax_rate,
    tax_description
from {{ source('raw_erp', 'countries') }}
