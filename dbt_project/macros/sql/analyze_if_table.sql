{#
    For a model that is stored (a table or an incremental table), as a post-hook: `analyze`
    it, since PostgreSQL has no statistics on a table just created until autovacuum comes by
    and the models and tests that read it next would be planned blind (nested loops over
    estimates of a few rows); and keep autovacuum off it, since dbt rebuilds it and it has
    its statistics already: an autovacuum pass over a large table just loaded would otherwise
    contend (up to a deadlock) with the end of the run, which alters every table to apply
    the access roles' row-level security. Views have nothing to analyze: no statement.
#}
{% macro analyze_if_table() -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
        alter table {{ this }} set (autovacuum_enabled = false);
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
