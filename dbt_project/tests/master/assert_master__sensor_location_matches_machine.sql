-- A sensor's line and factory are those of its machine.
select
    sensors.sensor_id,
    sensors.machine_id,
    sensors.line_id,
    sensors.factory_id,
    machines.line_id as machine_line_id,
    machines.factory_id as machine_factory_id
from {{ ref('master__sensors') }} as sensors
left join {{ ref('master__machines') }} as machines
    on sensors.machine_id = machines.machine_id
where
    machines.machine_id is null
    or sensors.line_id is distinct from machines.line_id
    or sensors.factory_id is distinct from machines.factory_id
