{#
    No column of the model is entirely NULL or holds a single value, unless its YAML says why.
    One pass over the table: count, min and max per column (bool_and/bool_or for booleans,
    text for unordered types). Returns one row per degenerate column: its name, the draws it
    was judged from, its non-null values and the one value.

    A column is judged only from enough independent draws that a value it is designed to
    take shows up in every correct build (the generator's guarantee, whatever the seed and
    the as-of instant): entirely NULL only when the table has `min_rows` draws, and
    single-valued only when it has `min_rows` non-null draws. A value with share p is missing
    from n draws with probability (1 - p)^n; the default, 200, keeps that under 1e-8 for
    every value with a share of 9 % or more (0.91^200 = 6.6e-9), so the 1,050 columns a build
    judges fail a correct build less than once in 100,000 builds. Rarer values need more
    draws: n >= 18.4 / p.

    A draw is a row, unless the column's value is drawn once per entity (a customer's payment
    terms, a sensor's stuck episode): then its draws are the distinct entities (`per`), and
    its min_rows counts entities.

    A column's YAML may say why it is exempt (config: {meta: {degenerate: ...}}):
      degenerate: "<reason>"        never judged: the catalog or the config makes it so
      degenerate:                   judged only from n draws: its other values are rare by
        min_rows: <n>               design (2 % stuck sensors: n = 18.4 / 0.02 = 920)
        per: <column>               optional: one draw per distinct value of this column
        reason: "<reason>"
#}
{% test no_degenerate_columns(model, min_rows=200) %}
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
    {%- set entities = [] -%}
    {%- if found.node is not none -%}
        {%- for column in found.node.columns.values() -%}
            {%- set meta = (column.config or {}).get('meta') or column.meta or {} -%}
            {%- set exemption = meta.get('degenerate') -%}
            {%- if exemption is mapping -%}
                {%- do judged.append(column) -%}
                {%- do thresholds.append(exemption.get('min_rows') or min_rows) -%}
                {%- do entities.append(exemption.get('per')) -%}
            {%- elif not exemption -%}
                {%- do judged.append(column) -%}
                {%- do thresholds.append(min_rows) -%}
                {%- do entities.append(none) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if judged | length == 0 %}
        select
            cast(null as text) as column_name,
            cast(null as bigint) as draws,
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
                    {%- set per = entities[loop.index0] %}
                    {%- if per %}
                        {#- a value drawn once per entity: its draws are the entities #}
                        , count(distinct {{ adapter.quote(per) }}) as rows_{{ loop.index }}
                        , count(distinct case when {{ quoted }} is not null then {{ adapter.quote(per) }} end)
                            as n_{{ loop.index }}
                    {%- else %}
                        , count({{ quoted }}) as n_{{ loop.index }}
                    {%- endif %}
                    , cast({{ 'bool_and' if boolean else 'min' }}({{ value }}) as text) as lo_{{ loop.index }}
                    , cast({{ 'bool_or' if boolean else 'max' }}({{ value }}) as text) as hi_{{ loop.index }}
                {%- endfor %}
            from {{ model }}
        )

        select
            judged.column_name,
            judged.draws,
            judged.non_null,
            judged.lowest as only_value,
            judged.min_rows as judged_from_rows
        from profile
        cross join lateral (
            values
            {%- for column in judged %}
                ('{{ column.name }}', profile.{{ 'rows_' ~ loop.index if entities[loop.index0] else 'row_count' }},
                    profile.n_{{ loop.index }}, profile.lo_{{ loop.index }},
                    profile.hi_{{ loop.index }}, {{ thresholds[loop.index0] | int }}){{ ',' if not loop.last }}
            {%- endfor %}
        ) as judged (column_name, draws, non_null, lowest, highest, min_rows)
        where
            (judged.non_null = 0 and judged.draws >= judged.min_rows)
            or (judged.non_null >= judged.min_rows and judged.lowest = judged.highest)
    {%- endif %}
{% endtest %}
