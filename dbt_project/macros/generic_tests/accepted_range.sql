{#
    dbt_utils.accepted_range, written here because the dbt package hub is out of reach:
    every non-null value of the column lies between min_value and max_value (either may be
    omitted; both bounds included unless inclusive=false). Returns the rows outside.
#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    {%- set below = '<' if inclusive else '<=' -%}
    {%- set above = '>' if inclusive else '>=' -%}
    select {{ column_name }}
    from {{ model }}
    where
        {%- if min_value is not none %}
            {{ column_name }} {{ below }} {{ min_value }}
        {%- endif %}
        {%- if min_value is not none and max_value is not none %}
            or
        {%- endif %}
        {%- if max_value is not none %}
            {{ column_name }} {{ above }} {{ max_value }}
        {%- endif %}
        {%- if min_value is none and max_value is none %}
            false
        {%- endif %}
{% endtest %}
