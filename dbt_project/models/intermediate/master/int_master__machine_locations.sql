-- Where each machine stands: its line and that line's factory.
select
    machines.machine_id,
    machines.line_id,
    lines.factory_id
from {{ ref('stg_master__machines') }} as machines
left join {{ ref('stg_master__production_lines') }} as lines
    on machines.line_id = lines.line_id
