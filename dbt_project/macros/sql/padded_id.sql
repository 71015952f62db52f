{#
    A readable sequential key: padded_id('LPM', 'mapping_number', 5) renders an expression
    giving 'LPM-00001'. Numbers wider than `width` keep all their digits (lpad alone would
    truncate them and create duplicates).
#}
{% macro padded_id(prefix, number, width) -%}
    {%- set digits = "cast(" ~ number ~ " as " ~ dbt.type_string() ~ ")" -%}
    {%- set padded = "lpad(" ~ digits ~ ", greatest(" ~ width ~ ", length(" ~ digits ~ ")), '0')" -%}
    {{ dbt.concat(["'" ~ prefix ~ "-'", padded]) }}
{%- endmacro %}
