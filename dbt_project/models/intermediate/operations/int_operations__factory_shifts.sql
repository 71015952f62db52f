-- Each factory's shift templates in seconds of the day, for finding the shift at a timestamp
-- (see the operations_shift_at macro). An overnight shift ends after 86400.
select
    shift_id,
    factory_id,
    shift_name,
    shift_code,
    shift_type,
    extract(epoch from start_time)::integer as start_second,
    extract(epoch from start_time)::integer
    + case
        when end_time > start_time then extract(epoch from end_time - start_time)::integer
        else 86400 - extract(epoch from start_time - end_time)::integer
    end as end_second,
    array(
        select array_position(array['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], day_name)
        from unnest(string_to_array(days_of_week, ',')) as day_name
    ) as iso_days
from {{ ref('stg_master__shifts') }}
