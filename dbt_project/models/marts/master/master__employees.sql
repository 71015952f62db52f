select
    employees.employee_id,
    employees.factory_id,
    employees.line_id,
    employees.employee_code,
    employees.first_name,
    employees.last_name,
    employees.email,
    employees.phone,
    employees.role,
    employees.department,
    employees.skill_level,
    employees.shift,
    employees.hire_date,
    -- prior experience plus tenure here, capped to what DECIMAL(5,2) holds
    cast(
        least(
            coalesce(employees.prior_experience_years, 0)
            + {{ years_between('employees.hire_date', 'run_context.as_of_date') }},
            999.99
        ) as decimal(5, 2)
    ) as experience_years,
    employees.certifications,
    employees.status,
    employees.created_at
from {{ ref('stg_master__employees') }} as employees
cross join {{ ref('int_genims_meta__run_context') }} as run_context
