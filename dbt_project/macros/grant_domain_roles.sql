{#
    on-run-end: the access roles of each domain, as the seed document lists them.

    Table-driven by the `genims_domain_roles` var (dbt_project.yml): domain -> role -> table
    privileges. For every domain whose schema exists, each role is created NOLOGIN when it is
    missing, gets USAGE on the schema and the listed privileges on all of the schema's tables.
    dbt recreates mart tables on every build, which drops their grants, so this runs after
    every invocation.

    Roles are cluster-wide objects: when the current user has neither CREATEROLE nor
    SUPERUSER this logs a message and does nothing.
#}
{% macro grant_domain_roles(domain_roles=none) %}
    {%- if not execute -%}
        {{ return('') }}
    {%- endif -%}
    {%- set domain_roles = var('genims_domain_roles', {}) if domain_roles is none else domain_roles -%}
    {%- set allowed = ['ALL', 'SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] -%}

    {%- set privilege_check -%}
        select coalesce(bool_or(rolsuper or rolcreaterole), false) as can_create_roles
        from pg_catalog.pg_roles
        where rolname = current_user
    {%- endset -%}
    {%- if not run_query(privilege_check).columns[0].values()[0] -%}
        {{ log("grant_domain_roles: user " ~ target.user ~ " has neither CREATEROLE nor SUPERUSER;"
               ~ " skipping the domain roles", info=true) }}
        {{ return('') }}
    {%- endif -%}

    {%- set existing_schemas = run_query(
        "select nspname from pg_catalog.pg_namespace"
    ).columns[0].values() -%}
    {%- set statements = [] -%}
    {%- for domain, roles in domain_roles.items() -%}
        {%- if domain not in existing_schemas -%}
            {{ log("grant_domain_roles: schema " ~ domain ~ " does not exist yet; skipping its roles",
                   info=true) }}
        {%- else -%}
            {%- for role, privileges in roles.items() -%}
                {%- for privilege in privileges -%}
                    {%- if privilege | upper not in allowed -%}
                        {{ exceptions.raise_compiler_error(
                            "genims_domain_roles: unknown privilege " ~ privilege ~ " for role " ~ role) }}
                    {%- endif -%}
                {%- endfor -%}
                {%- set quoted_role = adapter.quote(role) -%}
                {%- set quoted_schema = adapter.quote(domain) -%}
                {%- do statements.append(
                    "do $$ begin create role " ~ quoted_role ~ " nologin; "
                    ~ "exception when duplicate_object then null; end $$") -%}
                {%- do statements.append("grant usage on schema " ~ quoted_schema ~ " to " ~ quoted_role) -%}
                {%- do statements.append(
                    "grant " ~ (privileges | map('upper') | join(', ')) ~ " on all tables in schema "
                    ~ quoted_schema ~ " to " ~ quoted_role) -%}
            {%- endfor -%}
            {{ log("grant_domain_roles: " ~ domain ~ ": " ~ (roles.keys() | join(', ')), info=true) }}
        {%- endif -%}
    {%- endfor -%}
    {{ return(statements | join(';\n')) }}
{% endmacro %}
