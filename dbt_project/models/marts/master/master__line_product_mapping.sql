-- A qualified line stays qualified, but the mapping is inactive once its product is
-- discontinued: nothing is made or sold of it any more.
select
    cast({{ padded_id('LPM', 'performance.mapping_number', 5) }} as varchar(50)) as mapping_id,
    performance.line_id,
    performance.product_id,
    performance.factory_id,
    performance.line_rank = 1 as is_primary_line,
    cast(performance.standard_cycle_time_seconds as {{ dbt.type_int() }}) as standard_cycle_time_seconds,
    cast(performance.setup_time_minutes as {{ dbt.type_int() }}) as setup_time_minutes,
    cast(performance.changeover_time_minutes as {{ dbt.type_int() }}) as changeover_time_minutes,
    cast(performance.yield_percentage as decimal(5, 2)) as yield_percentage,
    cast(case when products.status = 'discontinued' then 'inactive' else 'active' end as varchar(20))
        as status,
    cast(performance.first_trial_date as {{ dbt.type_timestamp() }}) as created_at
from {{ ref('int_master__line_product_performance') }} as performance
inner join {{ ref('stg_master__products') }} as products
    on performance.product_id = products.product_id
