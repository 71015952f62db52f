select
    tax_code,
    country,
    tax_rate,
    description
from {{ source('raw_erp', 'tax_codes') }}
