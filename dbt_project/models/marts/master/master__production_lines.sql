with machine_counts as (
    select
        line_id,
        count(*) as machine_count
    from {{ ref('stg_master__machines') }}
    group by line_id
)

select
    lines.line_id,
    lines.factory_id,
    lines.line_name,
    lines.line_number,
    lines.product_category,
    lines.line_type,
    lines.design_capacity_units_per_hour,
    lines.installed_capacity_units_per_hour,
    lines.line_length_meters,
    cast(coalesce(machine_counts.machine_count, 0) as {{ dbt.type_int() }}) as num_stations,
    lines.automation_level,
    lines.commissioning_date,
    lines.status,
    lines.created_at
from {{ ref('stg_master__production_lines') }} as lines
left join machine_counts
    on lines.line_id = machine_counts.line_id
