{#
    A model's custom schema is used verbatim: marts/master builds into `master`, staging
    into `staging`. Without a custom schema a model goes to the target's schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
