with timed as (
    select
        shift_id,
        factory_id,
        shift_name,
        shift_code,
        start_time,
        end_time,
        extract(epoch from end_time - start_time) / 3600 as clock_hours,
        shift_type,
        break_duration_minutes,
        days_of_week,
        status,
        created_at
    from {{ ref('stg_master__shifts') }}
)

select
    shift_id,
    factory_id,
    shift_name,
    shift_code,
    start_time,
    end_time,
    -- a shift that ends at or before its start time ends on the next day
    cast(
        case when clock_hours > 0 then clock_hours else clock_hours + 24 end as decimal(4, 2)
    ) as duration_hours,
    shift_type,
    break_duration_minutes,
    days_of_week,
    status,
    created_at
from timed
