-- The operator and supervisor on duty per line and shift name: the first of the line's
-- operators (supervisors) who work that shift.
select
    line_id,
    shift as shift_name,
    min(case when role = 'operator' then employee_id end) as operator_id,
    min(case when role = 'supervisor' then employee_id end) as supervisor_id
from {{ ref('stg_master__employees') }}
where line_id is not null
group by line_id, shift
