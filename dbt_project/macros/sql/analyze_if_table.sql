{#
    `analyze` on a model that is stored (a table or an incremental table), as a post-hook:
    PostgreSQL has no statistics on a table just created until autovacuum comes by, and the
    models and tests that read it next would be planned blind (nested loops over estimates
    of a few rows). Views have nothing to analyze: no statement.
#}
{% macro analyze_if_table() -%}
    {%- if model.config.materialized in ('table', 'incremental') -%}
        analyze {{ this }}
    {%- endif -%}
{%- endmacro %}
