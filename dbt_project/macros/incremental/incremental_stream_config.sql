{#
    The config of a model under the incremental reload protocol: an append-only incremental
    table over a raw event stream, emptied when the load run changes (reset_if_reloaded) and
    marked with the run it holds (mark_load). A model calls it first, in place of config().
    The protocol: _incremental__macros.yml.
#}
{% macro incremental_stream_config() %}
    {{ config(
        materialized='incremental',
        incremental_strategy='append',
        on_schema_change='fail',
        pre_hook="{{ reset_if_reloaded() }}",
        post_hook="{{ mark_load() }}",
    ) }}
    {#- the hooks read the run context: a ref dbt sees, so the model runs after it -#}
    {%- do ref('int_genims_meta__run_context') -%}
{% endmacro %}
