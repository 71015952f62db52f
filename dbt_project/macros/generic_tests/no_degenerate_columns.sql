{#
    No column of the model is entirely NULL or holds a single value, unless its YAML says why.
    One pass over the table: count, min and max per column (bool_and/bool_or for booleans,
    text for unordered types), never a count(distinct). Returns one row per degenerate
    column: its name, the table's rows, its non-null values and the one value.

    Small tables prove nothing: with few rows a rare value is often absent by chance. A
    column is judged entirely NULL only when the table has `min_rows` rows, and single-valued
    only when it has `min_rows` non-null values (default 20: a value with a 15 % share is
    then missing by chance in under 4 % of builds; `tiny` judges its few larger tables, and
    `default` all but its smallest: factories, customers, lines, MRP runs).

    A column's YAML may say why it is exempt (config: {meta: {degenerate: ...}}):
      degenerate: "<reason>"        never judged: the catalog or the config makes it so
      degenerate:                   judged only from n rows: its other values are rare by
        min_rows: <n>               design (2 % inactive machines need about 150 rows for
        reason: "<reason>"          a build to show one in 95 % of seeds)
#}
{% test no_degenerate_columns(model, min_rows=20) %}
    {%- set found = namespace(node=none) -%}
    {%- if execute -%}
        {%- for node in graph.nodes.values()
            if node.resource_type == 'model' and node.schema == model.schema
            and (node.alias or node.name) == model.identifier -%}
            {%- set found.node = node -%}
        {%- endfor -%}
        {%- if found.node is none -%}
            {{ exceptions.raise_compiler_error("no_degenerate_columns: no model builds " ~ model) }}
        {%- endif -%}
    {%- endif -%}
    {%- set judged = [] -%}
    {%- set thresholds = [] -%}
    {%- if found.node is not none -%}
        {%- for column in found.node.columns.values() -%}
            {%- set meta = (column.config or {}).get('meta') or column.meta or {} -%}
            {%- set exemption = meta.get('degenerate') -%}
            {%- if exemption is mapping -%}
                {%- do judged.append(column) -%}
                {%- do thresholds.append(exemption.get('min_rows') or min_rows) -%}
            {%- elif not exemption -%}
                {%- do judged.append(column) -%}
                {%- do thresholds.append(min_rows) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if judged | length == 0 %}
        select
            cast(null as text) as column_name,
            cast(null as bigint) as row_count,
            cast(null as bigint) as non_null,
            cast(null as text) as only_value,
            cast(null as bigint) as judged_from_rows
        where false
    {%- else %}
        with profile as (
            select
                count(*) as row_count
                {%- for column in judged %}
                    {%- set quoted = adapter.quote(column.name) %}
                    {%- set type = (column.data_type or '') | lower %}
                    {%- set boolean = type == 'boolean' %}
                    {#- types without an ordering compare as text #}
                    {%- set value = quoted ~ '::text' if type in ('json', 'jsonb', 'point', 'xml') else quoted %}
                    , count({{ quoted }}) as n_{{ loop.index }}
                    , cast({{ 'bool_and' if boolean else 'min' }}({{ value }}) as text) as lo_{{ loop.index }}
                    , cast({{ 'bool_or' if boolean else 'max' }}({{ value }}) as text) as hi_{{ loop.index }}
                {%- endfor %}
            from {{ model }}
        )

        select
            judged.column_name,
            profile.row_count,
            judged.non_null,
            judged.lowest as only_value,
            judged.min_rows as judged_from_rows
        from profile
        cross join lateral (
            values
            {%- for column in judged %}
                ('{{ column.name }}', profile.n_{{ loop.index }}, profile.lo_{{ loop.index }},
                    profile.hi_{{ loop.index }}, {{ thresholds[loop.index0] | int }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as judged (column_name, non_null, lowest, highest, min_rows)
        where
            (judged.non_null = 0 and profile.row_count >= judged.min_rows)
            or (judged.non_null >= judged.min_rows and judged.lowest = judged.highest)
    {%- endif %}
{% endtest %}
