{#
    on-run-start: genims_meta.incremental_loads, the load run each incremental mart was built
    from. Created once per invocation here, not by the models, which run concurrently.
    The protocol: macros/incremental/_incremental__macros.yml.
#}
{% macro create_load_markers() %}
    create schema if not exists genims_meta;
    create table if not exists genims_meta.incremental_loads (
        model_name text primary key,
        run_id bigint not null
    )
{% endmacro %}
