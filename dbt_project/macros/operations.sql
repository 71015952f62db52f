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

{#
    Incremental operations facts and complete reloads.

    Every `genims seed` replaces the raw schemas as a whole; the incremental marts then hold
    rows of a previous load that a plain incremental run would keep. These hooks record which
    load run an incremental mart was built from (genims_meta.incremental_loads) and, when the
    current load is a different one, empty the mart first so the run rebuilds it from scratch.
    Rows appended to the same load's raw tables are processed incrementally.
#}
{% macro operations_reset_if_reloaded() %}
    {%- set existing = load_relation(this) -%}
    {% if existing is not none %}
        delete from {{ this }}
        where not exists (
            select 1
            from genims_meta.incremental_loads as loads
            inner join {{ ref('int_run_context') }} as run_context
                on loads.run_id = run_context.run_id
            where loads.model_name = '{{ this.identifier }}'
        );
    {% endif %}
{% endmacro %}

{# on-run-start: the marker table, created once per invocation (not by the concurrent models) #}
{% macro operations_create_load_markers() %}
    create schema if not exists genims_meta;
    create table if not exists genims_meta.incremental_loads (
        model_name text primary key,
        run_id bigint not null
    )
{% endmacro %}

{% macro operations_mark_load() %}
    insert into genims_meta.incremental_loads (model_name, run_id)
    select '{{ this.identifier }}', run_id
    from {{ ref('int_run_context') }}
    on conflict (model_name) do update set run_id = excluded.run_id
{% endmacro %}
