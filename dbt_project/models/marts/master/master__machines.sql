select
    machines.machine_id,
    machines.line_id,
    locations.factory_id,
    machines.machine_name,
    machines.machine_code,
    machines.machine_type,
    machines.manufacturer,
    machines.model_number,
    machines.serial_number,
    machines.installation_date,
    machines.last_major_overhaul,
    machines.design_capacity_units_per_hour,
    machines.power_rating_kw,
    machines.maintenance_schedule,
    machines.criticality,
    machines.asset_value_usd,
    machines.expected_life_years,
    cast(
        {{ years_between('machines.installation_date', 'run_context.as_of_date') }} as decimal(5, 2)
    ) as current_age_years,
    machines.status,
    machines.created_at
from {{ ref('stg_master__machines') }} as machines
left join {{ ref('int_master__machine_locations') }} as locations
    on machines.machine_id = locations.machine_id
cross join {{ ref('int_genims_meta__run_context') }} as run_context
