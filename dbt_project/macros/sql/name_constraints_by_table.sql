{#
    For on-run-end: dbt builds a table as `<name>__dbt_tmp` and renames it, so the constraints
    PostgreSQL named after the table (and the indexes of primary keys and unique keys) keep
    the temporary name, with a counter when the old table still held it:
    `sensor_data__dbt_tmp_pkey1`. Once the run has dropped the old tables, rename them after
    their table (`sensor_data_pkey`), as psql's \d and every catalog browser show them. One
    statement for the run; a name still taken is left as it is.
#}
{% macro name_constraints_by_table() -%}
    {%- set schemas = [] -%}
    {#- the graph is empty while dbt parses the hook -#}
    {%- for node in (graph.nodes.values() if execute else [])
        if node.resource_type == 'model' and node.fqn[1] == 'marts' -%}
        {%- do schemas.append(node.schema) -%}
    {%- endfor -%}
    {%- if schemas -%}
        do $rename$
        declare
            temporary record;
        begin
            for temporary in
                select
                    constraints.conrelid::regclass as relation,
                    constraints.conname as old_name,
                    regexp_replace(
                        replace(constraints.conname, '__dbt_tmp', ''), '\d+$', ''
                    ) as new_name
                from pg_catalog.pg_constraint as constraints
                inner join pg_catalog.pg_namespace as namespaces
                    on constraints.connamespace = namespaces.oid
                where
                    namespaces.nspname = any(array['{{ schemas | unique | join("', '") }}'])
                    and constraints.conname like '%\_\_dbt\_tmp%'
            loop
                begin
                    execute format(
                        'alter table %s rename constraint %I to %I',
                        temporary.relation, temporary.old_name, temporary.new_name
                    );
                exception when duplicate_object or duplicate_table then
                    null;
                end;
            end loop;
        end
        $rename$
    {%- else -%}
        select 1
    {%- endif -%}
{%- endmacro %}
