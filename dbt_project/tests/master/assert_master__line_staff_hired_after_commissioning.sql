-- Staff assigned to a line joined once the line was commissioned; everyone joined once
-- their factory was operational.
select
    employees.employee_id,
    employees.hire_date,
    lines.commissioning_date,
    factories.operational_since
from {{ ref('master__employees') }} as employees
inner join {{ ref('master__factories') }} as factories
    on employees.factory_id = factories.factory_id
left join {{ ref('master__production_lines') }} as lines
    on employees.line_id = lines.line_id
where
    employees.hire_date < factories.operational_since
    or employees.hire_date < lines.commissioning_date
