{#
    The shift running at `ts` in the factory `factory_id` (a scalar subquery returning a
    shift_id, or null when no shift runs). A shift belongs to the day it starts on: an
    overnight shift that started yesterday is found from yesterday's weekday. Where two
    shifts overlap, regular and weekend shifts win over overtime, then the one that started
    first (the same rule the seeder uses).
#}
{% macro operations_shift_at(factory_id, ts) %}
    (
        select shifts.shift_id
        from {{ ref('int_operations__factory_shifts') }} as shifts
        cross join lateral (
            select
                0 as days_back,
                extract(epoch from {{ ts }}::time)::integer as second_of_shift_day,
                extract(isodow from {{ ts }})::integer as shift_day
            union all
            select
                1 as days_back,
                extract(epoch from {{ ts }}::time)::integer + 86400 as second_of_shift_day,
                extract(isodow from {{ ts }} - interval '1 day')::integer as shift_day
        ) as candidate
        where
            shifts.factory_id = {{ factory_id }}
            and candidate.shift_day = any(shifts.iso_days)
            and candidate.second_of_shift_day >= shifts.start_second
            and candidate.second_of_shift_day < shifts.end_second
        order by
            (shifts.shift_type = 'overtime'),
            candidate.days_back desc,
            shifts.start_second,
            shifts.shift_id
        limit 1
    )
{% endmacro %}
