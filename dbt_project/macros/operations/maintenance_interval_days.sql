{#
    Days between two planned services of a machine on `schedule` (master
    machines.maintenance_schedule), as MES plans its maintenance windows
    (MAINTENANCE_PLANS in seeders/shopfloor.py).
#}
{% macro maintenance_interval_days(schedule) -%}
    case {{ schedule }}
        when 'daily' then 1
        when 'weekly' then 7
        when 'monthly' then 30
        when 'quarterly' then 91
        when 'semi-annual' then 182
        when 'annual' then 365
    end
{%- endmacro %}
