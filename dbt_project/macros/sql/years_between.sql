{#
    Years from one date to another as a decimal: whole days divided by 365.25, rounded to
    `scale` places (machine ages, employee tenure).
#}
{% macro years_between(start_date, end_date, scale=2) -%}
    round({{ dbt.datediff(start_date, end_date, 'day') }} / 365.25, {{ scale }})
{%- endmacro %}
