-- A machine's factory is its line's factory.
select
    machines.machine_id,
    machines.line_id,
    machines.factory_id,
    lines.factory_id as line_factory_id
from {{ ref('master__machines') }} as machines
left join {{ ref('master__production_lines') }} as lines
    on machines.line_id = lines.line_id
where
    lines.line_id is null
    or machines.factory_id is distinct from lines.factory_id
