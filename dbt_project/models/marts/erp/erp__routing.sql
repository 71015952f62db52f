-- the bottleneck's machine minutes per unit: what the lot-size cap is paced by
with bottleneck as (
    select
        routing_id,
        max(machine_time / base_quantity) as minutes_per_unit
    from {{ ref('stg_erp__routing_operations') }}
    group by routing_id
)

select
    routing.routing_id,
    routing.routing_number,
    routing.material_id,
    routing.plant_id,
    cast('production' as varchar(30)) as routing_usage,
    cast('active' as varchar(30)) as routing_status,
    cast(routing.base_quantity as decimal(15, 4)) as base_quantity,
    routing.lot_size_from,
    -- at most ten days of 20 staffed hours at the bottleneck's pace, in hundreds
    cast(round(12000 / bottleneck.minutes_per_unit, -2) as decimal(15, 4)) as lot_size_to,
    routing.valid_from,
    cast(null as date) as valid_to,
    routing.created_by,
    routing.created_at,
    routing.created_at as updated_at
from {{ ref('stg_erp__routing') }} as routing
inner join bottleneck
    on routing.routing_id = bottleneck.routing_id
