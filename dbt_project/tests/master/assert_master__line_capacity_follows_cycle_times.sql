-- Capacity agrees with the cycle times (issue 9's enterprise model). A product's standard
-- cycle is the seconds per finished unit at its bottleneck, 15-120 s for automotive parts; a
-- line's installed capacity is what its bottleneck allows for the products it makes, 3600 /
-- their mean cycle on it (within 5 % and a unit, for rounding), below its design capacity;
-- and every machine of a line is rated at least at the line's pace.
with line_cycles as (
    select
        line_id,
        avg(standard_cycle_time_seconds) as cycle_seconds
    from {{ ref('master__line_product_mapping') }}
    group by line_id
),

slow_machines as (
    select
        machines.machine_id,
        machines.line_id
    from {{ ref('master__machines') }} as machines
    inner join {{ ref('master__production_lines') }} as lines
        on machines.line_id = lines.line_id
    where machines.design_capacity_units_per_hour < lines.installed_capacity_units_per_hour
)

select
    'product cycle outside 15-120 s' as problem,
    products.product_id as record_id
from {{ ref('master__products') }} as products
where products.standard_cycle_time_seconds not between 15 and 120

union all

select
    'installed capacity disagrees with the line''s cycle times' as problem,
    lines.line_id as record_id
from {{ ref('master__production_lines') }} as lines
inner join line_cycles
    on lines.line_id = line_cycles.line_id
where
    abs(lines.installed_capacity_units_per_hour - 3600 / line_cycles.cycle_seconds)
    > 0.05 * 3600 / line_cycles.cycle_seconds + 1
    or lines.installed_capacity_units_per_hour > lines.design_capacity_units_per_hour

union all

select
    'machine rated below its line''s pace' as problem,
    machine_id as record_id
from slow_machines
