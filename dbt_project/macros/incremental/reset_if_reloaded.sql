{#
    pre_hook of an incremental mart: empty it when it was built from another load run than
    the current one, so this run rebuilds it from scratch. Rows appended to the same load's raw
    tables are then processed incrementally. The protocol: _incremental__macros.yml.
    Only on an incremental run: a first build or a full refresh replaces the table anyway, and
    deleting its rows first would cost as much as a load (1.7 s for sensor_data at `large`).
#}
{% macro reset_if_reloaded() %}
    {% if is_incremental() %}
        delete from {{ this }}
        where not exists (
            select 1
            from genims_meta.incremental_loads as loads
            inner join {{ ref('int_genims_meta__run_context') }} as run_context
                on loads.run_id = run_context.run_id
            where loads.model_name = {{ load_marker_key() }}
        );
    {% endif %}
{% endmacro %}
