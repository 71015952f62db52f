-- An employee who works on a line works on a line of the employee's own factory.
select
    employees.employee_id,
    employees.factory_id,
    employees.line_id,
    lines.factory_id as line_factory_id
from {{ ref('master__employees') }} as employees
left join {{ ref('master__production_lines') }} as lines
    on employees.line_id = lines.line_id
where
    employees.line_id is not null
    and (lines.line_id is null or employees.factory_id is distinct from lines.factory_id)
