-- Utilization: machine hours the production orders plan on the work center (order quantity x
-- machine time per base quantity) over its available hours in the production window.
with window_days as (
    select greatest(count(distinct basic_start_date), 1) as days
    from {{ ref('stg_erp__production_orders') }}
),

planned as (
    select
        operations.work_center_id,
        sum(orders.order_quantity * operations.machine_time / operations.base_quantity) / 60.0 as hours
    from {{ ref('stg_erp__production_orders') }} as orders
    inner join {{ ref('stg_erp__routing_operations') }} as operations
        on orders.routing_id = operations.routing_id
    group by operations.work_center_id
)

select
    work_centers.work_center_id,
    work_centers.work_center_code,
    work_centers.work_center_name,
    work_centers.plant_id,
    work_centers.cost_center_id,
    work_centers.work_center_category,
    cast(
        case work_centers.work_center_category when 'labor' then 'labor_hours' else 'machine_hours' end
        as varchar(50)
    ) as capacity_category,
    work_centers.available_capacity,
    cast(least(100, round(
        100.0 * coalesce(planned.hours, 0) / (work_centers.available_capacity * window_days.days), 2
    )) as decimal(5, 2)) as utilization_percentage,
    work_centers.hourly_rate,
    cast('USD' as varchar(3)) as currency,
    work_centers.queue_time_days,
    work_centers.setup_time_minutes,
    work_centers.line_id,
    work_centers.machine_id,
    true as is_active,
    work_centers.created_at
from {{ ref('stg_erp__work_centers') }} as work_centers
cross join window_days
left join planned
    on work_centers.work_center_id = planned.work_center_id
