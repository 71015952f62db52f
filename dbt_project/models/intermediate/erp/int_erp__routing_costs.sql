-- Conversion cost per unit of a routing: machine time at the work center's hourly rate plus
-- labor time at the standard labor rate (USD 32 per hour, as the seeder's standard costs).
select
    operations.routing_id,
    sum(
        (operations.machine_time / 60.0 * work_centers.hourly_rate + operations.labor_time / 60.0 * 32)
        / operations.base_quantity
    ) as conversion_cost_per_unit
from {{ ref('stg_erp__routing_operations') }} as operations
inner join {{ ref('stg_erp__work_centers') }} as work_centers
    on operations.work_center_id = work_centers.work_center_id
group by operations.routing_id
