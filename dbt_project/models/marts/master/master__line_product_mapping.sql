select
    cast({{ padded_id('LPM', 'mapping_number', 5) }} as varchar(50)) as mapping_id,
    line_id,
    product_id,
    factory_id,
    line_rank = 1 as is_primary_line,
    cast(standard_cycle_time_seconds as {{ dbt.type_int() }}) as standard_cycle_time_seconds,
    cast(setup_time_minutes as {{ dbt.type_int() }}) as setup_time_minutes,
    cast(changeover_time_minutes as {{ dbt.type_int() }}) as changeover_time_minutes,
    cast(yield_percentage as decimal(5, 2)) as yield_percentage,
    cast('active' as varchar(20)) as status,
    cast(first_trial_date as {{ dbt.type_timestamp() }}) as created_at
from {{ ref('int_master__line_product_performance') }}
