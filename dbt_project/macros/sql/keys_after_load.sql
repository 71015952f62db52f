{#
    A contract's keys (primary_key and unique constraints, on a column or on the model) are
    added once the table holds its rows, as PostgreSQL's "Populating a Database" advises:
    one sorted index build per key instead of an index insert per row (operations.sensor_data
    at `large`: 2.9 M rows, 9.7 s with the keys in the CREATE TABLE, 8.3 s after). Not-null
    and check constraints stay in the CREATE TABLE, where they cost nothing.

    Overrides dbt-postgres 1.11's postgres__create_table_as (the same statements, then the
    keys) and the column DDL it renders. Incremental runs insert into a table that has its
    keys already.
#}
{% macro postgres__create_table_as(temporary, relation, sql) -%}
    {%- set unlogged = config.get('unlogged', default=false) -%}
    {%- set sql_header = config.get('sql_header', none) -%}
    {%- set contract_config = config.get('contract') -%}
    {%- set enforced = contract_config.enforced and not temporary -%}

    {{ sql_header if sql_header is not none }}

    create {% if temporary -%} temporary {%- elif unlogged -%} unlogged {%- endif %} table {{ relation }}
    {% if contract_config.enforced -%}
        {{ get_assert_columns_equivalent(sql) }}
    {%- endif %}
    {% if enforced -%}
        {{ get_table_columns_and_constraints() }};
        insert into {{ relation }} (
            {{ adapter.dispatch('get_column_names', 'dbt')() }}
        )
        {%- set sql = get_select_subquery(sql) %}
    {% else -%}
        as
    {%- endif %}
    (
        {{ sql }}
    );
    {%- set keys = contract_keys() if enforced else [] %}
    {% if keys -%}
        alter table {{ relation }} add {{ keys | join(', add ') }};
    {%- endif %}
{%- endmacro %}


{# The constraint types added after the rows. #}
{% macro contract_key_types() -%}
    {{ return(['primary_key', 'unique']) }}
{%- endmacro %}


{# The contract's columns and constraints for CREATE TABLE, keys left out (see above). #}
{% macro postgres__get_table_columns_and_constraints() -%}
    {%- set columns = {} -%}
    {%- for name, column in model['columns'].items() -%}
        {%- set kept = column.copy() -%}
        {%- do kept.update({'constraints': column.get('constraints', [])
            | rejectattr('type', 'in', contract_key_types()) | list}) -%}
        {%- do columns.update({name: kept}) -%}
    {%- endfor -%}
    {%- set column_ddl = adapter.render_raw_columns_constraints(raw_columns=columns) -%}
    {%- set model_ddl = adapter.render_raw_model_constraints(
        raw_constraints=model.get('constraints', []) | rejectattr('type', 'in', contract_key_types()) | list) -%}
    ({{ (column_ddl + model_ddl) | join(',\n    ') }})
{%- endmacro %}


{# The model's keys as dbt renders table constraints (`primary key (a)`, `constraint k unique
   (a, b)`): a column's key becomes a table constraint on that column. #}
{% macro contract_keys() -%}
    {%- set keys = [] -%}
    {%- for column in model['columns'].values() -%}
        {%- for constraint in column.get('constraints', []) if constraint.type in contract_key_types() -%}
            {%- set key = constraint.copy() -%}
            {%- do key.update({'columns': [column.name]}) -%}
            {%- do keys.append(key) -%}
        {%- endfor -%}
    {%- endfor -%}
    {%- for constraint in model.get('constraints', []) if constraint.type in contract_key_types() -%}
        {%- do keys.append(constraint) -%}
    {%- endfor -%}
    {{ return(adapter.render_raw_model_constraints(raw_constraints=keys)) }}
{%- endmacro %}
