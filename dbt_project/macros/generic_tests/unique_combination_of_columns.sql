{#
    dbt_utils.unique_combination_of_columns, written here because the dbt package hub is out
    of reach: the combination of the given columns is unique in the model. Returns every
    duplicated combination with its row count.
#}
{% test unique_combination_of_columns(model, combination_of_columns) %}
    {%- set columns = combination_of_columns | join(', ') %}
    select
        {{ columns }},
        count(*) as row_count
    from {{ model }}
    group by {{ columns }}
    having count(*) > 1
{% endtest %}
