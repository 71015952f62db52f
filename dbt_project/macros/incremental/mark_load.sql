{#
    post_hook of an incremental mart: record that it now holds the current load run.
    The protocol: _incremental__macros.yml.
#}
{% macro mark_load() %}
    insert into genims_meta.incremental_loads (model_name, run_id)
    select {{ load_marker_key() }}, run_id
    from {{ ref('int_genims_meta__run_context') }}
    on conflict (model_name) do update set run_id = excluded.run_id
{% endmacro %}
