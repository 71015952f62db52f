{# The marker of the mart being built: schema-qualified, as table names repeat across domains. #}
{% macro load_marker_key() -%}
    '{{ this.schema }}.{{ this.identifier }}'
{%- endmacro %}
