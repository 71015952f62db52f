{#
    A mart `<domain>__<table>` (models/marts/<domain>/) is created as table `<table>`, the
    GenIMS name, in its domain's schema: `erp__materials` becomes erp.materials. dbt model
    names must be unique across the project, table names only within a schema. Every other
    node (staging, intermediate, tests) keeps dbt's default alias, its name.
#}
{% macro generate_alias_name(custom_alias_name=none, node=none) -%}
    {%- set prefix = (node.fqn[2] ~ '__') if node.fqn | length > 3 else none -%}
    {%- if custom_alias_name is none and node.resource_type == 'model' and node.fqn[1] == 'marts'
          and prefix and node.name.startswith(prefix) -%}
        {{ node.name[prefix | length:] }}
    {%- else -%}
        {{ default__generate_alias_name(custom_alias_name, node) }}
    {%- endif -%}
{%- endmacro %}
