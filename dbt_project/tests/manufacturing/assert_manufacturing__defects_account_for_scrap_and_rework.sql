-- Defects account for the scrap and rework they cause. A work order's defects are the
-- nonconforming units its inspections recorded: once its final inspection is in, those
-- dispositioned scrap add up to its scrapped units and those dispositioned rework to its
-- reworked units, exactly (tolerance 0); before that they cover no more than them (the
-- operations after the last inspection are not inspected yet).
with recorded as (
    select
        inspections.work_order_id,
        coalesce(sum(defects.quantity_affected) filter (where defects.disposition = 'scrap'), 0) as scrap_units,
        coalesce(sum(defects.quantity_affected) filter (where defects.disposition = 'rework'), 0) as rework_units,
        bool_or(inspections.inspection_type = 'final') as final_inspected
    from {{ ref('stg_manufacturing__inspections') }} as inspections
    left join {{ ref('stg_manufacturing__defects') }} as defects
        on inspections.inspection_id = defects.inspection_id
    group by inspections.work_order_id
)

select
    work_orders.work_order_id,
    work_orders.scrapped_quantity,
    recorded.scrap_units,
    work_orders.rework_quantity,
    recorded.rework_units
from {{ ref('manufacturing__work_orders') }} as work_orders
left join recorded
    on work_orders.work_order_id = recorded.work_order_id
where
    (
        recorded.final_inspected
        and (
            recorded.scrap_units <> work_orders.scrapped_quantity
            or recorded.rework_units <> work_orders.rework_quantity
        )
    )
    or coalesce(recorded.scrap_units, 0) > work_orders.scrapped_quantity
    or coalesce(recorded.rework_units, 0) > work_orders.rework_quantity
