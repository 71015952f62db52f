{#
    The half-width of the band around a count of `trials` events of probability `share` that a
    correct build leaves with probability at most 1e-6: 4.8916 standard deviations (the
    two-sided normal quantile of 1e-6) plus 4 counts, the band of expectations/__init__.py
    (LEVEL, CONTINUITY), whose tests check it against the exact binomial and Poisson tails.
#}
{% macro binomial_band(trials, share) -%}
    (4.8916 * sqrt(({{ trials }}) * ({{ share }}) * (1 - ({{ share }}))) + 4)
{%- endmacro %}
