{#
    Access roles with row-level security, reconciled with the domains' declarations at the
    end of every dbt invocation (on-run-end). The declaration format and the reasons for
    each choice are in _access__macros.yml beside this file.
#}

{#- The SQL that brings roles, grants and policies in line with the declarations. -#}
{% macro apply_access_roles() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set roles = access_roles() -%}
    {%- if not roles -%}
        {{ return('') }}
    {%- endif -%}
    {%- set plan = access_plan(roles) -%}
    {%- set role_names = roles | map(attribute='name') | list -%}

    {%- set user = run_query(
        "select rolsuper, rolsuper or rolcreaterole from pg_catalog.pg_roles"
        ~ " where rolname = current_user"
    ).rows[0] -%}
    {%- set is_superuser, can_create_roles = user[0], user[1] -%}
    {%- if can_create_roles -%}
        {%- set grantees = role_names -%}
    {%- else -%}
        {%- set grantees = run_query(
            "select rolname from pg_catalog.pg_roles where rolname = any(array['"
            ~ role_names | join("', '") ~ "'])"
        ).columns[0].values() | list -%}
        {{ log("genims access: user " ~ target.user ~ " has neither CREATEROLE nor SUPERUSER;"
               ~ " not creating roles, granting to the " ~ grantees | length ~ " of "
               ~ role_names | length ~ " declared roles that exist", info=true) }}
        {%- if not grantees -%}
            {{ return('') }}
        {%- endif -%}
    {%- endif -%}

    {#- Only tables that exist (a build with --domains leaves the other schemas out), with
        their row security, so that ALTER TABLE (an exclusive lock) runs only to change it. -#}
    {%- set schemas = plan | map(attribute='schema') | unique | list -%}
    {%- set row_security = {} -%}
    {%- for row in run_query(
        "select schemaname || '.' || tablename, rowsecurity from pg_catalog.pg_tables"
        ~ " where schemaname = any(array['" ~ schemas | join("', '") ~ "'])") -%}
        {%- do row_security.update({row[0]: row[1]}) -%}
    {%- endfor -%}
    {%- set tables = [] -%}
    {%- for table in plan if table.schema ~ '.' ~ table.name in row_security -%}
        {%- do tables.append(table) -%}
    {%- endfor -%}
    {%- set present_schemas = tables | map(attribute='schema') | unique | list -%}
    {%- set quoted_grantees = access_quote_all(grantees) -%}

    {%- set statements = [] -%}
    {%- if can_create_roles -%}
        {#- A non-superuser creator must be a member to SET ROLE (PostgreSQL 16 gives it only
            ADMIN OPTION on the roles it creates); a superuser needs no membership. -#}
        {%- set membership -%}
            begin
                execute format('grant %I to current_user', role_name);
            exception when insufficient_privilege or invalid_grant_operation then
                raise notice 'genims access: % cannot be granted to %', role_name, current_user;
            end;
        {%- endset -%}
        {%- do statements.append(
            "do $$ declare role_name text; begin"
            ~ " foreach role_name in array array['" ~ role_names | join("', '") ~ "'] loop"
            ~ " begin execute format('create role %I nologin', role_name);"
            ~ " exception when duplicate_object or unique_violation then null; end;"
            ~ ("" if is_superuser else membership)
            ~ " end loop; end $$") -%}
    {%- endif -%}
    {%- for schema in present_schemas -%}
        {%- do statements.append("revoke all on schema " ~ access_quote(schema) ~ " from " ~ quoted_grantees) -%}
        {%- do statements.append(
            "revoke all on all tables in schema " ~ access_quote(schema) ~ " from " ~ quoted_grantees) -%}
    {%- endfor -%}
    {#- Normally none are left (on-run-start dropped them); replaced so that the declarations
        take effect even after a run-operation or a failed start. -#}
    {%- if present_schemas -%}
        {%- do statements.append(access_drop_policies_sql(present_schemas)) -%}
    {%- endif -%}
    {%- set usage = {} -%}
    {%- set row_secured = [] -%}
    {%- for table in tables -%}
        {%- set relation = access_quote(table.schema) ~ '.' ~ access_quote(table.name) -%}
        {%- for role, privileges in table.grants.items() if role in grantees -%}
            {%- do usage.setdefault(table.schema, []).append(role) -%}
            {%- do statements.append(
                "grant " ~ privileges | join(', ') ~ " on " ~ relation ~ " to " ~ access_quote(role)) -%}
        {%- endfor -%}
        {%- set secured = row_security[table.schema ~ '.' ~ table.name] -%}
        {%- if table.filters -%}
            {%- do row_secured.append(relation) -%}
            {%- if not secured -%}
                {%- do statements.append("alter table " ~ relation ~ " enable row level security") -%}
            {%- endif -%}
            {#- Once RLS is on, a role without a policy sees no rows: every grantee gets one. -#}
            {%- for role in table.grants if role in grantees -%}
                {%- set predicate = table.filters.get(role, 'true') -%}
                {%- do statements.append(
                    "create policy " ~ access_quote(role) ~ " on " ~ relation ~ " as permissive for all to "
                    ~ access_quote(role) ~ " using (" ~ predicate ~ ") with check (" ~ predicate ~ ")") -%}
            {%- endfor -%}
        {%- elif secured -%}
            {%- do statements.append("alter table " ~ relation ~ " disable row level security") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for schema, schema_roles in usage.items() -%}
        {%- do statements.append(
            "grant usage on schema " ~ access_quote(schema) ~ " to "
            ~ access_quote_all(schema_roles | unique | list)) -%}
    {%- endfor -%}
    {{ log("genims access: " ~ grantees | length ~ " roles, grants on " ~ tables | length
           ~ " tables, row-level security on " ~ row_secured | length, info=true) }}
    {{ return(statements | join(';\n')) }}
{% endmacro %}


{#-
    on-run-start: drops the policies of the declared schemas before any model is rebuilt.
    A policy depends on every table its predicate reads, so rebuilding such a table (dbt
    drops the old one with CASCADE) drops other tables' policies, and two threads doing that
    deadlock on each other's locks. Until on-run-end recreates them, row-secured tables
    show no rows to the roles: access closes during a build, it never opens.
-#}
{% macro drop_access_policies() %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set schemas = access_plan(access_roles()) | map(attribute='schema') | unique | list -%}
    {{ return(access_drop_policies_sql(schemas)) }}
{% endmacro %}


{% macro access_drop_policies_sql(schemas) %}
    {%- if not schemas -%}
        {{ return('') }}
    {%- endif -%}
    {{ return("do $$ declare p record; begin for p in select policyname, schemaname, tablename"
              ~ " from pg_catalog.pg_policies where schemaname = any(array['"
              ~ schemas | join("', '") ~ "']) loop"
              ~ " execute format('drop policy %I on %I.%I', p.policyname, p.schemaname, p.tablename);"
              ~ " end loop; end $$") }}
{% endmacro %}


{#- Every role the domains declare (groups' config.meta.roles), validated; sorted by name. -#}
{% macro access_roles() %}
    {%- set roles = [] -%}
    {%- set known_keys = ['description', 'subject', 'grants', 'row_filter'] -%}
    {%- for group in graph.groups.values() -%}
        {%- set declared = (group.config.meta or {}).get('roles') or {} -%}
        {%- for key, spec in declared.items() -%}
            {%- set name = group.name ~ '_' ~ key -%}
            {%- set unknown = spec.keys() | reject('in', known_keys) | list -%}
            {%- if unknown -%}
                {{ exceptions.raise_compiler_error(
                    "access: role " ~ name ~ ": unknown key " ~ unknown[0] ~ " (known: "
                    ~ known_keys | join(', ') ~ ")") }}
            {%- endif -%}
            {%- if not modules.re.fullmatch('[a-z][a-z0-9_]*', name) or name | length > 63 -%}
                {{ exceptions.raise_compiler_error("access: role name " ~ name ~ " is not a lowercase identifier") }}
            {%- endif -%}
            {%- if not spec.get('description') or not spec.get('grants') -%}
                {{ exceptions.raise_compiler_error("access: role " ~ name ~ " needs a description and grants") }}
            {%- endif -%}
            {%- if spec.get('row_filter') and not spec.get('subject') -%}
                {{ exceptions.raise_compiler_error(
                    "access: role " ~ name ~ " has a row_filter but no subject (what genims.subject_id holds)") }}
            {%- endif -%}
            {%- do roles.append({
                'name': name, 'domain': group.name, 'grants': spec.grants,
                'row_filter': spec.get('row_filter') or {}}) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(roles | sort(attribute='name')) }}
{% endmacro %}


{#-
    One entry per mart table any role reaches: {schema, name, grants: {role: [privileges]},
    filters: {role: predicate}}. Grants of all matching patterns add up; of the row filters
    matching a table, an exact name wins over patterns, and two matching patterns are an error.
-#}
{% macro access_plan(roles) %}
    {%- set privilege_syntax = '(all|select|insert|update|delete|truncate|references|trigger)'
        ~ '( ?\\([a-z_][a-z0-9_]*(, ?[a-z_][a-z0-9_]*)*\\))?' -%}
    {#- Each pattern compiled once: the loop below meets every (table, role, pattern). -#}
    {%- set rules = [] -%}
    {%- for role in roles -%}
        {%- for pattern, listed in role.grants.items() -%}
            {%- set privileges = [] -%}
            {%- for privilege in listed -%}
                {%- set privilege = privilege | lower | trim -%}
                {%- if not modules.re.fullmatch(privilege_syntax, privilege) -%}
                    {{ exceptions.raise_compiler_error(
                        "access: role " ~ role.name ~ ": unknown privilege '" ~ privilege ~ "'") }}
                {%- endif -%}
                {%- do privileges.append(privilege) -%}
            {%- endfor -%}
            {%- do rules.append({'role': role.name, 'kind': 'grants', 'pattern': pattern,
                                 'regex': access_pattern_regex(role.domain, pattern),
                                 'privileges': privileges, 'used': []}) -%}
        {%- endfor -%}
        {%- for pattern, predicate in role.row_filter.items() -%}
            {%- do rules.append({'role': role.name, 'kind': 'row_filter', 'pattern': pattern,
                                 'regex': access_pattern_regex(role.domain, pattern),
                                 'predicate': access_row_filter_sql(predicate), 'used': []}) -%}
        {%- endfor -%}
    {%- endfor -%}

    {%- set plan = [] -%}
    {%- for node in graph.nodes.values() | sort(attribute='unique_id')
            if node.resource_type == 'model' and node.config.materialized in ['table', 'incremental'] -%}
        {%- set qualified = node.schema ~ '.' ~ node.alias -%}
        {%- set privileges, filters = {}, {} -%}
        {%- for rule in rules if rule.regex.fullmatch(qualified) -%}
            {%- do rule.used.append(qualified) -%}
            {%- if rule.kind == 'grants' -%}
                {%- set granted = privileges.setdefault(rule.role, []) -%}
                {%- for privilege in rule.privileges if privilege not in granted -%}
                    {%- do granted.append(privilege) -%}
                {%- endfor -%}
            {%- else -%}
                {%- do filters.setdefault(rule.role, []).append(rule) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set chosen_filters = {} -%}
        {%- for role, matching in filters.items() -%}
            {%- set exact = [] -%}
            {%- for rule in matching if '*' not in rule.pattern -%}
                {%- do exact.append(rule) -%}
            {%- endfor -%}
            {%- set chosen = exact or matching -%}
            {%- if chosen | length > 1 -%}
                {{ exceptions.raise_compiler_error(
                    "access: role " ~ role ~ ": row filters " ~ chosen | map(attribute='pattern') | join(' and ')
                    ~ " both match " ~ qualified ~ "; name the table") }}
            {%- endif -%}
            {%- set granted = privileges.get(role, []) -%}
            {%- if exact and not granted -%}
                {{ exceptions.raise_compiler_error(
                    "access: role " ~ role ~ ": row filter " ~ exact[0].pattern ~ " names "
                    ~ qualified ~ ", which the role is not granted") }}
            {%- endif -%}
            {%- if granted and granted | select('in', ['all', 'truncate']) | list -%}
                {{ exceptions.raise_compiler_error(
                    "access: role " ~ role ~ " may truncate the row-filtered " ~ qualified
                    ~ " (TRUNCATE ignores row-level security); list the privileges instead of all") }}
            {%- endif -%}
            {%- if granted -%}
                {%- do chosen_filters.update({role: chosen[0].predicate}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set grants = {} -%}
        {%- for role, listed in privileges.items() -%}
            {%- if 'all' in listed -%}
                {%- do grants.update({role: ['all']}) -%}
            {%- else -%}
                {#- A table-level privilege covers the same privilege on some columns. -#}
                {%- set kept = [] -%}
                {%- for privilege in listed if '(' not in privilege
                        or privilege.split('(')[0] | trim not in listed -%}
                    {%- do kept.append(privilege) -%}
                {%- endfor -%}
                {%- do grants.update({role: kept}) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- if grants -%}
            {%- do plan.append({'schema': node.schema, 'name': node.alias, 'grants': grants,
                                'filters': chosen_filters}) -%}
        {%- endif -%}
    {%- endfor -%}
    {#- A pattern that matches no mart is a typo (or a mart that was renamed). -#}
    {%- for rule in rules if not rule.used -%}
        {{ exceptions.raise_compiler_error(
            "access: role " ~ rule.role ~ ": " ~ rule.kind ~ " pattern '" ~ rule.pattern ~ "' matches no mart") }}
    {%- endfor -%}
    {{ return(plan | sort(attribute='name') | sort(attribute='schema')) }}
{% endmacro %}


{#- The compiled regular expression of a table pattern (`table`, `schema.table`, `*` for any
    characters) declared by `domain`: a bare table name is in the domain's schema. -#}
{% macro access_pattern_regex(domain, pattern) %}
    {%- if not modules.re.fullmatch('[a-z0-9_*]+(\\.[a-z0-9_*]+)?', pattern) -%}
        {{ exceptions.raise_compiler_error(
            "access: " ~ domain ~ ": '" ~ pattern ~ "' is not a table pattern (table, schema.table, * wildcards)") }}
    {%- endif -%}
    {%- set full = pattern if '.' in pattern else domain ~ '.' ~ pattern -%}
    {{ return(modules.re.compile(modules.re.escape(full) | replace('\\*', '[a-z0-9_]*'))) }}
{% endmacro %}


{#- A row filter with its `:subject` placeholders bound to the session's genims.subject_id;
    unset or empty, the subject is null and the predicate matches nothing. -#}
{% macro access_row_filter_sql(predicate) %}
    {{ return(modules.re.sub('(?<![:\\w]):subject\\b',
                             "nullif(current_setting('genims.subject_id', true), '')",
                             predicate | trim)) }}
{% endmacro %}


{% macro access_quote(identifier) %}
    {{ return(adapter.quote(identifier)) }}
{% endmacro %}


{% macro access_quote_all(identifiers) %}
    {%- set quoted = [] -%}
    {%- for identifier in identifiers -%}
        {%- do quoted.append(adapter.quote(identifier)) -%}
    {%- endfor -%}
    {{ return(quoted | join(', ')) }}
{% endmacro %}
