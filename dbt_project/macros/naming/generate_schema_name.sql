{#
    A mart builds into the schema named after its folder: models/marts/erp/erp__materials.sql
    goes to `erp`, so dbt_project.yml names no domain. Other models use their custom schema
    verbatim (staging into `staging`, intermediate into `intermediate`), or the target's
    schema when they have none (tests, hooks).
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if node is not none and node.resource_type == 'model' and node.fqn[1:2] == ['marts']
          and node.fqn | length > 3 -%}
        {{ node.fqn[2] }}
    {%- elif custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
